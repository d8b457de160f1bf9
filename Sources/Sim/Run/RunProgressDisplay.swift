import Foundation

/// Draws a run's progress line on a terminal, in place, at most ten times a second; called on
/// the simulation's own thread by the observer, so it needs no thread of its own.
public final class RunProgressDisplay {
    let write: (String) -> Void
    /// Whether to write child lines for a parent process instead of drawing on a terminal.
    let forParent: Bool
    private var start = ContinuousClock.now  // wall-clock-ok: progress display only
    private var lastDrawn: ContinuousClock.Instant?  // wall-clock-ok: progress display throttle
    private var drawn = false
    /// The run being shown and how far it had got: a new run restarts the wall clock.
    private var shown: (scenario: String, virtualUs: Int64)?

    /// `write` receives the bytes for the terminal (standard error); with `forParent`, one
    /// ``RunProgress/childLine`` per update instead, for the parent's combined line.
    public init(forParent: Bool = false, write: @escaping (String) -> Void) {
        self.forParent = forParent
        self.write = write
    }

    /// Redraws the line if a tenth of a second has passed since the last.
    public func update(_ progress: RunProgress) {
        let now = ContinuousClock.now  // wall-clock-ok
        if let shown, shown.scenario != progress.scenario || shown.virtualUs > progress.virtualUs {
            start = now
            lastDrawn = nil
        }
        shown = (progress.scenario, progress.virtualUs)
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        let elapsed = (now - start).components
        let wallMs = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        if forParent {
            write(progress.childLine + "\n")
            return
        }
        write("\r\u{1B}[K" + progress.line(wallMs: wallMs))
        drawn = true
    }

    /// Clears the line (before the result is printed).
    public func clear() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }
}
