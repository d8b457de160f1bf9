/// Decodes `expect:` into one ``Expectation`` per check.
enum ExpectationDecoder {
    static let percentiles = ["p50", "p90", "p99", "p999", "max"]

    /// Every entry is decoded on its own; with `issues`, each broken one (and each unknown key)
    /// is recorded there and ``DecodeIssues/Recorded`` thrown at the end.
    static func decode(_ cursor: YAMLCursor, topology: Topology, issues: DecodeIssues? = nil) throws -> [Expectation] {
        let sink = issues ?? DecodeIssues(file: cursor.location.file)
        let before = sink.errors.count
        let keys = try cursor.mapping(allowed: ScenarioFormat.expect.keys, issues: sink)
        var expectations: [Expectation] = []
        for entry in keys.entries {
            if let decoded = sink.attempt({ try decodeEntry(entry, topology: topology) }) {
                expectations += decoded
            }
        }
        guard sink.errors.count == before else { try sink.fail(since: before, owned: issues == nil) }
        return expectations
    }

    static func decodeEntry(_ entry: YAMLMapping.Entry, topology: Topology) throws -> [Expectation] {
        var expectations: [Expectation] = []
        let key = ExpectKey(rawValue: entry.key)!
        switch key.valueKind {
        case .percentiles:
            for item in try entry.value.openMapping() {
                guard percentiles.contains(item.key) else {
                    throw item.keyCursor.error(
                        "unknown percentile \"\(Quote.short(item.key))\" (expected one of: \(percentiles.joined(separator: ", ")))"
                    )
                }
                expectations.append(try bound(item.value, key: key, qualifier: item.key, kind: .duration))
            }
        case .perSurface, .countPerSurface:
            let kind: ExpectValueKind = key.valueKind == .perSurface ? .percentage : .count
            if key.valueKind == .countPerSurface, !entry.value.isMapping {
                expectations.append(try bound(entry.value, key: key, qualifier: nil, kind: .count))
                break
            }
            for item in try entry.value.openMapping() {
                guard topology.domain(item.key) != nil else {
                    throw item.keyCursor.error(
                        "unknown surface \"\(Quote.short(item.key))\" (expected one of: \(topology.domains.map(\.name).joined(separator: ", ")))"
                    )
                }
                expectations.append(try bound(item.value, key: key, qualifier: item.key, kind: kind))
            }
        default:
            expectations.append(try bound(entry.value, key: key, qualifier: nil, kind: key.valueKind))
        }
        return expectations
    }

    static func bound(_ cursor: YAMLCursor, key: ExpectKey, qualifier: String?, kind: ExpectValueKind) throws
        -> Expectation
    {
        let text = try cursor.scalar(expectedText(kind)).trimmingCharacters(in: .whitespaces)
        var body = Substring(text)
        var relation: String?
        for op in ["<=", ">="] where body.hasPrefix(op) {
            relation = op
            body = body.dropFirst(2).drop { $0 == " " }
        }
        let shown = Quote.short(text)
        if body.hasPrefix("<") || body.hasPrefix(">") || body.hasPrefix("=") {
            throw cursor.error("expected <= or >= before the value, found \"\(shown)\"")
        }
        let value: Double
        switch kind {
        case .percentage:
            guard let parsed = Units.parsePercentage(body) else {
                throw cursor.error("expected a percentage like 99.9% (plain decimal, 0% to 100%), found \"\(shown)\"")
            }
            value = parsed
        case .count:
            guard let parsed = Units.parseCount(body) else {
                throw cursor.error("expected a count like 0 (plain decimal), found \"\(shown)\"")
            }
            try check(Double(parsed), String(body), ScenarioBounds.expectCount, cursor)
            value = Double(parsed)
        case .duration:
            guard let parsed = Units.parseDuration(body) else {
                throw cursor.error("expected a duration like 30s or 500ms, found \"\(shown)\"")
            }
            try check(Double(parsed), String(body), ScenarioBounds.expectDuration, cursor)
            value = Double(parsed)
        case .bool:
            guard relation == nil, let flag = Bool(String(body)) else {
                throw cursor.error("expected true or false, found \"\(shown)\"")
            }
            return Expectation(
                key: key, qualifier: qualifier, bound: .equals(flag), written: text, location: cursor.location)
        case .percentiles, .perSurface, .countPerSurface:
            preconditionFailure("nested kinds are decoded by the caller")
        }
        let natural: Bound = kind == .percentage ? .atLeast(value) : .atMost(value)
        let bound: Bound =
            switch relation {
            case "<=": .atMost(value)
            case ">=": .atLeast(value)
            default: natural
            }
        return Expectation(key: key, qualifier: qualifier, bound: bound, written: text, location: cursor.location)
    }

    static func check(_ value: Double, _ text: String, _ bound: FieldBound, _ cursor: YAMLCursor) throws {
        guard bound.contains(value) else {
            throw cursor.error("\(Quote.short(text)) is out of range (expected \(bound.rangeText))")
        }
    }

    static func expectedText(_ kind: ExpectValueKind) -> String {
        switch kind {
        case .percentage: return "a percentage like 99.9%"
        case .count: return "a count like 0"
        case .duration: return "a duration like 30s"
        case .bool: return "true or false"
        case .percentiles: return "a mapping of percentiles"
        case .perSurface: return "a mapping of surfaces"
        case .countPerSurface: return "a count like 0, or a mapping of surfaces to counts"
        }
    }
}
