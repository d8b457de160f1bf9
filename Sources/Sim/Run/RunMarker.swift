import Foundation
import Verticals

/// The `.simctl-run` file simctl writes first into every folder it creates for a run: it is how
/// a later run knows the folder is simctl's to replace. Small JSON: the tool, the scenario and
/// seed, the version that wrote it, whether the run completed, and (once it has) the top-level
/// entries the run wrote, so that a file a user adds later is never deleted with the folder.
public struct RunMarker: Sendable, Equatable {
    /// The marker's file name inside a run folder.
    public static let fileName = ".simctl-run"

    public var scenario: String
    public var seed: UInt64
    public var createdBy: String
    public var complete: Bool
    /// The top-level entries written by the run (set when it completes).
    public var entries: [String]

    public init(scenario: String, seed: UInt64, createdBy: String = "simctl \(ToolVersion.current)") {
        self.scenario = scenario
        self.seed = seed
        self.createdBy = createdBy
        complete = false
        entries = []
    }

    /// The largest seed a marker holds exactly (JSON numbers beyond 2^53 lose precision in many
    /// readers; seeds are bounded by it everywhere, see docs/scenario-format.md).
    public static let maxSeed: UInt64 = 9_007_199_254_740_991

    /// The marker as one line of JSON, keys sorted.
    public func json() -> Data {
        precondition(seed <= Self.maxSeed, "a run marker's seed is at most 2^53 - 1")
        let object = JSONValue.object([
            ("complete", .bool(complete)), ("created_by", .string(createdBy)),
            ("entries", .array(entries.map { .string($0) })), ("scenario", .string(scenario)),
            ("seed", .int(Int64(seed))), ("tool", .string("simctl")),
        ])
        return Data((object.serialized() + "\n").utf8)
    }

    /// Reads the marker in `folder`; nil when it is missing, not a regular file or not simctl's.
    public static func read(in folder: URL) -> RunMarker? {
        let url = folder.appendingPathComponent(fileName)
        guard RunFolder.kind(of: url) == .file,
            let data = FileManager.default.contents(atPath: url.path), data.count < 1 << 20
        else { return nil }
        let object: JSONValue
        do {
            object = try JSONValue.parse(data)
        } catch {
            return nil  // unreadable JSON means "not a marker", which is the answer
        }
        guard object["tool"]?.stringValue == "simctl", let seed = object["seed"]?.int64Value, seed >= 0 else {
            return nil
        }
        var marker = RunMarker(
            scenario: object["scenario"]?.stringValue ?? "", seed: UInt64(seed),
            createdBy: object["created_by"]?.stringValue ?? "")
        if case .bool(let complete)? = object["complete"] { marker.complete = complete }
        marker.entries = object["entries"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return marker
    }

    /// Adds `entry` to the entries of the complete run in `folder`, when `folder` is one (a file
    /// simctl wrote into a kept run folder afterwards, such as `report.html`); otherwise nothing.
    static func register(entry: String, in folder: URL) throws(FileOperationError) {
        guard var marker = read(in: folder), marker.complete, !marker.entries.contains(entry) else { return }
        marker.entries.append(entry)
        marker.entries.sort()
        do {
            try marker.write(in: folder)
        } catch {
            throw FileOperationError(
                "update the run marker in", folder.path, reason: FileOperationError.describe(error))
        }
    }

    /// Writes the marker into `folder`, atomically (temporary file, then rename).
    func write(in folder: URL) throws {
        let target = folder.appendingPathComponent(Self.fileName)
        let temporary = folder.appendingPathComponent(Self.fileName + ".tmp")
        try json().write(to: temporary)
        try FileOperationError.check(rename(temporary.path, target.path), "rename", target.path)
    }
}
