import Crypto
import Verticals

/// A vertical as the simulator holds it: the sans-I/O ``Vertical`` (the product) inside the
/// modelled world around it: the runtime that admits its requests (cold starts, throttling,
/// timeouts, a serverless database's wake-up), the compute pricing, the fault state that decides
/// whether anything can reach it and which dependencies are up, and the clock skew it sees the
/// world through. See `VerticalNode+Runtime.swift` for the path of a request.
final class VerticalNode {
    let id: String
    let index: Int
    let vertical: Vertical
    /// The runtime's instance pool and serverless database.
    var runtime: RuntimeAdapter
    /// What the runtime charges for the work a request did.
    let pricing: ComputePricing
    /// Which dependencies are up; database, bucket and provider outages change it.
    var health = DependencyHealth()
    /// Cold starts fail (control-plane outage).
    var coldStartsFail = false
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
    /// The sink of the vertical's log, for the access log's direct path (the same bytes as its
    /// logger writes, at a fraction of the cost); nil sends access records through the logger.
    var accessLog: JSONLinesLogSink?

    init(
        id: String, index: Int, vertical: Vertical, limits: RuntimeLimits, pricing: ComputePricing, random: SimRandom
    ) {
        self.id = id
        self.index = index
        self.vertical = vertical
        runtime = RuntimeAdapter(limits: limits)
        self.pricing = pricing
        brownoutRandom = random.stream("fault.brownout.\(id)")
    }

    /// The vertical's own clock reading at virtual time `nowUs`.
    func localTime(_ nowUs: Int64) -> Int64 { nowUs + clockSkewUs }

    /// Whether a TCP connection to the vertical succeeds.
    var isReachable: Bool { !providerDown && !crashed }

    /// Whether the vertical can send sync messages.
    var canPublish: Bool { !providerDown && !crashed }

    /// The vertical restarts after a crash: warm instances are gone, and the vertical loses its
    /// in-memory state. Returns how many outbox rows were lost (`outbox-transaction` removed).
    func restart() throws -> Int {
        runtime.reset()
        return try vertical.crash()
    }
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
