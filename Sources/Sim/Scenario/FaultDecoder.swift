/// Decodes one entry of `faults:`, checking its kind, target and fields against the topology.
enum FaultDecoder {
    static func decode(_ cursor: YAMLCursor, topology: Topology, durationUs: Int64) throws -> FaultSpec {
        guard case .mapping = cursor.node else {
            throw cursor.error(
                "expected a fault mapping like {at: 5m, for: 10m, kind: compute-outage, target: aws}, found \(cursor.found)"
            )
        }
        // Read the kind first: which other keys are allowed depends on it.
        let loose = try cursor.openMapping()
        guard let kindEntry = loose.first(where: { $0.key == "kind" }) else {
            throw cursor.error(
                "missing required key \"kind\" (expected one of: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let kindText = try kindEntry.value.scalar("a fault kind")
        guard let kind = FaultKind(rawValue: kindText) else {
            throw kindEntry.value.error(
                "unknown fault kind \"\(Quote.short(kindText))\" (expected one of: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")); `simctl faults` lists them)"
            )
        }
        let targetKey = kind.targetKind == .link ? "between" : "target"
        let allowed = ["at", "for", "kind", targetKey] + (kind.requiredFields + kind.optionalFields).map(\.rawValue)
        let keys: YAMLMapping
        do {
            keys = try cursor.mapping(allowed: allowed)
        } catch let error as ScenarioError where error.message.hasPrefix("unknown key") {
            throw ScenarioError(
                error.location,
                error.message.replacingOccurrences(
                    of: "(expected one of:", with: "(a \(kind.rawValue) fault takes:"))
        }
        let atCursor = try keys.required("at")
        let at = try atCursor.duration(ScenarioBounds.at)
        guard at < durationUs else {
            throw atCursor.error(
                "fault starts at \(VirtualTime.formatDuration(at)), after the scenario ends (\(VirtualTime.formatDuration(durationUs)))"
            )
        }
        let forUs = try keys.optional("for")?.duration(ScenarioBounds.faultFor)
        let target = try decodeTarget(try keys.required(targetKey), kind: kind, topology: topology)
        for field in kind.requiredFields where !keys.has(field.rawValue) {
            throw cursor.error("a \(kind.rawValue) fault needs \(field.rawValue):")
        }
        var fault = FaultSpec(
            kind: kind, target: target, atUs: at, forUs: forUs, oneway: false, location: cursor.location)
        fault.rate = try keys.optional("rate")?.fraction(FaultField.rate.bound)
        fault.count = try keys.optional("count")?.count(FaultField.count.bound)
        fault.offsetUs = try keys.optional("offset")?.duration(FaultField.offset.bound)
        fault.latencyUs = try keys.optional("latency")?.duration(FaultField.latency.bound)
        fault.jitterUs = try keys.optional("jitter")?.duration(FaultField.jitter.bound)
        fault.oneway = try keys.optional("oneway")?.bool() ?? false
        if kind == .edgeError, fault.rate == nil, fault.count == nil {
            throw cursor.error("an edge-error fault needs rate: or count:")
        }
        if let jitter = fault.jitterUs, let latency = fault.latencyUs, jitter > latency,
            let jitterCursor = keys.optional("jitter")
        {
            throw jitterCursor.error("jitter exceeds latency (expected jitter <= latency)")
        }
        return fault
    }

    static func decodeTarget(_ cursor: YAMLCursor, kind: FaultKind, topology: Topology) throws -> FaultTarget {
        let verticalIds = topology.verticals.map(\.id)
        switch kind.targetKind {
        case .vertical:
            let id = try cursor.scalar("a vertical id")
            guard verticalIds.contains(id) else {
                throw cursor.error(
                    "unknown target \"\(Quote.short(id))\" for \(kind.rawValue) (expected a vertical: \(verticalIds.joined(separator: ", ")))"
                )
            }
            return .vertical(id)
        case .edge:
            let name = try cursor.scalar("an edge name")
            guard let edge = topology.edge, edge.name == name else {
                throw cursor.error(
                    "unknown target \"\(Quote.short(name))\" for \(kind.rawValue) (expected the edge\(topology.edge.map { ": \($0.name)" } ?? "; this topology has none"))"
                )
            }
            return .edge(name)
        case .domain:
            let name = try cursor.scalar("a domain name")
            guard topology.domain(name) != nil else {
                throw cursor.error(
                    "unknown target \"\(Quote.short(name))\" for \(kind.rawValue) (expected a domain: \(topology.domains.map(\.name).joined(separator: ", ")))"
                )
            }
            return .domain(name)
        case .link:
            let ends = try cursor.sequence(of: "two vertical ids")
            guard ends.count == 2 else {
                throw cursor.error("expected two verticals like [aws, scaleway], found \(ends.count)")
            }
            var ids: [String] = []
            for end in ends {
                let id = try end.scalar("a vertical id")
                guard verticalIds.contains(id) else {
                    throw end.error(
                        "unknown vertical \"\(Quote.short(id))\" (expected one of: \(verticalIds.joined(separator: ", ")))"
                    )
                }
                ids.append(id)
            }
            guard ids[0] != ids[1] else { throw cursor.error("a link needs two different verticals") }
            return .link(ids[0], ids[1])
        }
    }
}
