import Foundation
import GRDB
import HTTPTypes
import Mechanisms

/// What a request may touch, and whether each dependency is up (faults turn them off).
public struct DependencyHealth: Sendable, Equatable {
    public var databaseUp = true
    public var bucketUp = true
    public init() {}
}
