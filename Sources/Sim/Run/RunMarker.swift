import Foundation

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

    /// The marker as one line of JSON.
    public func json() -> Data {
        let object: [String: Any] = [
            "tool": "simctl", "scenario": scenario, "seed": seed, "created_by": createdBy,
            "complete": complete, "entries": entries,
        ]
        // try?-ok: strings, numbers and booleans always serialise
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return data + Data("\n".utf8)
    }

    /// Reads the marker in `folder`; nil when it is missing, not a regular file or not simctl's.
    public static func read(in folder: URL) -> RunMarker? {
        let url = folder.appendingPathComponent(fileName)
        // try?-ok: unreadable JSON means "not a marker", which is the answer
        guard RunFolder.kind(of: url) == .file,
            let data = FileManager.default.contents(atPath: url.path), data.count < 1 << 20,
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            object["tool"] as? String == "simctl"
        else { return nil }
        var marker = RunMarker(
            scenario: object["scenario"] as? String ?? "", seed: (object["seed"] as? NSNumber)?.uint64Value ?? 0,
            createdBy: object["created_by"] as? String ?? "")
        marker.complete = object["complete"] as? Bool ?? false
        marker.entries = object["entries"] as? [String] ?? []
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
