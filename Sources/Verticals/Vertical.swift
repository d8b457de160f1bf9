import Crypto
import Foundation
import HTTPTypes
import Logging
import Mechanisms

/// One vertical: the shared API core with its own SQLite database, bucket, hybrid logical clock
/// and sync endpoints. Sans-I/O, and the product's one responder seam: it handles a request,
/// receives a sync envelope, and produces outbox envelopes (``SyncPublisher``), each at a time
/// the caller hands in as a value; the caller carries its messages. What runs it is not its
/// concern: the simulator puts a modelled runtime (cold starts, admission, compute pricing,
/// faults) in front of it, a live server a real one.
///
/// ```swift
/// let aws = try Vertical(identity: identity, maxPayloadBytes: 6_000_000, directory: runFolder, keyrings: keys,
///                        syncBatch: 100, syncToleranceUs: 300_000_000, auth: auth, entropy: entropy, logger: logger)
/// let response = aws.handle(APIRequest(.get, "/api/public/status"), nowUs: 0, requestID: "r1")
/// ```
public final class Vertical {
    public let identity: VerticalIdentity
    public let database: VerticalDatabase
    public let bucket: Bucket
    public let publisher: SyncPublisher
    public let consumer: SyncConsumer
    /// The vertical's hybrid logical clock.
    public var clock: HybridLogicalClock
    /// The mechanisms of the design removed from this vertical (ablations; empty in production).
    public let disabled: DisabledMechanisms
    /// The Unix time of virtual time zero (tokens' `iat`/`exp`, `webhook-timestamp`).
    public let epochUnixSeconds: Int64
    let core: APICore
    /// The vertical's log (one JSON line per record in the run folder).
    public let logger: Logger

    /// Opens the vertical's database `ID.sqlite` and bucket `ID-bucket/` in `directory`. `disabled`
    /// lists the mechanisms to remove (ablations); each component is handed it once, here.
    /// `passwords` computes and checks password hashes (the simulator hands every vertical of a
    /// world one that remembers the hashes it has computed).
    public init(
        identity: VerticalIdentity, maxPayloadBytes: Int, directory: URL, keyrings: [String: SyncKeyring],
        syncBatch: Int, syncToleranceUs: Int64, auth: AuthConfig, entropy: any EntropySource,
        passwords: any PasswordHasher = Argon2idHasher(), logger: Logger, disabled: DisabledMechanisms = .none
    ) throws {
        self.identity = identity
        self.disabled = disabled
        clock = HybridLogicalClock(physicalOnly: disabled.removes(.hybridClock))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try VerticalDatabase(
            path: directory.appendingPathComponent("\(identity.id).sqlite").path, disabled: disabled)
        bucket = try Bucket(root: directory.appendingPathComponent("\(identity.id)-bucket"))
        publisher = try SyncPublisher(
            origin: identity.id, database: database, bucket: bucket, keyrings: keyrings,
            batchSize: syncBatch)
        consumer = SyncConsumer(
            vertical: identity.id, database: database, bucket: bucket, keyrings: keyrings,
            toleranceUs: syncToleranceUs, disabled: disabled)
        epochUnixSeconds = auth.epochUnixSeconds
        core = APICore(
            identity: identity, database: database, bucket: bucket, maxPayloadBytes: maxPayloadBytes,
            auth: Self.authConfig(auth, vertical: identity.id, disabled: disabled), entropy: entropy,
            passwords: passwords, disabled: disabled)
        self.logger = logger
    }

