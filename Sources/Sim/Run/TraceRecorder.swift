import Verticals

/// The trace's subscriber to the world's events: turns each event into its JSON line (see
/// ``TraceWriter`` for the format and `TraceWriter+Report.swift` for the report's events).
/// Subscribed first, so an event's line precedes any finding a checker writes about it.
final class TraceRecorder: WorldEventSink {
    let writer: TraceWriter
    /// Adds each envelope's headers and signed body to its `sync.send` line
    /// (`--trace-level messages`).
    var traceMessages = false

    init(writer: TraceWriter) {
        self.writer = writer
    }

    func receive(_ event: WorldEvent, atUs: Int64) {
        switch event {
        case .requestFinished(let finished): request(finished, atUs: atUs)
        case .probeFailed(let target, let status, let reason, let latencyUs):
            writer.record(
                timeUs: atUs, event: "edge.probe",
                [
                    ("target", .string(target)), ("status", status.map { .int($0) } ?? .null),
                    ("reason", .string(reason)), ("latency_us", .int(latencyUs)),
                ])
        case .healthChanged(let target, let healthy):
            writer.record(
                timeUs: atUs, event: "edge.health", [("target", .string(target)), ("healthy", .bool(healthy))])
        case .faultToggled(let kind, let target, let active):
            writer.record(
                timeUs: atUs, event: active ? "fault.start" : "fault.end",
                [("kind", .string(kind.rawValue)), ("target", .string(target.description))])
        case .outboxLost(let vertical, let rows):
            writer.record(timeUs: atUs, event: "outbox.lost", [("vertical", .string(vertical)), ("rows", .int(rows))])
        case .outboxRelayed(let vertical, let rows):
            writer.record(timeUs: atUs, event: "outbox.relay", [("vertical", .string(vertical)), ("rows", .int(rows))])
        case .syncCommitted(let origin, let head, let request):
            writer.recordCommit(atUs: atUs, origin: origin, head: head, request: request)
        case .syncSent(let sent): send(sent, atUs: atUs)
        case .syncApplied(let apply):
            writer.record(
                timeUs: atUs, event: "sync.apply",
                [
                    ("from", .string(apply.from)), ("to", .string(apply.to)), ("id", .string(apply.envelopeID)),
                    ("applied", .int(apply.applied.count)), ("watermark", .int(apply.watermark)),
                    ("rejection", apply.rejection.map { .string($0.rawValue) } ?? .null),
                ])
        case .phase(.heal): writer.record(timeUs: atUs, event: "phase.heal", [])
        case .phase(.end(let drained)): writer.record(timeUs: atUs, event: "phase.end", [("drained", .bool(drained))])
        case .phase(.failed(let reason)):
            writer.record(timeUs: atUs, event: "phase.failed", [("reason", .string(reason))])
        case .pinned, .failedOver, .failoverAnswered, .writeReadBack, .auth, .scriptStepStarted, .scriptStepFailed,
            .footerOptedIn:
            break
        }
    }

    private func request(_ finished: WorldEvent.RequestFinished, atUs: Int64) {
        let call = finished.call
        let answer = finished.answer
        writer.record(
            timeUs: atUs, event: "request",
            [
                ("id", .int(finished.id)), ("user", .string(call.user)), ("via", .string(call.surface)),
                ("op", .string(call.operation)), ("path", .string(call.request.head.path ?? "")),
                ("vertical", answer.vertical.map { .string($0) } ?? .null),
                ("status", finished.status.map { .int($0) } ?? .null),
                ("outcome", .string(answer.outcome.rawValue)), ("latency_us", .int(finished.latencyUs)),
                ("reason", answer.reason.map { .string($0) } ?? .null),
                ("platform", answer.served?.platform.map { .string($0) } ?? .null),
                ("environment", answer.served?.environment.map { .string($0) } ?? .null),
            ])
    }

    private func send(_ sent: WorldEvent.SyncSent, atUs: Int64) {
        let envelope = sent.envelope
        var fields: [(String, JSONValue)] = [
            ("from", .string(sent.from)), ("to", .string(sent.to)), ("id", .string(envelope.webhookID)),
            ("forged", .bool(sent.forged)),
        ]
        if traceMessages {
            fields.append(
                (
                    "headers",
                    .object([
                        ("webhook-id", .string(envelope.webhookID)),
                        ("webhook-timestamp", .string("\(envelope.timestampSeconds)")),
                        ("webhook-signature", .string(envelope.signature)),
                    ])
                ))
            fields.append(("body", .string(String(decoding: envelope.body, as: UTF8.self))))
        }
        writer.record(timeUs: atUs, event: "sync.send", fields)
    }

    /// Writes a session-guarantee violation a checker found in request `request`.
    func violation(_ violation: SessionViolation, request: Int, atUs: Int64) {
        writer.recordViolation(violation, atUs: atUs, request: request)
    }

    /// Writes an authentication hazard's new count (the detail of the first one only).
    func hazard(_ check: String, _ log: ViolationLog, atUs: Int64) {
        writer.record(
            timeUs: atUs, event: "check.violation",
            [
                ("check", .string(check)), ("count", .int(Int64(log.count))),
                ("detail", log.count == 1 ? log.first.map { .string($0) } ?? .null : .null),
            ])
    }
}
