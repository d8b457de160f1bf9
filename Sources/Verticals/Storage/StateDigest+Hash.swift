import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// The state digest alone, without its entries: what the end-of-run convergence check needs.
extension StateDigest {
    /// The ``sha256Hex`` that ``read(_:bucketRoot:)`` gives for the same database and bucket, byte
    /// for byte the same encoding, computed without building the entries: no row or key strings,
    /// no version lines, no hex round trip. Each row's columns are read from SQLite's own buffers;
    /// a TEXT value is taken as GRDB reads it (up to its first NUL, invalid UTF-8 repaired) so the
    /// bytes digested are those ``read(_:bucketRoot:)`` digests. Call ``read(_:bucketRoot:)`` when
    /// two verticals' hashes differ, to name the differences.
    ///
    /// A run ends with one per vertical; with a few hundred rows it is most of what the audit
    /// costs (a fuzz campaign pays it once a seed).
    public static func sha256Hex(_ db: Database, bucketRoot: URL) throws -> String {
        var total = SHA256()
        var entry: [UInt8] = []
        var row: [UInt8] = []
        entry.reserveCapacity(256)
        row.reserveCapacity(1024)
        for table in ReplicatedTable.all {
            let columns = table.columns
            let keyCount = Int32(table.keyColumns.count)
            let statement = try db.makeStatement(
                sql:
                    "SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.keyColumns.joined(separator: ", "))"
            )
            let sqlite = statement.sqliteStatement
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil {
                row.removeAll(keepingCapacity: true)
                entry.removeAll(keepingCapacity: true)
                appendText(table.name.utf8, into: &row)
                appendText("row".utf8, into: &entry)
                appendText(table.name.utf8, into: &entry)
                for index in 0..<Int32(columns.count) {
                    appendColumn(sqlite, index, into: &row)
                    if index < keyCount { appendPlainColumn(sqlite, index, into: &entry) }
                }
                let digest = SHA256.hash(data: row)
                entry.append(4)
                appendLength(UInt64(SHA256.byteCount), into: &entry)
                entry.append(contentsOf: digest)
                total.update(data: entry)
            }
        }
        for key in try Bucket.storedKeys(root: bucketRoot) {
            let path = bucketRoot.path + "/" + key.path
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            entry.removeAll(keepingCapacity: true)
            appendText("object".utf8, into: &entry)
            appendText(key.key.utf8, into: &entry)
            entry.append(4)
            appendLength(UInt64(SHA256.byteCount), into: &entry)
            entry.append(contentsOf: SHA256.hash(data: bytes))
            total.update(data: entry)
        }
        return Bucket.hex(total.finalize())
    }

    /// An 8-byte big-endian length or number.
    private static func appendLength(_ number: UInt64, into buffer: inout [UInt8]) {
        withUnsafeBytes(of: number.bigEndian) { buffer.append(contentsOf: $0) }
    }

    /// A TEXT value: tag 3, length, bytes.
    private static func appendText(_ bytes: some Collection<UInt8>, into buffer: inout [UInt8]) {
        buffer.append(3)
        appendLength(UInt64(bytes.count), into: &buffer)
        buffer.append(contentsOf: bytes)
    }

    /// Column `index` of the current row in the canonical encoding (``encode(_:into:)``).
    private static func appendColumn(_ sqlite: SQLiteStatement, _ index: Int32, into buffer: inout [UInt8]) {
        switch sqlite3_column_type(sqlite, index) {
        case SQLITE_NULL:
            buffer.append(0)
        case SQLITE_INTEGER:
            buffer.append(1)
            appendLength(UInt64(bitPattern: sqlite3_column_int64(sqlite, index)), into: &buffer)
        case SQLITE_FLOAT:
            buffer.append(2)
            appendLength(sqlite3_column_double(sqlite, index).bitPattern, into: &buffer)
        case SQLITE_TEXT:
            withText(sqlite, index) { appendText($0, into: &buffer) }
        default:
            let count = Int(sqlite3_column_bytes(sqlite, index))
            buffer.append(4)
            appendLength(UInt64(count), into: &buffer)
            if count > 0, let bytes = sqlite3_column_blob(sqlite, index) {
                buffer.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
            }
        }
    }

    /// Column `index` as a key part: its plain text (``Value/plain``) as a TEXT value.
    private static func appendPlainColumn(_ sqlite: SQLiteStatement, _ index: Int32, into buffer: inout [UInt8]) {
        switch sqlite3_column_type(sqlite, index) {
        case SQLITE_TEXT:
            withText(sqlite, index) { appendText($0, into: &buffer) }
        case SQLITE_NULL:
            appendText("NULL".utf8, into: &buffer)
        case SQLITE_INTEGER:
            appendText(String(sqlite3_column_int64(sqlite, index)).utf8, into: &buffer)
        case SQLITE_FLOAT:
            appendText(String(sqlite3_column_double(sqlite, index)).utf8, into: &buffer)
        default:
            let count = Int(sqlite3_column_bytes(sqlite, index))
            let bytes =
                count > 0 ? sqlite3_column_blob(sqlite, index).map { Data(bytes: $0, count: count) } ?? Data() : Data()
            appendText("x'\(Bucket.hex(bytes))'".utf8, into: &buffer)
        }
    }

    /// The UTF-8 bytes GRDB's `String(cString:)` would give for TEXT column `index`: SQLite's own
    /// bytes when they are ASCII up to the first NUL (every key and value the API writes), else
    /// the repaired string's.
    private static func withText(
        _ sqlite: SQLiteStatement, _ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let text = sqlite3_column_text(sqlite, index) else {
            body(UnsafeBufferPointer(start: nil, count: 0))
            return
        }
        let stored = Int(sqlite3_column_bytes(sqlite, index))
        var length = 0
        var ascii = true
        while length < stored, text[length] != 0 {
            if text[length] >= 0x80 { ascii = false }
            length += 1
        }
        if ascii {
            body(UnsafeBufferPointer(start: text, count: length))
        } else {
            var string = String(cString: text)
            string.withUTF8 { body($0) }
        }
    }
}
