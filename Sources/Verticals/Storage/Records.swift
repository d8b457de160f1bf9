import GRDB

/// A runbook as stored and replicated. `deleted` rows are tombstones: they win or lose
/// last-writer-wins like any other write, and are hidden from the API.
public struct RunbookRow: Codable, Sendable, Equatable, FetchableRecord {
    public var id: String
    public var owner: String
    public var title: String
    public var body: String
    public var version: Int64
    public var hlc: Int64
    public var origin: String
    public var deleted: Int64
    public var updatedUs: Int64

    enum CodingKeys: String, CodingKey {
        case id, owner, title, body, version, hlc, origin, deleted
        case updatedUs = "updated_us"
    }

    public init(row: Row) {
        id = row[0]; owner = row[1]; title = row[2]; body = row[3]; version = row[4]
        hlc = row[5]; origin = row[6]; deleted = row[7]; updatedUs = row[8]
    }

    public init(
        id: String, owner: String, title: String, body: String, version: Int64, hlc: Int64,
        origin: String, deleted: Bool, updatedUs: Int64
    ) {
        self.id = id; self.owner = owner; self.title = title; self.body = body; self.version = version
        self.hlc = hlc; self.origin = origin; self.deleted = deleted ? 1 : 0; self.updatedUs = updatedUs
    }

    static let columns = "id, owner, title, body, version, hlc, origin, deleted, updated_us"

    /// The live or tombstoned row with `id`.
    public static func find(_ db: Database, id: String) throws -> RunbookRow? {
        let statement = try TypedStatement(db, sql: "SELECT \(columns) FROM runbook WHERE id = ?")
        statement.bind(1, id)
        return try statement.fetchOne { row in
            RunbookRow(
                id: row.text(0), owner: row.text(1), title: row.text(2), body: row.text(3), version: row.int64(4),
                hlc: row.int64(5), origin: row.text(6), deleted: row.int64(7), updatedUs: row.int64(8))
        }
    }

    init(
        id: String, owner: String, title: String, body: String, version: Int64, hlc: Int64, origin: String,
        deleted: Int64, updatedUs: Int64
    ) {
        self.id = id; self.owner = owner; self.title = title; self.body = body; self.version = version
        self.hlc = hlc; self.origin = origin; self.deleted = deleted; self.updatedUs = updatedUs
    }

    /// Inserts or, when `self` wins last-writer-wins over the stored row, replaces it.
    /// Returns whether the row changed. Local writes always carry a newer timestamp, so they win.
    @discardableResult
    public func upsertIfNewer(_ db: Database) throws -> Bool {
        try ReplicatedTable.runbook.upsert(db) { statement in
            statement.bind(1, id)
            statement.bind(2, owner)
            statement.bind(3, title)
            statement.bind(4, body)
            statement.bind(5, version)
            statement.bind(6, hlc)
            statement.bind(7, origin)
            statement.bind(8, deleted)
            statement.bind(9, updatedUs)
        }
    }
}

/// An attachment's metadata; its bytes live in the bucket under ``Bucket/objectKey(sha256:)``.
public struct AttachmentRow: Codable, Sendable, Equatable, FetchableRecord {
    public var runbookID: String
    public var name: String
    public var sha256: String
    public var size: Int64
    public var contentType: String
    public var hlc: Int64
    public var origin: String
    public var deleted: Int64
    public var updatedUs: Int64

    enum CodingKeys: String, CodingKey {
        case runbookID = "runbook_id"
        case name, sha256, size
        case contentType = "content_type"
        case hlc, origin, deleted
        case updatedUs = "updated_us"
    }

    public init(row: Row) {
        runbookID = row[0]; name = row[1]; sha256 = row[2]; size = row[3]; contentType = row[4]
        hlc = row[5]; origin = row[6]; deleted = row[7]; updatedUs = row[8]
    }

    public init(
        runbookID: String, name: String, sha256: String, size: Int64, contentType: String, hlc: Int64,
        origin: String, deleted: Bool, updatedUs: Int64
    ) {
        self.runbookID = runbookID; self.name = name; self.sha256 = sha256; self.size = size
        self.contentType = contentType; self.hlc = hlc; self.origin = origin; self.deleted = deleted ? 1 : 0
        self.updatedUs = updatedUs
    }

    static let columns = "runbook_id, name, sha256, size, content_type, hlc, origin, deleted, updated_us"

    /// The attachment `name` of runbook `runbookID`.
    public static func find(_ db: Database, runbookID: String, name: String) throws -> AttachmentRow? {
        let statement = try TypedStatement(
            db, sql: "SELECT \(columns) FROM attachment WHERE runbook_id = ? AND name = ?")
        statement.bind(1, runbookID)
        statement.bind(2, name)
        return try statement.fetchOne { row in
            var found = AttachmentRow(
                runbookID: row.text(0), name: row.text(1), sha256: row.text(2), size: row.int64(3),
                contentType: row.text(4), hlc: row.int64(5), origin: row.text(6), deleted: false,
                updatedUs: row.int64(8))
            found.deleted = row.int64(7)
            return found
        }
    }

    /// Inserts or replaces the stored row when `self` wins last-writer-wins; returns whether it changed.
    @discardableResult
    public func upsertIfNewer(_ db: Database) throws -> Bool {
        try ReplicatedTable.attachment.upsert(db) { statement in
            statement.bind(1, runbookID)
            statement.bind(2, name)
            statement.bind(3, sha256)
            statement.bind(4, size)
            statement.bind(5, contentType)
            statement.bind(6, hlc)
            statement.bind(7, origin)
            statement.bind(8, deleted)
            statement.bind(9, updatedUs)
        }
    }
}
