import Mechanisms

/// Draws, from a seed, one scenario derived from a base, swarm-style (Groce et al., "Swarm
/// Testing", ISSTA 2012): first which fault kinds are enabled at all (a random subset, so that a
/// seed explores a few kinds deeply instead of every kind thinly), then how many faults, and for
/// each its kind, time, duration, target and intensity; the default link's latency and jitter;
/// the workload's mix, surfaces, users and rate; each within ``FuzzBounds``.
///
/// Each concern draws from its own named stream, so narrowing one bound never moves the others'
/// draws. The simulation itself runs with the same seed.
///
/// ```swift
/// let drawer = ScenarioDrawer(base: base)
/// let scenario = drawer.draw(seed: 42)
/// ```
public struct ScenarioDrawer: Sendable {
    public let base: Scenario
    public let bounds: FuzzBounds
    /// Ablations to apply to every drawn scenario (`simctl fuzz --ablate NAME`).
    public let ablations: [String]

    /// Times and durations are drawn to this resolution, for readable files.
    static let resolutionUs = 100 * VirtualTime.ms

    public init(base: Scenario, ablations: [String] = []) {
        self.base = base
        bounds = base.fuzz ?? FuzzBounds.defaults(for: base.topology)
        self.ablations = ablations
    }

    /// The scenario of `seed`.
    public func draw(seed: UInt64) -> Scenario {
        let random = SimRandom(seed: seed)
        var scenario = base
        scenario.seed = seed
        scenario.fuzz = nil
        var shape = random.stream("fuzz.shape")
        if let range = bounds.durationUs {
            scenario.durationUs = Self.pick(range, &shape, resolution: VirtualTime.second)
        }
        if let workload = base.workload {
            var draws = random.stream("fuzz.workload")
            scenario.workload = drawWorkload(workload, topology: base.topology, &draws)
        }
        if let range = bounds.linkLatencyUs {
            var draws = random.stream("fuzz.network")
            let latency = Self.pick(range, &draws, resolution: VirtualTime.ms)
            let jitter = Self.pick(0...latency / 2, &draws, resolution: VirtualTime.ms)
            scenario.topology.network.defaultLink = LinkSpec(latencyUs: latency, jitterUs: jitter)
        }
        var kinds = random.stream("fuzz.kinds")
        let enabled = swarm(&kinds)
        var faults = random.stream("fuzz.faults")
        let count = enabled.isEmpty ? 0 : bounds.faultCount.lowerBound + faults.index(bounds.faultCount.count)
        let drawn = (0..<count).map { _ in
            drawFault(enabled[faults.index(enabled.count)], scenario: scenario, &faults)
        }
        let kept = base.faults.filter { $0.atUs < scenario.durationUs }
        scenario.faults = (kept + drawn).enumerated().sorted {
            ($0.element.atUs, $0.offset) < ($1.element.atUs, $1.offset)
        }
        .map(\.element)
        scenario.expectations = FuzzExpectations.merged(
            base: base.expectations, faults: scenario.faults, file: base.file)
        scenario.description = describe(seed: seed, enabled: enabled, faults: scenario.faults.count)
        // The base's own `ablate:` list, and `--ablate` (validated by ``FuzzAblations/validate(_:)``).
        scenario.ablations = base.ablations.union(DisabledMechanisms(ablations.compactMap(Ablation.init(rawValue:))))
        return scenario
    }

    /// The kinds enabled for one seed: each kind of the pool with probability 1/2, at least one.
    func swarm(_ random: inout Xoshiro256) -> [FaultKind] {
        guard !bounds.kinds.isEmpty, bounds.faultCount.upperBound > 0 else { return [] }
        let enabled = bounds.kinds.filter { _ in random.chance(0.5) }
        return enabled.isEmpty ? [bounds.kinds[random.index(bounds.kinds.count)]] : enabled
    }

    func describe(seed: UInt64, enabled: [FaultKind], faults: Int) -> String {
        let kinds = enabled.isEmpty ? "none" : enabled.map(\.rawValue).joined(separator: ", ")
        return
            "Drawn by simctl fuzz from \(base.file) (\(base.name)), seed \(seed): \(faults) faults; kinds enabled: \(kinds)."
    }

    /// A uniform value in `range`, rounded down to `resolution` when the range spans one.
    static func pick(_ range: ClosedRange<Int64>, _ random: inout Xoshiro256, resolution: Int64) -> Int64 {
        let span = range.upperBound - range.lowerBound
        let value = range.lowerBound + Int64(random.uniform(below: UInt64(span) + 1))
        guard span >= resolution else { return value }
        return max(range.lowerBound, value - (value - range.lowerBound) % resolution)
    }

    /// A uniform fraction in `range`, to two decimals when the range spans 0.01.
    static func pick(_ range: ClosedRange<Double>, _ random: inout Xoshiro256) -> Double {
        let value = range.lowerBound + random.unitDouble() * (range.upperBound - range.lowerBound)
        guard range.upperBound - range.lowerBound >= 0.01 else { return value }
        return min(range.upperBound, max(range.lowerBound, (value * 100).rounded() / 100))
    }
}
