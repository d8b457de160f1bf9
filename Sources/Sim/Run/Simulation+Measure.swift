import Foundation
import Verticals

extension Simulation {
    /// Audits every vertical's final state and gathers the run's measurements.
    func measure() throws -> Measurements {
        if let failure = storage.failure { throw failure }
        let sessions = checkers.sessions
        var m = Measurements(
            readYourWrites: sessions.readYourWrites, rywJudged: sessions.rywReads,
            monotonicReads: sessions.monotonicReads, monotonicJudged: sessions.monotonicJudged,
            propagation: checkers.propagation.summary(excluding: board.windows(runEndUs: queue.nowUs)),
            availability: scenario.topology.domains.map { ($0.name, checkers.availability.counts($0.name)) },
            edge: checkers.edge, edgeTargets: edge?.router.targets ?? [], syncLoops: 0,
            forgedAccepted: checkers.forged.count,
            forgedFirst: checkers.forged.first, syncRejected: [], scriptFailures: checkers.script.failures,
            auth: checkers.auth,
            scriptSteps: checkers.script.steps,
            hostileKeysRejected: nodes.reduce(0) { $0 + $1.vertical.bucket.rejectedKeys },
            coldStarts: nodes.map { ($0.id, $0.runtime.coldStarts) })
        m.lostUpdates = checkers.lostUpdates.log
        m.probes = prober?.json() ?? .null
        m.faultHits = board.instances.map { instance in
            (
                "\(instance.spec.kind.rawValue) on \(instance.spec.target.description) at \(VirtualTime.format(instance.startUs))",
                instance.hit
            )
        }
        m.footer = checkers.footer.json(verticals: nodes.map(\.id))
        m.sessionsBroken = checkers.brokenSessions.log
        for node in nodes {
            let counters = node.vertical.consumer.counters
            if counters.emittedDuringApply > 0, m.syncLoopsFirst == nil {
                m.syncLoopsFirst =
                    "on \(node.id): replayed changes wrote \(counters.emittedDuringApply) outbox rows (the consumer flag did not suppress them)"
            }
            m.syncLoops += counters.emittedDuringApply
        }
        var outboxRows: [Int64] = []
        var outboxRetained: [Int] = []
        for node in nodes {
            do {
                outboxRows.append(try node.vertical.publisher.latestSeq())
                outboxRetained.append(try node.vertical.publisher.retainedRows())
            } catch {
                throw StorageFailure(vertical: node.id, operation: "reading the outbox head", error: error)
            }
        }
        let net = network.counters
        m.network = .object([
            ("envelopes_sent", .int(sync.envelopesSent)), ("messages_sent", .int(net.sent)),
            ("delivered", .int(net.delivered)), ("lost", .int(net.lost)), ("partitioned", .int(net.partitioned)),
            ("duplicated", .int(net.duplicated)), ("reordered", .int(net.reordered)),
            ("overflowed", .int(net.overflowed)),
        ])
        m.storage = .object(
            nodes.map { node in
                let counters = node.vertical.consumer.counters
                return (
                    node.id,
                    .object([
                        ("write_transactions", .int(node.vertical.database.writeTransactions)),
                        ("read_accesses", .int(node.vertical.database.readAccesses)),
                        ("outbox_rows", .int(Int(outboxRows[node.index]))),
                        ("outbox_retained", .int(outboxRetained[node.index])),
                        ("envelopes_received", .int(counters.envelopes)), ("events_applied", .int(counters.applied)),
                        ("duplicates_skipped", .int(counters.duplicates)), ("gaps", .int(counters.gaps)),
                        ("rejected", .int(counters.totalRejected)),
                        ("database_wakeups", .int(node.runtime.databaseWakeups)),
                    ])
                )
            })
        let counters = nodes.map(\.vertical.authCounters)
        // Every domain of the topology, in its order, then any other host a request named.
        var hosts = scenario.topology.domains.map(\.name)
        for host in counters.flatMap({ $0.passkeyWrongOrigin.keys }).sorted() where !hosts.contains(host) {
            hosts.append(host)
        }
        m.passkeyWrongOrigin = hosts.map { host in
            (surface: host, count: counters.reduce(0) { $0 + ($1.passkeyWrongOrigin[host] ?? 0) })
        }
        m.authCounters = .object([
            ("signups", .int(counters.reduce(0) { $0 + $1.signups })),
            (
                "logins",
                .object(
                    LoginMethod.allCases.map { method in
                        (method.rawValue, .int(counters.reduce(0) { $0 + $1.logins(method) }))
                    })
            ),
            ("refreshes", .int(counters.reduce(0) { $0 + $1.refreshes })),
            ("refused", .int(counters.reduce(0) { $0 + $1.refused })),
            (
                "token_rejections",
                .object(
                    TokenRejection.allCases.map { reason in
                        (reason.rawValue, .int(counters.reduce(0) { $0 + $1.rejections(reason) }))
                    })
            ),
            (
                "passkey_refusals",
                .object(
                    WebAuthnVerifier.Failure.allCases.map { reason in
                        (reason.rawValue, .int(counters.reduce(0) { $0 + $1.passkeyRefusals(reason) }))
                    })
            ),
            ("passkey_wrong_origin", .object(m.passkeyWrongOrigin.map { ($0.surface, .int($0.count)) })),
        ])
        m.syncRejected = SyncRejection.allCases.map { reason in
            (reason.rawValue, nodes.reduce(0) { $0 + $1.vertical.consumer.counters.rejectedCount(reason) })
        }
        try auditLostWrites(&m)
        try auditConvergence(&m)
        return m
    }

