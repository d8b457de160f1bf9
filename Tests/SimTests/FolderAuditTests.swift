import Foundation
import GRDB
import Testing

@testable import Sim
@testable import Verticals

/// `simctl audit RUN_FOLDER`: identical verticals pass, a row or an object changed by hand in one
/// vertical is named with what each vertical holds, and a folder that is not a finished run
/// folder is refused as bad input, untouched.
@Suite("Run folder audit")
struct FolderAuditTests {
    static let scenario = """
        name: audited
        duration: 20s
        topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
        workload: {users: 10, rate: 10/s}
        expect: {converged: true}
        """

    /// A finished run folder, in a sandbox.
    static func finishedRun() throws -> (RunFolderTests.Sandbox, URL) {
        let sandbox = try RunFolderTests.Sandbox(scenario: scenario)
        let plan = try RunPlan(sandbox.request(out: "run"))
        let result = try ScenarioRunner.run(plan.items[0].scenario, folder: plan.items[0].folder)
        #expect(result.pass)
        return (sandbox, plan.items[0].folder)
    }

    static func badInput(_ folder: String) -> String? {
        do {
            _ = try FolderAudit.run(folder: folder)
            return nil
        } catch .badInput(let message) {
            return message
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func aFreshRunFolderIsIdenticalAndLeftUntouched() throws {
        let (sandbox, folder) = try Self.finishedRun()
        defer { sandbox.folder.cleanup() }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let audit = try FolderAudit.run(folder: folder.path)
        #expect(audit.identical)
        #expect(audit.verticals.map(\.vertical) == ["aws", "scaleway"])
        #expect(audit.verticals[0].digest.rowCount > 10 && audit.verticals[0].digest.objectCount > 0)
        #expect(audit.human().contains("identical"))
        #expect(audit.json().contains(#""identical":true"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        // The command: exit 0 on the fresh folder, 1 once an object differs, 2 on a plain folder.
        let same = try SimctlBinaryTests.simctl(["audit", folder.path], in: sandbox.root)
        #expect(same.status == 0 && same.stdout.contains("identical"), "\(same.stdout)\(same.stderr)")
        try Data("stray".utf8).write(to: folder.appendingPathComponent("aws-bucket/stray.bin"))
        let different = try SimctlBinaryTests.simctl(["audit", folder.path, "--json"], in: sandbox.root)
        #expect(different.status == 1 && different.stdout.contains(#""object":"stray.bin""#), "\(different.stdout)")
        let refused = try SimctlBinaryTests.simctl(["audit", sandbox.root.path], in: sandbox.root)
        #expect(refused.status == 2 && refused.stderr.contains("not a run folder"), "\(refused.stderr)")
        // A write-ahead log beside a database: something still writes it.
        try Data("wal".utf8).write(to: folder.appendingPathComponent("aws.sqlite-wal"))
        #expect(Self.badInput(folder.path)?.contains("still writing") == true)
    }

    @Test func aRowChangedByHandIsNamedWithTableAndKey() throws {
        let (sandbox, folder) = try Self.finishedRun()
        defer { sandbox.folder.cleanup() }
        // The outbox triggers call the vertical's `sync_is_consumer()`; as a consumer the edit
        // writes no outbox row, like a hand edit with the triggers dropped.
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.add(function: DatabaseFunction("sync_is_consumer", argumentCount: 0, pure: false) { _ in true })
        }
        let queue = try DatabaseQueue(
            path: folder.appendingPathComponent("scaleway.sqlite").path, configuration: configuration)
        let id = try queue.write { db -> String in
            let id = try String.fetchOne(db, sql: "SELECT id FROM runbook ORDER BY id LIMIT 1")!
            try db.execute(sql: "UPDATE runbook SET title = 'edited by hand' WHERE id = ?", arguments: [id])
            return id
        }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        let audit = try FolderAudit.run(folder: folder.path)
        #expect(!audit.identical)
        #expect(audit.differences.count == 1)
        #expect(audit.differences[0].item == .row(table: "runbook", key: [id]))
        #expect(audit.differences[0].holdings.map(\.vertical) == ["aws", "scaleway"])
        #expect(audit.human().contains("runbook id=\(id): aws hlc "), "\(audit.human())")
        #expect(audit.json().contains(#""table":"runbook","key":{"id":"\#(id)"}"#), "\(audit.json())")
    }

    @Test func anObjectAddedOrChangedByHandIsNamed() throws {
        let (sandbox, folder) = try Self.finishedRun()
        defer { sandbox.folder.cleanup() }
        try Data("stray".utf8).write(to: folder.appendingPathComponent("aws-bucket/stray.bin"))
        let keys = try Bucket.storedKeys(root: folder.appendingPathComponent("scaleway-bucket"))
        let changed = try #require(keys.first)
        try Data("corrupted".utf8).write(to: folder.appendingPathComponent("scaleway-bucket/\(changed.path)"))
        let audit = try FolderAudit.run(folder: folder.path)
        #expect(audit.differences.map(\.item) == [.object(key: changed.key), .object(key: "stray.bin")])
        #expect(audit.differences[1].holdings.map { $0.entry == nil } == [false, true])
        #expect(audit.human().contains("object stray.bin: aws 5 bytes (sha256 "), "\(audit.human())")
        #expect(audit.human().contains("scaleway absent"))
    }

    @Test func aFolderThatIsNotAFinishedRunFolderIsRefused() throws {
        let sandbox = try RunFolderTests.Sandbox(scenario: Self.scenario)
        defer { sandbox.folder.cleanup() }
        #expect(Self.badInput(sandbox.root.path)?.contains("not a run folder") == true)
        #expect(Self.badInput(sandbox.url("nowhere").path)?.contains("not a folder") == true)
        #expect(Self.badInput(sandbox.scenarioPath)?.contains("not a folder") == true)
        try FileManager.default.createDirectory(at: sandbox.url("partial"), withIntermediateDirectories: true)
        try RunMarker(scenario: "audited", seed: 1).write(in: sandbox.url("partial"))
        #expect(Self.badInput(sandbox.url("partial").path)?.contains("has not completed") == true)
    }
}
