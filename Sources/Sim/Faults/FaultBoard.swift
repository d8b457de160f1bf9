import Foundation
import Verticals

/// One scheduled fault and what it actually hit.
final class FaultInstance {
    let spec: FaultSpec
    let startUs: Int64
    let endUs: Int64
    var active = false
    var affectedRequests = 0
    /// Health-check probes of the edge this fault made fail.
    var affectedProbes = 0
    /// Sync envelopes it stopped, delayed, rewrote or duplicated, and acknowledgements likewise.
    var affectedEnvelopes = 0
    var affectedAcks = 0
    /// Sync messages of both kinds.
    var affectedMessages: Int { affectedEnvelopes + affectedAcks }
    /// Whether the fault hit anything at all.
    var hit: Bool { affectedRequests + affectedProbes + affectedMessages > 0 }

    /// Counts one sync message: an envelope, or an acknowledgement (`ack`).
    func countMessage(ack: Bool) {
        if ack { affectedAcks += 1 } else { affectedEnvelopes += 1 }
    }
    /// For `edge-error` with `count`: how many more requests it fails.
    var remainingCount: Int?
    /// Each origin's outbox head when the fault was lifted, and when peers had caught up with it.
    var backlogHeads: [Int64]?
    var recoveredAtUs: Int64?

    init(spec: FaultSpec, chaosEndUs: Int64) {
        self.spec = spec
        startUs = spec.atUs
        endUs = spec.endUs(chaosEndUs: chaosEndUs)
        remainingCount = spec.count
    }

    /// Whether the fault's link covers the direction `from` → `to`.
    func covers(from: String, to: String) -> Bool {
        guard case .link(let a, let b) = spec.target else { return false }
        if from == a && to == b { return true }
        return !(spec.kind == .partition && spec.oneway) && from == b && to == a
    }
}

/// The faults of a run and their bookkeeping: which are active, what each hit, and the
/// per-message effects (tampering) that the network itself does not model.
final class FaultBoard {
    let instances: [FaultInstance]
    private var tamperRandom: Xoshiro256

    init(specs: [FaultSpec], chaosEndUs: Int64, random: SimRandom) {
        instances = specs.map { FaultInstance(spec: $0, chaosEndUs: chaosEndUs) }
        tamperRandom = random.stream("fault.tamper")
    }

    /// Fault windows for the propagation checker: from each fault's start until sync caught up
    /// after it (or `runEndUs` if it never did).
    func windows(runEndUs: Int64) -> [(startUs: Int64, endUs: Int64)] {
        instances.map { ($0.startUs, $0.recoveredAtUs ?? runEndUs) }
    }

    /// When the earliest fault still active on `target` started, if any is.
    func activeSince(_ target: FaultTarget) -> Int64? {
        instances.filter { $0.active && $0.spec.target == target }.map(\.startUs).min()
    }

    /// Counts a request hit by the active faults of these kinds on `target`.
    func attributeRequest(_ target: FaultTarget, kinds: [FaultKind]) {
        for instance in instances
        where instance.active && instance.spec.target == target && kinds.contains(instance.spec.kind) {
            instance.affectedRequests += 1
        }
    }

    /// Counts a health-check probe failed by the active faults of these kinds on `target`.
    func attributeProbe(_ target: FaultTarget, kinds: [FaultKind]) {
        for instance in instances
        where instance.active && instance.spec.target == target && kinds.contains(instance.spec.kind) {
            instance.affectedProbes += 1
        }
    }

    /// Counts a sync message (an envelope, or an acknowledgement: `ack`) stopped at `target` by the
    /// active faults of these kinds there (a peer that is down, a database that cannot apply).
    func attributeSync(_ target: FaultTarget, kinds: [FaultKind], ack: Bool) {
        for instance in instances
        where instance.active && instance.spec.target == target && kinds.contains(instance.spec.kind) {
            instance.countMessage(ack: ack)
        }
    }

    /// Counts a sync message on `from` → `to` (an envelope, or an acknowledgement: `ack`) against
    /// the link faults that touched it.
    func attributeMessage(from: String, to: String, outcome: SendOutcome, ack: Bool) {
        for instance in instances where instance.active && instance.covers(from: from, to: to) {
            switch (instance.spec.kind, outcome) {
            case (.partition, .partitioned), (.messageLoss, .lost), (.linkLatency, _),
                (.messageDuplication, .scheduled(_, duplicated: true, _)),
                (.messageReorder, .scheduled(_, _, reordered: true)):
                instance.countMessage(ack: ack)
            default:
                break
            }
        }
        for instance in instances where instance.active {
            switch instance.spec.kind {
            case .secretMismatch where instance.spec.target == .vertical(from) && !ack:
                instance.countMessage(ack: ack)
            case .clockSkew where instance.spec.target == .vertical(from) || instance.spec.target == .vertical(to):
                instance.countMessage(ack: ack)
            default:
                break
            }
        }
    }

    /// A tampered copy of `envelope` when an active `message-tamper` fault on the link draws it:
    /// the attacker rewrites every event (runbook titles, commit times) but cannot re-sign, so the
    /// signature no longer matches.
    func tamper(_ envelope: SyncEnvelope, from: String, to: String) -> SyncEnvelope? {
        guard
            let instance = instances.first(where: {
                $0.active && $0.spec.kind == .messageTamper && $0.covers(from: from, to: to)
            })
        else { return nil }
        guard tamperRandom.chance(instance.spec.rate ?? 0),
            let batch = try? JSONValue.parse(envelope.body),  // try?-ok: an unparsable body is left as is
            let events = batch["events"]?.arrayValue
        else { return nil }
        let tamperedEvents = events.map { event -> JSONValue in
            var event = event.setting("committed_us", .int((event["committed_us"]?.int64Value ?? 0) + 1))
            if let row = event["row"], let title = row["title"]?.stringValue {
                event = event.setting("row", row.setting("title", .string("tampered: " + title)))
            }
            return event
        }
        let body = Data(batch.setting("events", .array(tamperedEvents)).serialized().utf8)
        instance.countMessage(ack: false)
        var tampered = envelope
        tampered.body = body
        return tampered
    }
}
