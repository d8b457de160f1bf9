import Foundation

/// The vertical's replicated state, digested (see ``StateDigest``).
extension Vertical {
    /// Digests every replicated table of the vertical's database and every object of its bucket.
    public func stateDigest() throws -> StateDigest {
        try database.read { db in try StateDigest.read(db, bucketRoot: bucket.root) }
    }

    /// The digest's ``StateDigest/sha256Hex`` alone (``StateDigest/sha256Hex(_:bucketRoot:)``):
    /// cheaper, for comparing verticals; ``stateDigest()`` names what differs.
    public func stateDigestSHA256Hex() throws -> String {
        try database.read { db in try StateDigest.sha256Hex(db, bucketRoot: bucket.root) }
    }
}
