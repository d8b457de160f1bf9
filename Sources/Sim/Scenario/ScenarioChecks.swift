/// Checks that span several fields of a decoded scenario, each reported at the value the user
/// would change: uploads that could never fit a vertical's payload limit, a workload that would
/// send nothing, and the expected amount of work against the ``WorkBudget``.
struct ScenarioChecks {
    let scenario: Scenario
    let sourceMap: SourceMap

    func check(budget: WorkBudget) throws(ScenarioError) {
        try checkRuntimesCanServe()
        try checkAttachments()
        try checkWorkloadSendsSomething()
        try checkWork(budget)
    }

    /// Where the value at the first of `paths` that the user wrote is, else the file's start.
    func location(_ paths: String...) -> SourceLocation {
        sourceMap.first(of: paths) ?? SourceLocation(file: scenario.file, line: 1, column: 1)
    }

    /// A runtime whose timeout is shorter than a cold start plus its warm latency can never answer
    /// (every cold start times out, so no instance ever becomes warm).
    func checkRuntimesCanServe() throws(ScenarioError) {
        for (index, vertical) in scenario.topology.verticals.enumerated() {
            let runtime = vertical.runtime
            guard runtime.coldStartUs + runtime.warmLatencyUs > runtime.timeoutUs else { continue }
            let base = "topology.verticals[\(index)].runtime"
            throw ScenarioError(
                location("\(base).timeout", "\(base).cold_start", "topology"),
                "runtime.timeout \(FieldBound.formatDuration(runtime.timeoutUs)) of vertical \(vertical.id) is shorter than cold_start + warm_latency (\(FieldBound.formatDuration(runtime.coldStartUs + runtime.warmLatencyUs))): it could never answer (expected a timeout at least that long)"
            )
        }
    }

    /// Every upload must fit every vertical's `max_payload`: the edge may send it to any of them.
    func checkAttachments() throws(ScenarioError) {
        let workloadUploads = scenario.workload.map { workload in
            workload.mix.contains { $0.0 == .upload && $0.1 > 0 }
        }
        guard workloadUploads == true || scenario.script.contains(where: { $0.action == .upload }) else { return }
        let bytes = scenario.workload?.attachmentBytes ?? Workload.defaultAttachmentBytes
        for (index, vertical) in scenario.topology.verticals.enumerated()
        where vertical.runtime.maxPayloadBytes < bytes {
            let payloadPath = "topology.verticals[\(index)].runtime.max_payload"
            throw ScenarioError(
                location("workload.attachment_size", payloadPath, "workload", "script"),
                "workload.attachment_size \(FieldBound.formatSize(bytes)) exceeds the max_payload of vertical \(vertical.id) (\(FieldBound.formatSize(vertical.runtime.maxPayloadBytes))): every upload would be refused with 413 (expected an attachment size at most every vertical's max_payload)"
            )
        }
    }

    /// A workload whose rate gives less than one request in the whole chaos phase tests nothing.
    func checkWorkloadSendsSomething() throws(ScenarioError) {
        guard let workload = scenario.workload else { return }
        let expected = workload.ratePerSecond * Double(scenario.durationUs) / Double(VirtualTime.second)
        guard expected >= 1 else {
            throw ScenarioError(
                location("workload.rate"),
                "workload.rate gives \(expected.formatted3) requests in the scenario's duration of \(FieldBound.formatDuration(scenario.durationUs)) (expected a rate that sends at least one request)"
            )
        }
    }

    func checkWork(_ budget: WorkBudget) throws(ScenarioError) {
        let work = WorkEstimate(scenario)
        guard work.seconds > budget.maxSeconds else { return }
        let parts = work.components.filter { $0.seconds >= 1 }.sorted { $0.seconds > $1.seconds }
        let largest = work.components.max { $0.seconds < $1.seconds }!
        let breakdown = parts.map { "\($0.name) \(Self.wallTime($0.seconds))" }.joined(separator: ", ")
        let hint =
            budget == .standard
            ? "; lower the values, or pass --allow-large to raise the budget tenfold" : " even with --allow-large"
        throw ScenarioError(
            sourceMap.first(of: largest.paths) ?? SourceLocation(file: scenario.file, line: 1, column: 1),
            "the scenario would take about \(Self.wallTime(work.seconds)) on a 2-core machine (\(breakdown)), above the work budget of \(Self.wallTime(budget.maxSeconds))\(hint)"
        )
    }

    /// `45s`, `12m`, `3h20m`.
    static func wallTime(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Int(seconds.rounded()))s" }
        let minutes = min(seconds / 60, 1e12).rounded()
        if minutes < 60 { return "\(Int(minutes))m" }
        let hours = (minutes / 60).rounded(.down)
        let rest = Int(minutes - hours * 60)
        return rest == 0 ? "\(Int(hours))h" : "\(Int(hours))h\(rest)m"
    }
}

extension Double {
    /// At most three decimals, without a trailing `.0` for whole numbers.
    fileprivate var formatted3: String {
        let rounded = (self * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
