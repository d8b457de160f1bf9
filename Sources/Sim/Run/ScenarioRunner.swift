import Foundation

/// The library side of `simctl run` and `simctl validate`: loads every file before touching the
/// disk, picks run folders, runs, checks determinism and renders results.
public enum ScenarioRunner {
    /// Loads and checks every file; any problem stops everything before anything runs, and
    /// every error of every file is reported (each file's in its own order).
    public static func load(
        paths: [String], seedOverride: UInt64?, options: ScenarioLoader.Options = ScenarioLoader.Options()
    ) throws(RunRequestError) -> [Scenario] {
        var scenarios: [Scenario] = []
        var errors: [ScenarioError] = []
        for path in paths {
            do {
                var scenario = try ScenarioLoader.loadReportingAll(path: path, options: options)
                if let seedOverride { scenario.seed = seedOverride }
                try Simulation.checkSupported(scenario)
                scenarios.append(scenario)
            } catch let error as ScenarioErrors {
                errors += error.errors
            } catch let error as ScenarioError {
                errors.append(error)
            } catch let error as SimulationError {
                guard case .unsupported(let unsupported) = error else { throw .unsupported(error) }
                errors.append(unsupported)
            } catch {
                throw .outputFolder("\(path): \(FileOperationError.describe(error))")
            }
        }
        if !errors.isEmpty { throw .scenario(ScenarioErrors(errors)) }
        return scenarios
    }

    /// The run folder of `scenario`: `.sim/runs/NAME-seedN`, or under/at `out` (SPEC §3).
    public static func folder(for scenario: Scenario, out: String?, several: Bool) -> URL {
        let name = "\(scenario.name)-seed\(scenario.seed)"
        guard let out else { return URL(fileURLWithPath: ".sim/runs").appendingPathComponent(name) }
        let base = URL(fileURLWithPath: out)
        return several ? base.appendingPathComponent(name) : base
    }

    /// The folder of the determinism check's second run, beside `folder`.
    public static func determinismFolder(_ folder: URL) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent).determinism")
    }

    /// Checks that every folder can be written and (re)used, before anything runs: absent, empty,
    /// or an earlier run of simctl's holding nothing else; and that no two runs share a folder.
    public static func checkFolders(_ folders: [URL]) throws(RunRequestError) {
        let runFolders = folders.map(RunFolder.init)
        for (index, folder) in runFolders.enumerated() {
            if let other = runFolders[..<index].first(where: { $0.covers(folder.url) || folder.covers($0.url) }) {
                throw .outputFolder(
                    "\(folder.url.path): two runs of this invocation would share it (or one would sit inside the other: \(other.url.path)); give the scenarios different names or seeds"
                )
            }
            try folder.preflight()
        }
    }

    /// Runs `scenario` into `folder`: writes it into `folder.incomplete`, then, once it has
    /// completed, puts it in place of an earlier run there (see ``RunFolder``). Failures of the
    /// simulator itself are ``RunFailure``s; the earlier run is then untouched.
    public static func run(
        _ scenario: Scenario, folder: URL, progress: ((RunProgress) -> Void)? = nil
    ) throws -> RunResult {
        let runFolder = RunFolder(folder)
        let marker = RunMarker(scenario: scenario.name, seed: scenario.seed)
        let earlier = RunFolder.kind(of: runFolder.url) == .directory ? runFolder.url : nil
        func failure(_ operation: String, _ error: any Error, partial: URL?) -> RunFailure {
            if let failure = error as? RunFailure { return failure }
            return RunFailure(
                scenario: scenario.name, seed: scenario.seed, operation: operation,
                reason: FileOperationError.describe(error), earlierRun: earlier, partialRun: partial)
        }
        let staging: URL
        do {
            staging = try runFolder.beginStaging(marker)
        } catch {
            throw failure("creating the run folder \(runFolder.staging.path)", error, partial: nil)
        }
        let result: RunResult
        do {
            let simulation = try Simulation(scenario: scenario, directory: staging)
            simulation.onProgress = progress
            result = try simulation.run()
            try simulation.close()
        } catch let error as SimulationError {
            if case .unsupported(let scenarioError) = error { throw scenarioError }
            throw failure("running the simulation", error, partial: staging)
        } catch {
            throw failure("running the simulation", error, partial: staging)
        }
        do {
            try RunFolderFiles.keep(scenario, in: staging)
            try Data((result.json().serialized() + "\n").utf8).write(to: staging.appendingPathComponent("result.json"))
        } catch {
            throw failure("writing result.json and the scenario copy", error, partial: staging)
        }
        do {
            try runFolder.commit(marker)
        } catch {
            throw failure("moving the run into place at \(runFolder.url.path)", error, partial: staging)
        }
        return result
    }

    /// Runs `scenario` a second time beside `folder` (in `NAME.determinism`, under the same
    /// rules) and compares trace and result byte for byte (wall-clock fields aside). The second
    /// run's folder is removed when the runs agree and kept for inspection when they differ.
    public static func checkDeterminism(
        _ scenario: Scenario, first: RunResult, folder: URL, progress: ((RunProgress) -> Void)? = nil
    ) throws -> DeterminismReport {
        let rerunFolder = determinismFolder(folder)
        let second = try run(scenario, folder: rerunFolder, progress: progress)
        let firstJSON = first.json(includeWallClock: false).serialized()
        let secondJSON = second.json(includeWallClock: false).serialized()
        if first.traceSHA256 == second.traceSHA256, firstJSON == secondJSON {
            try RunFolder(rerunFolder).remove()
            return DeterminismReport(identical: true, firstDifference: nil)
        }
        if let line = firstDifferingLine(
            folder.appendingPathComponent("trace.jsonl"),
            rerunFolder.appendingPathComponent("trace.jsonl"))
        {
            return DeterminismReport(
                identical: false,
                firstDifference: "trace.jsonl differs first at line \(line) (second run kept in \(rerunFolder.path))")
        }
        return DeterminismReport(
            identical: false,
            firstDifference: "result.json differs, traces identical (second run kept in \(rerunFolder.path))")
    }

    static func firstDifferingLine(_ a: URL, _ b: URL) -> Int? {
        guard let left = try? String(contentsOf: a, encoding: .utf8),  // try?-ok: unreadable = differs at 1
            let right = try? String(contentsOf: b, encoding: .utf8)  // try?-ok
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
