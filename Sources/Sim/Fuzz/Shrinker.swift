/// Shrinks a failing scenario to a smaller one that fails the same check, so a reviewer sees the
/// two or three faults that matter: delta debugging over the fault list (Zeller and Hildebrandt,
/// "Simplifying and Isolating Failure-Inducing Input", 2002), then each fault's duration and
/// intensity halved, then a shorter chaos phase, fewer users, a lower rate, and the base's own
/// network and workload mix. A candidate is kept only if it still fails the target check; the
/// seed never changes. Every pass repeats until nothing more shrinks or the run budget is spent.
public struct Shrinker {
    /// The check the shrunk scenario must still fail.
    public let target: String
    /// Most candidate runs to spend.
    public let budget: Int
    /// The base the scenario was drawn from (its network and mix are tried back).
    let base: Scenario?
    /// Runs a candidate; true when it fails `target`.
    let fails: (Scenario) throws -> Bool
    public private(set) var runs = 0

    public init(target: String, budget: Int, base: Scenario?, fails: @escaping (Scenario) throws -> Bool) {
        precondition(budget >= 0, "negative shrink budget")
        self.target = target
        self.budget = budget
        self.base = base
        self.fails = fails
    }

    /// The smallest failing scenario found from `scenario`, which must fail `target`. Its
    /// expectations are reduced to the target's own.
    public mutating func shrink(_ scenario: Scenario) throws -> Scenario {
        var current = scenario
        current.expectations = scenario.expectations.filter { $0.checkName == target }
        if !(try accept(current)) { return scenario }
        while runs < budget {
            let before = ScenarioWriter.yaml(current)
            current = try dropFaults(current)
            current = try halveFaults(current)
            current = try shortenChaos(current)
            current = try reduceWorkload(current)
            current = try restoreBase(current)
            if ScenarioWriter.yaml(current) == before { break }
        }
        return current
    }

    /// Runs `candidate` unless the budget is spent; true when it fails the target. A candidate the
    /// loader would refuse once written out (a rate too low for the shortened duration, say) is
    /// never kept: the shrunk file must be one `simctl run` accepts. It costs no run.
    mutating func accept(_ candidate: Scenario) throws -> Bool {
        guard runs < budget, Self.isLoadable(candidate) else { return false }
        runs += 1
        return try fails(candidate)
    }

    /// True when `candidate`, written as YAML, loads back: the same rules as `simctl run` applies.
    static func isLoadable(_ candidate: Scenario) -> Bool {
        do {
            _ = try ScenarioLoader.parse(yaml: ScenarioWriter.yaml(candidate), file: "candidate.yaml")
            return true
        } catch {
            return false  // typed throws: only the loader's refusal reaches here
        }
    }

    /// ddmin over the fault list: the empty list first, then each chunk alone, then each chunk's
    /// complement, with chunks halving in size until single faults are tried.
    mutating func dropFaults(_ scenario: Scenario) throws -> Scenario {
        guard !scenario.faults.isEmpty else { return scenario }
        var none = scenario
        none.faults = []
        if try accept(none) { return none }
        var current = scenario
        var chunks = 2
        while current.faults.count >= 2, runs < budget {
            let size = (current.faults.count + chunks - 1) / chunks
            let ranges = stride(from: 0, to: current.faults.count, by: size).map {
                $0..<min($0 + size, current.faults.count)
            }
            var reduced: Scenario?
            if ranges.count > 2 {
                for range in ranges {
                    var candidate = current
                    candidate.faults = Array(current.faults[range])
                    if try accept(candidate) {
                        reduced = candidate
                        chunks = 2
                        break
                    }
                }
            }
            if reduced == nil {
                for range in ranges {
                    var candidate = current
                    candidate.faults.removeSubrange(range)
                    if try accept(candidate) {
                        reduced = candidate
                        chunks = max(chunks - 1, 2)
                        break
                    }
                }
            }
            if let reduced {
                current = reduced
            } else {
                if size <= 1 { break }
                chunks = min(chunks * 2, current.faults.count)
            }
        }
        return current
    }

    /// Each fault's duration, then its intensity, halved while the failure persists.
    mutating func halveFaults(_ scenario: Scenario) throws -> Scenario {
        var current = scenario
        for index in current.faults.indices {
            for transform in [Self.halveDuration, Self.halveIntensity] {
                while runs < budget, let smaller = transform(current.faults[index]) {
                    var candidate = current
                    candidate.faults[index] = smaller
                    guard try accept(candidate) else { break }
                    current = candidate
                }
            }
        }
        return current
    }

    static func halveDuration(_ fault: FaultSpec) -> FaultSpec? {
        guard let forUs = fault.forUs, let half = halved(forUs, minimum: VirtualTime.ms) else { return nil }
        var smaller = fault
        smaller.forUs = half
        return smaller
    }

    static func halveIntensity(_ fault: FaultSpec) -> FaultSpec? {
        var smaller = fault
        if let rate = fault.rate {
            let half = (rate * 50).rounded(.down) / 100
            guard half >= 0.01, half < rate else { return nil }
            smaller.rate = half
        } else if let count = fault.count {
            guard count > 1 else { return nil }
            smaller.count = count / 2
        } else if let offset = fault.offsetUs {
            guard let half = halved(abs(offset), minimum: VirtualTime.ms) else { return nil }
            smaller.offsetUs = offset < 0 ? -half : half
        } else if let latency = fault.latencyUs {
            guard let half = halved(latency, minimum: VirtualTime.ms) else { return nil }
            smaller.latencyUs = half
            smaller.jitterUs = fault.jitterUs.map { min($0, half) }
        } else {
            return nil
        }
        return smaller
    }

    /// Half of `us`, rounded down to 100 ms above a second, or nil when it would not shrink.
    static func halved(_ us: Int64, minimum: Int64) -> Int64? {
        var half = us / 2
        if half >= VirtualTime.second { half -= half % (100 * VirtualTime.ms) }
        return half >= minimum && half < us ? half : nil
    }
}
