/// Writes a ``Scenario`` back out as a plain scenario file, in a canonical form: loading the text
/// gives a scenario equal to the one written (same durations to the microsecond, same weights to
/// the last bit), so `simctl run` on the file reproduces the run exactly. This is how a fuzz
/// campaign hands over a failing seed.
///
/// ```swift
/// let text = ScenarioWriter.yaml(drawn, header: ["Drawn by simctl fuzz, seed 42"])
/// let again = try ScenarioLoader.parse(yaml: text, file: "seed42.yaml")
/// ```
public enum ScenarioWriter {
    /// The scenario as YAML text; each `header` line becomes a leading `#` comment.
    public static func yaml(_ scenario: Scenario, header: [String] = []) -> String {
        var lines = header.map { "# \($0)" }
        lines.append("name: \(scenario.name)")
        if !scenario.description.isEmpty {
            lines.append("description: \(YAMLText.quoted(scenario.description))")
        }
        lines.append("seed: \(scenario.seed)")
        lines.append("duration: \(YAMLText.duration(scenario.durationUs))")
        lines.append("heal_timeout: \(YAMLText.duration(scenario.healTimeoutUs))")
        // A failure drawn with `simctl fuzz --ablate NAME` reproduces with plain `simctl run`.
        if !scenario.ablations.isEmpty { lines.append("ablate: " + YAMLText.flowList(scenario.ablations.names)) }
        lines += topologyLines(scenario.topology)
        if let workload = scenario.workload { lines += workloadLines(workload) }
        if !scenario.script.isEmpty {
            lines.append("script:")
            lines += scenario.script.map { "  - " + step($0) }
        }
        if !scenario.faults.isEmpty {
            lines.append("faults:")
            lines += scenario.faults.map { "  - " + fault($0) }
        }
        if !scenario.expectations.isEmpty { lines += expectationLines(scenario.expectations) }
        if let fuzz = scenario.fuzz { lines += fuzzLines(fuzz, topology: scenario.topology) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func workloadLines(_ workload: Workload) -> [String] {
        var lines = [
            "workload:",
            "  users: \(workload.users)",
            "  rate: \(YAMLText.rate(workload.ratePerSecond))",
        ]
        let mix = workload.mix.filter { $0.1 != 0 }.map { ($0.0.rawValue, YAMLText.number($0.1)) }
        lines.append("  mix: \(YAMLText.flow(mix))")
        let surfaces = workload.surfaces.map { (YAMLText.scalar($0.0), YAMLText.number($0.1)) }
        lines.append("  surfaces: \(YAMLText.flow(surfaces))")
        lines.append("  attachment_size: \(YAMLText.size(workload.attachmentBytes))")
        if workload.footerIndicator != Workload.defaultFooterIndicator {
            lines.append("  footer_indicator: \(YAMLText.number(workload.footerIndicator))")
        }
        return lines
    }

    static func step(_ step: ScriptStep) -> String {
        var pairs = [
            ("at", YAMLText.duration(step.atUs)), ("user", YAMLText.scalar(step.user)),
            ("via", YAMLText.scalar(step.via)),
        ]
        if let pin = step.pin { pairs.append(("pin", YAMLText.scalar(pin))) }
        pairs.append(("do", step.action.rawValue))
        if let runbook = step.runbook { pairs.append(("runbook", YAMLText.scalar(runbook))) }
        if let name = step.name { pairs.append(("name", YAMLText.scalar(name))) }
        if let code = step.code { pairs.append(("code", "\(code)")) }
        if let status = step.expectStatus { pairs.append(("expect_status", "\(status)")) }
        if let vertical = step.claims.vertical { pairs.append(("expect_vertical", YAMLText.scalar(vertical))) }
        if let platform = step.claims.platform { pairs.append(("expect_platform", YAMLText.scalar(platform))) }
        if let environment = step.claims.environment {
            pairs.append(("expect_environment", YAMLText.scalar(environment)))
        }
        if step.stale { pairs.append(("stale", "true")) }
        return YAMLText.flow(pairs)
    }

    /// One fault as a flow mapping, fields in the order of the docs: `{at, for, kind, target, ...}`.
    public static func fault(_ fault: FaultSpec) -> String {
        var pairs = [("at", YAMLText.duration(fault.atUs))]
        if let forUs = fault.forUs { pairs.append(("for", YAMLText.duration(forUs))) }
        pairs.append(("kind", fault.kind.rawValue))
        switch fault.target {
        case .vertical(let id): pairs.append(("target", YAMLText.scalar(id)))
        case .edge(let name): pairs.append(("target", YAMLText.scalar(name)))
        case .domain(let name): pairs.append(("target", YAMLText.scalar(name)))
        case .link(let a, let b): pairs.append(("between", YAMLText.flowList([a, b].map(YAMLText.scalar))))
        }
        if let rate = fault.rate { pairs.append(("rate", YAMLText.number(rate))) }
        if let count = fault.count { pairs.append(("count", "\(count)")) }
        if let offset = fault.offsetUs { pairs.append(("offset", YAMLText.duration(offset))) }
        if let latency = fault.latencyUs { pairs.append(("latency", YAMLText.duration(latency))) }
        if let jitter = fault.jitterUs { pairs.append(("jitter", YAMLText.duration(jitter))) }
        if fault.oneway { pairs.append(("oneway", "true")) }
        return YAMLText.flow(pairs)
    }

    /// `expect:` with one line per key; qualified expectations (availability, propagation) of one
    /// key are grouped into a flow mapping in their original order.
    static func expectationLines(_ expectations: [Expectation]) -> [String] {
        var lines = ["expect:"]
        var done: [ExpectKey] = []
        for expectation in expectations where !done.contains(expectation.key) {
            done.append(expectation.key)
            if expectation.qualifier == nil {
                lines.append("  \(expectation.key.rawValue): \(value(expectation.written))")
            } else {
                let group = expectations.filter { $0.key == expectation.key }
                let pairs = group.map { (YAMLText.scalar($0.qualifier ?? ""), value($0.written)) }
                lines.append("  \(expectation.key.rawValue): \(YAMLText.flow(pairs))")
            }
        }
        return lines
    }

    /// An expectation's value as written, quoted when it starts with `<` or `>` or has spaces.
    static func value(_ written: String) -> String {
        let plain = written.first.map { $0.isNumber || $0.isLetter } == true && !written.contains(" ")
        return plain ? written : YAMLText.quoted(written)
    }
}
