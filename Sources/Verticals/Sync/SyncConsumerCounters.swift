import Foundation
import GRDB
import Mechanisms

/// Counters of a consumer's decisions.
public struct SyncConsumerCounters: Sendable, Equatable {
    public var envelopes = 0
    public var applied = 0
    public var duplicates = 0
    public var gaps = 0
    public var emittedDuringApply = 0
    public var rejected: [SyncRejection: Int] = [:]

    public func rejectedCount(_ reason: SyncRejection) -> Int { rejected[reason] ?? 0 }
    public var totalRejected: Int { rejected.values.reduce(0, +) }
}
