import Foundation

/// Runs child processes at most `width` at a time and hands their outcomes back in the order the
/// jobs were given, each as soon as it and every job before it have finished: `simctl run
/// --jobs J` runs each scenario in its own `simctl` process this way. What a child prints is
/// captured whole, so the parent's output never interleaves.
///
/// ```swift
/// let pool = ProcessPool(executable: ProcessPool.currentExecutable(), width: 2)
/// pool.run([["run", "a.yaml"], ["run", "b.yaml"]]) { index, outcome in print(outcome.status) }
/// ```
public final class ProcessPool: @unchecked Sendable {
    /// One finished child.
    public struct Outcome: Sendable {
        /// Its exit status (a signal shows as 128 + the signal's number).
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
    }

    /// The most processes in flight at once.
    public static let maximumWidth = 256

    public let executable: URL
    public let width: Int
    /// Environment of the children (default: this process's).
    public var environment: [String: String]?
    /// Receives, as they come and on a draining thread, the lines of a child's standard error
    /// that start with ``RunProgress/childMarker`` (they are left out of its captured output).
    public var onProgressLine: (@Sendable (Int, Substring) -> Void)?
    /// Called on a waiting thread when a child exits (its outcome may be delivered later, in order).
    public var onExit: (@Sendable (Int) -> Void)?

    // `finished` and `failedToStart` are guarded by `condition`.
    private let condition = NSCondition()
    private var finished: [Int: Outcome] = [:]

    public init(executable: URL, width: Int) {
        precondition((1...Self.maximumWidth).contains(width), "process pool width out of range: \(width)")
        self.executable = executable
        self.width = width
    }

    /// The running program, to start copies of itself.
    public static func currentExecutable() -> URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: proc.path) { return proc.resolvingSymlinksInPath() }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    /// Runs every job; `deliver` is called on the calling thread, in job order. When
    /// `stopAfter` returns true for an outcome, no further job is started (those running finish
    /// and are delivered); the indices of the jobs never started are returned.
    @discardableResult
    public func run(
        _ jobs: [[String]], stopAfter: (Outcome) -> Bool = { _ in false },
        deliver: (Int, Outcome) -> Void
    ) throws -> [Int] {
        var started = 0
        var delivered = 0
        var stopping = false
        while delivered < started || (!stopping && started < jobs.count) {
            while !stopping, started < jobs.count, started - delivered < width {
                try launch(jobs[started], index: started)
                started += 1
            }
            let outcome = condition.withLock { () -> Outcome in
                while finished[delivered] == nil { condition.wait() }
                return finished.removeValue(forKey: delivered)!
            }
            deliver(delivered, outcome)
            if stopAfter(outcome) { stopping = true }
            delivered += 1
        }
        return Array(started..<jobs.count)
    }

    /// Starts one child; two threads drain its pipes (a child writing more than a pipe holds
    /// would otherwise block) and a third records its outcome.
    private func launch(_ arguments: [String], index: Int) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        let buffers = PipeBuffers()
        DispatchQueue.global().async(group: group) { buffers.stdout = out.fileHandleForReading.readDataToEndOfFile() }
        let onLine = onProgressLine
        DispatchQueue.global().async(group: group) {
            buffers.stderr = Self.drain(err.fileHandleForReading) { onLine?(index, $0) }
        }
        let onExit = onExit
        DispatchQueue.global().async { [self] in
            group.wait()
            process.waitUntilExit()
            onExit?(index)
            let status =
                process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
            let outcome = Outcome(status: status, stdout: buffers.stdout, stderr: buffers.stderr)
            condition.withLock {
                finished[index] = outcome
                condition.broadcast()
            }
        }
    }
}

extension ProcessPool {
    /// Reads `handle` to its end; lines starting with ``RunProgress/childMarker`` go to
    /// `progress` as they arrive, everything else is returned.
    static func drain(_ handle: FileHandle, progress: (Substring) -> Void) -> Data {
        var kept = Data()
        var pending = Data()
        let marker = Data(RunProgress.childMarker.utf8)
        while true {
            let chunk = handle.availableData
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex...newline]
                if line.starts(with: marker) {
                    progress(Substring(String(decoding: line.dropLast(), as: UTF8.self)))
                } else {
                    kept.append(line)
                }
                pending.removeSubrange(pending.startIndex...newline)
            }
            if chunk.isEmpty { break }
        }
        kept.append(pending)
        return kept
    }
}

/// What one child wrote, filled by the two threads draining its pipes (each writes one field,
/// and both are read only after the group they belong to has finished).
private final class PipeBuffers: @unchecked Sendable {
    var stdout = Data()
    var stderr = Data()
}
