import Foundation

/// The vertical's replicated state, digested (see ``StateDigest``).
extension Vertical {
    /// Digests every replicated table of the vertical's database and every object of its bucket.
    public func stateDigest() throws -> StateDigest {
        try database.read { db in try StateDigest.read(db, bucketRoot: bucket.root) }
    }
}
