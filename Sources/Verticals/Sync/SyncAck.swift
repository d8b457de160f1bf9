import Foundation

/// A consumer's answer to an envelope.
public struct SyncAck: Sendable, Equatable {
    /// The peer that answers.
    public var from: String
    /// The origin whose events it applied.
    public var origin: String
    /// Highest seq from `origin` applied at the peer (its watermark), after this envelope.
    public var appliedSeq: Int64
    /// Why the envelope was refused, if it was.
    public var rejection: SyncRejection?
    /// True when the envelope started past the watermark: the sender must go back and fill the gap.
    public var gap = false

    public init(from: String, origin: String, appliedSeq: Int64, rejection: SyncRejection?, gap: Bool = false) {
        self.from = from; self.origin = origin; self.appliedSeq = appliedSeq; self.rejection = rejection; self.gap = gap
    }
}
