import Crypto
import Foundation
import GRDB
import Verticals

/// A vertical's replicated state, digested table by table so that two verticals can be compared
/// after they stop: SHA-256 over every row of each replicated table in key order (every
/// replicated column but `updated_us`, the local apply time), and over the bytes of each live
/// attachment's object. Equal digests on every table: the verticals converged.
///
/// This is the live mode's own comparison, per table; the simulator's end-of-run audit
/// (`ConvergenceAudit`) digests runbooks and attachments as one value.
struct StateDigest: Sendable, Equatable {
    /// Per table: its row count and digest, in ``ReplicatedTable/all`` order, then `objects`.
    var tables: [(name: String, rows: Int, sha256: String)]

    static func == (lhs: StateDigest, rhs: StateDigest) -> Bool {
        lhs.tables.map { "\($0.name)|\($0.rows)|\($0.sha256)" }
            == rhs.tables.map { "\($0.name)|\($0.rows)|\($0.sha256)" }
    }

    /// Reads `vertical`'s state (synchronously, on its actor).
    static func of(_ vertical: Vertical) throws -> StateDigest {
        var tables: [(String, Int, String)] = []
        var objects: [String] = []
        try vertical.database.read { db in
            for table in ReplicatedTable.all {
                let columns = table.columns.filter { $0 != "updated_us" }
                var hasher = SHA256()
                var count = 0
                let rows = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.keyColumns.joined(separator: ", "))"
                )
                while let row = try rows.next() {
                    hasher.update(data: Data("\(row)\n".utf8))
                    count += 1
                }
                tables.append((table.name, count, Bucket.hex(hasher.finalize())))
            }
            objects = try String.fetchAll(
                db, sql: "SELECT sha256 FROM attachment WHERE deleted = 0 ORDER BY runbook_id, name")
        }
        var hasher = SHA256()
        for sha in objects {
            let bytes = try vertical.bucket.get(Bucket.objectKey(sha256: sha))
            hasher.update(data: Data("\(sha) \(bytes.map(Bucket.sha256Hex) ?? "missing")\n".utf8))
        }
        tables.append(("objects", objects.count, Bucket.hex(hasher.finalize())))
        return StateDigest(tables: tables)
    }

    /// The tables whose digests differ between `self` and `other`.
    func differences(from other: StateDigest) -> [String] {
        zip(tables, other.tables).filter { $0.rows != $1.rows || $0.sha256 != $1.sha256 }.map(\.0.name)
    }
}
