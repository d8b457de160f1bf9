import Histogram

/// Measures propagation: from a change's commit on its origin to its application on every peer,
/// counting only changes whose whole journey lies outside every fault window.
struct PropagationTracker {
    struct EventKey: Hashable {
        let origin: Int
        let seq: Int64
    }

    private var pending: [EventKey: (commitUs: Int64, remaining: Int)] = [:]
    private(set) var histogramUs = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    /// Changes fully propagated whose journey overlapped a fault (not in the histogram).
    private(set) var excluded = 0
    let peers: Int
    /// Fault windows `[start, end]`, virtual time.
    let faultWindows: [(startUs: Int64, endUs: Int64)]

    init(peers: Int, faultWindows: [(startUs: Int64, endUs: Int64)]) {
        self.peers = peers
        self.faultWindows = faultWindows
    }

    /// Records that the peer applied `(origin, seq)`, committed at virtual time `commitUs`, at `nowUs`.
    mutating func applied(origin: Int, seq: Int64, commitUs: Int64, nowUs: Int64) {
        guard peers > 0 else { return }
        let key = EventKey(origin: origin, seq: seq)
        var entry = pending[key] ?? (commitUs, peers)
        entry.remaining -= 1
        assert(entry.remaining >= 0, "an event was applied more than once on some peer")
        if entry.remaining > 0 {
            pending[key] = entry
            return
        }
        pending[key] = nil
        if faultWindows.contains(where: { $0.startUs <= nowUs && $0.endUs >= entry.commitUs }) {
            excluded += 1
        } else {
            histogramUs.record(UInt64(max(0, nowUs - entry.commitUs)))
        }
    }

    /// Changes not yet applied everywhere.
    var unfinished: Int { pending.count }

    /// The percentile in milliseconds (0.1 ms resolution), nil without samples.
    func percentileMs(_ percentile: Double) -> Double? {
        guard histogramUs.totalCount > 0 else { return nil }
        let us = percentile >= 100 ? histogramUs.max : histogramUs.valueAtPercentile(percentile)
        return (Double(us) / 100).rounded() / 10
    }
}
