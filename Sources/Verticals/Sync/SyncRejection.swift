import Foundation

/// Why a consumer refused an envelope. Each is counted.
public enum SyncRejection: String, Sendable, CaseIterable {
    /// No signature matched any key.
    case badSignature = "bad-signature"
    /// The timestamp is outside the tolerance.
    case expired
    /// The body is not a valid batch, or its origin is not the signing peer.
    case malformed
    /// An event's timestamp is too far in the future.
    case futureTimestamp = "future-timestamp"
    /// The consumer could not write (its database is down).
    case unavailable
}
