import Crypto
import Verticals

/// A vertical as the simulator holds it: the sans-I/O ``Vertical`` plus the fault state that
/// decides whether anything can reach it, and the clock skew it sees the world through.
final class VerticalNode {
    let id: String
    let index: Int
    let vertical: Vertical
    /// Compute answers 5xx (compute outage).
    var computeDown = false
    /// Nothing about the vertical is reachable (provider outage).
    var providerDown = false
    /// The vertical is crashed: connections fail until it restarts.
    var crashed = false
    /// Fraction of responses turned into 5xx (brownout).
    var brownoutRate = 0.0
    /// Offset of the vertical's clock from virtual time.
    var clockSkewUs: Int64 = 0
    /// When set, the vertical signs outgoing envelopes with this wrong keyring.
    var wrongKeyring: SyncKeyring?
    var brownoutRandom: Xoshiro256

    init(id: String, index: Int, vertical: Vertical, random: SimRandom) {
        self.id = id
        self.index = index
        self.vertical = vertical
        brownoutRandom = random.stream("fault.brownout.\(id)")
    }

    /// The vertical's own clock reading at virtual time `nowUs`.
    func localTime(_ nowUs: Int64) -> Int64 { nowUs + clockSkewUs }

    /// Whether a TCP connection to the vertical succeeds.
    var isReachable: Bool { !providerDown && !crashed }

    /// Whether the vertical can send sync messages.
    var canPublish: Bool { !providerDown && !crashed }
}

extension Array where Element == VerticalNode {
    /// The node of vertical `id` (ids come from the validated topology, so it exists).
    func node(_ id: String) -> VerticalNode {
        guard let node = first(where: { $0.id == id }) else { preconditionFailure("unknown vertical \(id)") }
        return node
    }
}

/// Derives the HMAC key shared by a pair of verticals from the run seed: one key per pair,
/// never the JWT secret.
enum SyncKeys {
    static func pairKey(_ a: String, _ b: String, seed: UInt64) -> SymmetricKey {
        SyncKeyring.derivedKey("glassbreak-sync|\(SimNetwork.pairKey(a, b))|\(seed)")
    }

    /// Each peer's keyring for `id`: the topology's `sync.secret` when given (the same for every
    /// pair), else one key per pair derived from the seed.
    static func keyrings(for id: String, among ids: [String], seed: UInt64, secret: [UInt8]? = nil)
        -> [String: SyncKeyring]
    {
        var keyrings: [String: SyncKeyring] = [:]
        for peer in ids where peer != id {
            keyrings[peer] = SyncKeyring(keys: [secret.map { SymmetricKey(data: $0) } ?? pairKey(id, peer, seed: seed)])
        }
        return keyrings
    }

    /// A keyring that no peer knows (secret-mismatch fault).
    static func wrongKeyring(for id: String, seed: UInt64) -> SyncKeyring {
        SyncKeyring(keys: [SyncKeyring.derivedKey("wrong-secret|\(id)|\(seed)")])
    }
}
