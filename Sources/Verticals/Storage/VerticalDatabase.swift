import Foundation
import GRDB
import GRDBSQLite
import Mechanisms

/// One vertical's SQLite database (WAL) with its schema, outbox triggers and consumer flag.
///
/// Every change to a replicated table writes its outbox row from a trigger in the same
/// transaction, so a change and its outbox row commit or roll back together. The triggers skip
/// the outbox while the transaction's consumer flag is set, so applying a peer's change does not
/// emit it again.
public final class VerticalDatabase {
    /// The GRDB connection. Kept synchronous: the simulation runs on one thread.
    public let queue: DatabaseQueue
    let consumerFlag = ConsumerFlag()
    let deferred = DeferredOutbox()
    /// Kept alive by the configuration's closure too, so it outlives the connection.
    let outboxTracker = OutboxHeadTracker()
    /// The mechanisms removed from this run (ablations); see ``ReplicatedTable/triggerSQL(_:disabled:)``
    /// and ``consumerWrite(_:)``.
    public let disabled: DisabledMechanisms

    /// Opens (creating if needed) the database at `path`, migrates it and installs the outbox
    /// triggers the design calls for, less the mechanisms in `disabled`.
    public init(path: String, disabled: DisabledMechanisms = .none) throws {
        self.disabled = disabled
        var configuration = Configuration()
        let flag = consumerFlag
        let deferred = deferred
        let tracker = outboxTracker
        configuration.prepareDatabase { db in
            OutboxHeadTracker.install(tracker, on: db)
            // The simulation is the file's one owner: without this, SQLite takes and drops
            // fcntl locks on every transaction (about 4 % of a realistic run's time). Set before
            // WAL, so the WAL index lives in the heap instead of a shared-memory file.
            _ = try String.fetchOne(db, sql: "PRAGMA locking_mode = EXCLUSIVE")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(
                function: DatabaseFunction("sync_is_consumer", argumentCount: 0, pure: false) { _ in
                    flag.isSet
                })
            db.add(
                function: DatabaseFunction("sync_defer_outbox", argumentCount: 5, pure: false) { values in
                    deferred.rows.append(
                        DeferredOutbox.Row(
                            entity: String.fromDatabaseValue(values[0]) ?? "",
                            key: String.fromDatabaseValue(values[1]) ?? "",
                            payload: String.fromDatabaseValue(values[2]) ?? "",
                            hlc: Int64.fromDatabaseValue(values[3]) ?? 0,
                            committedUs: Int64.fromDatabaseValue(values[4]) ?? 0))
                    return nil
                })
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(queue)
        try queue.write { db in
            // A file that already holds exactly these triggers (a fuzz seed's copy of its
            // campaign's template, a live data folder served again) keeps them: dropping and
            // creating them is most of what opening a migrated file costs.
            let wanted = Self.outboxTriggers(disabled: disabled)
            var installed: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
                let name: String = row[0]
                if Self.outboxTriggerNames.contains(name) { installed[name] = row[1] }
            }
            guard installed != wanted else { return }
            for table in ReplicatedTable.all {
                for event in ["INSERT", "UPDATE"] {
                    try db.execute(sql: "DROP TRIGGER IF EXISTS \(table.triggerName(event))")
                    if let sql = table.triggerSQL(event, disabled: disabled) { try db.execute(sql: sql) }
                }
            }
        }
        let head = try queue.writeWithoutTransaction { db in try SyncConsumer.outboxHead(db) }
        outboxTracker.committed = head
        outboxTracker.pending = head
    }

    /// The highest seq the outbox ever assigned, as of the last commit (rows up to every peer's
    /// watermark are pruned, the head stays). Followed from the inserts, never read back.
    public var outboxHead: Int64 { outboxTracker.committed }

    /// The outbox head including the inserts of the transaction in progress (inside ``write(_:)``;
    /// equal to ``outboxHead`` outside one): what `sqlite_sequence` would say now, without a read.
    var pendingOutboxHead: Int64 { outboxTracker.pending }

