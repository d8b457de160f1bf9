/// What `simctl validate` reports: for each file, in the order given, either the checked scenario
/// or every error found in it, so one invocation shows everything there is to fix.
///
/// ```swift
/// let report = ScenarioValidation(paths: ["a.yaml", "b.yaml"])
/// for line in report.lines { print(line) }
/// if !report.valid { exit(2) }
/// ```
public struct ScenarioValidation: Sendable {
    /// One file's outcome.
    public enum Outcome: Sendable {
        case valid(Scenario)
        case invalid(ScenarioErrors)
    }

    /// Each file with its outcome, in the order given.
    public let outcomes: [(path: String, outcome: Outcome)]

    /// Loads every file, collecting every error of each.
    public init(paths: [String], options: ScenarioLoader.Options = ScenarioLoader.Options()) {
        outcomes = paths.map { path in
            do throws(ScenarioErrors) {
                let scenario = try ScenarioLoader.loadReportingAll(path: path, options: options)
                return (path, .valid(scenario))
            } catch {
                return (path, .invalid(error))
            }
        }
    }

    /// Whether every file is valid.
    public var valid: Bool { errors.isEmpty }

    /// Every error of every file, files in the order given.
    public var errors: [ScenarioError] {
        outcomes.flatMap { item -> [ScenarioError] in
            if case .invalid(let errors) = item.outcome { return errors.errors }
            return []
        }
    }

    /// `FILE: ok (NAME: 2 verticals, 1 faults, 5 expectations)` for each valid file.
    public var okLines: [String] {
        outcomes.compactMap { item in
            guard case .valid(let scenario) = item.outcome else { return nil }
            return
                "\(scenario.file): ok (\(scenario.name): \(scenario.topology.verticals.count) verticals, \(scenario.faults.count) faults, \(scenario.expectations.count) expectations)"
        }
    }

    /// The closing line when errors were found: `3 errors in 2 of 5 files`.
    public var summaryLine: String? {
        let bad = outcomes.filter { if case .invalid = $0.outcome { return true } else { return false } }.count
        guard bad > 0 else { return nil }
        let count = errors.count
        return
            "\(count) error\(count == 1 ? "" : "s") in \(bad) of \(outcomes.count) file\(outcomes.count == 1 ? "" : "s")"
    }
}