    private func auditLostWrites(_ m: inout Measurements) throws {
        let acknowledged = checkers.acknowledged.objects()
        m.acknowledgedObjects = acknowledged.count
        let keys = acknowledged.map(\.key)
        var lost = Array(repeating: false, count: keys.count)
        for node in nodes {
            let stored = try node.vertical.database.storedTimestamps(of: keys)
            for (index, item) in acknowledged.enumerated() where (stored[index] ?? -1) < item.hlc {
                if !lost[index] {
                    trace.writer.recordLostWrite(
                        atUs: queue.nowUs, object: item.key, user: item.user, vertical: item.vertical,
                        writeUs: item.atUs, missingOn: node.id, observed: stored[index] == nil ? "missing" : "older")
                }
                if !lost[index], m.lostWritesFirst == nil {
                    m.lostWritesFirst =
                        "\(item.key) written by \(item.user) on \(item.vertical), acknowledged at \(VirtualTime.format(item.atUs)), is \(stored[index] == nil ? "missing" : "older") on \(node.id)"
                }
                lost[index] = true
            }
        }
        m.lostWrites = lost.filter { $0 }.count
    }

    private func auditConvergence(_ m: inout Measurements) throws {
        // The hashes alone first (most runs converge); the full digests only to name a difference.
        let hashes = try nodes.map { try $0.vertical.stateDigestSHA256Hex() }
        #if DEBUG
            // The test suite checks the shortcut against the full digest at the end of every run.
            for (node, hash) in zip(nodes, hashes) {
                let full = try node.vertical.stateDigest().sha256Hex
                assert(full == hash, "\(node.id): state digest shortcut \(hash) differs from the full digest \(full)")
            }
        #endif
        let identical = hashes.allSatisfy { $0 == hashes[0] }
        m.converged = identical && sync.isDrained
        m.convergenceUs = convergedAtUs.map { $0 - lastHealUs }
        if !identical {
            let digests = try nodes.map { try $0.vertical.stateDigest() }
            let differing = nodes.indices.filter { digests[$0].sha256Hex != digests[0].sha256Hex }.map { nodes[$0].id }
            let differences = StateDifference.between(nodes.indices.map { (nodes[$0].id, digests[$0]) })
            m.convergedDetail =
                "state of \(differing.joined(separator: ", ")) differs from \(nodes[0].id) at \(VirtualTime.format(queue.nowUs)), the end of the heal phase: \(differences.count) row\(differences.count == 1 ? "" : "s") or object\(differences.count == 1 ? "" : "s") differ, first \(differences[0])"
        } else if !sync.isDrained {
            m.convergedDetail =
                "databases match but sync had not drained when the heal phase ended at \(VirtualTime.format(queue.nowUs))"
        }
    }
}