    /// The authentication settings a vertical runs with. The one place the `shared-jwt-secret`
    /// mechanism lives: without it, each vertical signs and verifies tokens with its own secret
    /// (derived from the shared one and its id), so a token works only where it was issued.
    static func authConfig(_ auth: AuthConfig, vertical: String, disabled: DisabledMechanisms) -> AuthConfig {
        guard disabled.removes(.sharedJWTSecret) else { return auth }
        var own = auth
        own.jwtSecret = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(for: Array("jwt-secret|\(vertical)".utf8), using: auth.jwtSecret))
        return own
    }

    /// Handles one request at local time `nowUs`, with the dependencies `health` says are up
    /// (a database or bucket that is down answers 503). The response carries the request id and
    /// the vertical's identity headers, and counts the work that has a compute price
    /// (``APIResponse/passwordHashes``).
    public func handle(
        _ request: APIRequest, nowUs: Int64, requestID: String, health: DependencyHealth = DependencyHealth()
    ) -> APIResponse {
        let context = RequestContext(nowUs: nowUs, requestID: requestID, health: health)
        return core.handle(request, context: context, clock: &clock)
    }

    /// An answer given in this vertical's name without running the API core (the runtime in front
    /// of it refused the request): `status` with a JSON `{"error": message}` body and the
    /// identity headers.
    public func refusal(_ status: HTTPResponse.Status, _ message: String, requestID: String) -> APIResponse {
        var response = APIError.unavailable(message).response
        response.httpStatus = status
        core.stampIdentity(&response, requestID: requestID)
        return response
    }

    /// The route template of a path, for logs: `/api/runbooks/{id}`.
    public static func routeName(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard bare.utf8.allSatisfy({ $0 < 0x80 }) else {
            let parts = bare.split(separator: "/").map(String.init)
            guard parts.count >= 2, parts[1] == "runbooks" else { return bare }
            return parts.count == 2
                ? "/api/runbooks" : parts.count == 3 ? "/api/runbooks/{id}" : "/api/runbooks/{id}/attachments/{name}"
        }
        // ASCII: the non-empty `/`-separated parts, counted on the bytes; the second one read.
        var count = 0
        var second = Substring()
        var partStart: String.Index?
        for index in bare.utf8.indices {
            if bare.utf8[index] == UInt8(ascii: "/") {
                if let start = partStart {
                    count += 1
                    if count == 2 { second = bare[start..<index] }
                    partStart = nil
                }
            } else if partStart == nil {
                partStart = index
            }
        }
        if let start = partStart {
            count += 1
            if count == 2 { second = bare[start...] }
        }
        guard count >= 2, second == "runbooks" else { return bare }
        switch count {
        case 2: return "/api/runbooks"
        case 3: return "/api/runbooks/{id}"
        default: return "/api/runbooks/{id}/attachments/{name}"
        }
    }

    /// Handles a sync envelope from `sender` at local time `nowUs`. Refused while the database
    /// or the bucket is down (`health`; the apply writes both); the sender retries.
    public func receiveSync(
        _ envelope: SyncEnvelope, from sender: String, nowUs: Int64, health: DependencyHealth = DependencyHealth()
    ) -> SyncReceipt {
        guard health.databaseUp, health.bucketUp else {
            return SyncReceipt(ack: SyncAck(from: identity.id, origin: sender, appliedSeq: -1, rejection: .unavailable))
        }
        let receipt = consumer.receive(envelope, from: sender, nowUs: nowUs, clock: &clock)
        logger.debug(
            "sync",
            metadata: [
                "t_us": "\(nowUs)", "from": "\(sender)", "webhook_id": "\(envelope.webhookID)",
                "applied": "\(receipt.applied.count)", "applied_seq": "\(receipt.ack.appliedSeq)",
                "rejection": "\(receipt.ack.rejection?.rawValue ?? "none")",
            ])
        return receipt
    }

    /// Authentication decisions so far.
    public var authCounters: AuthCounters { core.authCounters }

    /// Loses in-memory state (cached watermarks, and, with `outbox-transaction` removed, the
    /// outbox rows not yet written after their commit); durable state stays. Returns how many
    /// such outbox rows were lost.
    @discardableResult
    public func crash() throws -> Int {
        let lost = database.loseDeferredOutbox()
        try publisher.reloadWatermarks()
        return lost
    }

    /// The second step of the dual write, run by the publisher before it reads the outbox: writes
    /// the outbox rows of committed changes (only with `outbox-transaction` removed; otherwise the
    /// triggers wrote them in the change's own transaction and there is nothing to do). Returns
    /// how many rows it wrote.
    public func relayDeferredOutbox() throws -> Int {
        try database.writeDeferredOutbox()
    }
}
