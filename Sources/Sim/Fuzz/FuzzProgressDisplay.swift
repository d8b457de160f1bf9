import Foundation

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
