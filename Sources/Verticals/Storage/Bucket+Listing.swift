import Foundation

/// Listing what a bucket directory holds, for the state digest: read only, so it serves a live
/// vertical and a finished run folder alike.
extension Bucket {
    /// One stored object: its key and its file's path relative to the bucket root.
    public struct StoredKey: Sendable, Equatable {
        public let key: String
        public let path: String
    }

    /// Every object under `root`, sorted by key (bytewise UTF-8): each regular file, its key the
    /// relative path with each segment's percent-encoding undone (the inverse of
    /// ``fileURL(_:)``). Skips the bucket's temporary files (`.tmp-N` at the root, see
    /// ``put(_:_:)``), folders themselves and anything that is not a regular file (a symbolic
    /// link is not followed). A missing root is an empty bucket.
    public static func storedKeys(root: URL) throws -> [StoredKey] {
        var found: [StoredKey] = []
        try collect(root.path, relative: "", into: &found)
        found.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return found
    }

    private static func collect(_ directory: String, relative: String, into found: inout [StoredKey]) throws {
        if relative.isEmpty, !FileManager.default.fileExists(atPath: directory) { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        for name in names.sorted() {
            if relative.isEmpty, name.hasPrefix(".tmp-") { continue }
            let path = directory + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try collect(path, relative: relativePath, into: &found)
            case S_IFREG:
                let key = relativePath.split(separator: "/", omittingEmptySubsequences: false).map {
                    $0.removingPercentEncoding ?? String($0)
                }.joined(separator: "/")
                found.append(StoredKey(key: key, path: relativePath))
            default: continue
            }
        }
    }
}
