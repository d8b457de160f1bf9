import Verticals

/// A session-guarantee violation seen by ``SessionTracker``, for the trace: which check, whose
/// session, which object, the read that missed and the write it missed.
struct SessionViolation {
    /// `read_your_writes` or `monotonic_reads`.
    let check: String
    let session: SessionKey
    let object: ObjectRef
    /// The vertical that served the read, and what it returned (`not found`, `an older version`).
    let readVertical: String
    let readIssuedUs: Int64
    let observed: String
    /// For read-your-writes: where the missed write was served and when it was acknowledged.
    let writeVertical: String?
    let writeUs: Int64?
    let afterFailover: Bool
}
