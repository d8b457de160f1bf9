import Foundation
import GRDB
import Verticals

/// Measurements for `simctl bench`: the raw SQLite reference rate on this machine, and the
/// process's peak resident memory. Both read the wall clock or the OS, never the simulation.
public enum Benchmark {
    /// One bench scenario's figures.
    public struct Figures: Sendable {
        public var scenario: String
        public var requests: Int
        public var events: Int
        public var wallMs: Int64
        public var virtualMs: Int64
        public var peakRSSKiB: Int
        public var sqliteReferencePerSecond: Double
        public var pass: Bool

        public var requestsPerSecond: Double { wallMs > 0 ? Double(requests) * 1000 / Double(wallMs) : 0 }
        public var compression: Double { wallMs > 0 ? Double(virtualMs) / Double(wallMs) : 0 }

        /// One JSON line (what a child `simctl bench --single` prints to its parent).
        public func json() -> String {
            JSONValue.object([
                ("scenario", .string(scenario)), ("requests", .int(requests)), ("events", .int(events)),
                ("wall_ms", .int(wallMs)), ("virtual_ms", .int(virtualMs)), ("peak_rss_kib", .int(peakRSSKiB)),
                ("sqlite_reference_per_s", .double(sqliteReferencePerSecond.rounded())), ("pass", .bool(pass)),
            ]).serialized()
        }

        /// Parses ``json()``.
        public init?(json: String) {
            let object: JSONValue
            do {
                object = try JSONValue.parse(Array(json.utf8))
            } catch {
                return nil  // the caller reports a child's line it cannot read
            }
            guard case .object = object else { return nil }
            func int(_ key: String) -> Int64 { object[key]?.int64Value ?? 0 }
            scenario = object["scenario"]?.stringValue ?? "?"
            requests = Int(int("requests"))
            events = Int(int("events"))
            wallMs = int("wall_ms")
            virtualMs = int("virtual_ms")
            peakRSSKiB = Int(int("peak_rss_kib"))
            switch object["sqlite_reference_per_s"] {
            case .double(let value)?: sqliteReferencePerSecond = value
            case .int(let value)?: sqliteReferencePerSecond = Double(value)
            default: sqliteReferencePerSecond = 0
            }
            if case .bool(let pass)? = object["pass"] { self.pass = pass } else { pass = false }
        }

        public init(result: RunResult, peakRSSKiB: Int, sqliteReferencePerSecond: Double) {
            scenario = result.scenario
            requests = result.requests
            events = result.events
            wallMs = result.wallMs
            virtualMs = result.virtualMs
            self.peakRSSKiB = peakRSSKiB
            self.sqliteReferencePerSecond = sqliteReferencePerSecond
            pass = result.pass
        }
    }

    /// One bench scenario over several runs: the median and spread of its wall time, and the
    /// instructions per request of a slice of it when valgrind could count them.
    public struct Summary: Sendable {
        public var runs: [Figures]
        /// Instructions per simulated request over ``instructionSliceSeconds`` (callgrind), or nil.
        public var instructionsPerRequest: Double?

        public init(runs: [Figures], instructionsPerRequest: Double? = nil) {
            precondition(!runs.isEmpty, "a summary needs at least one run")
            self.runs = runs
            self.instructionsPerRequest = instructionsPerRequest
        }

        /// The run with the median wall time (the lower median for an even count).
        public var median: Figures { runs.sorted { $0.wallMs < $1.wallMs }[(runs.count - 1) / 2] }
        public var fastestWallMs: Int64 { runs.map(\.wallMs).min() ?? 0 }
        public var slowestWallMs: Int64 { runs.map(\.wallMs).max() ?? 0 }
        /// The median run's requests per second over the SQLite rate measured in its own process.
        public var ratioToSQLite: Double {
            let run = median
            return run.sqliteReferencePerSecond > 0 ? run.requestsPerSecond / run.sqliteReferencePerSecond : 0
        }
        public var peakRSSKiB: Int { runs.map(\.peakRSSKiB).max() ?? 0 }
        public var pass: Bool { runs.allSatisfy(\.pass) }
    }

    /// The virtual seconds of a scenario that `simctl bench` runs under callgrind to count
    /// instructions per request (a whole benchmark would take hours under it).
    public static let instructionSliceSeconds: Int64 = 10

    /// Single-row write transactions per second on a fresh WAL database with synchronous=NORMAL,
    /// through GRDB with cached statements: the machine's raw rate the simulator is compared with.
    /// `directory` must not exist: it is created for the measurement and removed afterwards.
    public static func sqliteReferenceRate(directory: URL, transactions: Int = 30_000) throws -> Double {
        try FileManager.default.createDirectory(
            at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Not intermediate: fails if the folder exists, so only a folder made here is removed below.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        let path = directory.appendingPathComponent("sqlite-reference.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)") }
        let start = ContinuousClock.now  // wall-clock-ok: a benchmark
        try queue.writeWithoutTransaction { db in
            let begin = try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION")
            let insert = try db.cachedStatement(sql: "INSERT INTO t (v) VALUES (?)")
            let commit = try db.cachedStatement(sql: "COMMIT TRANSACTION")
            for index in 0..<transactions {
                try begin.execute()
                try insert.execute(arguments: ["row \(index)"])
                try commit.execute()
            }
        }
        let elapsed = ContinuousClock.now - start  // wall-clock-ok
        try queue.close()
        try? FileManager.default.removeItem(at: directory)  // try?-ok: our own scratch folder
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(transactions) / max(seconds, 1e-9)
    }

    /// The process's peak resident set size in KiB (`getrusage`).
    public static func peakRSSKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }

    /// A Markdown table of summaries: median wall time with the fastest and slowest run, the
    /// median run's rates, its ratio to the SQLite rate measured in the same process, and the
    /// instructions per request when counted.
    public static func table(_ rows: [Summary]) -> String {
        var lines = [
            "| scenario | runs | requests | events | wall s median (min–max) | requests/s | ÷ SQLite txn/s | compression | peak RSS MiB | SQLite txn/s | instructions/request | checks |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        func seconds(_ ms: Int64) -> String { String(format: "%.1f", Double(ms) / 1000) }
        for row in rows {
            let run = row.median
            let instructions = row.instructionsPerRequest.map { String(Int($0.rounded())) } ?? "-"
            lines.append(
                "| \(run.scenario) | \(row.runs.count) | \(run.requests) | \(run.events) | \(seconds(run.wallMs)) (\(seconds(row.fastestWallMs))–\(seconds(row.slowestWallMs))) | \(Int(run.requestsPerSecond)) | \(String(format: "%.3f", row.ratioToSQLite))x | \(Int(run.compression))x | \(row.peakRSSKiB / 1024) | \(Int(run.sqliteReferencePerSecond)) | \(instructions) | \(row.pass ? "pass" : "FAIL") |"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown table of single runs' figures.
    public static func table(_ rows: [Figures]) -> String {
        var lines = [
            "| scenario | requests | events | wall s | requests/s | compression | peak RSS MiB | SQLite txn/s | checks |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for row in rows {
            lines.append(
                "| \(row.scenario) | \(row.requests) | \(row.events) | \(String(format: "%.1f", Double(row.wallMs) / 1000)) | \(Int(row.requestsPerSecond)) | \(Int(row.compression))x | \(row.peakRSSKiB / 1024) | \(Int(row.sqliteReferencePerSecond)) | \(row.pass ? "pass" : "FAIL") |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
