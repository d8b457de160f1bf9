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

    /// Appends one event: `fields` follow the time and kind, in the order given.
    public func record(timeUs: Int64, event: String, _ fields: [(String, JSONValue)]) {
        buffer.append(contentsOf: #"{"t_us":"#.utf8)
        buffer.append(contentsOf: String(timeUs).utf8)
        buffer.append(contentsOf: #","ev":"#.utf8)
        JSONValue.writeString(event, into: &buffer)
        for (key, value) in fields {
            buffer.append(UInt8(ascii: ","))
            JSONValue.writeString(key, into: &buffer)
            buffer.append(UInt8(ascii: ":"))
            value.write(into: &buffer)
        }
        buffer.append(contentsOf: "}\n".utf8)
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
