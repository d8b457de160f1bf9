/// Everything the trace says about one consistency violation, gathered in a second pass over
/// the trace: the write that was missed, its commit and outbox position, the envelopes that
/// carried it to the peer, the read that missed it, and the faults and health changes around.
public struct ViolationStory: Sendable {
    /// A request as the trace recorded it.
    public struct Request: Sendable, Equatable {
        public var id: Int64
        public var operation: String
        public var path: String
        public var vertical: String?
        public var status: Int64?
        public var outcome: String
        public var issuedUs: Int64
        public var completedUs: Int64
    }

    /// A sync envelope from the origin to the peer, and what became of it.
    public struct Envelope: Sendable, Equatable {
        public var id: String
        public var lastSeq: Int64
        public var sentUs: Int64
        /// When the peer processed it, how many events it applied, its watermark after, and why
        /// it refused it; nil when it never arrived (lost, partitioned, peer down).
        public var appliedUs: Int64?
        public var applied: Int64?
        public var watermark: Int64?
        public var rejection: String?
    }

    /// A fault starting or ending, or the edge changing its view of a vertical.
    public struct Happening: Sendable, Equatable {
        public var atUs: Int64
        public var text: String
        /// The vertical it concerns, if one.
        public var vertical: String?
    }

    /// The violation event itself (`check.violation`).
    public var violation: RunAggregate.Violation
    public var check: String { violation.check }
    public var user: String
    public var surface: String?
    public var object: String
    /// The vertical the write was served by, and the one that missed it.
    public var origin: String
    public var peer: String
    public var write: Request?
    /// The origin's outbox head right after the write's commit: the write is applied on the peer
    /// once the peer's watermark reaches it.
    public var commitSeq: Int64?
    public var commitUs: Int64?
    public var envelopes: [Envelope] = []
    /// Envelopes of the link not kept in ``envelopes`` (after the cap).
    public var moreEnvelopes = 0
    /// When the peer's watermark first covered the write.
    public var appliedUs: Int64?
    /// The read that missed the write (read-your-writes, monotonic reads), and for monotonic
    /// reads the earlier read that had seen newer data.
    public var read: Request?
    public var earlierRead: Request?
    public var happenings: [Happening] = []
    public var afterFailover: Bool
    public var observed: String
}
