/// The operating system's generator, for a vertical that serves real users (`simctl serve`):
/// salts, TOTP secrets and recovery codes must be unpredictable there. Never used by the
/// simulator, whose runs must reproduce (it hands each vertical a seeded ``GeneratorEntropy``).
public final class SystemEntropy: EntropySource {
    public init() {}

    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()  // wall-clock-ok (live-only): real secrets need real entropy
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
