import Foundation
import Yams

/// Reads scenario files: YAML text to a checked ``Scenario``, or a ``ScenarioError`` that names
/// the file, line and column of the first problem and what was expected there.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "scenarios/steady-state.yaml")
/// print(scenario.name, scenario.durationUs)
/// ```
public enum ScenarioLoader {
    static let topLevelKeys = [
        "name", "description", "seed", "duration", "topology", "workload", "script",
        "faults", "expect", "heal_timeout", "fuzz",
    ]

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(
                SourceLocation(file: path, line: 1, column: 1),
                "cannot read the file (expected a readable scenario file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(SourceLocation(file: path, line: 1, column: 1), "the file is not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses scenario YAML; `file` names it in error messages.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ScenarioError(
                    SourceLocation(file: file, line: 1, column: 1),
                    "the file is empty (expected a scenario mapping with at least name and duration)")
            }
            root = composed
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ScenarioError(SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
        do {
            return try decode(YAMLCursor(node: root, path: "", file: file))
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(SourceLocation(file: file, line: 1, column: 1), "\(error)")
        }
    }

    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        func located(_ mark: Mark, _ context: YamlError.Context?, _ problem: String) -> ScenarioError {
            let prefix = context.map { "\($0.text) " } ?? ""
            return ScenarioError(
                SourceLocation(file: file, line: mark.line, column: mark.column),
                "YAML syntax error: \(prefix)\(problem)".trimmingCharacters(in: .whitespaces))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return located(mark, context, problem)
        case .parser(let context, let problem, let mark, _): return located(mark, context, problem)
        case .composer(let context, let problem, let mark, _): return located(mark, context, problem)
        default:
            return ScenarioError(SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
    }

    static func decode(_ root: YAMLCursor) throws -> Scenario {
        guard case .mapping = root.node else {
            throw root.error("expected a scenario mapping (name, duration, topology, ...), found \(root.found)")
        }
        let keys = try root.mapping(allowed: topLevelKeys)
        let name = try keys.required("name").identifier()
        let duration = try keys.required("duration").duration(minimumUs: VirtualTime.ms)
        let seed = try keys.optional("seed").map { UInt64(try $0.int(in: 0...Int.max)) } ?? 1
        let topology =
            try keys.optional("topology").map(TopologyDecoder.decode)
            ?? TopologyDecoder.decode(YAMLCursor(node: Node("standard"), path: "topology", file: root.location.file))
        let workload = try keys.optional("workload").map { try WorkloadDecoder.decode($0, topology: topology) }
        let script =
            try keys.optional("script").map {
                try $0.sequence(of: "steps").map {
                    try WorkloadDecoder.decodeStep($0, topology: topology, durationUs: duration)
                }
            } ?? []
        let faults =
            try keys.optional("faults").map {
                try $0.sequence(of: "faults").map {
                    try FaultDecoder.decode($0, topology: topology, durationUs: duration)
                }
            } ?? []
        let expectations =
            try keys.optional("expect").map { try ExpectationDecoder.decode($0, topology: topology) } ?? []
        let healTimeout =
            try keys.optional("heal_timeout")?.duration(minimumUs: VirtualTime.second)
            ?? defaultHealTimeout(expectations)
        var scenario = Scenario(
            name: name, description: try keys.optional("description")?.string() ?? "",
            seed: seed, durationUs: duration, topology: topology, workload: workload, script: script,
            faults: faults, expectations: expectations, healTimeoutUs: healTimeout,
            file: root.location.file)
        scenario.fuzz = try keys.optional("fuzz").map {
            try FuzzBoundsDecoder.decode(
                $0, topology: topology, hasWorkload: workload != nil, lastStepUs: script.map(\.atUs).max())
        }
        return scenario
    }

    /// The heal phase lasts at most 5 minutes, or twice the stated convergence bound if longer.
    static func defaultHealTimeout(_ expectations: [Expectation]) -> Int64 {
        let stated = expectations.first { $0.key == .convergenceTime }.flatMap { expectation -> Int64? in
            if case .atMost(let us) = expectation.bound { return Int64(us) * 2 }
            return nil
        }
        return max(5 * VirtualTime.minute, stated ?? 0)
    }
}
