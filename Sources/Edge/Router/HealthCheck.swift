/// Fastly-style health of one backend: the last `window` probe results, healthy while at least
/// `threshold` of them passed. `initial` passes are assumed at start, so a backend starts
/// healthy when `initial >= threshold`.
public struct HealthCheck: Sendable, Equatable {
    public let window: Int
    public let threshold: Int
    private var results: [Bool]
    private var next = 0

    public init(window: Int, threshold: Int, initial: Int) {
        precondition(
            window > 0 && (1...window).contains(threshold) && (0...window).contains(initial),
            "health check needs 1 <= threshold <= window and 0 <= initial <= window")
        self.window = window
        self.threshold = threshold
        // The assumed passes are the most recent results, so they are the last to age out.
        results = Array(repeating: false, count: window - initial) + Array(repeating: true, count: initial)
    }

    /// Passes among the last `window` probes.
    public var passes: Int { results.lazy.filter { $0 }.count }

    /// Whether the backend is in service.
    public var isHealthy: Bool { passes >= threshold }

    /// Records one probe; returns whether the healthy state changed.
    @discardableResult
    public mutating func record(passed: Bool) -> Bool {
        let before = isHealthy
        results[next] = passed
        next = (next + 1) % window
        return before != isHealthy
    }
}
