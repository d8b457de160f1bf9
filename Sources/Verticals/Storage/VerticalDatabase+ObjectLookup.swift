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
                let statement = try db.cachedStatement(sql: object.table.timestampSQL)
                return try Int64.fetchOne(statement, arguments: StatementArguments(object.key))
            }
        }
    }
}