    /// Checkpoints the write-ahead log into the `.sqlite` file (TRUNCATE) and closes the
    /// connection, so the file holds every row by itself and nothing keeps it open. The database
    /// cannot be used afterwards. Used at the end of a run and when a live server stops.
    public func checkpointAndClose() throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
    }

    /// Transactions run so far (write and read), for the cost-per-write figures.
    public private(set) var writeTransactions = 0
    public private(set) var readAccesses = 0

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on error).
    ///
    /// GRDB's own `write` compiles its BEGIN and COMMIT statements on every call; these are
    /// cached, which matters at tens of thousands of transactions per second.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        writeTransactions += 1
        let deferredBefore = deferred.rows.count
        let tracker = outboxTracker
        return try queue.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            tracker.pending = tracker.committed
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                tracker.committed = tracker.pending
                // Debug builds (the test suite) check the followed head against the stored one
                // (try?-ok: an unreadable head is the next statement's storage error).
                assert((try? SyncConsumer.outboxHead(db)) ?? tracker.committed == tracker.committed)
                return value
            } catch {
                try? db.rollback()  // try?-ok: the body's error is the one reported
                tracker.pending = tracker.committed
                deferred.rows.removeSubrange(deferredBefore...)
                throw error
            }
        }
    }

    /// How long after its commit the dual write's second step writes an outbox row (only with
    /// `outbox-transaction` removed): a background worker drains the in-memory queue once a second.
    public static let deferredOutboxDelayUs: Int64 = 1_000_000

    /// Outbox rows of committed changes not yet written (only with `outbox-transaction` removed).
    public var deferredOutboxRows: Int { deferred.rows.count }

    /// The second step of the dual write (only with `outbox-transaction` removed): writes the
    /// outbox rows of changes that already committed, in their own transaction. Returns how many.
    @discardableResult
    public func writeDeferredOutbox() throws -> Int {
        guard !deferred.rows.isEmpty else { return 0 }
        let rows = deferred.rows
        try write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO outbox(entity, entity_key, payload, hlc, committed_us) VALUES (?, ?, ?, ?, ?)")
            for row in rows {
                try insert.execute(arguments: [row.entity, row.key, row.payload, row.hlc, row.committedUs])
            }
        }
        deferred.rows.removeFirst(rows.count)
        return rows.count
    }

    /// Loses the outbox rows not yet written (a crash between the commit and the second step).
    /// Returns how many were lost.
    @discardableResult
    public func loseDeferredOutbox() -> Int {
        defer { deferred.rows.removeAll() }
        return deferred.rows.count
    }

    /// Runs `body` against the database without a transaction. The simulation is the only user
    /// of the connection and runs on one thread, so nothing can change between its statements;
    /// this skips GRDB's per-read `query_only` toggling.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        readAccesses += 1
        return try queue.writeWithoutTransaction(body)
    }

    /// Runs `body` in one write transaction with the consumer flag set for that transaction only.
    @discardableResult
    public func consumerWrite<T>(_ body: (Database) throws -> T) throws -> T {
        precondition(!consumerFlag.isSet, "consumer transactions do not nest")
        // The one place the `consumer-flag` mechanism lives: without it, replayed changes go
        // through the triggers like local ones and re-enter the outbox.
        consumerFlag.isSet = !disabled.removes(.consumerFlag)
        defer { consumerFlag.isSet = false }
        return try write(body)
    }

    /// The name of every outbox trigger a replicated table can have (one per event).
    static let outboxTriggerNames: Set<String> = Set(
        ReplicatedTable.all.flatMap { table in ["INSERT", "UPDATE"].map { table.triggerName($0) } })

    /// The outbox triggers the design calls for, less the mechanisms in `disabled`: name → SQL,
    /// as SQLite keeps the text in `sqlite_master`.
    static func outboxTriggers(disabled: DisabledMechanisms) -> [String: String] {
        var triggers: [String: String] = [:]
        for table in ReplicatedTable.all {
            for event in ["INSERT", "UPDATE"] {
                if let sql = table.triggerSQL(event, disabled: disabled) { triggers[table.triggerName(event)] = sql }
            }
        }
        return triggers
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: replicated tables, outbox, watermarks") { db in
            // The outbox triggers are installed on every open (see init), from the mechanisms in use.
            for table in ReplicatedTable.all {
                try db.execute(sql: table.createSQL)
            }
            try db.execute(
                sql: """
                    CREATE INDEX runbook_by_owner ON runbook(owner, id);
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        entity TEXT NOT NULL,
                        entity_key TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        hlc INTEGER NOT NULL,
                        committed_us INTEGER NOT NULL
                    );
                    CREATE TABLE sync_watermark (
                        origin TEXT PRIMARY KEY NOT NULL,
                        applied_seq INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE sync_peer (
                        peer TEXT PRIMARY KEY NOT NULL,
                        acked_seq INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
