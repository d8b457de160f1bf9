import Foundation
import GRDB
import Mechanisms

/// One event a consumer applied (or found already applied), for propagation measurements.
public struct AppliedEvent: Sendable, Equatable {
    public var origin: String
    public var seq: Int64
    public var committedUs: Int64
    public var entity: String
    public var key: String
}
