import Crypto
import Foundation
import HTTPTypes
import Logging
import Mechanisms

/// A request the runtime accepted: it runs after `startupUs` (cold start, database wake-up).
public struct Admission: Sendable, Equatable {
    public var startupUs: Int64
    public var cold: Bool
}

/// The runtime's decision on an arriving request.
public enum RuntimeDecision: Sendable {
    case refused(ServedResponse)
    case accepted(Admission)
}

/// The response to a request served by a vertical, with what serving it cost in virtual time.
public struct ServedResponse: Sendable {
    public var response: APIResponse
    /// Time from execution (or refusal) to the response leaving the vertical.
    public var serviceUs: Int64
    public var coldStart: Bool
}

/// One vertical: the shared API core running under its runtime adapter, with its own SQLite
/// database, bucket, hybrid logical clock and sync endpoints. Sans-I/O: the caller hands it the
/// time of every call and carries its messages.
///
/// ```swift
/// let aws = try Vertical(identity: identity, limits: limits, directory: runFolder, keyrings: keys, syncBatch: 100,
///                        syncToleranceUs: 300_000_000, auth: auth, entropy: entropy, logger: logger)
/// let served = aws.serve(APIRequest(.get, "/api/public/status"), nowUs: 0, requestID: "r1")
/// ```
public final class Vertical {
    public let identity: VerticalIdentity
    public let database: VerticalDatabase
    public let bucket: Bucket
    public let publisher: SyncPublisher
    public let consumer: SyncConsumer
    public var runtime: RuntimeAdapter
    /// The vertical's hybrid logical clock.
    public var clock: HybridLogicalClock
    /// The mechanisms of the design removed from this vertical (ablations; empty in production).
    public let disabled: DisabledMechanisms
    /// Which dependencies are up; faults change it.
    public var health = DependencyHealth()
    /// When true, cold starts fail (control-plane outage).
    public var coldStartsFail = false
    let core: APICore
    var logger: Logger

