import Crypto
import Foundation
import GRDB
import Verticals

/// End-of-run audits over every vertical's durable state: digests for convergence, and the
/// acknowledged writes each vertical holds, for lost writes.
enum ConvergenceAudit {
    /// SHA-256 over a vertical's runbook and attachment rows (all replicated columns, in key
    /// order) and the bytes of every live attachment's object. A referenced object that is
    /// missing or corrupt changes the digest.
    static func digest(_ vertical: Vertical) throws -> String {
        var hasher = SHA256()
        let attachments = try vertical.database.read { db -> [AttachmentRow] in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, owner, title, body, version, hlc, origin, deleted FROM runbook ORDER BY id")
            while let row = try rows.next() {
                hasher.update(data: Data("\(row)\n".utf8))
            }
            return try AttachmentRow.fetchAll(
                db,
                sql: """
                    SELECT runbook_id, name, sha256, size, content_type, hlc, origin, deleted, updated_us
                    FROM attachment ORDER BY runbook_id, name
                    """)
        }
        for row in attachments {
            hasher.update(
                data: Data(
                    "\(row.runbookID)|\(row.name)|\(row.sha256)|\(row.size)|\(row.hlc)|\(row.origin)|\(row.deleted)\n"
                        .utf8))
            if row.deleted == 0 {
                let bytes = try vertical.bucket.get(Bucket.objectKey(sha256: row.sha256))
                let actual = bytes.map(Bucket.sha256Hex) ?? "missing"
                hasher.update(data: Data("object \(actual)\n".utf8))
            }
        }
        return Bucket.hex(hasher.finalize())
    }

    /// The stored timestamp of each object key on `vertical` (nil when absent).
    static func storedTimestamps(_ vertical: Vertical, objects: [String]) throws -> [Int64?] {
        try vertical.database.read { db in
            let runbook = try db.cachedStatement(sql: "SELECT hlc FROM runbook WHERE id = ?")
            let attachment = try db.cachedStatement(sql: "SELECT hlc FROM attachment WHERE runbook_id = ? AND name = ?")
            return try objects.map { object -> Int64? in
                if object.hasPrefix("runbook:") {
                    return try Int64.fetchOne(runbook, arguments: [String(object.dropFirst("runbook:".count))])
                }
                let rest = object.dropFirst("attachment:".count)
                guard let slash = rest.lastIndex(of: "/") else { return nil }
                return try Int64.fetchOne(
                    attachment, arguments: [String(rest[..<slash]), String(rest[rest.index(after: slash)...])])
            }
        }
    }
}
