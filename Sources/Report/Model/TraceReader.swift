import Foundation

/// Streams `trace.jsonl` one event at a time through a fixed 1 MiB buffer, so a report of a
/// trace of any size uses memory proportional to its aggregates, never to the trace.
public struct TraceReader {
    public let url: URL
    /// Bytes read from disk at a time.
    public var chunkBytes = 1 << 20

    public init(url: URL) {
        self.url = url
    }

    /// Calls `body` with every event in file order. A malformed line stops the read with a
    /// ``ReportError/malformedTrace(file:line:column:message:)``.
    public func forEach(_ body: (TraceEvent) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReportError.unreadable(url.path, "cannot open the trace")
        }
        defer { try? handle.close() }  // try?-ok: closing a file only read
        var pending: [UInt8] = []
        var lineNumber = 0
        func emit(_ line: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
            do {
                try body(try TraceLineParser.parse(line))
            } catch let failure as TraceLineParser.Failure {
                throw ReportError.malformedTrace(
                    file: url.path, line: lineNumber, column: failure.offset + 1, message: failure.message)
            }
        }
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: chunkBytes), !read.isEmpty else { break }
                chunk = read
            } catch {
                throw ReportError.unreadable(url.path, "\(error)")
            }
            try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                var index = 0
                while index < bytes.count {
                    if bytes[index] == 0x0A {
                        if pending.isEmpty {
                            try emit(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                        } else {
                            pending.append(contentsOf: bytes[start..<index])
                            try pending.withUnsafeBufferPointer { try emit($0) }
                            pending.removeAll(keepingCapacity: true)
                        }
                        start = index + 1
                    }
                    index += 1
                }
                if start < bytes.count { pending.append(contentsOf: bytes[start..<bytes.count]) }
            }
        }
        if !pending.isEmpty { try pending.withUnsafeBufferPointer { try emit($0) } }
    }
}
