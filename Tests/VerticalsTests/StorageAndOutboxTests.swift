import Foundation
import GRDB
import Mechanisms
import TestSupport
import Testing

@testable import Verticals

@Suite("Storage and outbox")
struct StorageAndOutboxTests {
    func outboxCount(_ vertical: Vertical) throws -> Int {
        try vertical.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Reopening a file keeps its outbox triggers when they are exactly the ones the mechanisms in
    /// use call for (SQLite keeps the text they were created with), and replaces them otherwise: a
    /// fuzz seed's copy of its campaign's template opens to the same database as a fresh file.
    @Test func reopeningKeepsMatchingTriggersAndReplacesOthers() throws {
        let folder = TemporaryFolder("triggers").url
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("db.sqlite").path
        func installed(_ database: VerticalDatabase) throws -> [String: String] {
            try database.read { db in
                var triggers: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
                    triggers[row[0]] = row[1]
                }
                return triggers
            }
        }
        let fresh = try VerticalDatabase(path: path)
        #expect(try installed(fresh) == VerticalDatabase.outboxTriggers(disabled: .none))
        try fresh.checkpointAndClose()
        let again = try VerticalDatabase(path: path)
        #expect(try installed(again) == VerticalDatabase.outboxTriggers(disabled: .none))
        try again.checkpointAndClose()
        let ablated = try VerticalDatabase(path: path, disabled: [.revocationSync, .outboxTransaction])
        let wanted = VerticalDatabase.outboxTriggers(disabled: [.revocationSync, .outboxTransaction])
        #expect(try installed(ablated) == wanted)
        #expect(wanted.count < VerticalDatabase.outboxTriggers(disabled: .none).count)
        try ablated.checkpointAndClose()
        #expect(try installed(VerticalDatabase(path: path)) == VerticalDatabase.outboxTriggers(disabled: .none))
    }

    @Test func aWriteAndItsOutboxRowCommitTogether() throws {
        let aws = try makeVertical("aws")
        #expect(aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"]).status == 201)
        #expect(try outboxCount(aws) == 1)
        #expect(try aws.publisher.latestSeq() == 1)
    }

    @Test func aFailedTransactionLeavesNeitherChangeNorOutboxRow() throws {
        let aws = try makeVertical("aws")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try aws.database.write { db in
                try RunbookRow(
                    id: "r1", owner: "alice", title: "T", body: "", version: 1, hlc: 5, origin: "aws",
                    deleted: false, updatedUs: 0
                ).upsertIfNewer(db)
                throw Boom()
            }
        }
        #expect(try aws.database.read { try RunbookRow.find($0, id: "r1") } == nil)
        #expect(try outboxCount(aws) == 0)
    }

    @Test func theConsumerFlagSuppressesTheOutboxForOneTransactionOnly() throws {
        let aws = try makeVertical("aws")
        try aws.database.consumerWrite { db in
            try RunbookRow(
                id: "r1", owner: "a", title: "T", body: "", version: 1, hlc: 5, origin: "scaleway",
                deleted: false, updatedUs: 0
            ).upsertIfNewer(db)
        }
        #expect(try outboxCount(aws) == 0)
        _ = try aws.database.write { db in
            try RunbookRow(
                id: "r2", owner: "a", title: "T", body: "", version: 1, hlc: 6, origin: "aws",
                deleted: false, updatedUs: 0
            ).upsertIfNewer(db)
        }
        #expect(try outboxCount(aws) == 1, "the flag does not outlive its transaction")
    }

    @Test func outboxSeqIsGapFreeAcrossRolledBackTransactions() throws {
        let aws = try makeVertical("aws")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        _ = try? aws.database.write { db in
            try RunbookRow(
                id: "r9", owner: "a", title: "T", body: "", version: 1, hlc: 99, origin: "aws",
                deleted: false, updatedUs: 0
            ).upsertIfNewer(db)
            throw CancellationError()
        }
        aws.call(.post, "/api/runbooks", json: ["id": "r2", "title": "T"])
        let seqs = try aws.database.read { try Int64.fetchAll($0, sql: "SELECT seq FROM outbox ORDER BY seq") }
        #expect(seqs == [1, 2])
    }

    @Test(arguments: [
        "", "../etc/passwd", "/absolute", "a/../b", "nul\u{0}byte", String(repeating: "x", count: 1025), "a//b", "./a",
    ])
    func hostileBucketKeysAreRefusedAndCounted(key: String) throws {
        let aws = try makeVertical("aws")
        #expect(throws: BucketKeyError.self) { try aws.bucket.put(key, Data("x".utf8)) }
        #expect(aws.bucket.rejectedKeys == 1)
    }

    @Test func bucketWritesAreAtomicAndReadable() throws {
        let aws = try makeVertical("aws")
        try aws.bucket.put("objects/abc", Data("hello".utf8))
        try aws.bucket.put("objects/abc", Data("world".utf8))
        #expect(try aws.bucket.get("objects/abc") == Data("world".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: aws.bucket.root.path).filter {
            $0.hasPrefix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }
}

@Suite("Hybrid logical clock")
struct HybridLogicalClockTests {
    @Test func ticksStrictlyIncreaseEvenWhenTimeStandsStill() {
        var clock = HybridLogicalClock()
        var last: Int64 = 0
        for _ in 0..<1_000 {
            let now = clock.tick(physicalUs: 5_000)
            #expect(now > last)
            last = now
        }
    }

    @Test func observingARemoteTimestampMovesTheClockPastIt() {
        var clock = HybridLogicalClock()
        let remote = HybridLogicalClock.pack(ms: 9_000, counter: 3)
        let accepted = clock.observe(remote, physicalUs: 8_000_000, toleranceUs: 300_000_000)
        let next = clock.tick(physicalUs: 8_000_000)
        #expect(accepted)
        #expect(next > remote)
    }

    @Test func timestampsTooFarInTheFutureAreRefused() {
        var clock = HybridLogicalClock()
        let farFuture = HybridLogicalClock.pack(ms: 1_000_000, counter: 0)
        let accepted = clock.observe(farFuture, physicalUs: 0, toleranceUs: 300_000_000)
        let next = clock.tick(physicalUs: 0)
        #expect(!accepted)
        #expect(next < farFuture)
    }
}
