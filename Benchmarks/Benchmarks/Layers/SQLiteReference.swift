import Foundation
import Sim

/// Sim's raw SQLite reference loop (what `simctl bench` measures beside each run), called from a
/// file that does not import package-benchmark, whose `Benchmark` would clash with Sim's.
enum SQLiteReference {
    /// Single-row write transactions per second on a fresh WAL database in `directory`.
    static func rate(directory: URL, transactions: Int) throws -> Double {
        try Sim.Benchmark.sqliteReferenceRate(directory: directory, transactions: transactions)
    }
}
