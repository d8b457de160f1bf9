import Foundation
import GRDB
import Mechanisms

/// Outbox rows waiting to be written after their change committed: used only when the
/// `outbox-transaction` mechanism is removed (the dual-write bug). Filled by the triggers through
/// the SQL function `sync_defer_outbox(...)`; lost if the vertical crashes before the relay writes
/// them.
final class DeferredOutbox: @unchecked Sendable {
    struct Row {
        var entity: String
        var key: String
        var payload: String
        var hlc: Int64
        var committedUs: Int64
    }
    // Only touched from the single simulation thread.
    var rows: [Row] = []
}
