import Foundation

/// A campaign's output folder: `failures/` (each failing seed's scenario and its shrunk form),
/// `seeds-K-of-N.jsonl` (the JSON lines of the slice) and, while it runs, a work folder of
/// per-seed run folders. The folder carries simctl's marker; a folder without it that is not
/// empty is never written into, and nothing outside it is touched.
public struct FuzzOutputFolder: Sendable {
    public static let marker = ".simctl-fuzz"
    public let url: URL
    public let selection: SeedSelection
    /// Per-seed run folders of this slice (under `url`, or under `--work`), removed at the end.
    public let work: URL
    /// Held while the campaign runs: a second campaign of the same slice into the same folder
    /// would clear this one's run folders under it.
    let lock: FuzzSliceLock

    /// Checks the folder (absent, empty, or an earlier campaign's) and claims it with the marker.
    /// `workParent` puts the per-seed run folders elsewhere (a RAM disk, a pod's local volume).
    public init(url: URL, selection: SeedSelection, workParent: URL? = nil) throws(FuzzRequestError) {
        self.url = url
        self.selection = selection
        // Named after the output folder too: campaigns into different folders may share a RAM disk.
        let owner = String(SimRandom.fnv1a(url.standardizedFileURL.path), radix: 16)
        let workName = ".simctl-fuzz-work-\(owner)-\(selection.shard)-of-\(selection.shards)"
        work = (workParent ?? url).appendingPathComponent(workName)
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .outputFolder("\(url.path): exists and is not a folder (expected a fuzz output folder)")
            }
            let contents: [String]
            do {
                contents = try files.contentsOfDirectory(atPath: url.path)
            } catch {
                throw .outputFolder("\(url.path): cannot list it: \(error.localizedDescription)")
            }
            guard contents.isEmpty || contents.contains(Self.marker) else {
                throw .outputFolder(
                    "\(url.path): exists and is not a fuzz output folder (no \(Self.marker) marker); refusing to write into it"
                )
            }
        }
        do {
            try files.createDirectory(at: url.appendingPathComponent("failures"), withIntermediateDirectories: true)
            try Data("simctl fuzz output folder\n".utf8).write(to: url.appendingPathComponent(Self.marker))
        } catch {
            throw .outputFolder("\(url.path): cannot prepare it: \(error.localizedDescription)")
        }
        lock = try FuzzSliceLock(
            url.appendingPathComponent(".simctl-fuzz-\(selection.shard)-of-\(selection.shards).lock"),
            holder: "slice \(selection.shardText) into \(url.path)")
        if files.fileExists(atPath: work.path), !files.fileExists(atPath: work.appendingPathComponent(Self.marker).path)
        {
            throw .outputFolder(
                "\(work.path): exists and was not made by simctl fuzz (no \(Self.marker) marker); refusing to clear it")
        }
        do {
            // A work folder left by an interrupted campaign of this slice carries the marker: ours to clear.
            if files.fileExists(atPath: work.path) { try files.removeItem(at: work) }
            try files.createDirectory(at: work, withIntermediateDirectories: true)
            try Data("simctl fuzz work folder\n".utf8).write(to: work.appendingPathComponent(Self.marker))
        } catch {
            throw .outputFolder("\(work.path): cannot prepare it: \(error.localizedDescription)")
        }
    }

    /// Where per-seed run folders go unless `--work` says otherwise: `/dev/shm` when the machine
    /// has it (a RAM disk: no journal, no inode scans after the previous seed's deletions, which on
    /// ext4 made a seed take 2.6 times as long), else nil (inside the output folder).
    public static func defaultWorkParent() -> URL? {
        var isDirectory: ObjCBool = false
        let shm = "/dev/shm"
        guard FileManager.default.fileExists(atPath: shm, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: shm)
        else { return nil }
        return URL(fileURLWithPath: shm)
    }

    public var failures: URL { url.appendingPathComponent("failures") }
    /// The slice's JSON lines.
    public var seedLines: URL { url.appendingPathComponent("seeds-\(selection.shard)-of-\(selection.shards).jsonl") }

    /// The failure files of `seed` of base `name`: the drawn scenario and its shrunk form.
    public func failureFiles(name: String, seed: UInt64) -> (scenario: URL, min: URL) {
        (
            failures.appendingPathComponent("\(name)-seed\(seed).yaml"),
            failures.appendingPathComponent("\(name)-seed\(seed).min.yaml")
        )
    }

    /// Writes `text` beside `url` and renames it into place.
    public static func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).incomplete")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Removes the work folder (it holds only run folders this campaign created).
    public func removeWork() throws {
        try FileManager.default.removeItem(at: work)
    }
}
