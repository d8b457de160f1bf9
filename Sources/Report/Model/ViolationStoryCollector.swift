import Verticals

/// Collects ``ViolationStory``s for given violations in one streaming pass over the trace.
public final class ViolationStoryCollector {
    /// The checks whose first violation is told as a story.
    public static let toldChecks: Set<String> = ["read_your_writes", "monotonic_reads", "lost_writes"]
    /// Envelopes kept per story; the rest are counted.
    static let envelopeCap = 8
    /// How far back sync and fault events are remembered: a write's commit and first envelopes
    /// come before its acknowledgement (the request's trace line), at most a client timeout
    /// earlier.
    static let lookbackUs: Int64 = 60_000_000

    private var stories: [ViolationStory]
    /// Recent sync, fault and health events, replayed into a story when its write turns up.
    private var recent: [TraceEvent] = []
    private var recentStart = 0
    /// Per story: read path for monotonic reads.
    private var readPaths: [String?]

    public init(violations: [RunAggregate.Violation]) {
        stories = []
        readPaths = []
        for violation in violations {
            let event = violation.event
            let check = violation.check
            let user = event.string("user") ?? "?"
            let object = event.string("object") ?? "?"
            let origin: String
            let peer: String
            if check == "lost_writes" {
                origin = event.string("vertical") ?? "?"
                peer = event.string("missing_on") ?? "?"
            } else {
                origin = event.string("write_vertical") ?? event.string("vertical") ?? "?"
                peer = event.string("vertical") ?? "?"
            }
            stories.append(
                ViolationStory(
                    violation: violation, user: user, surface: event.string("via"), object: object, origin: origin,
                    peer: peer, afterFailover: event.bool("after_failover") ?? false,
                    observed: event.string("observed") ?? ""))
            readPaths.append(Self.readPath(object))
        }
    }

    /// The API path a read of `object` uses (`runbook:ID`, `attachment:ID/NAME`).
    static func readPath(_ object: String) -> String? {
        ObjectRef(parsing: object)?.apiPath
    }

    public func consume(_ event: TraceEvent) {
        for index in stories.indices {
            let hadWrite = stories[index].write != nil
            consume(event, story: index)
            if !hadWrite, let write = stories[index].write {
                // The write's commit and first envelopes came before its acknowledgement.
                for earlier in recent[recentStart...] where earlier.timeUs >= write.issuedUs {
                    consume(earlier, story: index)
                }
            }
        }
        remember(event)
    }

    private func remember(_ event: TraceEvent) {
        guard event.kind != "request", event.kind != "check.violation" else { return }
        recent.append(event)
        while recentStart < recent.count, recent[recentStart].timeUs < event.timeUs - Self.lookbackUs {
            recentStart += 1
        }
        if recentStart > 4096 {
            recent.removeFirst(recentStart)
            recentStart = 0
        }
    }

    public func finish() -> [ViolationStory] {
        stories.map { story in
            var story = story
            if story.check == "monotonic_reads", let earlier = story.earlierRead?.vertical { story.origin = earlier }
            return story
        }
    }

    private func consume(_ event: TraceEvent, story index: Int) {
        var story = stories[index]
        defer { stories[index] = story }
        let violationEvent = story.violation.event
        let writeUs = violationEvent.int("write_us")
        let horizonUs = max(story.violation.atUs, writeUs ?? 0)
        switch event.kind {
        case "request":
            let request = Self.request(event)
            if story.write == nil, let writeUs, event.timeUs == writeUs, event.string("user") == story.user,
                event.string("outcome") == "ok", story.surface == nil || event.string("via") == story.surface
            {
                story.write = request
            }
            if let readID = violationEvent.int("request"), story.check != "lost_writes", request.id == readID {
                story.read = request
            }
            if story.check == "monotonic_reads", story.read == nil, event.string("user") == story.user,
                event.string("via") == story.surface, request.path == readPaths[index], request.outcome == "ok",
                let issued = violationEvent.int("issued_us"), event.timeUs < issued
            {
                story.earlierRead = request
            }
        case "sync.commit":
            if let write = story.write, story.commitSeq == nil, event.int("request") == write.id {
                story.commitSeq = event.int("head")
                story.commitUs = event.timeUs
                if story.origin == "?" { story.origin = event.string("origin") ?? "?" }
            }
        case "sync.send":
            guard let seq = story.commitSeq, story.appliedUs == nil, event.string("from") == story.origin,
                event.string("to") == story.peer, let id = event.string("id"),
                let last = id.split(separator: ":").last.flatMap({ Int64($0) }), last >= seq
            else { return }
            if story.envelopes.count < Self.envelopeCap {
                story.envelopes.append(
                    ViolationStory.Envelope(id: id, lastSeq: last, sentUs: event.timeUs))
            } else {
                story.moreEnvelopes += 1
            }
        case "sync.apply":
            guard event.string("from") == story.origin, event.string("to") == story.peer,
                let id = event.string("id")
            else { return }
            if let slot = story.envelopes.lastIndex(where: { $0.id == id && $0.appliedUs == nil }) {
                story.envelopes[slot].appliedUs = event.timeUs
                story.envelopes[slot].applied = event.int("applied")
                story.envelopes[slot].watermark = event.int("watermark")
                story.envelopes[slot].rejection = event.string("rejection")
            }
            if let seq = story.commitSeq, story.appliedUs == nil, let watermark = event.int("watermark"),
                watermark >= seq
            {
                story.appliedUs = event.timeUs
            }
        case "fault.start", "fault.end":
            // Faults around the story, until the write reached the peer (or the story's end).
            let waiting = story.commitSeq != nil && story.appliedUs == nil && story.origin != story.peer
            guard let start = storyStart(story), event.timeUs >= start - 60_000_000,
                event.timeUs <= horizonUs || waiting
            else { return }
            let verb = event.kind == "fault.start" ? "starts" : "ends"
            let target = event.string("target") ?? "?"
            story.happenings.append(
                ViolationStory.Happening(
                    atUs: event.timeUs, text: "\(event.string("kind") ?? "fault") on \(target) \(verb)",
                    vertical: target))
        case "edge.health":
            guard let start = storyStart(story), event.timeUs >= start, event.timeUs <= horizonUs else { return }
            let target = event.string("target") ?? "?"
            story.happenings.append(
                ViolationStory.Happening(
                    atUs: event.timeUs,
                    text: "edge marks \(target) \(event.bool("healthy") == true ? "healthy" : "unhealthy")",
                    vertical: target))
        default:
            break
        }
    }

    /// Where a story begins: the write it is about, or for monotonic reads two minutes before
    /// the read that went back in time.
    private func storyStart(_ story: ViolationStory) -> Int64? {
        if story.check == "monotonic_reads" {
            return story.violation.event.int("issued_us").map { $0 - 120_000_000 }
        }
        return story.write?.issuedUs
    }

    static func request(_ event: TraceEvent) -> ViolationStory.Request {
        ViolationStory.Request(
            id: event.int("id") ?? -1, operation: event.string("op") ?? "?", path: event.string("path") ?? "",
            vertical: event.string("vertical"), status: event.int("status"), outcome: event.string("outcome") ?? "?",
            issuedUs: event.timeUs - (event.int("latency_us") ?? 0), completedUs: event.timeUs)
    }
}
