import Foundation
import GRDB
import TestSupport
import Testing

@testable import Sim
@testable import Verticals

/// A storage error on the simulated path is never swallowed: the run stops with a message naming
/// the vertical and the operation, and `simctl` exits 3.
@Suite("Storage failures end the run")
struct StorageFailureTests {
    static let yaml = """
        name: storage-failure
        duration: 60s
        workload: {users: 10, rate: 5/s}
        expect:
          converged: true
        """

    /// Drops `table` from `vertical`'s database at 10 s of virtual time.
    static func breakTable(_ table: String, of vertical: Int) -> (Simulation) throws -> Void {
        { simulation in
            simulation.queue.schedule(atUs: 10 * VirtualTime.second) {
                do {
                    try simulation.nodes[vertical].vertical.database.write { db in
                        try db.execute(sql: "DROP TABLE \(table)")
                    }
                } catch {
                    Issue.record("could not plant the failure: \(error)")
                }
            }
        }
    }

    /// The sender's watermark cannot be recorded; the consumer cannot apply (its transaction
    /// reads the outbox head), which is a storage error, not an `unavailable` refusal to retry.
    @Test(arguments: [
        ("sync_peer", "recording scaleway's sync watermark"), ("outbox", "applying sync envelope"),
    ])
    func aBrokenTableStopsTheRunNamingTheVerticalAndOperation(table: String, operation: String) throws {
        do {
            _ = try simulate(Self.yaml, plant: Self.breakTable(table, of: 0))
            Issue.record("expected a storage failure")
        } catch let failure as StorageFailure {
            #expect(failure.component == "vertical aws")
            #expect(failure.operation.hasPrefix(operation), "\(failure)")
            #expect(failure.description.contains("storage error on vertical aws while \(operation)"))
            #expect(failure.description.contains(table), "the SQLite error names the table: \(failure)")
        }
    }

    /// The runner wraps it in a ``RunFailure``: the exit-3 message names the vertical and operation.
    @Test func theExitThreeMessageNamesTheVerticalAndOperation() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let scenario = try ScenarioLoader.parse(yaml: Self.yaml, file: "storage-failure.yaml")
        let failure = StorageFailure(
            vertical: "aws", operation: "reading the outbox head",
            error: DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"))
        let message = RunSession.failureMessage(
            RunFailure(
                scenario: scenario.name, seed: scenario.seed, operation: "running the simulation",
                reason: failure.description, earlierRun: nil, partialRun: folder.url))
        #expect(
            message.hasPrefix(
                "simctl: the simulator failed on storage-failure (seed 1) while running the simulation: storage error on vertical aws while reading the outbox head"
            ), "\(message)")
    }
}
