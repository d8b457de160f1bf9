/// Where a vertical gets random bytes (salts, TOTP secrets, recovery codes, token ids). The
/// simulator hands each vertical a seeded source so runs reproduce; a real server would hand it
/// the system's generator.
public protocol EntropySource: AnyObject {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}
