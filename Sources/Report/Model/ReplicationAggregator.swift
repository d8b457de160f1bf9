/// Replication per link (origin → peer) from `sync.commit` (the origin's outbox head after each
/// commit) and `sync.apply` (the peer's watermark after each batch): the backlog over time and
/// the propagation of every commit, from its commit on the origin to the peer's watermark
/// passing it.
///
/// Pending commits are kept per origin until every peer has applied them, so memory follows the
/// largest backlog, not the run's length.
struct ReplicationAggregator {
    private struct Commit {
        let head: Int64
        let atUs: Int64
    }

    private struct LinkState {
        let origin: Int
        let peer: Int
        var watermark: Int64 = 0
        /// Index into the origin's pending commits of the first one the peer has not applied.
        var cursor = 0
        var link: RunAggregate.Link
    }

    private let verticals: [String]
    private let index: [String: Int]
    private let buckets: TimeBuckets
    private let windows: [FaultWindow]
    private var heads: [Int64]
    private var pending: [[Commit]]
    private var links: [LinkState] = []
    private(set) var sawCommits = false

    init(verticals: [String], buckets: TimeBuckets, windows: [FaultWindow]) {
        self.verticals = verticals
        self.buckets = buckets
        self.windows = windows
        index = Dictionary(uniqueKeysWithValues: verticals.enumerated().map { ($1, $0) })
        heads = Array(repeating: 0, count: verticals.count)
        pending = Array(repeating: [], count: verticals.count)
        for origin in verticals.indices {
            for peer in verticals.indices where peer != origin {
                links.append(
                    LinkState(
                        origin: origin, peer: peer,
                        link: RunAggregate.Link(
                            origin: verticals[origin], peer: verticals[peer],
                            backlog: Array(repeating: 0, count: buckets.count),
                            latency: Array(repeating: LatencyBins(), count: buckets.count),
                            histogram: Array(repeating: 0, count: PropagationBins.edgesMs.count + 1),
                            histogramInFaults: Array(repeating: 0, count: PropagationBins.edgesMs.count + 1),
                            overall: LatencyBins(), unapplied: 0)))
            }
        }
    }

    private func linkIndex(origin: Int, peer: Int) -> Int {
        origin * (verticals.count - 1) + (peer < origin ? peer : peer - 1)
    }

    /// `sync.commit {origin, head}`.
    mutating func commit(_ event: TraceEvent, bucket: Int) {
        guard let name = event.string("origin"), let origin = index[name], let head = event.int("head"),
            head > heads[origin]
        else { return }
        sawCommits = true
        heads[origin] = head
        pending[origin].append(Commit(head: head, atUs: event.timeUs))
        for peer in verticals.indices where peer != origin {
            raiseBacklog(linkIndex(origin: origin, peer: peer), bucket: bucket)
        }
    }

    /// `sync.apply {from, to, watermark}`.
    mutating func apply(_ event: TraceEvent, bucket: Int) {
        guard let from = event.string("from"), let origin = index[from], let to = event.string("to"),
            let peer = index[to], origin != peer, let watermark = event.int("watermark")
        else { return }
        let l = linkIndex(origin: origin, peer: peer)
        guard watermark > links[l].watermark else { return }
        links[l].watermark = watermark
        while links[l].cursor < pending[origin].count, pending[origin][links[l].cursor].head <= watermark {
            let commit = pending[origin][links[l].cursor]
            record(link: l, commitUs: commit.atUs, appliedUs: event.timeUs)
            links[l].cursor += 1
        }
        raiseBacklog(l, bucket: bucket)
        trim(origin: origin)
    }

    /// The level at the start of bucket `bucket` is the level carried over from the previous one.
    mutating func carry(into bucket: Int) {
        guard bucket < buckets.count else { return }
        for l in links.indices {
            links[l].link.backlog[bucket] = max(links[l].link.backlog[bucket], backlog(l))
        }
    }

    func finish() -> [RunAggregate.Link] {
        links.map { state in
            var link = state.link
            link.unapplied = pending[state.origin].count - state.cursor
            return link
        }
    }

    private func backlog(_ l: Int) -> Int64 {
        max(0, heads[links[l].origin] - links[l].watermark)
    }

    private mutating func raiseBacklog(_ l: Int, bucket: Int) {
        links[l].link.backlog[bucket] = max(links[l].link.backlog[bucket], backlog(l))
    }

    private mutating func record(link l: Int, commitUs: Int64, appliedUs: Int64) {
        let ms = Double(appliedUs - commitUs) / 1000
        links[l].link.latency[buckets.index(commitUs)].record(ms: ms)
        links[l].link.overall.record(ms: ms)
        let bin = PropagationBins.bin(ms: ms)
        if windows.contains(where: { $0.startUs <= appliedUs && $0.endUs >= commitUs }) {
            links[l].link.histogramInFaults[bin] += 1
        } else {
            links[l].link.histogram[bin] += 1
        }
    }

    /// Drops commits every peer of `origin` has applied, in batches.
    private mutating func trim(origin: Int) {
        let linksOfOrigin = verticals.indices.filter { $0 != origin }.map { linkIndex(origin: origin, peer: $0) }
        let applied = linksOfOrigin.map { links[$0].cursor }.min() ?? 0
        guard applied >= 4096 else { return }
        pending[origin].removeFirst(applied)
        for l in linksOfOrigin { links[l].cursor -= applied }
    }
}
