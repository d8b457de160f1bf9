import Crypto
import Foundation
import GRDB

/// One vertical's replicated state, digested: every row of every ``ReplicatedTable`` and every
/// object in its ``Bucket``, each with its own SHA-256, and one SHA-256 over all of them. Two
/// verticals hold the same replicated state exactly when their ``sha256Hex`` are equal; when they
/// are not, ``differences(_:)`` names each row (table and key) or object that differs and what
/// each vertical holds. The convergence check and `simctl audit` both use it, so the simulator
/// needs no knowledge of the schema.
///
/// **What it covers.** Every column of every replicated table (``ReplicatedTable/columns``: the
/// key, the values, and the metadata `hlc`, `origin`, `deleted`, `updated_us`, all of which the
/// outbox payload carries and the consumer's upsert copies, so a converged vertical holds the
/// same values), tombstones included; and every regular file under the bucket's root except the
/// bucket's own temporary files (`.tmp-N` at the root, written before a rename), whether or not a
/// row references it. It leaves out the per-vertical bookkeeping: the `outbox` (what this vertical
/// wrote, with local sequence numbers), `sync_watermark` and `sync_peer` (how far this vertical
/// applied and was acknowledged), SQLite's and GRDB's own tables, and the in-memory counters.
///
/// **Encoding** (stable across versions; documented in docs/checks.md). A value is a tag byte
/// then its payload: `0` NULL; `1` INTEGER, 8 bytes big-endian two's complement; `2` REAL, the
/// 8-byte big-endian IEEE 754 bits; `3` TEXT, an 8-byte big-endian length then the UTF-8 bytes;
/// `4` BLOB, the same with the raw bytes. A row's digest is SHA-256 over the table name (as TEXT)
/// then its columns' values in ``ReplicatedTable/columns`` order. An object's digest is SHA-256 of
/// its bytes. The state digest is SHA-256 over the entries in order, each as its kind (TEXT `row`
/// or `object`), its name (the table, or the object key, as TEXT), for a row its key values (TEXT
/// each), and its 32-byte digest (BLOB). Order: tables in ``ReplicatedTable/all`` order, each by
/// primary key (SQLite's binary collation: bytewise UTF-8); then objects by key, bytewise UTF-8.
public struct StateDigest: Sendable, Equatable {
    /// What an entry digests: one row of a replicated table, or one bucket object.
    public enum Item: Hashable, Sendable, CustomStringConvertible {
        /// The row of `table` whose primary key columns hold `key` (in the table's key order).
        case row(table: String, key: [String])
        /// The bucket object under `key`.
        case object(key: String)

        /// `runbook id=r1`, `attachment runbook_id=r1 name=a.txt`, `object objects/ab/ab12…`.
        public var description: String {
            switch self {
            case .row(let table, let key):
                let columns = ReplicatedTable.all.first { $0.name == table }?.keyColumns ?? []
                let pairs = key.indices.map { index in
                    "\(index < columns.count ? columns[index] : "key\(index)")=\(key[index])"
                }
                return ([table] + pairs).joined(separator: " ")
            case .object(let key):
                return "object \(key)"
            }
        }
    }

    /// One row or object and its digest.
    public struct Entry: Sendable, Equatable {
        public let item: Item
        /// SHA-256 of the entry's canonical encoding (a row) or bytes (an object), lower-case hex.
        public let sha256Hex: String
        /// A short human account of the version held: `hlc H origin O` (`deleted` for a
        /// tombstone) for a row, `N bytes` for an object.
        public let version: String
    }

    /// Every row and object, in the canonical order.
    public let entries: [Entry]
    /// SHA-256 over all entries (see the type's documentation), lower-case hex.
    public let sha256Hex: String

    /// How many entries are rows (the rest are objects).
    public var rowCount: Int {
        entries.reduce(0) { count, entry in
            if case .row = entry.item { return count + 1 }
            return count
        }
    }
    /// How many entries are bucket objects.
    public var objectCount: Int { entries.count - rowCount }

