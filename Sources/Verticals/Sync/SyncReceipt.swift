import Foundation
import GRDB
import Mechanisms

/// What a consumer did with one envelope.
public struct SyncReceipt: Sendable {
    /// The answer to send back to the origin.
    public var ack: SyncAck
    /// Events newly applied, in seq order.
    public var applied: [AppliedEvent] = []
    /// Events skipped because they were already applied (duplicates, retransmissions).
    public var duplicates = 0
    /// Outbox rows written while applying: non-zero only if the consumer flag failed.
    public var emittedDuringApply = 0
    /// True when an event was missing before this batch (the rest waits for gap-fill).
    public var gap = false
    /// Set when the batch was refused as `unavailable` because the vertical's own storage failed
    /// (an SQLite or file error): the error, on one line.
    public var storageError: String?

    public init(ack: SyncAck) {
        self.ack = ack
    }
}
