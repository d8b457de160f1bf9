import Foundation
import GRDB
import Mechanisms

/// A table whose rows replicate through the outbox, described once so that its schema, its outbox
/// triggers, its merge rule and the consumer's apply all come from the same column list.
///
/// Every replicated table carries `hlc`, `origin`, `deleted` (tombstone) and `updated_us`.
/// The merge rule is last-writer-wins on `(hlc, origin)`, or, for counters that only move
/// forward (a TOTP step, a sign counter), the larger value first and last-writer-wins on ties.
public struct ReplicatedTable: Sendable {
    public let name: String
    /// The entity name in outbox rows and sync events.
    public let entity: String
    public let keyColumns: [String]
    /// Column name and SQL type of the non-key, non-metadata columns.
    public let valueColumns: [(String, String)]
    /// When set, the column whose larger value wins before timestamps are compared.
    public let monotonicColumn: String?

    static let metadataColumns: [(String, String)] = [
        ("hlc", "INTEGER NOT NULL"), ("origin", "TEXT NOT NULL"), ("deleted", "INTEGER NOT NULL DEFAULT 0"),
        ("updated_us", "INTEGER NOT NULL"),
    ]

    /// Every column, keys first, in the order of the upsert's arguments (built once).
    public let columns: [String]

    /// `CREATE TABLE`.
    var createSQL: String {
        let keys = keyColumns.map { "\($0) TEXT NOT NULL" }
        let values = (valueColumns + Self.metadataColumns).map { "\($0.0) \($0.1)" }
        return
            "CREATE TABLE \(name) (\((keys + values).joined(separator: ", ")), PRIMARY KEY (\(keyColumns.joined(separator: ", ")))) WITHOUT ROWID"
    }

    /// The SQL expression of a row's outbox key: key columns joined with `/`.
    private var keyExpression: String {
        keyColumns.map { "NEW.\($0)" }.joined(separator: " || '/' || ")
    }

    /// The name of the outbox trigger for `event` (`INSERT` or `UPDATE`).
    func triggerName(_ event: String) -> String { "\(name)_outbox_\(event.lowercased())" }

    /// Whether changes of kind `event` to this table replicate. The one place the
    /// `revocation-sync` and `single-use-sync` mechanisms live: without them, revocations and
    /// password changes, or the used marks of TOTP steps and recovery codes, stay on the vertical
    /// that wrote them (as if the developer had left them out of the replicated set).
    func replicates(_ event: String, disabled: DisabledMechanisms) -> Bool {
        switch (entity, event) {
        case ("revoked_token", _), ("account", "UPDATE"): return !disabled.removes(.revocationSync)
        case ("totp_state", "UPDATE"), ("recovery_code", "UPDATE"): return !disabled.removes(.singleUseSync)
        default: return true
        }
    }

    /// The `AFTER INSERT` or `AFTER UPDATE` trigger writing the outbox row in the same transaction,
    /// skipped while the transaction's consumer flag is set; nil when such changes do not
    /// replicate. The one place the `outbox-transaction` mechanism lives: without it the trigger
    /// only hands the row to ``VerticalDatabase/writeDeferredOutbox()``, which writes it after the
    /// commit, in a separate step (the dual-write bug).
    func triggerSQL(_ event: String, disabled: DisabledMechanisms = .none) -> String? {
        guard replicates(event, disabled: disabled) else { return nil }
        let json = columns.map { "'\($0)', NEW.\($0)" }.joined(separator: ", ")
        let values = "'\(entity)', \(keyExpression), json_object(\(json)), NEW.hlc, NEW.updated_us"
        let action =
            disabled.removes(.outboxTransaction)
            ? "SELECT sync_defer_outbox(\(values));"
            : "INSERT INTO outbox(entity, entity_key, payload, hlc, committed_us) VALUES (\(values));"
        return """
            CREATE TRIGGER \(triggerName(event)) AFTER \(event) ON \(name)
            WHEN NOT sync_is_consumer()
            BEGIN
                \(action)
            END
            """
    }

    /// Insert, or replace when the incoming row wins the merge rule (built once).
    public let upsertSQL: String
    /// `SELECT hlc` of the row with the given key values (built once).
    public let timestampSQL: String

    public init(
        name: String, entity: String, keyColumns: [String], valueColumns: [(String, String)],
        monotonicColumn: String?
    ) {
        self.name = name
        self.entity = entity
        self.keyColumns = keyColumns
        self.valueColumns = valueColumns
        self.monotonicColumn = monotonicColumn
        columns = keyColumns + valueColumns.map(\.0) + Self.metadataColumns.map(\.0)
        upsertSQL = Self.makeUpsertSQL(
            name: name, keyColumns: keyColumns, columns: columns, monotonicColumn: monotonicColumn)
        timestampSQL =
            "SELECT hlc FROM \(name) WHERE \(keyColumns.map { "\($0) = ?" }.joined(separator: " AND "))"
    }

    private static func makeUpsertSQL(
        name: String, keyColumns: [String], columns: [String],
        monotonicColumn: String?
    ) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let updates = columns.filter { !keyColumns.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(
            separator: ", ")
        let lww = "excluded.hlc > \(name).hlc OR (excluded.hlc = \(name).hlc AND excluded.origin > \(name).origin)"
        let wins =
            monotonicColumn.map {
                "excluded.\($0) > \(name).\($0) OR (excluded.\($0) = \(name).\($0) AND (\(lww)))"
            } ?? lww
        return """
            INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
            ON CONFLICT(\(keyColumns.joined(separator: ", "))) DO UPDATE SET \(updates) WHERE \(wins)
            """
    }

