import Foundation
import Verticals

/// What one seed of a campaign gave: one JSON line of `simctl fuzz --json`.
///
/// ```json
/// {"seed": 42, "pass": false, "failed": ["lost_writes"], "faults": 4, "requests": 312, "wall_ms": 61,
///  "scenario": "out/failures/fuzz-small-seed42.yaml", "min": "out/failures/fuzz-small-seed42.min.yaml",
///  "min_faults": 1, "shrink_runs": 23}
/// ```
public struct FuzzSeedOutcome: Sendable, Equatable {
    public var seed: UInt64
    public var pass: Bool
    /// Names of the failed checks, in the result's order.
    public var failed: [String]
    /// Faults injected (drawn, plus the base's own).
    public var faults: Int
    public var requests: Int
    /// Wall-clock time of the seed's run (shrinking excluded).
    public var wallMs: Int64
    /// For a failure: the drawn scenario and its shrunk form, as written.
    public var scenarioFile: String?
    public var minFile: String?
    public var minFaults: Int?
    public var shrinkRuns: Int?

    public init(seed: UInt64, pass: Bool, failed: [String], faults: Int, requests: Int, wallMs: Int64) {
        self.seed = seed
        self.pass = pass
        self.failed = failed
        self.faults = faults
        self.requests = requests
        self.wallMs = wallMs
    }

    /// The JSON line.
    public func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("seed", .int(Int64(bitPattern: seed))), ("pass", .bool(pass)),
            ("failed", .array(failed.map { .string($0) })), ("faults", .int(faults)), ("requests", .int(requests)),
            ("wall_ms", .int(wallMs)),
        ]
        if let scenarioFile { pairs.append(("scenario", .string(scenarioFile))) }
        if let minFile { pairs.append(("min", .string(minFile))) }
        if let minFaults { pairs.append(("min_faults", .int(minFaults))) }
        if let shrinkRuns { pairs.append(("shrink_runs", .int(shrinkRuns))) }
        return .object(pairs)
    }

    /// Reads a line written by ``json()``; nil when `object` is not a seed line.
    public init?(object: [String: Any]) {
        guard let seed = (object["seed"] as? NSNumber)?.uint64Value, let pass = object["pass"] as? Bool,
            let failed = object["failed"] as? [String], let faults = (object["faults"] as? NSNumber)?.intValue,
            let requests = (object["requests"] as? NSNumber)?.intValue,
            let wall = (object["wall_ms"] as? NSNumber)?.int64Value
        else { return nil }
        self.init(seed: seed, pass: pass, failed: failed, faults: faults, requests: requests, wallMs: wall)
        scenarioFile = object["scenario"] as? String
        minFile = object["min"] as? String
        minFaults = (object["min_faults"] as? NSNumber)?.intValue
        shrinkRuns = (object["shrink_runs"] as? NSNumber)?.intValue
    }

    /// Equal apart from wall-clock time and file locations: the same seed gave the same verdict.
    public func sameVerdict(as other: FuzzSeedOutcome) -> Bool {
        seed == other.seed && pass == other.pass && failed == other.failed && faults == other.faults
            && requests == other.requests && minFaults == other.minFaults
    }
}
