import Foundation
import GRDB

/// Whether the current transaction applies replicated changes (PostgreSQL's
/// `SET LOCAL sync.is_consumer = on`). Read by the outbox triggers through the SQL function
/// `sync_is_consumer()`; set for one transaction at a time by ``VerticalDatabase/consumerWrite(_:)``.
final class ConsumerFlag: @unchecked Sendable {
    // Only touched from the single simulation thread, inside a write transaction.
    var isSet = false
}

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
    /// When true the consumer flag is never set: replayed changes emit outbox rows (a planted
    /// defect for tests that must see the `sync_loops` checker fire).
    public var ignoresConsumerFlag = false

    /// Opens (creating if needed) the database at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        let flag = consumerFlag
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(
                function: DatabaseFunction("sync_is_consumer", argumentCount: 0, pure: false) { _ in
                    flag.isSet
                })
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    /// Transactions run so far (write and read), for the cost-per-write figures.
    public private(set) var writeTransactions = 0
    public private(set) var readAccesses = 0

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on error).
    ///
    /// GRDB's own `write` compiles its BEGIN and COMMIT statements on every call; these are
    /// cached, which matters at tens of thousands of transactions per second.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        writeTransactions += 1
        return try queue.writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return value
            } catch {
                try? db.rollback()
                throw error
            }
        }
    }

    /// Runs `body` against the database without a transaction. The simulation is the only user
    /// of the connection and runs on one thread, so nothing can change between its statements;
    /// this skips GRDB's per-read `query_only` toggling.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        readAccesses += 1
        return try queue.writeWithoutTransaction(body)
    }

    /// Runs `body` in one write transaction with the consumer flag set for that transaction only.
    public func consumerWrite<T>(_ body: (Database) throws -> T) throws -> T {
        precondition(!consumerFlag.isSet, "consumer transactions do not nest")
        consumerFlag.isSet = !ignoresConsumerFlag
        defer { consumerFlag.isSet = false }
        return try write(body)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: replicated tables, outbox, watermarks") { db in
            for table in ReplicatedTable.all {
                try db.execute(sql: table.createSQL)
                try db.execute(sql: table.triggerSQL("INSERT"))
                try db.execute(sql: table.triggerSQL("UPDATE"))
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
