import Foundation
import GRDB
import GRDBSQLite
import Mechanisms

/// The outbox head (the highest seq the outbox ever assigned), followed from the inserts
/// themselves: SQLite's update hook reports every row inserted into `outbox` (by a trigger or by
/// the dual write's second step), so the head after a commit is known without reading it back.
/// Only the replicated tables' outbox is a rowid table, so the hook fires for nothing else that
/// the simulation writes often.
final class OutboxHeadTracker: @unchecked Sendable {
    // Only touched from the single simulation thread (the hook runs inside a statement's step).
    /// The head as of the last commit.
    var committed: Int64 = 0
    /// The head including the current transaction's inserts.
    var pending: Int64 = 0

    /// Installs the update hook on `db`'s connection; `tracker` must outlive the connection.
    static func install(_ tracker: OutboxHeadTracker, on db: Database) {
        sqlite3_update_hook(
            db.sqliteConnection,
            { context, operation, _, table, rowID in
                guard operation == SQLITE_INSERT, let table, strcmp(table, "outbox") == 0, let context else { return }
                let tracker = Unmanaged<OutboxHeadTracker>.fromOpaque(context).takeUnretainedValue()
                if rowID > tracker.pending { tracker.pending = rowID }
            }, Unmanaged.passUnretained(tracker).toOpaque())
    }
}
