import Histogram

/// Measures propagation: from a change's commit on its origin to its application on every peer.
///
/// Only changes whose whole journey lies outside every fault window count. A fault's window runs
/// from its start until sync has caught up with what the fault held back (not merely until the
/// fault is lifted), so the backlog's replay after a heal is not mistaken for steady state.
/// Journeys are kept until the end of the run, when the windows are known. Fed by
/// ``WorldEvent/syncApplied(_:)``.
final class PropagationTracker: WorldEventSink {
    struct EventKey: Hashable {
        let origin: Int
        let seq: Int64
    }

    private var pending: [EventKey: (commitUs: Int64, remaining: Int)] = [:]
    /// Completed journeys, `(commit, applied everywhere)`, virtual time.
    private var journeys: [(commitUs: Int64, appliedUs: Int64)] = []
    let peers: Int

    init(peers: Int) {
        self.peers = peers
    }

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .syncApplied(let apply) = event else { return }
        for (seq, commitUs) in apply.applied {
            applied(origin: apply.originIndex, seq: seq, commitUs: commitUs, nowUs: atUs)
        }
    }

    /// Records that one peer applied `(origin, seq)`, committed at virtual time `commitUs`, at `nowUs`.
    func applied(origin: Int, seq: Int64, commitUs: Int64, nowUs: Int64) {
        guard peers > 0 else { return }
        let key = EventKey(origin: origin, seq: seq)
        var entry = pending[key] ?? (commitUs, peers)
        entry.remaining -= 1
        precondition(entry.remaining >= 0, "an event was applied more than once on some peer")
        if entry.remaining > 0 {
            pending[key] = entry
            return
        }
        pending[key] = nil
        journeys.append((entry.commitUs, nowUs))
    }

    /// Changes not yet applied everywhere.
    var unfinished: Int { pending.count }

    /// The distribution of journeys outside `windows`.
    func summary(excluding windows: [(startUs: Int64, endUs: Int64)]) -> PropagationSummary {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        var excluded = 0
        for journey in journeys {
            if windows.contains(where: { $0.startUs <= journey.appliedUs && $0.endUs >= journey.commitUs }) {
                excluded += 1
            } else {
                histogram.record(UInt64(max(0, journey.appliedUs - journey.commitUs)))
            }
        }
        return PropagationSummary(histogramUs: histogram, excluded: excluded, unfinished: unfinished)
    }
}

/// Propagation percentiles over the journeys that count.
struct PropagationSummary {
    let histogramUs: Histogram<UInt64>
    /// Journeys that overlapped a fault window.
    let excluded: Int
    /// Changes never applied everywhere.
    let unfinished: Int

    var samples: Int { Int(histogramUs.totalCount) }

    /// The percentile in milliseconds (0.1 ms resolution), nil without samples.
    func percentileMs(_ percentile: Double) -> Double? {
        guard histogramUs.totalCount > 0 else { return nil }
        let us = percentile >= 100 ? histogramUs.max : histogramUs.valueAtPercentile(percentile)
        return (Double(us) / 100).rounded() / 10
    }
}
