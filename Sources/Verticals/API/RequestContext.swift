import Foundation
import GRDB
import HTTPTypes
import Mechanisms

/// The context of one request: the vertical's clock reading, its request id and dependencies.
public struct RequestContext {
    public var nowUs: Int64
    public var requestID: String
    public var health: DependencyHealth
}
