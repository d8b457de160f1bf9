import Crypto
import Foundation
import HTTPTypes
import Logging
import Mechanisms

@testable import Verticals

/// A vertical in a fresh temporary folder, for tests.
func makeVertical(
    _ id: String, peers: [String] = ["aws", "scaleway"], maxPayloadBytes: Int = 6_000_000,
    disabled: DisabledMechanisms = .none, auth: AuthConfig = testAuth
) throws -> Vertical {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gb-verticals-\(UUID().uuidString)")
    var keyrings: [String: SyncKeyring] = [:]
    for peer in peers where peer != id { keyrings[peer] = SyncKeyring(keys: [pairKey(id, peer)]) }
    return try Vertical(
        identity: VerticalIdentity(
            id: id, platform: id == "aws" ? "aws-lambda" : "scaleway-functions",
            environment: "production", region: "r1", database: "sqlite", bucket: "dir"),
        maxPayloadBytes: maxPayloadBytes,
        directory: folder, keyrings: keyrings, syncBatch: 100, syncToleranceUs: 300_000_000, auth: auth,
        entropy: GeneratorEntropy(TestGenerator(state: UInt64(id.utf8.count))),
        logger: Logger(label: id) { _ in SwiftLogNoOpLogHandler() }, disabled: disabled)
}

/// The shared auth settings of test verticals: cheap Argon2, the one JWT secret.
let testAuth = AuthConfig(
    jwtSecret: SyncKeyring.derivedKey("test-jwt-secret"),
    argon2: Argon2id.Parameters(memoryKiB: 64, iterations: 1, parallelism: 1),
    accessTTLSeconds: 900, refreshTTLSeconds: 2_592_000)

/// SplitMix64, for test entropy.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An access token for `user`, as any vertical would issue it.
func accessToken(_ user: String, nowUs: Int64 = 1_000_000, ttlSeconds: Int64 = 900, passwordVersion: Int64 = 1)
    -> String
{
    let now = testAuth.epochUnixSeconds + nowUs / 1_000_000
    let claims = TokenClaims(
        sub: .init(value: user), iss: .init(value: "test"), jti: .init(value: "jti-\(user)-\(nowUs)"),
        iat: .init(value: Date(timeIntervalSince1970: Double(now))),
        exp: .init(value: Date(timeIntervalSince1970: Double(now + ttlSeconds))), typ: .access,
        pv: passwordVersion)
    return try! TokenService(secret: testAuth.jwtSecret).sign(claims)
}

func pairKey(_ a: String, _ b: String) -> SymmetricKey {
    SyncKeyring.derivedKey("test-pair|\(min(a, b))|\(max(a, b))")
}

extension Vertical {
    /// Serves a request as `user` at `nowUs`.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, user: String? = "alice", json: [String: Any]? = nil,
        body: Data? = nil, nowUs: Int64 = 1_000_000, bearer: String? = nil,
        health: DependencyHealth = DependencyHealth(), authority: String = "glassbreak.io"
    ) -> APIResponse {
        var headers = HTTPFields()
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if let user { headers[.authorization] = "Bearer \(accessToken(user))" }
        let payload = body ?? json.map { try! JSONSerialization.data(withJSONObject: $0) } ?? Data()
        return handle(
            APIRequest(method, path, authority: authority, headers: headers, body: payload), nowUs: nowUs,
            requestID: "t", health: health)
    }

    /// Moves every pending outbox event of this vertical to `peer`, as the sync fabric would.
    @discardableResult
    func replicate(to peer: Vertical, nowUs: Int64 = 2_000_000) throws -> [SyncReceipt] {
        var receipts: [SyncReceipt] = []
        while let (envelope, _) = try publisher.envelope(
            to: peer.identity.id, afterSeq: publisher.acked(by: peer.identity.id),
            timestampSeconds: nowUs / 1_000_000)
        {
            let receipt = peer.receiveSync(envelope, from: identity.id, nowUs: nowUs)
            receipts.append(receipt)
            guard receipt.ack.rejection == nil else { break }
            try publisher.acknowledge(peer: peer.identity.id, appliedSeq: receipt.ack.appliedSeq)
        }
        return receipts
    }
}

extension APIResponse {
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
}
