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
    /// The first write or close that failed; later records are dropped. A run reports it as a
    /// storage failure (exit 3) rather than finish with a log cut short.
    public private(set) var writeError: (any Error)?

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

    /// Writes one access-log record: the bytes ``write(level:message:label:metadata:)`` writes for
    /// `record.metadata` at level info, without a metadata dictionary, a sort or a number parse
    /// per request (the access log is one line per simulated request).
    func write(_ record: AccessLogRecord, label: String) {
        buffer.append(contentsOf: #"{"level":"info","vertical":"#.utf8)
        JSONValue.writeString(label, into: &buffer)
        buffer.append(contentsOf: #","msg":"request","cold_start":"#.utf8)
        buffer.append(contentsOf: record.coldStart ? #""true""#.utf8 : #""false""#.utf8)
        buffer.append(contentsOf: #","latency_us":"#.utf8)
        buffer.append(contentsOf: String(record.latencyUs).utf8)
        buffer.append(contentsOf: #","method":"#.utf8)
        Self.writeText(record.method, into: &buffer)
        buffer.append(contentsOf: #","request_id":"#.utf8)
        Self.writeText(record.requestID, into: &buffer)
        buffer.append(contentsOf: #","route":"#.utf8)
        Self.writeText(record.route, into: &buffer)
        buffer.append(contentsOf: #","status":"#.utf8)
        buffer.append(contentsOf: String(record.status).utf8)
        buffer.append(contentsOf: #","t_us":"#.utf8)
        buffer.append(contentsOf: String(record.tUs).utf8)
        buffer.append(contentsOf: "}\n".utf8)
        if flushesEachRecord || buffer.count >= 1 << 16 { flush() }
    }

    /// A metadata text as the generic path writes it: a number when it reads as one.
    private static func writeText(_ text: String, into out: inout [UInt8]) {
        if let number = Int64(text) {
            out.append(contentsOf: String(number).utf8)
        } else {
            JSONValue.writeString(text, into: &out)
        }
    }

    /// Writes what is buffered.
    public func flush() {
        guard !buffer.isEmpty else { return }
        if writeError == nil {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                writeError = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; a failure is kept in ``writeError``.
    public func close() {
        flush()
        do {
            try handle.close()
        } catch {
            if writeError == nil { writeError = error }
        }
    }
}
