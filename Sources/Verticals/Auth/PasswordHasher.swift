/// How a vertical computes and checks password hashes (Argon2id, PHC-encoded). A seam like
/// ``EntropySource``: a real server hands each vertical ``Argon2idHasher``, which computes every
/// hash; the simulator may hand its verticals a hasher that remembers results it has already
/// computed, as long as every answer is exactly what Argon2id would give.
public protocol PasswordHasher: AnyObject {
    /// The PHC-encoded Argon2id hash of `password` with `salt` and `parameters`.
    func hashEncoded(password: String, salt: [UInt8], parameters: Argon2id.Parameters) throws -> String
    /// Whether `password` matches the PHC-encoded hash `encoded`.
    func verify(encoded: String, password: String) -> Bool
}

/// The production hasher: every call runs libargon2.
public final class Argon2idHasher: PasswordHasher {
    /// A hasher that computes every hash.
    public init() {}

    /// ``Argon2id/hashEncoded(password:salt:parameters:)``.
    public func hashEncoded(password: String, salt: [UInt8], parameters: Argon2id.Parameters) throws -> String {
        try Argon2id.hashEncoded(password: password, salt: salt, parameters: parameters)
    }

    /// ``Argon2id/verify(encoded:password:)``.
    public func verify(encoded: String, password: String) -> Bool {
        Argon2id.verify(encoded: encoded, password: password)
    }
}
