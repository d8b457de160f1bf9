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
