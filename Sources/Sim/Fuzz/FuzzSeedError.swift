import Foundation

/// The simulator failed on a seed (exit status 3): a storage error, not a verdict.
public struct FuzzSeedError: Error, CustomStringConvertible {
    public var seed: UInt64
    public var underlying: any Error

    public var description: String { "seed \(seed): the simulator failed: \(underlying)" }
}
