import Foundation
import GRDB
import Testing

@testable import Verticals

/// The state digest: its documented encoding (a vector computed independently, in Python, from
/// docs/checks.md), what it covers (every replicated table, every bucket object, tombstones) and
/// what it leaves out (the outbox and the sync bookkeeping); and the typed object references.
@Suite("State digest")
struct StateDigestTests {
    /// One runbook row through the replicated table's own upsert (the consumer's path).
    static func putRunbook(_ vertical: Vertical, title: String = "T", hlc: Int64 = 1000) throws {
        try vertical.database.consumerWrite { db in
            try ReplicatedTable.runbook.upsert(db, ["r1", "alice", title, "B", 1, hlc, "aws", 0, 5])
        }
    }

    @Test func anEmptyStateIsTheDigestOfNothing() throws {
        let vertical = try makeVertical("aws")
        let digest = try vertical.stateDigest()
        #expect(digest.entries.isEmpty)
        #expect(digest.sha256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func theEncodingMatchesTheDocumentedVector() throws {
        let vertical = try makeVertical("aws")
        try Self.putRunbook(vertical)
        try vertical.bucket.put("objects/x/y", Data("hello".utf8))
        let digest = try vertical.stateDigest()
        #expect(digest.entries.map(\.item) == [.row(table: "runbook", key: ["r1"]), .object(key: "objects/x/y")])
        #expect(digest.entries[0].sha256Hex == "4ef471b7770d67263f5195dd2c8a921c6a8cc84998cb572e5a585d90e326182a")
        #expect(digest.entries[0].version == "hlc 1000 origin aws")
        #expect(digest.entries[1].version == "5 bytes")
        #expect(digest.sha256Hex == "6d1d3506bb62eeeac30eaf5e3b4912a5521d92139ff5f4468f50323a34b977f3")
    }

    @Test func everyReplicatedTableCountsAndTheBookkeepingDoesNot() throws {
        let aws = try makeVertical("aws")
        let scaleway = try makeVertical("scaleway")
        try Self.putRunbook(aws)
        try Self.putRunbook(scaleway)
        // The outbox and the watermarks are each vertical's own: different, yet the same state.
        try aws.database.write { db in
            try db.execute(sql: "INSERT INTO sync_watermark (origin, applied_seq) VALUES ('scaleway', 7)")
        }
        #expect(try aws.stateDigest() == scaleway.stateDigest())
        // An auth table row on one side only is a difference, named by table and key.
        try aws.database.consumerWrite { db in
            try ReplicatedTable.revokedToken.upsert(db, ["jti-1", "alice", 99, 10, "aws", 0, 5])
        }
        let differences = try StateDifference.between([
            ("aws", aws.stateDigest()), ("scaleway", scaleway.stateDigest()),
        ])
        #expect(differences.map(\.item) == [.row(table: "revoked_token", key: ["jti-1"])])
        #expect(differences[0].description.hasPrefix("revoked_token jti=jti-1: aws hlc 10 origin aws (sha256 "))
        #expect(differences[0].description.hasSuffix(", scaleway absent"))
    }

    @Test func aTombstoneAndAnUnreferencedObjectAreDifferences() throws {
        let aws = try makeVertical("aws")
        let scaleway = try makeVertical("scaleway")
        try Self.putRunbook(aws)
        try Self.putRunbook(scaleway)
        try aws.database.consumerWrite { db in
            try ReplicatedTable.runbook.upsert(db, ["r1", "alice", "T", "B", 1, 2000, "aws", 1, 6])
        }
        try scaleway.bucket.put("objects/ab/stray", Data("x".utf8))
        let differences = try StateDifference.between([
            ("aws", aws.stateDigest()), ("scaleway", scaleway.stateDigest()),
        ])
        #expect(differences.map(\.item) == [.row(table: "runbook", key: ["r1"]), .object(key: "objects/ab/stray")])
        #expect(differences[0].holdings[0].entry?.version == "hlc 2000 origin aws deleted")
        #expect(differences[1].holdings.map { $0.entry == nil } == [true, false])
    }

    @Test func theBucketsTemporaryFilesAreNotObjects() throws {
        let vertical = try makeVertical("aws")
        try Data("partial".utf8).write(to: vertical.bucket.root.appendingPathComponent(".tmp-9"))
        #expect(try vertical.stateDigest().entries.isEmpty)
    }

    @Test(arguments: [
        (ObjectRef.runbook(id: "u1-r5"), "runbook:u1-r5", "/api/runbooks/u1-r5"),
        (
            .attachment(runbookID: "u1-r5", name: "a2.bin"), "attachment:u1-r5/a2.bin",
            "/api/runbooks/u1-r5/attachments/a2.bin"
        ),
    ])
    func objectReferencesRoundTrip(object: ObjectRef, spelled: String, path: String) {
        #expect(object.description == spelled)
        #expect(ObjectRef(parsing: spelled) == object)
        #expect(object.apiPath == path)
    }

    @Test(arguments: ["", "runbook:", "attachment:x", "attachment:/a", "attachment:x/", "account:a"])
    func malformedReferencesDoNotParse(text: String) {
        #expect(ObjectRef(parsing: text) == nil)
    }

    @Test func storedTimestampsLookUpTypedReferences() throws {
        let vertical = try makeVertical("aws")
        try Self.putRunbook(vertical, hlc: 1234)
        let stored = try vertical.database.storedTimestamps(of: [
            .runbook(id: "r1"), .runbook(id: "r2"), .attachment(runbookID: "r1", name: "a"),
        ])
        #expect(stored == [1234, nil, nil])
    }

    /// The convergence check's shortcut (the hash alone, read from SQLite's buffers) must give the
    /// full digest's hash for every kind of value the tables can hold: integers, reals, blobs, non-ASCII text,
    /// text with a NUL or invalid UTF-8 (read as GRDB reads them), tombstones and objects.
    @Test func theHashShortcutEqualsTheFullDigest() throws {
        let vertical = try makeVertical("aws")
        func check(_ stage: String) throws {
            let full = try vertical.stateDigest().sha256Hex
            #expect(try vertical.stateDigestSHA256Hex() == full, "\(stage)")
        }
        try check("empty")
        try Self.putRunbook(vertical)
        try vertical.bucket.put("objects/x/y", Data("hello".utf8))
        #expect(
            try vertical.stateDigestSHA256Hex() == "6d1d3506bb62eeeac30eaf5e3b4912a5521d92139ff5f4468f50323a34b977f3")
        let columns = ReplicatedTable.runbook.columns
        let insert =
            "INSERT INTO runbook (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        try vertical.database.consumerWrite { db in
            try db.execute(
                sql: insert, arguments: ["ré-2", "bób", Data([0, 255, 16]), "a\u{0}b", 2.5, 7, "scaleway", 1, 6])
            try db.execute(sql: insert, arguments: ["r3", "o", "ü title", "", -4, Int64.min, "aws", 0, 0])
            try db.execute(
                sql:
                    "INSERT INTO runbook (\(columns.joined(separator: ", "))) VALUES ('r4', CAST(X'61FF62' AS TEXT), '', X'', 1e300, 1, 'aws', 0, 1)"
            )
        }
        try check("odd values")
        try vertical.bucket.put("objects/é/z", Data())
        try vertical.bucket.put("a", Data(repeating: 7, count: 70_000))
        try check("objects")
    }
}
