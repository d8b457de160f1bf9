import AsyncHTTPClient
import Foundation
import NIOCore
import Verticals

/// Carries sync envelopes between the live verticals as real HTTP POSTs (AsyncHTTPClient), and
/// applies the faults that touch messages on a link: a partition (nothing gets through, either
/// way), added latency, message loss. Each POST's answer is the peer's acknowledgement; no answer
/// (refused, timed out, dropped) returns nil and the sender's acknowledgement timer decides.
actor SyncTransport {
    private let client: HTTPClient
    private let stats: LiveStats
    /// Each vertical's direct surface, by id.
    private var baseURLs: [String: String] = [:]
    /// How long a POST waits for its answer.
    private let requestTimeoutUs: Int64
    /// Link faults by unordered pair (`a|b`, ids sorted).
    private var partitioned: Set<String> = []
    private var addedLatencyUs: [String: Int64] = [:]
    private var lossRate: [String: Double] = [:]

    init(client: HTTPClient, stats: LiveStats, requestTimeoutUs: Int64) {
        self.client = client
        self.stats = stats
        self.requestTimeoutUs = requestTimeoutUs
    }

    /// Where vertical `id` listens.
    func setBaseURL(_ url: String, for id: String) {
        baseURLs[id] = url
    }

    /// The unordered pair key of a link.
    static func pairKey(_ a: String, _ b: String) -> String { a < b ? "\(a)|\(b)" : "\(b)|\(a)" }

    /// Sets the link faults in force, by unordered pair: partitioned links, added latency, loss rate.
    func setLinkFaults(partitioned: Set<String>, latencyUs: [String: Int64], lossRate: [String: Double]) {
        self.partitioned = partitioned
        addedLatencyUs = latencyUs
        self.lossRate = lossRate
    }

    /// POSTs `envelope` from `origin` to `peer`; the acknowledgement, or nil when none came back.
    func post(_ envelope: SyncEnvelope, from origin: String, to peer: String) async -> SyncAck? {
        let key = Self.pairKey(origin, peer)
        guard !partitioned.contains(key) else { return dropped(origin, peer) }
        if let rate = lossRate[key], Double.random(in: 0..<1) < rate { return dropped(origin, peer) }
        if let latency = addedLatencyUs[key], latency > 0 {
            try? await Task.sleep(for: .microseconds(latency))  // try?-ok: a cancelled wait sends at once
        }
        guard let base = baseURLs[peer] else { preconditionFailure("no URL for vertical \(peer)") }
        let message = envelope.httpRequest(origin: origin, authority: String(base.dropFirst("http://".count)))
        let request = HTTPBridge.clientRequest(message.head, body: ByteBuffer(bytes: message.body), baseURL: base)
        let ack: SyncAck?
        do {
            let response = try await client.execute(request, timeout: .microseconds(requestTimeoutUs))
            let body = try await response.body.collect(upTo: 1 << 20)
            ack = SyncAck.parse(json: Data(body.readableBytesView))
        } catch {
            return dropped(origin, peer)
        }
        // A partition that started while the POST was under way loses its answer.
        guard !partitioned.contains(key) else { return dropped(origin, peer) }
        return ack
    }

    private func dropped(_ origin: String, _ peer: String) -> SyncAck? {
        stats.syncLost(from: origin, to: peer)
        return nil
    }
}
