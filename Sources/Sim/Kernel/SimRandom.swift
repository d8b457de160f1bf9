/// SplitMix64: used only to expand seeds into generator state (Steele, Lea, Flood 2014).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman and Vigna): the simulator's only source of randomness.
///
/// Its output depends on nothing but its seed, in every process and on every platform; Swift's
/// `random(in:using:)` helpers are avoided in favour of ``uniform(below:)`` and ``unitDouble()``
/// so that a change in the standard library cannot shift a run.
public struct Xoshiro256: RandomNumberGenerator {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator whose 256-bit state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
        precondition(s0 | s1 | s2 | s3 != 0, "xoshiro state must not be all zero")
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "uniform(below: 0)")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform index into a collection of `count` elements.
    public mutating func index(_ count: Int) -> Int {
        Int(uniform(below: UInt64(count)))
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`. Always consumes exactly one draw, so a rate of zero and a rate
    /// of 0.001 keep the stream aligned.
    public mutating func chance(_ p: Double) -> Bool {
        unitDouble() < p
    }

    /// A uniform integer in `-spread...spread`.
    public mutating func jitter(_ spread: Int64) -> Int64 {
        spread <= 0 ? 0 : Int64(uniform(below: UInt64(2 * spread + 1))) - spread
    }
}

/// The run's randomness, split into independent named streams.
///
/// Each component asks for its own stream by name (`"workload.arrivals"`, `"net.aws>scaleway"`),
/// so a new consumer of randomness in one component never shifts another component's draws.
/// Stream seeds are derived from the run seed and a stable FNV-1a hash of the name, never from
/// Swift's per-process `Hasher`.
///
/// ```swift
/// let random = SimRandom(seed: 7)
/// var arrivals = random.stream("workload.arrivals")
/// let gapUs = arrivals.uniform(below: 1000)
/// ```
public struct SimRandom: Sendable {
    /// The run seed every stream derives from.
    public let seed: UInt64

    /// Creates the stream factory for one run.
    public init(seed: UInt64) { self.seed = seed }

    /// The generator for the stream called `name`; the same name always gives the same sequence.
    public func stream(_ name: String) -> Xoshiro256 {
        var mix = SplitMix64(seed: seed ^ Self.fnv1a(name))
        return Xoshiro256(seed: mix.next())
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`: stable across processes and platforms.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