    /// Opens the vertical's database `ID.sqlite` and bucket `ID-bucket/` in `directory`. `disabled`
    /// lists the mechanisms to remove (ablations); each component is handed it once, here.
    public init(
        identity: VerticalIdentity, limits: RuntimeLimits, directory: URL, keyrings: [String: SyncKeyring],
        syncBatch: Int, syncToleranceUs: Int64, auth: AuthConfig, entropy: any EntropySource, logger: Logger,
        disabled: DisabledMechanisms = .none
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
        runtime = RuntimeAdapter(limits: limits)
        core = APICore(
            identity: identity, database: database, bucket: bucket, maxPayloadBytes: limits.maxPayloadBytes,
            auth: Self.authConfig(auth, vertical: identity.id, disabled: disabled), entropy: entropy,
            disabled: disabled)
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

    /// Serves one request arriving at local time `nowUs` in one step: admission, then handling at
    /// the same instant. The simulator uses ``admit(_:nowUs:requestID:)`` and
    /// ``execute(_:nowUs:requestID:admission:)`` instead, so that a cold start delays the
    /// request's effect as well as its answer.
    public func serve(_ request: APIRequest, nowUs: Int64, requestID: String) -> ServedResponse {
        switch admit(request, nowUs: nowUs, requestID: requestID) {
        case .refused(let served): return served
        case .accepted(let admission): return execute(request, nowUs: nowUs, requestID: requestID, admission: admission)
        }
    }

    /// The runtime's decision on a request arriving at local time `nowUs`: refused (throttled,
    /// failed cold start, over the timeout) with the answer to send after its `serviceUs`, or
    /// accepted, to be executed `startupUs` later (cold start and database wake-up).
    public func admit(_ request: APIRequest, nowUs: Int64, requestID: String) -> RuntimeDecision {
        let limits = runtime.limits
        switch runtime.admit(nowUs: nowUs, coldStartsFail: coldStartsFail) {
        case .throttled:
            return .refused(
                refusal(
                    .tooManyRequests, "throttled: concurrency limit reached", request: request,
                    nowUs: nowUs, requestID: requestID, serviceUs: limits.warmLatencyUs))
        case .coldStartFailed:
            return .refused(
                refusal(
                    .badGateway, "cold start failed: control plane unavailable", request: request,
                    nowUs: nowUs, requestID: requestID, serviceUs: limits.warmLatencyUs))
        case .run(let coldStartUs, let cold):
            let wakeUs = health.databaseUp ? runtime.databaseWake(nowUs: nowUs + coldStartUs) : 0
            let totalUs = coldStartUs + wakeUs + limits.warmLatencyUs
            guard totalUs <= limits.timeoutUs else {
                runtime.occupy(untilUs: nowUs + limits.timeoutUs)
                return .refused(
                    refusal(
                        .gatewayTimeout, "timed out after \(limits.timeoutUs / 1_000) ms", request: request,
                        nowUs: nowUs, requestID: requestID, serviceUs: limits.timeoutUs))
            }
            runtime.occupy(untilUs: nowUs + totalUs)
            return .accepted(Admission(startupUs: coldStartUs + wakeUs, cold: cold))
        }
    }

    /// Executes an admitted request at local time `nowUs` (its arrival plus the admission's
    /// startup); the answer leaves after the runtime's warm latency.
    public func execute(_ request: APIRequest, nowUs: Int64, requestID: String, admission: Admission) -> ServedResponse
    {
        let context = RequestContext(nowUs: nowUs, requestID: requestID, health: health)
        var response = core.handle(request, context: context, clock: &clock)
        response.head.headerFields[.gbRequestID] = requestID
        let served = ServedResponse(
            response: response, serviceUs: runtime.limits.warmLatencyUs + response.computeUs,
            coldStart: admission.cold)
        log(request, served, nowUs: nowUs, requestID: requestID, latencyUs: admission.startupUs + served.serviceUs)
        return served
    }

    private func refusal(
        _ status: HTTPResponse.Status, _ message: String, request: APIRequest, nowUs: Int64,
        requestID: String, serviceUs: Int64
    ) -> ServedResponse {
        var response = APIError.unavailable(message).response(core.encoder)
        response.head.status = status
        response.head.headerFields[.gbPlatform] = identity.platform
        response.head.headerFields[.gbEnvironment] = identity.environment
        response.head.headerFields[.gbVertical] = identity.id
        response.head.headerFields[.gbRequestID] = requestID
        let served = ServedResponse(response: response, serviceUs: serviceUs, coldStart: false)
        log(request, served, nowUs: nowUs, requestID: requestID, latencyUs: serviceUs)
        return served
    }

    private func log(_ request: APIRequest, _ served: ServedResponse, nowUs: Int64, requestID: String, latencyUs: Int64)
    {
        logger.info(
            "request",
            metadata: [
                "t_us": "\(nowUs)", "request_id": "\(requestID)", "method": "\(request.head.method.rawValue)",
                "route": "\(Self.routeName(request.head.path ?? "/"))", "status": "\(served.response.status)",
                "latency_us": "\(latencyUs)", "cold_start": "\(served.coldStart)",
            ])
    }

    /// The route template of a path, for logs: `/api/runbooks/{id}`.
    static func routeName(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let parts = bare.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[1] == "runbooks" else { return bare }
        switch parts.count {
        case 2: return "/api/runbooks"
        case 3: return "/api/runbooks/{id}"
        default: return "/api/runbooks/{id}/attachments/{name}"
        }
    }

    /// Handles a sync envelope from `sender` at local time `nowUs`. Refused while the database
    /// or the bucket is down (the apply writes both); the sender retries.
    public func receiveSync(_ envelope: SyncEnvelope, from sender: String, nowUs: Int64) -> SyncReceipt {
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

    /// Loses in-memory state (warm instances, cached watermarks, and, with `outbox-transaction`
    /// removed, the outbox rows not yet written after their commit); durable state stays.
    /// Returns how many such outbox rows were lost.
    @discardableResult
    public func crash() throws -> Int {
        let lost = database.loseDeferredOutbox()
        runtime.reset()
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
