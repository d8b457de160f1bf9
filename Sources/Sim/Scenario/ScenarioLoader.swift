import Foundation
import Mechanisms
import Yams

/// Reads scenario files: YAML text to a checked ``Scenario``, or a ``ScenarioError`` that names
/// the file, line and column of the first problem and what was expected there.
///
/// Hostile input is stopped in layers, cheapest first, each before the next can be made slow:
/// the file's size, its characters (``SourceText``), the shape of its YAML event stream
/// (``YAMLPrescan``: depth, scalar length, anchors and aliases counted without expanding them,
/// duplicate keys), then Yams composes it and each value is checked against its bound
/// (``ScenarioBounds``), against the others, and the whole against the ``WorkBudget``.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "scenarios/steady-state.yaml")
/// print(scenario.name, scenario.durationUs)
/// ```
public enum ScenarioLoader {
    /// The keys of a scenario file (``ScenarioFormat/scenario``).
    static var topLevelKeys: [String] { ScenarioFormat.scenario.keys }

    /// Longest scenario name: it names the run folder (`NAME-seedN`).
    static let maxNameLength = 63
    /// Longest description, in characters.
    static let maxDescriptionCharacters = 4_000

    /// What a load may accept beyond the defaults.
    public struct Options: Sendable, Equatable {
        /// Limits on the file's shape.
        public var limits = LoaderLimits.standard
        /// The work budget (``WorkBudget/large`` with `--allow-large`).
        public var budget = WorkBudget.standard

        public init(allowLarge: Bool = false) {
            budget = allowLarge ? .large : .standard
        }
    }

    /// Reads and parses the file at `path`; throws the first of its errors.
    public static func load(path: String, options: Options = Options()) throws(ScenarioError) -> Scenario {
        do {
            return try loadReportingAll(path: path, options: options)
        } catch {
            throw error.errors[0]
        }
    }

    /// Reads and parses the file at `path`; throws every error decoding could find, in file
    /// order (a syntax error or a broken limit stops at once: what follows cannot be trusted).
    public static func loadReportingAll(path: String, options: Options = Options()) throws(ScenarioErrors)
        -> Scenario
    {
        let bytes: [UInt8]
        do {
            bytes = try read(path: path, limit: options.limits.fileBytes)
        } catch {
            throw ScenarioErrors([error])
        }
        return try parseReportingAll(SourceText(file: path, bytes: bytes), options: options)
    }

    /// Parses scenario YAML; `file` names it in error messages. Throws the first error.
    public static func parse(yaml: String, file: String, options: Options = Options()) throws(ScenarioError)
        -> Scenario
    {
        try parse(SourceText(file: file, text: yaml), options: options)
    }

    /// Parses scenario YAML; throws every error decoding could find, in file order.
    public static func parseReportingAll(yaml: String, file: String, options: Options = Options())
        throws(ScenarioErrors) -> Scenario
    {
        try parseReportingAll(SourceText(file: file, text: yaml), options: options)
    }

