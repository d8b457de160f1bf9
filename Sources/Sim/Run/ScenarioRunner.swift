import Foundation

/// Errors of a run request that are the user's to fix (exit status 2).
public enum RunRequestError: Error, CustomStringConvertible {
    case scenario(ScenarioError)
    case unsupported(SimulationError)
    case outputFolder(String)

    public var description: String {
        switch self {
        case .scenario(let error): return error.description
        case .unsupported(let error): return error.description
        case .outputFolder(let message): return message
        }
    }
}

/// The outcome of running a scenario twice with the same seed.
public struct DeterminismReport: Sendable {
    public var identical: Bool
    /// The first difference, when there is one: which file and line.
    public var firstDifference: String?
}

/// The library side of `simctl run` and `simctl validate`: loads every file before touching the
/// disk, picks run folders, runs, checks determinism and renders results.
public enum ScenarioRunner {
    /// Loads and checks every file; the first problem stops everything before anything runs.
    public static func load(paths: [String], seedOverride: UInt64?) throws(RunRequestError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for path in paths {
            do {
                var scenario = try ScenarioLoader.load(path: path)
                if let seedOverride { scenario.seed = seedOverride }
                try Simulation.checkSupported(scenario)
                scenarios.append(scenario)
            } catch let error as ScenarioError {
                throw .scenario(error)
            } catch let error as SimulationError {
                throw .unsupported(error)
            } catch {
                throw .outputFolder("\(path): \(error)")
            }
        }
        return scenarios
    }

    /// The run folder of `scenario`: `.sim/runs/NAME-seedN`, or under/at `out` (SPEC §3).
    public static func folder(for scenario: Scenario, out: String?, several: Bool) -> URL {
        let name = "\(scenario.name)-seed\(scenario.seed)"
        guard let out else { return URL(fileURLWithPath: ".sim/runs").appendingPathComponent(name) }
        let base = URL(fileURLWithPath: out)
        return several ? base.appendingPathComponent(name) : base
    }

    /// Checks that every folder can be (re)used: absent, empty, or an earlier run's folder.
    public static func checkFolders(_ folders: [URL]) throws(RunRequestError) {
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                throw .outputFolder("\(folder.path): exists and is not a folder (expected a run folder)")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let looksLikeRun = contents.isEmpty || contents.contains("result.json") || contents.contains("trace.jsonl")
            guard looksLikeRun else {
                throw .outputFolder(
                    "\(folder.path): exists and is not a run folder (no result.json or trace.jsonl); refusing to overwrite it"
                )
            }
        }
    }

    /// Runs `scenario` into `folder`, replacing an earlier run there, and writes `result.json`.
    public static func run(_ scenario: Scenario, folder: URL) throws -> RunResult {
        // The earlier run is moved aside and deleted afterwards: ext4 searches past recently freed
        // inodes when creating files, which made a run that follows a large deletion measurably slower.
        let trash = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old")
        try? FileManager.default.removeItem(at: trash)
        if (try? FileManager.default.moveItem(at: folder, to: trash)) == nil {
            try? FileManager.default.removeItem(at: folder)
        }
        defer { try? FileManager.default.removeItem(at: trash) }
        let result = try Simulation(scenario: scenario, directory: folder).run()
        try RunFolderFiles.keep(scenario, in: folder)
        try Data((result.json().serialized() + "\n").utf8).write(to: folder.appendingPathComponent("result.json"))
        return result
    }

    /// Runs `scenario` a second time beside `folder` and compares trace and result byte for byte
    /// (wall-clock fields aside). The second run's folder is removed afterwards.
    public static func checkDeterminism(_ scenario: Scenario, first: RunResult, folder: URL) throws -> DeterminismReport
    {
        let rerunFolder = folder.deletingLastPathComponent()
            .appendingPathComponent(".\(folder.lastPathComponent)-determinism")
        defer { try? FileManager.default.removeItem(at: rerunFolder) }
        let second = try run(scenario, folder: rerunFolder)
        let firstJSON = first.json(includeWallClock: false).serialized()
        let secondJSON = second.json(includeWallClock: false).serialized()
        if first.traceSHA256 == second.traceSHA256, firstJSON == secondJSON {
            return DeterminismReport(identical: true, firstDifference: nil)
        }
        if let line = firstDifferingLine(
            folder.appendingPathComponent("trace.jsonl"),
            rerunFolder.appendingPathComponent("trace.jsonl"))
        {
            return DeterminismReport(identical: false, firstDifference: "trace.jsonl differs first at line \(line)")
        }
        return DeterminismReport(identical: false, firstDifference: "result.json differs (traces are identical)")
    }

    static func firstDifferingLine(_ a: URL, _ b: URL) -> Int? {
        guard let left = try? String(contentsOf: a, encoding: .utf8),
            let right = try? String(contentsOf: b, encoding: .utf8)
        else { return 1 }
        let leftLines = left.split(separator: "\n", omittingEmptySubsequences: false)
        let rightLines = right.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(leftLines.count, rightLines.count) {
            let l = index < leftLines.count ? leftLines[index] : nil
            let r = index < rightLines.count ? rightLines[index] : nil
            if l != r { return index + 1 }
        }
        return nil
    }
}
