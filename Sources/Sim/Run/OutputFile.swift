import Foundation

/// A file simctl writes at the user's request (`--trace`, `--junit`, and any later output such
/// as `--html`): checked before anything runs, then written to a temporary file beside its target
/// and renamed into place, so the target is either its earlier content or the complete new one.
///
/// ```swift
/// let junit = OutputFile(option: "--junit", path: "out.xml")
/// try junit.preflight()                 // exit 2 material: before the run
/// ...
/// try junit.write(Data(xml.utf8))       // after the run
/// ```
public struct OutputFile: Sendable, Equatable {
    /// The command-line option that named it, for messages.
    public let option: String
    /// The target; a symbolic link is followed so the link itself is kept.
    public let url: URL

    public init(option: String, path: String) {
        self.option = option
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// The file actually written: the target, or what a symbolic link at the target points to.
    var target: URL {
        RunFolder.kind(of: url) == .link ? url.resolvingSymlinksInPath() : url
    }

    /// Checks that the output can be written, touching nothing but a probe file beside it: no
    /// folder (or device, or pipe) is at the path, and its folder exists and takes new files.
    public func preflight() throws(RunRequestError) {
        let target = target
        switch RunFolder.kind(of: target) {
        case .directory:
            throw .outputFolder("\(option) \(url.path): is a folder (expected a file path)")
        case .other:
            throw .outputFolder(
                "\(option) \(url.path): is not a regular file (outputs are written beside their target and renamed into place)"
            )
        case .link:
            throw .outputFolder("\(option) \(url.path): is a dangling symbolic link")
        case .file, .missing:
            break
        }
        let folder = target.deletingLastPathComponent()
        guard RunFolder.isDirectory(folder) else {
            throw .outputFolder("\(option) \(url.path): the folder \(folder.path) does not exist")
        }
        let probe = temporaryURL(suffix: "probe")
        let descriptor = open(probe.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw .outputFolder(
                "\(option) \(url.path): cannot create files in \(folder.path) (\(String(cString: strerror(errno))))")
        }
        close(descriptor)
        unlink(probe.path)
    }

    /// Writes `data` beside the target and renames it into place.
    public func write(_ data: Data) throws(FileOperationError) {
        let temporary = temporaryURL(suffix: "tmp")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            unlink(temporary.path)
            throw FileOperationError("write", url.path, reason: FileOperationError.describe(error))
        }
        try moveIntoPlace(temporary)
    }

    /// Copies the file at `source` beside the target and renames it into place.
    public func copy(from source: URL) throws(FileOperationError) {
        let temporary = temporaryURL(suffix: "tmp")
        do {
            try FileManager.default.copyItem(at: source, to: temporary)
        } catch {
            unlink(temporary.path)
            throw FileOperationError("write", url.path, reason: FileOperationError.describe(error))
        }
        try moveIntoPlace(temporary)
    }

    private func moveIntoPlace(_ temporary: URL) throws(FileOperationError) {
        let target = target
        if RunFolder.kind(of: target) == .directory {
            unlink(temporary.path)
            throw FileOperationError("write", url.path, reason: "a folder appeared at the path")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw FileOperationError("write", url.path, reason: reason)
        }
    }

    /// `.NAME.simctl-SUFFIX-XXXXXXXX` beside the target (a fresh random name each time).
    private func temporaryURL(suffix: String) -> URL {
        let target = target
        let unique = UUID().uuidString.prefix(8)  // names a temporary file only, never the simulation
        return target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).simctl-\(suffix)-\(unique)")
    }
}
