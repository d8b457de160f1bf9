/// The coarse bins of the propagation histogram chart, in milliseconds.
public enum PropagationBins {
    /// Upper edges; the last bin is everything above the last edge.
    public static let edgesMs: [Double] = [25, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000]

    /// The bin of a latency.
    public static func bin(ms: Double) -> Int {
        edgesMs.firstIndex { ms < $0 } ?? edgesMs.count
    }

    /// Short labels, one per bin.
    public static let labels = [
        "<25ms", "25–50ms", "50–100ms", "0.1–0.2s", "0.2–0.5s", "0.5–1s", "1–2s", "2–5s", "5–10s", "10–30s", "30s–1m",
        "1–5m", ">5m",
    ]
}
