/// Where a vertical gets random bytes (salts, TOTP secrets, recovery codes, token ids). The
/// simulator hands each vertical a seeded source so runs reproduce; a real server would hand it
/// the system's generator.
public protocol EntropySource: AnyObject {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// A deterministic source from any random number generator.
public final class GeneratorEntropy<Generator: RandomNumberGenerator>: EntropySource {
    private var generator: Generator

    public init(_ generator: Generator) {
        self.generator = generator
    }

    public func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count {
            withUnsafeBytes(of: generator.next()) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }
}

/// The operating system's generator, for a vertical that serves real users (`simctl serve`):
/// salts, TOTP secrets and recovery codes must be unpredictable there. Never used by the
/// simulator, whose runs must reproduce (it hands each vertical a seeded ``GeneratorEntropy``).
public final class SystemEntropy: EntropySource {
    public init() {}

    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()  // live-only: real secrets need real entropy
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