    /// Reads at most `limit + 1` bytes of a regular file: enough to say where a larger one goes
    /// past the limit without reading (or waiting for) the rest.
    static func read(path: String, limit: Int) throws(ScenarioError) -> [UInt8] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioError(start, "no such file (expected a scenario file)")
        }
        // try?-ok: no attributes means not a regular file, refused just below
        let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) ?? nil
        guard !isDirectory.boolValue, type == .typeRegular else {
            throw ScenarioError(start, "not a regular file (expected a scenario file)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ScenarioError(start, "cannot read the file (expected a readable scenario file)")
        }
        defer { try? handle.close() }  // try?-ok: read-only handle
        do {
            return Array(try handle.read(upToCount: limit + 1) ?? Data())
        } catch {
            throw ScenarioError(start, "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// Parses `source`; throws the first error.
    static func parse(_ source: SourceText, options: Options) throws(ScenarioError) -> Scenario {
        do {
            return try parseReportingAll(source, options: options)
        } catch {
            throw error.errors[0]
        }
    }

    /// Parses `source`; throws every error decoding could find, in file order.
    static func parseReportingAll(_ source: SourceText, options: Options) throws(ScenarioErrors) -> Scenario {
        let root: Node
        let yaml: String
        do {
            (root, yaml) = try compose(source, options: options)
        } catch {
            throw ScenarioErrors([error])
        }
        let sourceMap = SourceMap()
        let issues = DecodeIssues(file: source.file)
        let decoded = issues.attempt {
            try decode(YAMLCursor(node: root, path: "", file: source.file, sourceMap: sourceMap), issues: issues)
        }
        guard let decoded, var scenario = decoded else { throw ScenarioErrors(issues.sorted) }
        scenario.sourceYAML = yaml
        do {
            try ScenarioChecks(scenario: scenario, sourceMap: sourceMap).check(budget: options.budget)
        } catch {
            throw ScenarioErrors([error])
        }
        return scenario
    }

    /// The file's characters and YAML shape checked, then composed to a node.
    static func compose(_ source: SourceText, options: Options) throws(ScenarioError) -> (Node, String) {
        try source.checkCharacters(limits: options.limits)
        try YAMLPrescan.scan(source, limits: options.limits)
        let yaml = String(decoding: source.bytes, as: UTF8.self)
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ScenarioError(
                    SourceLocation(file: source.file, line: 1, column: 1),
                    "the file is empty (expected a scenario mapping with at least name and duration)")
            }
            return (composed, yaml)
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, source: source)
        } catch {
            throw ScenarioError(SourceLocation(file: source.file, line: 1, column: 1), "cannot parse the YAML")
        }
    }

    /// A Yams error as a located one-line message (the prescan catches these first; this is
    /// the second line of defence, and never prints the document itself).
    static func syntaxError(_ error: YamlError, source: SourceText) -> ScenarioError {
        func located(_ mark: Mark, _ context: YamlError.Context?, _ problem: String) -> ScenarioError {
            let prefix = context.map { "\($0.text) " } ?? ""
            return ScenarioError(
                SourceLocation(file: source.file, line: mark.line, column: mark.column),
                "YAML syntax error: \(prefix)\(problem)".trimmingCharacters(in: .whitespaces))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return located(mark, context, problem)
        case .parser(let context, let problem, let mark, _): return located(mark, context, problem)
        case .composer(let context, let problem, let mark, _): return located(mark, context, problem)
        case .reader(let problem, let offset, _, _):
            return ScenarioError(source.location(ofByte: offset ?? 0), "YAML error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(
                SourceLocation(file: source.file, line: context.mark.line, column: context.mark.column),
                "duplicate key \"\(Quote.short(duplicates.first ?? ""))\"")
        default:
            return ScenarioError(SourceLocation(file: source.file, line: 1, column: 1), "cannot parse the YAML")
        }
    }

    /// Decodes every top-level value it can, recording each error in `issues`; `nil` when any.
    static func decode(_ root: YAMLCursor, issues: DecodeIssues) throws -> Scenario? {
        guard case .mapping = root.node else {
            throw root.error("expected a scenario mapping (name, duration, topology, ...), found \(root.found)")
        }
        let keys = try root.mapping(allowed: topLevelKeys, issues: issues)
        let name = issues.attempt { try keys.required("name").identifier(maxLength: maxNameLength) }
        let duration = issues.attempt { try keys.required("duration").duration(ScenarioBounds.duration) }
        let seed = issues.attempt { try keys.optional("seed").map { UInt64(try $0.count(ScenarioBounds.seed)) } ?? 1 }
        let description = issues.attempt {
            try keys.optional("description")?.string(maxCharacters: maxDescriptionCharacters) ?? ""
        }
        let standard = YAMLCursor(
            node: Node("standard"), path: "topology", file: root.location.file, sourceMap: root.sourceMap)
        let topology = issues.attempt {
            try TopologyDecoder.decode(keys.optional("topology") ?? standard, issues: issues)
        }
        let healTimeout = issues.attempt { try keys.optional("heal_timeout")?.duration(ScenarioBounds.healTimeout) }
        // Values checked against the topology and the duration are skipped when those failed,
        // steps and faults are checked against the longest duration when only it failed.
        guard let topology else { return nil }
        let chaosUs = duration ?? Int64(ScenarioBounds.duration.maximum)
        let workload = issues.attempt {
            try keys.optional("workload").map { try WorkloadDecoder.decode($0, topology: topology) }
        }
        let script = decodeList(keys.optional("script"), of: "steps", bound: ScenarioBounds.scriptSteps, issues) {
            try WorkloadDecoder.decodeStep($0, topology: topology, durationUs: chaosUs)
        }
        let faults = decodeList(keys.optional("faults"), of: "faults", bound: ScenarioBounds.faults, issues) {
            try FaultDecoder.decode($0, topology: topology, durationUs: chaosUs)
        }
        let expectations = issues.attempt {
            try keys.optional("expect").map { try ExpectationDecoder.decode($0, topology: topology, issues: issues) }
                ?? []
        }
        guard let workload, let script, let faults else { return nil }
        let fuzz = issues.attempt {
            try keys.optional("fuzz").map {
                try FuzzBoundsDecoder.decode(
                    $0, topology: topology, hasWorkload: workload != nil, lastStepUs: script.map(\.atUs).max())
            }
        }
        let ablations = issues.attempt { try keys.optional("ablate").map(decodeAblations) ?? .none }
        guard issues.isEmpty, let name, let duration, let seed, let description, let healTimeout, let expectations,
            let fuzz, let ablations
        else { return nil }
        var scenario = Scenario(
            name: name, description: description, seed: seed, durationUs: duration, topology: topology,
            workload: workload, script: script, faults: faults, expectations: expectations,
            healTimeoutUs: healTimeout ?? defaultHealTimeout(expectations), file: root.location.file)
        scenario.ablations = ablations
        scenario.fuzz = fuzz
        return scenario
    }

    /// A list whose entries are decoded one by one, each error recorded; `nil` when the list
    /// itself is malformed.
    static func decodeList<T>(
        _ cursor: YAMLCursor?, of what: String, bound: FieldBound, _ issues: DecodeIssues,
        _ item: (YAMLCursor) throws -> T
    ) -> [T]? {
        guard let cursor else { return [] }
        guard let items = issues.attempt({ try cursor.sequence(of: what, bound: bound) }) else { return nil }
        let decoded = items.compactMap { entry in issues.attempt { try item(entry) } }
        return decoded.count == items.count ? decoded : nil
    }

    /// `ablate: [NAME, ...]`: the mechanisms to remove, each named once.
    static func decodeAblations(_ cursor: YAMLCursor) throws -> DisabledMechanisms {
        var ablations = DisabledMechanisms.none
        for entry in try cursor.sequence(of: "ablations", bound: ScenarioBounds.ablations) {
            let name = try entry.scalar("an ablation name")
            guard let ablation = Ablation(rawValue: name) else {
                throw entry.error(
                    "unknown ablation \"\(Quote.short(name))\" (expected one of: \(Ablation.names.joined(separator: ", ")))"
                )
            }
            guard !ablations.removes(ablation) else {
                throw entry.error("ablation \(name) is listed twice (expected each name once)")
            }
            ablations.insert(DisabledMechanisms(ablation))
        }
        return ablations
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
