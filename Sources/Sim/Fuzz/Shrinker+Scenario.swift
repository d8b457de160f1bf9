extension Shrinker {
    /// A shorter chaos phase: first just past the last fault's end, then halved while the failure
    /// persists. Faults that would start after the new end are dropped; script steps bound it.
    mutating func shortenChaos(_ scenario: Scenario) throws -> Scenario {
        var current = scenario
        let faultsEnd = current.faults.compactMap { fault in fault.forUs.map { fault.atUs + $0 } }.max()
        if let end = faultsEnd, current.faults.allSatisfy({ $0.forUs != nil }),
            let candidate = Self.withDuration(current, roundedUp(end)), try accept(candidate)
        {
            current = candidate
        }
        while runs < budget, let half = Self.halved(current.durationUs, minimum: VirtualTime.second),
            let candidate = Self.withDuration(current, half)
        {
            guard try accept(candidate) else { break }
            current = candidate
        }
        return current
    }

    private func roundedUp(_ us: Int64) -> Int64 {
        (us + VirtualTime.second - 1) / VirtualTime.second * VirtualTime.second
    }

    /// `scenario` with a chaos phase of `durationUs`, or nil when that is not shorter or would
    /// cut a script step.
    static func withDuration(_ scenario: Scenario, _ durationUs: Int64) -> Scenario? {
        guard durationUs < scenario.durationUs, durationUs >= VirtualTime.second,
            scenario.script.allSatisfy({ $0.atUs < durationUs })
        else { return nil }
        var candidate = scenario
        candidate.durationUs = durationUs
        candidate.faults = scenario.faults.filter { $0.atUs < durationUs }
        return candidate
    }

    /// Fewer users, then a lower rate, each halved while the failure persists.
    mutating func reduceWorkload(_ scenario: Scenario) throws -> Scenario {
        var current = scenario
        while runs < budget, let workload = current.workload, workload.users > 1 {
            var candidate = current
            candidate.workload?.users = workload.users / 2
            guard try accept(candidate) else { break }
            current = candidate
        }
        while runs < budget, let workload = current.workload {
            let half = workload.ratePerSecond / 2
            let rounded = half >= 1 ? half.rounded(.down) : (half * 100).rounded(.down) / 100
            guard rounded >= 0.01, rounded < workload.ratePerSecond else { break }
            var candidate = current
            candidate.workload?.ratePerSecond = rounded
            guard try accept(candidate) else { break }
            current = candidate
        }
        return current
    }

    /// The base's own network, mix and surface weights back in place of the drawn ones, each kept
    /// only if the failure persists, so the shrunk file shows only what matters.
    mutating func restoreBase(_ scenario: Scenario) throws -> Scenario {
        guard let base else { return scenario }
        var current = scenario
        var candidates: [(Scenario) -> Scenario] = [
            {
                var s = $0; s.topology.network = base.topology.network; return s
            }
        ]
        if let workload = base.workload {
            candidates.append {
                var s = $0; s.workload?.mix = workload.mix; return s
            }
            candidates.append {
                var s = $0; s.workload?.surfaces = workload.surfaces; return s
            }
        }
        for make in candidates where runs < budget {
            let candidate = make(current)
            guard ScenarioWriter.yaml(candidate) != ScenarioWriter.yaml(current) else { continue }
            if try accept(candidate) { current = candidate }
        }
        return current
    }
}
