import Crypto
import Foundation
import Verticals

/// Streams the run's trace to disk as JSON lines, one event a line, in virtual-time order.
///
/// The trace is never held in memory: lines go to a buffer that is flushed every
/// ``flushThresholdBytes``. A running SHA-256 of every byte written gives the run a trace digest,
/// so two runs can be compared without reading either file back.
///
/// Each line starts with the virtual time and the event kind:
/// `{"t_us":2000000,"ev":"request","user":"u1",...}`.
public final class TraceWriter {
    /// Bytes buffered before a write to disk.
    public let flushThresholdBytes = 1 << 16
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    /// Lines written so far.
    public private(set) var lineCount: Int = 0
    /// The virtual time of the last line written (the trace is in time order).
    public private(set) var lastTimeUs: Int64 = 0
    /// The first error writing the file met (the disk is full, the file too large); the run
    /// stops on it. Later lines are still digested, never written.
    public private(set) var writeError: (any Error)?

    /// Writes to `url` (created or truncated), or only digests when `url` is nil.
    public init(url: URL?) throws {
        if let url {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            handle = try FileHandle(forWritingTo: url)
        } else {
            handle = nil
        }
        buffer.reserveCapacity(flushThresholdBytes + 4096)
    }

    /// Appends one event: `fields` follow the time and kind, in the order given. For events
    /// written rarely; the frequent ones write their fields straight into the line
    /// (``record(timeUs:event:writing:)``), without this array.
    public func record(timeUs: Int64, event: String, _ fields: [(String, JSONValue)]) {
        record(timeUs: timeUs, event: event) { line in
            for (key, value) in fields { line.field(key, value) }
        }
    }

    /// Appends one event whose fields `write` puts straight into the line's bytes, after the time
    /// and kind, in the order it writes them: the same bytes as the array form, without building
    /// the array and its `JSONValue`s per event.
    public func record(timeUs: Int64, event: String, writing write: (inout TraceLine) -> Void) {
        var line = TraceLine(bytes: [])
        swap(&line.bytes, &buffer)
        line.bytes.append(contentsOf: #"{"t_us":"#.utf8)
        JSONValue.writeInteger(timeUs, into: &line.bytes)
        line.bytes.append(contentsOf: #","ev":"#.utf8)
        JSONValue.writeString(event, into: &line.bytes)
        write(&line)
        line.bytes.append(contentsOf: "}\n".utf8)
        swap(&line.bytes, &buffer)
        lineCount += 1
        lastTimeUs = timeUs
        if buffer.count >= flushThresholdBytes { flush() }
    }

    /// Writes buffered lines to disk and folds them into the digest.
    public func flush() {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        if let handle, writeError == nil {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                writeError = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes the file and returns the hex SHA-256 of everything written.
    public func finish() -> String {
        flush()
        do {
            try handle?.close()
        } catch {
            if writeError == nil { writeError = error }  // the run reports it as a storage failure
        }
        return Bucket.hex(hasher.finalize())
    }
}