    /// Upserts `values` (in ``columns`` order); returns whether the row changed.
    @discardableResult
    public func upsert(_ db: Database, _ values: [(any DatabaseValueConvertible)?]) throws -> Bool {
        precondition(values.count == columns.count, "\(name): \(values.count) values for \(columns.count) columns")
        try db.cachedStatement(sql: upsertSQL).execute(arguments: StatementArguments(values))
        return db.changesCount > 0
    }

    /// Upserts the values `bind` binds to the statement's parameters (1 to ``columns``'s count,
    /// in that order); returns whether the row changed. The typed form of ``upsert(_:_:)`` for
    /// the hot path.
    @discardableResult
    func upsert(_ db: Database, bind: (TypedStatement) throws -> Void) throws -> Bool {
        let statement = try TypedStatement(db, sql: upsertSQL)
        try bind(statement)
        try statement.execute()
        return db.changesCount > 0
    }

    /// Applies a replicated row (the JSON object the outbox trigger wrote, parsed).
    @discardableResult
    public func apply(_ db: Database, row object: JSONValue) throws -> Bool {
        // The outbox trigger writes the columns in ``columns`` order, so the member at the same
        // position is nearly always the one wanted; a parsed object's keys are unique, so a match
        // there is the only match. Anything else is looked up by name.
        let pairs: [(String, JSONValue)]
        if case .object(let members) = object { pairs = members } else { pairs = [] }
        return try upsert(db) { statement in
            for (index, column) in columns.enumerated() {
                let parameter = Int32(index + 1)
                let member = index < pairs.count && pairs[index].0 == column ? pairs[index].1 : object[column]
                switch member {
                case .string(let text)?: statement.bind(parameter, text)
                case .null?, nil: statement.bindNull(parameter)
                case let number?:
                    guard let value = number.int64Value else { throw SyncApplyError.malformedPayload(entity) }
                    statement.bind(parameter, value)
                }
            }
        }
    }

    public static let runbook = ReplicatedTable(
        name: "runbook", entity: "runbook", keyColumns: ["id"],
        valueColumns: [
            ("owner", "TEXT NOT NULL"), ("title", "TEXT NOT NULL"), ("body", "TEXT NOT NULL"),
            ("version", "INTEGER NOT NULL"),
        ],
        monotonicColumn: nil)

    public static let attachment = ReplicatedTable(
        name: "attachment", entity: "attachment", keyColumns: ["runbook_id", "name"],
        valueColumns: [("sha256", "TEXT NOT NULL"), ("size", "INTEGER NOT NULL"), ("content_type", "TEXT NOT NULL")],
        monotonicColumn: nil)

    /// One account per normalised email: the key is derived from the email, so the same email
    /// signing up on two verticals is one row (last writer wins), never two accounts.
    public static let account = ReplicatedTable(
        name: "account", entity: "account", keyColumns: ["id"],
        valueColumns: [
            ("email", "TEXT NOT NULL"), ("password_hash", "TEXT NOT NULL"),
            ("password_version", "INTEGER NOT NULL"), ("totp_secret", "TEXT NOT NULL"),
            ("webauthn_key", "TEXT NOT NULL"), ("webauthn_rp_id", "TEXT NOT NULL"),
        ],
        monotonicColumn: "password_version")

    /// The last TOTP time step accepted for an account (RFC 6238 §5.2); only moves forward.
    public static let totpState = ReplicatedTable(
        name: "totp_state", entity: "totp_state", keyColumns: ["account_id"],
        valueColumns: [("last_step", "INTEGER NOT NULL")], monotonicColumn: "last_step")

    /// The last WebAuthn sign counter accepted for an account; only moves forward.
    public static let webauthnState = ReplicatedTable(
        name: "webauthn_state", entity: "webauthn_state", keyColumns: ["account_id"],
        valueColumns: [("sign_count", "INTEGER NOT NULL")], monotonicColumn: "sign_count")

    /// Hashed single-use recovery codes; `used` only moves from 0 to 1.
    public static let recoveryCode = ReplicatedTable(
        name: "recovery_code", entity: "recovery_code", keyColumns: ["account_id", "idx"],
        valueColumns: [("code_hash", "TEXT NOT NULL"), ("used", "INTEGER NOT NULL")], monotonicColumn: "used")

    /// Revoked token ids (logout).
    public static let revokedToken = ReplicatedTable(
        name: "revoked_token", entity: "revoked_token", keyColumns: ["jti"],
        valueColumns: [("account_id", "TEXT NOT NULL"), ("expires_unix", "INTEGER NOT NULL")], monotonicColumn: nil)

    /// Every replicated table, in the order digests and audits visit them.
    public static let all: [ReplicatedTable] = [
        runbook, attachment, account, totpState, webauthnState, recoveryCode,
        revokedToken,
    ]

    /// The table for an entity name.
    public static func named(_ entity: String) -> ReplicatedTable? {
        switch entity {
        case "runbook": return runbook
        case "attachment": return attachment
        default: return all.first { $0.entity == entity }
        }
    }
}
