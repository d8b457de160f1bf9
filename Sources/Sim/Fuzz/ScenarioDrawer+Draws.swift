extension ScenarioDrawer {
    /// One fault of `kind`: start anywhere in the chaos phase, a duration within bounds, a target
    /// of the right sort, and the kind's fields.
    func drawFault(_ kind: FaultKind, scenario: Scenario, _ random: inout Xoshiro256) -> FaultSpec {
        let chaosUs = scenario.durationUs
        let topology = scenario.topology
        let atUs = Self.pick(0...chaosUs - 1, &random, resolution: Self.resolutionUs)
        let longest = bounds.faultDurationUs ?? VirtualTime.second...max(VirtualTime.second, chaosUs)
        let forUs = Self.pick(longest, &random, resolution: Self.resolutionUs)
        var fault = FaultSpec(
            kind: kind, target: drawTarget(kind, topology: topology, &random), atUs: atUs, forUs: forUs,
            oneway: false, location: SourceLocation(file: base.file, line: 1, column: 1))
        switch kind {
        case .brownout, .messageLoss, .messageDuplication, .messageReorder, .messageTamper:
            fault.rate = Self.pick(bounds.intensity, &random)
        case .edgeError:
            // Half of edge errors fail a fraction of requests, half the first N requests.
            if random.chance(0.5) {
                fault.rate = Self.pick(bounds.intensity, &random)
            } else {
                fault.count = 1 + random.index(Int(max(1, (bounds.intensity.upperBound * 100).rounded())))
            }
        case .clockSkew:
            let bound = bounds.clockSkewBoundUs(topology)
            fault.offsetUs = Self.pick(-bound...bound, &random, resolution: Self.resolutionUs)
        case .linkLatency:
            let latency = Self.pick(bounds.faultLatencyUs, &random, resolution: VirtualTime.ms)
            fault.latencyUs = latency
            if random.chance(0.5) { fault.jitterUs = Self.pick(0...latency / 2, &random, resolution: VirtualTime.ms) }
        case .partition:
            fault.oneway = random.chance(0.25)
        default:
            break
        }
        return fault
    }

    func drawTarget(_ kind: FaultKind, topology: Topology, _ random: inout Xoshiro256) -> FaultTarget {
        let ids = topology.verticals.map(\.id)
        switch kind.targetKind {
        case .vertical: return .vertical(ids[random.index(ids.count)])
        case .edge:
            guard let edge = topology.edge else { preconditionFailure("edge fault drawn without an edge") }
            return .edge(edge.name)
        case .domain: return .domain(topology.domains[random.index(topology.domains.count)].name)
        case .link:
            precondition(ids.count >= 2, "link fault drawn with one vertical")
            let first = random.index(ids.count)
            let second = (first + 1 + random.index(ids.count - 1)) % ids.count
            return .link(ids[first], ids[second])
        }
    }

    /// The workload with its users and rate drawn within bounds, and its mix and surface weights
    /// drawn as multiples of 1/20 (so the file reads `create: 0.25`).
    func drawWorkload(_ workload: Workload, topology: Topology, _ random: inout Xoshiro256) -> Workload {
        var drawn = workload
        if let users = bounds.users { drawn.users = users.lowerBound + random.index(users.count) }
        if let rate = bounds.ratePerSecond {
            let value = rate.lowerBound + random.unitDouble() * (rate.upperBound - rate.lowerBound)
            let rounded = value >= 1 ? value.rounded() : (value * 100).rounded() / 100
            drawn.ratePerSecond = min(rate.upperBound, max(rate.lowerBound, rounded))
        }
        if bounds.drawsMix {
            let weights = Self.twentieths(WorkloadOperation.allCases.count, &random)
            drawn.mix = zip(WorkloadOperation.allCases, weights).map { ($0, $1) }
        }
        if bounds.drawsSurfaces {
            let weights = Self.twentieths(topology.domains.count, &random)
            drawn.surfaces = zip(topology.domains.map(\.name), weights).map { ($0, $1) }
        }
        return drawn
    }

    /// `count` weights, multiples of 0.05 summing to 1: twenty units dealt to random slots.
    static func twentieths(_ count: Int, _ random: inout Xoshiro256) -> [Double] {
        var units = Array(repeating: 0, count: count)
        for _ in 0..<20 { units[random.index(count)] += 1 }
        return units.map { Double($0) / 20 }
    }
}
