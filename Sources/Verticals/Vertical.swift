import Foundation
import HTTPTypes
import Logging

/// The response to a request served by a vertical, with what serving it cost in virtual time.
public struct ServedResponse: Sendable {
    public var response: APIResponse
    /// Time from arrival at the vertical to the response leaving it.
    public var serviceUs: Int64
    public var coldStart: Bool
}

/// One vertical: the shared API core running under its runtime adapter, with its own SQLite
/// database, bucket, hybrid logical clock and sync endpoints. Sans-I/O: the caller hands it the
/// time of every call and carries its messages.
///
/// ```swift
/// let aws = try Vertical(identity: identity, limits: limits, directory: runFolder, keyrings: keys, syncBatch: 100,
///                        syncToleranceUs: 300_000_000, logger: logger)
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
    public var clock = HybridLogicalClock()
    /// Which dependencies are up; faults change it.
    public var health = DependencyHealth()
    /// When true, cold starts fail (control-plane outage).
    public var coldStartsFail = false
    let core: APICore
    var logger: Logger

    /// Opens the vertical's database `ID.sqlite` and bucket `ID-bucket/` in `directory`.
    public init(identity: VerticalIdentity, limits: RuntimeLimits, directory: URL, keyrings: [String: SyncKeyring],
                syncBatch: Int, syncToleranceUs: Int64, logger: Logger) throws {
        self.identity = identity
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try VerticalDatabase(path: directory.appendingPathComponent("\(identity.id).sqlite").path)
        bucket = try Bucket(root: directory.appendingPathComponent("\(identity.id)-bucket"))
        publisher = try SyncPublisher(origin: identity.id, database: database, bucket: bucket, keyrings: keyrings,
                                      batchSize: syncBatch)
        consumer = SyncConsumer(vertical: identity.id, database: database, bucket: bucket, keyrings: keyrings,
                                toleranceUs: syncToleranceUs)
        runtime = RuntimeAdapter(limits: limits)
        core = APICore(identity: identity, database: database, bucket: bucket, maxPayloadBytes: limits.maxPayloadBytes)
        self.logger = logger
    }

    /// Serves one request arriving at local time `nowUs` (the vertical's clock, skew included).
    public func serve(_ request: APIRequest, nowUs: Int64, requestID: String) -> ServedResponse {
        var served: ServedResponse
        switch runtime.admit(nowUs: nowUs, coldStartsFail: coldStartsFail) {
        case .throttled:
            served = ServedResponse(response: APIError.unavailable("throttled: concurrency limit reached")
                .response(core.encoder), serviceUs: runtime.limits.warmLatencyUs, coldStart: false)
            served.response.head.status = .tooManyRequests
        case .coldStartFailed:
            served = ServedResponse(response: APIError.unavailable("cold start failed: control plane unavailable")
                .response(core.encoder), serviceUs: runtime.limits.warmLatencyUs, coldStart: false)
            served.response.head.status = .badGateway
        case .run(let startupUs, let cold):
            let startUs = nowUs + startupUs
            let wakeUs = health.databaseUp ? runtime.databaseWake(nowUs: startUs) : 0
            let context = RequestContext(nowUs: startUs + wakeUs, requestID: requestID, health: health)
            let response = core.handle(request, context: context, clock: &clock)
            let serviceUs = min(startupUs + wakeUs + runtime.limits.warmLatencyUs, runtime.limits.timeoutUs)
            runtime.occupy(untilUs: nowUs + serviceUs)
            served = ServedResponse(response: response, serviceUs: serviceUs, coldStart: cold)
        }
        for name in [HTTPField.Name.gbPlatform, .gbEnvironment, .gbVertical] where served.response.head.headerFields[name] == nil {
            served.response.head.headerFields[name] = name == .gbPlatform ? identity.platform
                : name == .gbEnvironment ? identity.environment : identity.id
        }
        served.response.head.headerFields[.gbRequestID] = requestID
        logger.info("request", metadata: [
            "t_us": "\(nowUs)", "request_id": "\(requestID)", "method": "\(request.head.method.rawValue)",
            "route": "\(Self.routeName(request.head.path ?? "/"))", "status": "\(served.response.status)",
            "latency_us": "\(served.serviceUs)", "cold_start": "\(served.coldStart)",
        ])
        return served
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

    /// Handles a sync envelope from `sender` at local time `nowUs`.
    public func receiveSync(_ envelope: SyncEnvelope, from sender: String, nowUs: Int64) -> SyncReceipt {
        guard health.databaseUp else {
            return SyncReceipt(ack: SyncAck(from: identity.id, origin: sender, appliedSeq: -1, rejection: .unavailable))
        }
        let receipt = consumer.receive(envelope, from: sender, nowUs: nowUs, clock: &clock)
        logger.debug("sync", metadata: [
            "t_us": "\(nowUs)", "from": "\(sender)", "webhook_id": "\(envelope.webhookID)",
            "applied": "\(receipt.applied.count)", "applied_seq": "\(receipt.ack.appliedSeq)",
            "rejection": "\(receipt.ack.rejection?.rawValue ?? "none")",
        ])
        return receipt
    }

    /// Loses in-memory state (warm instances, cached watermarks); durable state stays.
    public func crash() throws {
        runtime.reset()
        try publisher.reloadWatermarks()
    }
}
