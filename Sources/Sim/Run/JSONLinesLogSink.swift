import Foundation
import Logging
import Verticals

/// A swift-log handler that writes one JSON line per record to a vertical's log file in the run
/// folder, metadata keys sorted so the file is deterministic.
final class JSONLinesLogSink: @unchecked Sendable {
    // Written only from the simulation thread.
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(level: Logger.Level, message: String, label: String, metadata: Logger.Metadata) {
        var pairs: [(String, JSONValue)] = [
            ("level", .string(level.rawValue)), ("vertical", .string(label)),
            ("msg", .string(message)),
        ]
        for key in metadata.keys.sorted() {
            let text = metadata[key].map { "\($0)" } ?? ""
            pairs.append((key, Int64(text).map { .int($0) } ?? .string(text)))
        }
        JSONValue.object(pairs).write(into: &buffer)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle.close()
    }
}
