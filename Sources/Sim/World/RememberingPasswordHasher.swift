import Verticals

/// The simulator's password hasher: computes Argon2id with libargon2 like the product's
/// ``Argon2idHasher``, and remembers which password each hash it computed or confirmed belongs
/// to, so a login checking a password already known to match its hash answers without running
/// Argon2id again.
///
/// Every answer is the one libargon2 gives: a hash is remembered only from a computation (the
/// sign-up's or a password change's hash of that very password, or a verification that
/// succeeded), an encoded hash names its salt and parameters, and anything not remembered (a wrong
/// password, a hash written by another world) is computed. Only the simulator's processor time
/// changes; the virtual cost charged for each hash is the vertical's own (`ComputePricing`), so
/// traces and results are the same with or without it. Steady state at the default parameters
/// (19 MiB, 2 passes, about 20 ms a hash) spends most of its wall time hashing, and half of those
/// hashes are logins of passwords hashed at sign-up.
///
/// Bounded: forgets everything when ``capacity`` hashes are remembered. One world uses it from one
/// thread; it is not shared between worlds.
public final class RememberingPasswordHasher: PasswordHasher {
    /// Most hashes remembered before the memory is cleared.
    public let capacity: Int
    /// The password each remembered PHC-encoded hash is known to match.
    private var known: [String: String] = [:]
    /// Checks answered from memory, and hashes computed (for tests and profiles).
    public private(set) var remembered = 0
    public private(set) var computed = 0

    /// A hasher remembering at most `capacity` hashes (at least 1).
    public init(capacity: Int = 100_000) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// Computes the hash with libargon2 and remembers that it belongs to `password`.
    public func hashEncoded(password: String, salt: [UInt8], parameters: Argon2id.Parameters) throws -> String {
        computed += 1
        let encoded = try Argon2id.hashEncoded(password: password, salt: salt, parameters: parameters)
        remember(encoded, password)
        return encoded
    }

    /// True at once for a password remembered for `encoded`; otherwise libargon2 decides, and a
    /// match is remembered.
    public func verify(encoded: String, password: String) -> Bool {
        if let match = known[encoded], match == password {
            remembered += 1
            return true
        }
        computed += 1
        guard Argon2id.verify(encoded: encoded, password: password) else { return false }
        remember(encoded, password)
        return true
    }

    private func remember(_ encoded: String, _ password: String) {
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        known[encoded] = password
    }
}
