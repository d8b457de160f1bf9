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
            writer.record(timeUs: atUs, event: "edge.probe") { line in
                line.string("target", target)
                line.int("status", status)
                line.string("reason", reason)
                line.int("latency_us", latencyUs)
            }
        case .healthChanged(let target, let healthy):
            writer.record(timeUs: atUs, event: "edge.health") { line in
                line.string("target", target)
                line.bool("healthy", healthy)
            }
        case .faultToggled(let kind, let target, let active):
            writer.record(timeUs: atUs, event: active ? "fault.start" : "fault.end") { line in
                line.string("kind", kind.rawValue)
                line.string("target", target.description)
            }
        case .outboxLost(let vertical, let rows):
            writer.record(timeUs: atUs, event: "outbox.lost") { line in
                line.string("vertical", vertical)
                line.int("rows", rows)
            }
        case .outboxRelayed(let vertical, let rows):
            writer.record(timeUs: atUs, event: "outbox.relay") { line in
                line.string("vertical", vertical)
                line.int("rows", rows)
            }
        case .syncCommitted(let origin, let head, let request):
            writer.recordCommit(atUs: atUs, origin: origin, head: head, request: request)
        case .syncSent(let sent): send(sent, atUs: atUs)
        case .syncApplied(let apply):
            writer.record(timeUs: atUs, event: "sync.apply") { line in
                line.string("from", apply.from)
                line.string("to", apply.to)
                line.string("id", apply.envelopeID)
                line.int("applied", apply.applied.count)
                line.int("watermark", apply.watermark)
                line.string("rejection", apply.rejection?.rawValue)
            }
        case .phase(.heal): writer.record(timeUs: atUs, event: "phase.heal") { _ in }
        case .phase(.end(let drained)):
            writer.record(timeUs: atUs, event: "phase.end") { line in line.bool("drained", drained) }
        case .phase(.failed(let reason)):
            writer.record(timeUs: atUs, event: "phase.failed") { line in line.string("reason", reason) }
        case .pinned, .failedOver, .failoverAnswered, .writeReadBack, .auth, .scriptStepStarted, .scriptStepFailed,
            .footerOptedIn:
            break
        }
    }

    private func request(_ finished: WorldEvent.RequestFinished, atUs: Int64) {
        let call = finished.call
        let answer = finished.answer
        writer.record(timeUs: atUs, event: "request") { line in
            line.int("id", finished.id)
            line.string("user", call.user)
            line.string("via", call.surface)
            line.string("op", call.operation)
            line.string("path", call.request.path ?? "")
            line.string("vertical", answer.vertical)
            line.int("status", finished.status)
            line.string("outcome", answer.outcome.rawValue)
            line.int("latency_us", finished.latencyUs)
            line.string("reason", answer.reason)
            line.string("platform", answer.served?.platform)
            line.string("environment", answer.served?.environment)
        }
    }

    private func send(_ sent: WorldEvent.SyncSent, atUs: Int64) {
        let envelope = sent.envelope
        writer.record(timeUs: atUs, event: "sync.send") { line in
            line.string("from", sent.from)
            line.string("to", sent.to)
            line.string("id", envelope.webhookID)
            line.bool("forged", sent.forged)
            if traceMessages {
                line.value(
                    "headers",
                    .object([
                        ("webhook-id", .string(envelope.webhookID)),
                        ("webhook-timestamp", .string("\(envelope.timestampSeconds)")),
                        ("webhook-signature", .string(envelope.signature)),
                    ]))
                line.string("body", String(decoding: envelope.body, as: UTF8.self))
            }
        }
    }

    /// Writes a session-guarantee violation a checker found in request `request`.
    func violation(_ violation: SessionViolation, request: Int, atUs: Int64) {
        writer.recordViolation(violation, atUs: atUs, request: request)
    }

    /// Writes an authentication hazard's new count (the detail of the first one only).
    func hazard(_ check: String, _ log: ViolationLog, atUs: Int64) {
        writer.record(timeUs: atUs, event: "check.violation") { line in
            line.string("check", check)
            line.int("count", log.count)
            line.string("detail", log.count == 1 ? log.first : nil)
        }
    }
}
