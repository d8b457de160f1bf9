import Foundation
import Mechanisms

/// What the edge does with a request before it reaches a vertical.
public enum EdgeDecision: Sendable, Equatable {
    /// Forward to `vertical`; `setCookie` is the `Set-Cookie` value to add to the response, when
    /// the session is new or its pin changed.
    case forward(vertical: String, setCookie: String?)
    /// No target is healthy: the edge answers 503 itself.
    case unavailable
}
