import Foundation
import Mechanisms

/// What the edge does with a vertical's answer.
public enum EdgeRetry: Sendable, Equatable {
    /// Pass the response to the client.
    case deliver
    /// Retry once on `vertical`, rewriting the session's cookie to it.
    case retry(vertical: String, setCookie: String)
}