    /// The digest of `entries`, which must be in the canonical order.
    public init(entries: [Entry]) {
        self.entries = entries
        var hasher = SHA256()
        var buffer = Data()
        for entry in entries {
            buffer.removeAll(keepingCapacity: true)
            switch entry.item {
            case .row(let table, let key):
                Self.encode(.text("row"), into: &buffer)
                Self.encode(.text(table), into: &buffer)
                for value in key { Self.encode(.text(value), into: &buffer) }
            case .object(let key):
                Self.encode(.text("object"), into: &buffer)
                Self.encode(.text(key), into: &buffer)
            }
            Self.encode(.blob(Self.bytes(hex: entry.sha256Hex)), into: &buffer)
            hasher.update(data: buffer)
        }
        sha256Hex = Bucket.hex(hasher.finalize())
    }

    /// Digests the replicated tables read through `db` and the bucket whose root is `bucketRoot`
    /// (read only; a missing root is an empty bucket).
    public static func read(_ db: Database, bucketRoot: URL) throws -> StateDigest {
        var entries: [Entry] = []
        for table in ReplicatedTable.all {
            try appendRows(of: table, db, to: &entries)
        }
        for key in try Bucket.storedKeys(root: bucketRoot) {
            let path = bucketRoot.path + "/" + key.path
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            entries.append(
                Entry(item: .object(key: key.key), sha256Hex: Bucket.sha256Hex(bytes), version: "\(bytes.count) bytes"))
        }
        return StateDigest(entries: entries)
    }

    private static func appendRows(of table: ReplicatedTable, _ db: Database, to entries: inout [Entry]) throws {
        let columns = table.columns
        let keyCount = table.keyColumns.count
        let hlcIndex = columns.firstIndex(of: "hlc")!
        let originIndex = columns.firstIndex(of: "origin")!
        let deletedIndex = columns.firstIndex(of: "deleted")!
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.keyColumns.joined(separator: ", "))"
        )
        var buffer = Data()
        while let row = try rows.next() {
            buffer.removeAll(keepingCapacity: true)
            encode(.text(table.name), into: &buffer)
            var key: [String] = []
            for index in columns.indices {
                let value = Value(row[index] as DatabaseValue)
                encode(value, into: &buffer)
                if index < keyCount { key.append(value.plain) }
            }
            let deleted = Value(row[deletedIndex] as DatabaseValue).plain
            let version =
                "hlc \(Value(row[hlcIndex] as DatabaseValue).plain) origin \(Value(row[originIndex] as DatabaseValue).plain)"
                + (deleted == "0" ? "" : " deleted")
            entries.append(
                Entry(
                    item: .row(table: table.name, key: key), sha256Hex: Bucket.sha256Hex(buffer), version: version))
        }
    }

    /// A typed SQLite value, as the encoding sees it.
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob(Data)

        init(_ value: DatabaseValue) {
            switch value.storage {
            case .null: self = .null
            case .int64(let number): self = .integer(number)
            case .double(let number): self = .real(number)
            case .string(let text): self = .text(text)
            case .blob(let bytes): self = .blob(bytes)
            }
        }

        /// The value as plain text (a key, a version line).
        var plain: String {
            switch self {
            case .null: return "NULL"
            case .integer(let number): return String(number)
            case .real(let number): return String(number)
            case .text(let text): return text
            case .blob(let bytes): return "x'\(Bucket.hex(bytes))'"
            }
        }
    }

    /// Appends the canonical encoding of `value` (see the type's documentation).
    static func encode(_ value: Value, into buffer: inout Data) {
        func bigEndian(_ number: UInt64) {
            withUnsafeBytes(of: number.bigEndian) { buffer.append(contentsOf: $0) }
        }
        switch value {
        case .null:
            buffer.append(0)
        case .integer(let number):
            buffer.append(1)
            bigEndian(UInt64(bitPattern: number))
        case .real(let number):
            buffer.append(2)
            bigEndian(number.bitPattern)
        case .text(let text):
            buffer.append(3)
            let bytes = Array(text.utf8)
            bigEndian(UInt64(bytes.count))
            buffer.append(contentsOf: bytes)
        case .blob(let bytes):
            buffer.append(4)
            bigEndian(UInt64(bytes.count))
            buffer.append(bytes)
        }
    }

    static func bytes(hex: String) -> Data {
        var out = Data()
        var high: UInt8?
        for character in hex.utf8 {
            let nibble: UInt8 =
                character >= 0x61 ? character - 0x61 + 10 : character >= 0x41 ? character - 0x41 + 10 : character - 0x30
            if let first = high {
                out.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }
}
