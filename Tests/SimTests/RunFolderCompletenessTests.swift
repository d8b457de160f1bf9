import Foundation
import GRDB
import Testing

@testable import Sim

/// A finished run folder's databases are complete by themselves: each `.sqlite` file copied out
/// alone holds every row, and the outbox holds only rows some peer has not acknowledged.
@Suite("Run folders complete by themselves")
struct RunFolderCompletenessTests {
    static let scenario = """
        name: complete
        duration: 40s
        topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
        workload: {users: 20, rate: 20/s}
        expect: {lost_writes: 0, converged: true}
        """

    static func count(_ path: String, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }  // try?-ok: a test's read-only copy
        return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    @Test func aCopiedDatabaseFileHoldsEveryRowAndTheOutboxIsPruned() throws {
        let sandbox = try RunFolderTests.Sandbox(scenario: Self.scenario)
        defer { sandbox.folder.cleanup() }
        let plan = try RunPlan(sandbox.request(out: "run"))
        let folder = plan.items[0].folder
        let result = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        #expect(result.pass)
        for vertical in ["aws", "scaleway"] {
            #expect(!sandbox.exists("run/\(vertical).sqlite-wal") && !sandbox.exists("run/\(vertical).sqlite-shm"))
            let alone = sandbox.root.appendingPathComponent("alone-\(vertical)")
            try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
            let copy = alone.appendingPathComponent("\(vertical).sqlite").path
            try FileManager.default.copyItem(
                atPath: folder.appendingPathComponent("\(vertical).sqlite").path, toPath: copy)
            let runbooks = try Self.count(copy, "SELECT COUNT(*) FROM runbook")
            let accounts = try Self.count(copy, "SELECT COUNT(*) FROM account")
            #expect(runbooks > 10 && accounts == 20, "\(vertical): \(runbooks) runbooks, \(accounts) accounts")
            // Converged: every peer acknowledged every row, so the outbox queue is empty, while
            // its sequence keeps the highest seq ever assigned.
            #expect(try Self.count(copy, "SELECT COUNT(*) FROM outbox") == 0)
            #expect(try Self.count(copy, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") > runbooks)
        }
        guard case .object(let verticals)? = result.metrics["verticals"],
            case .object(let aws)? = verticals.first(where: { $0.0 == "aws" })?.1
        else {
            Issue.record("no verticals metric")
            return
        }
        #expect(aws.first { $0.0 == "outbox_retained" }?.1 == .int(0))
    }
}
