import HTTPTypes
import Verticals

/// A request the runtime accepted: it runs after `startupUs` (cold start, database wake-up).
struct Admission: Sendable, Equatable {
    var startupUs: Int64
    var cold: Bool
}

/// The runtime's decision on an arriving request.
enum RuntimeDecision: Sendable {
    case refused(ServedResponse)
    case accepted(Admission)
}

/// The response to a request served at a node, with what serving it cost in virtual time.
struct ServedResponse: Sendable {
    var response: APIResponse
    /// Time from execution (or refusal) to the response leaving the vertical.
    var serviceUs: Int64
    var coldStart: Bool
}

/// The path of a request through the modelled runtime: admission first (the runtime may refuse
/// it, or accept it after a cold start), then execution by the vertical at a later instant, so
/// that a cold start delays the request's effect as well as its answer. The runtime's access log
/// goes to the vertical's log.
extension VerticalNode {
    /// The runtime's decision on a request arriving at local time `nowUs`: refused (throttled,
    /// failed cold start, over the timeout) with the answer to send after its `serviceUs`, or
    /// accepted, to be executed `startupUs` later (cold start and database wake-up).
    func admit(_ request: APIRequest, nowUs: Int64, requestID: String) -> RuntimeDecision {
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
            let totalUs = coldStartUs + wakeUs + limits.warmLatencyUs + limits.databaseRoundTripUs
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
    /// startup); the answer leaves after the runtime's warm latency plus the priced compute.
    func execute(_ request: APIRequest, nowUs: Int64, requestID: String, admission: Admission) -> ServedResponse {
        let response = vertical.handle(request, nowUs: nowUs, requestID: requestID, health: health)
        let served = ServedResponse(
            response: response,
            serviceUs: runtime.limits.warmLatencyUs + runtime.limits.databaseRoundTripUs + pricing.computeUs(response),
            coldStart: admission.cold)
        log(request, served, nowUs: nowUs, requestID: requestID, latencyUs: admission.startupUs + served.serviceUs)
        return served
    }

    private func refusal(
        _ status: HTTPResponse.Status, _ message: String, request: APIRequest, nowUs: Int64,
        requestID: String, serviceUs: Int64
    ) -> ServedResponse {
        let response = vertical.refusal(status, message, requestID: requestID)
        let served = ServedResponse(response: response, serviceUs: serviceUs, coldStart: false)
        log(request, served, nowUs: nowUs, requestID: requestID, latencyUs: serviceUs)
        return served
    }

    private func log(_ request: APIRequest, _ served: ServedResponse, nowUs: Int64, requestID: String, latencyUs: Int64)
    {
        guard vertical.logger.logLevel <= .info else { return }
        let record = AccessLogRecord(
            tUs: nowUs, requestID: requestID, method: request.method.rawValue,
            route: Vertical.routeName(request.path ?? "/"), status: served.response.status,
            latencyUs: latencyUs, coldStart: served.coldStart)
        if let accessLog {
            accessLog.write(record, label: id)
        } else {
            vertical.logger.info("request", metadata: record.metadata)
        }
    }
}
