import Foundation

/// A slice's JSON lines file (`seeds-K-of-N.jsonl`), written as the seeds are reported: to
/// `NAME.incomplete` first, renamed into place once the campaign has finished, so a file under
/// its final name is always a whole campaign that `simctl fuzz merge` can read.
final class FuzzLineFile: @unchecked Sendable {
    // `handle` and `failure` are used only while `lock` is held.
    private let lock = NSLock()
    private let handle: FileHandle
    private var failure: (any Error)?
    let url: URL
    let temporary: URL

    init(url: URL) throws {
        self.url = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).incomplete")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    /// Appends one line; a write error is kept and thrown by ``close()``.
    func append(_ line: String) {
        lock.withLock {
            guard failure == nil else { return }
            do {
                try handle.write(contentsOf: Data((line + "\n").utf8))
            } catch {
                failure = error
            }
        }
    }

    /// Closes the file and renames it into place.
    func close() throws {
        try lock.withLock {
            try handle.close()
            if let failure { throw failure }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
