import CFileOps
import Foundation

/// A run's folder, and the rules by which simctl writes and replaces it without ever deleting
/// what it did not create.
///
/// A run is written into the sibling `NAME.incomplete` (its ``RunMarker`` first), and only once it
/// has completed (result written, databases closed) is it exchanged with `NAME` in one atomic
/// rename; the earlier run, now at `NAME.incomplete`, is renamed to `NAME.replaced` and removed.
/// A kill at any instant leaves at `NAME` either the earlier complete run or the new one, and a
/// partial run only under `.incomplete`, which a later run recognises by its marker and replaces.
/// Only a folder carrying the marker (or an empty one) is ever replaced, and only when it holds
/// nothing the run did not write.
public struct RunFolder: Sendable, Equatable {
    /// Where the completed run lives.
    public let url: URL

    public init(_ url: URL) {
        self.url = url.standardizedFileURL
    }

    /// The sibling the run is written into: `NAME.incomplete`.
    public var staging: URL { sibling("incomplete") }
    /// The sibling an earlier run is moved to before it is removed: `NAME.replaced`.
    public var replaced: URL { sibling("replaced") }

    private func sibling(_ suffix: String) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent).\(suffix)")
    }

    // MARK: Before the run

    /// Checks, touching nothing but a probe file, that the run may be written here: the folder
    /// and its two siblings are absent, empty or simctl's; their parent can be created and written.
    public func preflight() throws(RunRequestError) {
        try Self.checkReplaceable(url, role: "run folder", requireManifest: true)
        try Self.checkReplaceable(staging, role: "partial-run folder", requireManifest: false)
        try Self.checkReplaceable(replaced, role: "replaced-run folder", requireManifest: false)
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        if Self.kind(of: url) != .missing, current.path == url.path || current.path.hasPrefix(url.path + "/") {
            throw .outputFolder("\(url.path): is the current folder (or holds it); refusing to replace it")
        }
        try Self.probeWritable(parentOf: url)
    }

    /// Whether `inner` is `folder` itself, or inside it, or inside either of its siblings.
    public func covers(_ inner: URL) -> Bool {
        let path = inner.standardizedFileURL.path
        return [url, staging, replaced].contains { path == $0.path || path.hasPrefix($0.path + "/") }
    }

    static func checkReplaceable(_ folder: URL, role: String, requireManifest: Bool) throws(RunRequestError) {
        switch kind(of: folder) {
        case .missing:
            return
        case .link:
            throw .outputFolder("\(folder.path): is a symbolic link; refusing to use it as a \(role)")
        case .file, .other:
            throw .outputFolder("\(folder.path): exists and is not a folder (expected a \(role))")
        case .directory:
            break
        }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .outputFolder("\(folder.path): cannot list it (\(FileOperationError.describe(error)))")
        }
        if contents.isEmpty { return }
        guard let marker = RunMarker.read(in: folder) else {
            throw .outputFolder(
                "\(folder.path): exists and was not written by simctl (no \(RunMarker.fileName) marker); refusing to touch it (choose another --out, or remove it yourself)"
            )
        }
        guard requireManifest, marker.complete else { return }
        let foreign = contents.filter { $0 != RunMarker.fileName && !marker.entries.contains($0) }.sorted()
        if let first = foreign.first {
            throw .outputFolder(
                "\(folder.path): holds \(first)\(foreign.count > 1 ? " and \(foreign.count - 1) more" : ""), which simctl did not write; refusing to replace the folder (move it out, or choose another --out)"
            )
        }
    }

    /// Proves that the nearest existing ancestor of `url` is a folder we can create files in, by
    /// creating and removing a probe file there.
    static func probeWritable(parentOf url: URL) throws(RunRequestError) {
        var ancestor = url.deletingLastPathComponent()
        while kind(of: ancestor) == .missing, ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        guard kind(of: ancestor) == .directory || (kind(of: ancestor) == .link && isDirectory(ancestor)) else {
            throw .outputFolder("\(url.path): \(ancestor.path) is not a folder")
        }
        let probe = ancestor.appendingPathComponent(".simctl-probe-\(getpid())")
        let descriptor = open(probe.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .outputFolder("\(url.path): cannot create files in \(ancestor.path) (\(reason))")
        }
        close(descriptor)
        unlink(probe.path)
    }

    // MARK: The run

    /// Prepares `NAME.incomplete` (replacing a partial run simctl left there) with a fresh marker,
    /// and returns it: the simulation writes there.
    public func beginStaging(_ marker: RunMarker) throws -> URL {
        try Self.checkReplaceableOrThrow(staging, requireManifest: false)
        try Self.remove(staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try marker.write(in: staging)
        return staging
    }

    /// Puts the completed run in `NAME.incomplete` in place of `NAME` (one atomic exchange where
    /// the file system supports it), then removes the earlier run. `marker` is rewritten as
    /// complete, listing the entries the run wrote.
    public func commit(_ marker: RunMarker) throws {
        var complete = marker
        complete.complete = true
        complete.entries = try FileManager.default.contentsOfDirectory(atPath: staging.path)
            .filter { $0 != RunMarker.fileName }.sorted()
        try complete.write(in: staging)
        try Self.checkReplaceableOrThrow(url, requireManifest: true)
        try Self.checkReplaceableOrThrow(replaced, requireManifest: false)
        try Self.remove(replaced)
        if Self.kind(of: url) == .missing {
            try FileOperationError.check(rename(staging.path, url.path), "rename", staging.path)
            return
        }
        if cfileops_exchange(staging.path, url.path) == 0 {
            // The earlier run is now at NAME.incomplete: give it its own name, then remove it.
            try FileOperationError.check(rename(staging.path, replaced.path), "rename", staging.path)
        } else if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP {
            // No atomic exchange here: two renames, with a moment in which NAME is absent and
            // the earlier run is at NAME.replaced (marked, so a later run still recognises it).
            try FileOperationError.check(rename(url.path, replaced.path), "rename", url.path)
            try FileOperationError.check(rename(staging.path, url.path), "rename", staging.path)
        } else {
            throw FileOperationError("exchange", url.path, reason: String(cString: strerror(errno)))
        }
        try Self.remove(replaced)
    }

    /// Removes the completed run (used for the determinism check's second run).
    public func remove() throws {
        try Self.checkReplaceableOrThrow(url, requireManifest: true)
        try Self.remove(url)
    }

    private static func checkReplaceableOrThrow(_ folder: URL, requireManifest: Bool) throws {
        do {
            try checkReplaceable(folder, role: "run folder", requireManifest: requireManifest)
        } catch {
            throw FileOperationError("replace", folder.path, reason: error.description)
        }
    }

    /// Removes a folder already checked to be simctl's (marked) or empty.
    private static func remove(_ folder: URL) throws {
        switch kind(of: folder) {
        case .missing: return
        case .directory:
            if RunMarker.read(in: folder) != nil {
                try FileManager.default.removeItem(at: folder)
            } else {
                // An empty folder: rmdir fails rather than delete anything put there since.
                try FileOperationError.check(rmdir(folder.path), "remove", folder.path)
            }
        default:
            throw FileOperationError("remove", folder.path, reason: "not a folder")
        }
    }

    // MARK: File kinds

    /// What is at a path, without following a final symbolic link.
    public enum Kind: Sendable, Equatable {
        case missing, file, directory, link, other
    }

    public static func kind(of url: URL) -> Kind {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
