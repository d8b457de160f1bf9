import Crypto
import Foundation

/// One vertical's object storage: a directory, written atomically (temp file + rename).
///
/// Keys are `/`-separated segments checked by ``validate(_:)``: hostile keys (`../x`, `/etc`,
/// NUL, over-long, empty) are refused and counted, never mapped to a path. Objects are stored
/// content-addressed under `objects/<sha256>` by the API, so a replicated copy is the same bytes
/// under the same name on every vertical.
public final class Bucket {
    /// The longest key accepted, in UTF-8 bytes (S3's limit).
    public static let maxKeyBytes = 1024
    /// The directory holding the objects.
    public let root: URL
    /// `root` as a path, for the POSIX calls of the hot path (Foundation's `URL` costs more than
    /// the file operation it names).
    private let rootPath: String
    /// Keys refused so far.
    public private(set) var rejectedKeys = 0
    private var temporaryCounter = 0
    /// Directories known to exist, so a put does not ask the file system again.
    private var knownDirectories: Set<String> = []

    /// Opens (creating) the bucket directory at `root`.
    public init(root: URL) throws {
        self.root = root
        rootPath = root.path
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Checks `key` and counts it when refused.
    public func validate(_ key: String) throws(BucketKeyError) {
        do {
            try Self.check(key)
        } catch {
            rejectedKeys += 1
            throw error
        }
    }

    /// Checks `key` without counting.
    public static func check(_ key: String) throws(BucketKeyError) {
        if key.isEmpty { throw .empty }
        let bytes = key.utf8.count
        if bytes > maxKeyBytes { throw .tooLong(bytes: bytes) }
        if key.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { throw .forbiddenCharacter }
        if key.hasPrefix("/") { throw .absolute }
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
                if segment.isEmpty || segment == "." || segment == ".." { throw .traversal }
            }
            return
        }
        // ASCII (every key the API makes): the same segments, counted on the bytes. Each
        // `/`-separated segment, empty ones included, must not be empty, `.` or `..`.
        var segmentBytes = 0
        var dots = 0
        for byte in key.utf8 {
            if byte == UInt8(ascii: "/") {
                if segmentBytes == 0 || segmentBytes == dots && dots <= 2 { throw .traversal }
                segmentBytes = 0
                dots = 0
            } else {
                segmentBytes += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        if segmentBytes == 0 || segmentBytes == dots && dots <= 2 { throw .traversal }
    }

    /// The file for a checked key: each segment percent-encoded so no key escapes the root.
    func fileURL(_ key: String) -> URL {
        URL(fileURLWithPath: filePath(key))
    }

    /// The path of ``fileURL(_:)``.
    func filePath(_ key: String) -> String {
        // Fast path: keys of plain characters map to themselves (validated keys have no . or ..
        // segments), which is every key the API itself makes.
        if key.utf8.allSatisfy({ Self.plainByte($0) }) {
            return rootPath + "/" + key
        }
        var url = root
        for segment in key.split(separator: "/") {
            let encoded =
                segment.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))
                ?? String(segment)
            url.appendPathComponent(encoded == "." || encoded == ".." ? "%2E" : encoded)
        }
        return url.path
    }

    static func plainByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
            || byte == 0x2D || byte == 0x5F || byte == 0x2F
    }

    /// Writes `bytes` under `key` atomically.
    public func put(_ key: String, _ bytes: Data) throws {
        try validate(key)
        let destination = filePath(key)
        // A checked key's path is the root, `/`, then at least one segment: it has a parent.
        let directory = String(destination[..<destination.utf8.lastIndex(of: UInt8(ascii: "/"))!])
        if !knownDirectories.contains(directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            knownDirectories.insert(directory)
        }
        temporaryCounter += 1
        let temporary = rootPath + "/.tmp-\(temporaryCounter)"
        try Self.writeFile(temporary, bytes)
        if rename(temporary, destination) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)  // try?-ok: the rename's failure is reported
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
        }
    }

    /// Writes a whole file with POSIX calls. No fsync: the simulated bucket's durability is the
    /// simulation's business (crash faults), and Foundation's `Data.write` syncs on every call.
    static func writeFile(_ path: String, _ bytes: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { buffer in
            buffer.baseAddress.map { write(fd, $0, buffer.count) } ?? 0
        }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// The bytes under `key`, or nil when absent.
    public func get(_ key: String) throws -> Data? {
        try validate(key)
        return FileManager.default.contents(atPath: filePath(key))
    }

    /// Whether an object exists under `key`.
    public func contains(_ key: String) -> Bool {
        (try? Self.check(key)) != nil && access(filePath(key), F_OK) == 0  // try?-ok: a bad key holds nothing
    }

    /// The content-addressed key of an object: `objects/ab/abcdef…`, fanned out by the first
    /// byte so that no directory holds more than a few thousand files in long runs.
    public static func objectKey(sha256 hex: String) -> String { "objects/\(hex.prefix(2))/\(hex)" }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: Data) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of `bytes`.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
