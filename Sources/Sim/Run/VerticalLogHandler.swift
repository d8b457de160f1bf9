import Foundation
import Logging
import Verticals

/// A swift-log handler that writes one JSON line per record to a vertical's log file in the run
/// folder, metadata keys sorted so the file is deterministic.
public final class JSONLinesLogSink: @unchecked Sendable {
    // Written only from one thread at a time: the simulation thread, or (live mode) the actor
    // that owns the vertical.
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Whether each record is written through at once (live mode: `tail -f` sees it).
    private let flushesEachRecord: Bool

    /// A sink writing to `url`: a new file, or, with `append`, the end of an existing one (a live
    /// data folder that is served again keeps its logs).
    public init(url: URL, append: Bool = false) throws {
        flushesEachRecord = append
        if !append || !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        handle = try FileHandle(forWritingTo: url)
        if append { try handle.seekToEnd() }
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
        if flushesEachRecord || buffer.count >= 1 << 16 { flush() }
    }

    /// Writes what is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() {
        flush()
        try? handle.close()
    }
}

/// The handler bound to one vertical's sink.
public struct VerticalLogHandler: LogHandler {
    let sink: JSONLinesLogSink
    let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    /// A handler writing `label`'s records to `sink`.
    public init(sink: JSONLinesLogSink, label: String) {
        self.sink = sink
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        sink.write(level: event.level, message: "\(event.message)", label: label, metadata: merged)
    }
}
