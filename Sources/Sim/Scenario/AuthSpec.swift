/// Password hashing and token lifetimes.
public struct AuthSpec: Sendable {
    public var argon2MemoryKiB: Int
    public var argon2Iterations: Int
    public var argon2Parallelism: Int
    public var accessTTLUs: Int64
    public var refreshTTLUs: Int64
}
