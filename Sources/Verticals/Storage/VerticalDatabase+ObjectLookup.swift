import Foundation
import GRDB

/// Looking up the stored version of typed object references, for the checkers that judge what
/// a vertical kept (lost writes, lost updates) without knowing the schema.
extension VerticalDatabase {
    /// The stored hybrid-logical timestamp of each object, in the order given: the row's `hlc`
    /// (a tombstone's too), or nil when the vertical holds no row for it.
    public func storedTimestamps(of objects: [ObjectRef]) throws -> [Int64?] {
        try read { db in
            try objects.map { object -> Int64? in
                // Typed binds, no key array or table description per look-up (one a request).
                let statement: TypedStatement
                switch object {
                case .runbook(let id):
                    statement = try TypedStatement(db, sql: Self.runbookTimestampSQL)
                    statement.bind(1, id)
                case .attachment(let runbookID, let name):
                    statement = try TypedStatement(db, sql: Self.attachmentTimestampSQL)
                    statement.bind(1, runbookID)
                    statement.bind(2, name)
                }
                return try statement.fetchOne { $0.int64(0) }
            }
        }
    }

    private static let runbookTimestampSQL = ReplicatedTable.runbook.timestampSQL
    private static let attachmentTimestampSQL = ReplicatedTable.attachment.timestampSQL
}
