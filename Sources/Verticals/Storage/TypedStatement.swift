import GRDB
import GRDBSQLite

/// One of the hot statements of the simulated path (a point read, an upsert), bound with typed
/// values and stepped through SQLite's own API instead of GRDB's `StatementArguments` of
/// existentials and its row decoding: about a fifth of a request's instructions went there.
///
/// It wraps a statement from GRDB's cache (`db.cachedStatement(sql:)`), so GRDB still prepares,
/// caches and finalises it; a use resets it, binds every parameter, steps, and resets it again, so
/// no read stays open. Errors are GRDB's `DatabaseError`, as from any other statement.
///
/// ```swift
/// var statement = try TypedStatement(db, sql: "SELECT title FROM runbook WHERE id = ?")
/// statement.bind(1, "r1")
/// let title = try statement.fetchOne { $0.text(0) }
/// ```
struct TypedStatement {
    let statement: Statement
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?

    /// The cached statement for `sql`, reset and ready to bind.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(handle)
    }

    /// SQLite copies bound text at once (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds parameter `index` (from 1) to `text` (an empty string is text, never NULL).
    func bind(_ index: Int32, _ text: String) {
        var text = text
        let code = text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would bind as NULL.
            bytes.count == 0
                ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                : sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
        precondition(code == SQLITE_OK, "binding parameter \(index) of \(statement.sql): code \(code)")
    }

    /// Binds parameter `index` (from 1) to `value`.
    func bind(_ index: Int32, _ value: Int64) {
        let code = sqlite3_bind_int64(handle, index, value)
        precondition(code == SQLITE_OK, "binding parameter \(index) of \(statement.sql): code \(code)")
    }

    /// Binds parameter `index` (from 1) to NULL.
    func bindNull(_ index: Int32) {
        let code = sqlite3_bind_null(handle, index)
        precondition(code == SQLITE_OK, "binding parameter \(index) of \(statement.sql): code \(code)")
    }

    /// Runs the statement to completion (an insert, an upsert, its triggers).
    func execute() throws {
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_DONE: return
            case SQLITE_ROW: continue
            case let code: throw error(code)
            }
        }
    }

    /// The first row read by `read`, or nil when there is none.
    func fetchOne<T>(_ read: (Row) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return read(Row(handle: handle))
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Every row, each read by `read`.
    func fetchAll<T>(_ read: (Row) -> T) throws -> [T] {
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: rows.append(read(Row(handle: handle)))
            case SQLITE_DONE: return rows
            case let code: throw error(code)
            }
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: connection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }

    /// The current row: columns by index (from 0), as the schema declares them.
    struct Row {
        let handle: SQLiteStatement

        /// A TEXT column (empty for NULL).
        func text(_ column: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, column) else { return "" }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        /// An INTEGER column (0 for NULL).
        func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        /// Whether the column is NULL.
        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    }
}
