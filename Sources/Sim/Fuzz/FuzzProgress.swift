import Foundation

/// How far a campaign has got, and its one-line rendering for the progress display.
public struct FuzzProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var failures: Int
    public var elapsedMs: Int64

    /// Seeds per minute so far (nil before the first seed).
    public var seedsPerMinute: Double? {
        done == 0 || elapsedMs <= 0 ? nil : Double(done) * 60_000 / Double(elapsedMs)
    }

    /// `fuzz-small: 340/1000 seeds, 2 failed, 1234 seeds/min, 32s left`.
    public func line(base: String) -> String {
        var text = "\(base): \(done)/\(total) seeds, \(failures) failed"
        if let rate = seedsPerMinute {
            let leftMs = Int64(Double(total - done) / rate * 60_000)
            text += ", \(Int(rate.rounded())) seeds/min, \(Self.clock(leftMs)) left"
        }
        return text
    }

    /// `1h02m`, `4m05s`, `32s`.
    static func clock(_ ms: Int64) -> String {
        let seconds = max(0, (ms + 999) / 1000)
        if seconds >= 3600 { return "\(seconds / 3600)h" + String(format: "%02dm", seconds % 3600 / 60) }
        if seconds >= 60 { return "\(seconds / 60)m" + String(format: "%02ds", seconds % 60) }
        return "\(seconds)s"
    }
}

/// Shows a campaign's progress on standard error while it runs: on a terminal a line redrawn in
/// place four times a second, elsewhere (CI logs) a new line every five seconds.
public final class FuzzProgressDisplay: @unchecked Sendable {
    // `stopped` and `started` are guarded by `condition`.
    private let condition = NSCondition()
    private var stopped = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)
    public let isTerminal: Bool
    let write: @Sendable (String) -> Void

    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Starts showing `progress()` for the campaign of base `base`.
    public func start(base: String, progress: @escaping @Sendable () -> FuzzProgress) {
        let interval: TimeInterval = isTerminal ? 0.25 : 5
        condition.withLock { started = true }
        let thread = Thread { [self] in
            defer { finished.signal() }
            condition.lock()
            defer { condition.unlock() }
            while !stopped {
                _ = condition.wait(until: Date(timeIntervalSinceNow: interval))  // wall-clock-ok
                if stopped { break }
                let line = progress().line(base: base)
                write(isTerminal ? "\r\u{1B}[K" + line : line + "\n")
            }
        }
        thread.name = "fuzz-progress"
        thread.start()
    }

    /// Stops the display and clears a terminal line.
    public func stop() {
        let wasStarted = condition.withLock {
            stopped = true
            condition.signal()
            return started
        }
        guard wasStarted else { return }
        finished.wait()
        if isTerminal { write("\r\u{1B}[K") }
    }
}
