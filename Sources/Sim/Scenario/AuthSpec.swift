import Verticals

/// Password hashing, token lifetimes and the passkeys' rpId.
public struct AuthSpec: Sendable {
    public var argon2MemoryKiB: Int
    public var argon2Iterations: Int
    public var argon2Parallelism: Int
    public var accessTTLUs: Int64
    public var refreshTTLUs: Int64
    /// `auth.webauthn`: the rpId passkeys are registered for and its related origins; by
    /// default none (each passkey gets the host of the surface the user signed up on).
    public var webauthn = WebAuthnPolicy()
}
