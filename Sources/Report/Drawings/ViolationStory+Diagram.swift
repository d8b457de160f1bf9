import Sim

extension ViolationStory {
    /// The sequence diagram of this story: client → edge → origin commit → envelopes → peer
    /// apply, and the read that missed the write (or the write found missing at the end).
    func diagram(topology: Topology, faults: [DrawnFault]) -> SequenceDiagram {
        let viaEdge = surface.flatMap { name in topology.domains.first { $0.name == name } }?.edge
        var lanes = [SequenceDiagram.Lane(id: "client", title: user, subtitle: surface ?? "client")]
        if let viaEdge { lanes.append(SequenceDiagram.Lane(id: "edge", title: viaEdge, subtitle: "edge")) }
        for vertical in [origin, peer] where !lanes.contains(where: { $0.id == "vertical:\(vertical)" }) {
            let platform = topology.vertical(vertical)?.platform ?? "vertical"
            let index = topology.verticals.firstIndex { $0.id == vertical } ?? 0
            lanes.append(
                SequenceDiagram.Lane(
                    id: "vertical:\(vertical)", title: vertical, subtitle: platform, colour: Palette.series(index)))
        }
        var diagram = SequenceDiagram(title: "\(check): \(object)", lanes: lanes)
        let entry = viaEdge == nil ? nil : "edge"
        if let earlierRead { add(earlierRead, to: &diagram, entry: entry, missed: false) }
        if let write { add(write, to: &diagram, entry: entry, missed: false) }
        if let commitUs, let commitSeq {
            diagram.note(atUs: commitUs, on: "vertical:\(origin)", "commit · outbox head \(commitSeq)")
        }
        for envelope in envelopes {
            let delivered = envelope.appliedUs != nil
            diagram.message(
                atUs: envelope.sentUs, from: "vertical:\(origin)", to: "vertical:\(peer)",
                "envelope \(envelope.id)\(delivered ? "" : " · never arrived")", style: delivered ? .reply : .lost)
            if let appliedUs = envelope.appliedUs {
                if let rejection = envelope.rejection {
                    diagram.note(atUs: appliedUs, on: "vertical:\(peer)", "refused: \(rejection)", style: .bad)
                } else {
                    let covers = (envelope.watermark ?? 0) >= (commitSeq ?? .max)
                    diagram.note(
                        atUs: appliedUs, on: "vertical:\(peer)",
                        "applied \(envelope.applied ?? 0) · watermark \(envelope.watermark ?? 0)",
                        style: covers ? .good : .normal)
                }
            }
        }
        if moreEnvelopes > 0, let last = envelopes.last {
            diagram.note(
                atUs: last.sentUs + 1, on: "vertical:\(origin)", "… \(moreEnvelopes) more envelopes on this link")
        }
        if let read { add(read, to: &diagram, entry: entry, missed: true) }
        for happening in happenings {
            let lane =
                happening.vertical.flatMap { id in lanes.first { $0.id == "vertical:\(id)" }?.id }
                ?? (viaEdge != nil && happening.vertical == viaEdge ? "edge" : "client")
            let good =
                happening.text.hasSuffix("ends")
                || happening.text.hasSuffix("healthy")
                    && !happening.text.hasSuffix("unhealthy")
            diagram.note(atUs: happening.atUs, on: lane, happening.text, style: good ? .good : .bad)
        }
        if check == "lost_writes" {
            diagram.note(
                atUs: violation.atUs, on: "vertical:\(peer)", "end of run: \(object) \(observed) here", style: .bad)
        } else if commitSeq != nil, appliedUs == nil, origin != peer {
            diagram.note(atUs: violation.atUs + 1, on: "vertical:\(peer)", "the write never arrived here", style: .bad)
        }
        for fault in faults {
            let hitLanes: [String]
            switch fault.target {
            case .vertical(let id): hitLanes = ["vertical:\(id)"]
            case .link(let a, let b): hitLanes = ["vertical:\(a)", "vertical:\(b)"]
            case .edge: hitLanes = ["edge"]
            case .domain: hitLanes = ["client"]
            }
            for lane in lanes where hitLanes.contains(lane.id) {
                diagram.band(
                    on: lane.id, fromUs: fault.window.startUs, toUs: fault.window.endUs,
                    "\(fault.window.tag) \(fault.kind.rawValue)")
            }
        }
        return diagram
    }

    /// A request's rows: client → (edge →) vertical, and the answer back.
    private func add(_ request: Request, to diagram: inout SequenceDiagram, entry: String?, missed: Bool) {
        let target = request.vertical.map { "vertical:\($0)" } ?? (entry ?? "client")
        let action = "\(request.operation) \(object)"
        if let entry {
            diagram.message(atUs: request.issuedUs, from: "client", to: entry, action)
            if let vertical = request.vertical {
                let how = missed && afterFailover ? "failover: re-pinned to \(vertical)" : "pinned to \(vertical)"
                diagram.message(
                    atUs: request.issuedUs, from: entry, to: target, how,
                    style: missed && afterFailover ? .bad : .normal)
            }
        } else {
            diagram.message(atUs: request.issuedUs, from: "client", to: target, action)
        }
        let answer = request.status.map { Self.statusText($0) } ?? request.outcome
        if missed {
            diagram.message(
                atUs: request.completedUs, from: target, to: "client",
                observed == "not found" ? "\(answer) — misses the write" : "\(answer): \(observed) — misses the write",
                style: .bad)
        } else {
            diagram.message(
                atUs: request.completedUs, from: target, to: "client", "\(answer) · acknowledged", style: .reply)
        }
    }

    /// `404 Not Found`.
    static func statusText(_ status: Int64) -> String {
        let phrases: [Int64: String] = [
            200: "OK", 201: "Created", 204: "No Content", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            409: "Conflict", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
        ]
        return phrases[status].map { "\(status) \($0)" } ?? String(status)
    }

    static func pastTense(_ operation: String) -> String {
        switch operation {
        case "create": return "created"
        case "update": return "updated"
        case "delete": return "deleted"
        case "upload": return "uploaded"
        default: return "wrote"
        }
    }

    /// The story in two or three sentences.
    var narrative: String {
        var sentences: [String] = []
        if let write {
            sentences.append(
                "\(user) \(Self.pastTense(write.operation)) \(object) on \(origin) at \(Format.instant(us: write.completedUs)) (acknowledged\(commitSeq.map { ", outbox head \($0)" } ?? ""))."
            )
        }
        if let earlierRead, let vertical = earlierRead.vertical {
            sentences.append(
                "\(user) read \(object) on \(vertical) at \(Format.instant(us: earlierRead.completedUs)) and saw a version."
            )
        }
        if let read, let vertical = read.vertical {
            sentences.append(
                "At \(Format.instant(us: read.issuedUs)) \(user) read it on \(vertical)\(afterFailover ? " after a failover" : "") and got \(observed)."
            )
        }
        if check == "lost_writes" {
            sentences.append("At the end of the run it was \(observed) on \(peer).")
        }
        if commitSeq != nil, origin != peer {
            if let appliedUs {
                sentences.append("\(peer) applied the write at \(Format.instant(us: appliedUs)).")
            } else {
                sentences.append("\(peer) never applied the write.")
            }
        }
        return sentences.joined(separator: " ")
    }
}
