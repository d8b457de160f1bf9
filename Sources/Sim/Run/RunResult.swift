import Verticals

/// The result of one run (SPEC §5): `result.json`, and what `--json` prints.
public struct RunResult: Sendable {
    public var scenario: String
    public var seed: UInt64
    /// The mechanisms removed from the run (ablation names, in catalogue order); empty normally.
    public var ablations: [String] = []
    public var pass: Bool
    public var virtualMs: Int64
    /// Wall-clock time; the only field that differs between two runs of the same seed.
    public var wallMs: Int64
    public var requests: Int
    public var events: Int
    public var checks: [CheckResult]
    public var metrics: JSONValue
    public var faults: [FaultReport]
    /// SHA-256 of `trace.jsonl`.
    public var traceSHA256: String

    /// The result as JSON; `includeWallClock: false` leaves out `wall_ms` (for comparisons).
    public func json(includeWallClock: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("scenario", .string(scenario)), ("seed", .int(Int64(bitPattern: seed))),
            ("ablations", .array(ablations.map { .string($0) })), ("pass", .bool(pass)),
            ("virtual_ms", .int(virtualMs)),
        ]
        if includeWallClock { pairs.append(("wall_ms", .int(wallMs))) }
        pairs += [
            ("requests", .int(requests)), ("events", .int(events)),
            (
                "checks",
                .array(
                    checks.map { check in
                        .object([
                            ("name", .string(check.name)), ("expected", .string(check.expected)),
                            ("observed", .string(check.observed)), ("pass", .bool(check.pass)),
                            ("detail", check.detail.map { .string($0) } ?? .null),
                        ])
                    })
            ),
            ("metrics", metrics),
            (
                "faults",
                .array(
                    faults.map { fault in
                        .object([
                            ("kind", .string(fault.kind)), ("target", .string(fault.target)),
                            ("at_ms", .int(fault.atMs)),
                            ("for_ms", .int(fault.forMs)), ("hit", .bool(fault.hit)),
                            ("affected_requests", .int(fault.affectedRequests)),
                            ("affected_probes", .int(fault.affectedProbes)),
                            ("affected_envelopes", .int(fault.affectedEnvelopes)),
                            ("affected_acks", .int(fault.affectedAcks)),
                            ("affected_messages", .int(fault.affectedMessages)),
                        ])
                    })
            ),
            ("trace_sha256", .string(traceSHA256)),
        ]
        return .object(pairs)
    }

    /// The failed checks.
    public var failedChecks: [CheckResult] { checks.filter { !$0.pass } }
}
