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

    /// Reads a seed line written by ``json()``; throws naming the first field that is missing or
    /// not of its type. Fields it does not know are ignored.
    public init(json: JSONValue) throws(FuzzLineError) {
        guard case .object = json else { throw FuzzLineError("expected a JSON object") }
        func field(_ key: String) throws(FuzzLineError) -> JSONValue {
            guard let value = json[key] else { throw FuzzLineError("missing field `\(key)`") }
            return value
        }
        func integer(_ key: String, _ value: JSONValue) throws(FuzzLineError) -> Int64 {
            guard case .int(let number) = value, number >= 0 else {
                throw FuzzLineError("field `\(key)` is \(value.serialized()) (expected a whole number, 0 or more)")
            }
            return number
        }
        func text(_ key: String, _ value: JSONValue) throws(FuzzLineError) -> String {
            guard case .string(let string) = value else {
                throw FuzzLineError("field `\(key)` is \(value.serialized()) (expected a string)")
            }
            return string
        }
        // The seed is written as its 64-bit pattern (json()), so it is read back the same way.
        guard case .int(let seed) = try field("seed") else {
            throw FuzzLineError("field `seed` is \(try field("seed").serialized()) (expected a whole number)")
        }
        guard case .bool(let pass) = try field("pass") else {
            throw FuzzLineError("field `pass` is \(try field("pass").serialized()) (expected true or false)")
        }
        guard case .array(let list) = try field("failed") else {
            throw FuzzLineError(
                "field `failed` is \(try field("failed").serialized()) (expected a list of check names)")
        }
        var failed: [String] = []
        for name in list { failed.append(try text("failed", name)) }
        self.init(
            seed: UInt64(bitPattern: seed), pass: pass, failed: failed,
            faults: Int(try integer("faults", try field("faults"))),
            requests: Int(try integer("requests", try field("requests"))),
            wallMs: try integer("wall_ms", try field("wall_ms")))
        scenarioFile = try json["scenario"].map { value throws(FuzzLineError) in try text("scenario", value) }
        minFile = try json["min"].map { value throws(FuzzLineError) in try text("min", value) }
        minFaults = try json["min_faults"].map { value throws(FuzzLineError) in Int(try integer("min_faults", value)) }
        shrinkRuns = try json["shrink_runs"].map { value throws(FuzzLineError) in
            Int(try integer("shrink_runs", value))
        }
    }

    /// Equal apart from wall-clock time and file locations: the same seed gave the same verdict.
    public func sameVerdict(as other: FuzzSeedOutcome) -> Bool {
        seed == other.seed && pass == other.pass && failed == other.failed && faults == other.faults
            && requests == other.requests && minFaults == other.minFaults
    }
}
