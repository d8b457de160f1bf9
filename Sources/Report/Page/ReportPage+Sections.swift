import Plot
import Sim

extension ReportPage {
    static func topologySection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let drawing = TopologyDrawing(
            topology: content.scenario.topology, faults: content.faults,
            title: "\(content.result.scenario): topology and faults", showHits: true
        ).render()
        return section(
            "topology", "Topology",
            intro:
                "Registrars, domains with their DNS TTL, the edge, and each vertical with its runtime, database and bucket; sync links between verticals. Each fault is tagged on the component it hit.",
            [figure(drawing, caption: "The topology the run used, with its faults.")])
    }

    static func surfacesSection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let charts = content.charts
        var nodes: [Node<HTML.BodyContext>] = []
        for surface in content.aggregate.surfaces {
            let availability = surface.availabilityPercent.map { "\(SVGNumber.format($0))%" } ?? "no requests"
            let failed = surface.failed.reduce(0, +)
            let unknown = surface.unknown.reduce(0, +)
            nodes.append(
                .div(
                    .class("surface"),
                    .h3(
                        .text(surface.name), .span(.class("availability"), .text("availability \(availability)")),
                        .span(
                            .class("muted"),
                            .text(
                                "\(surface.total) requests · \(failed) failed · \(unknown) unknown\(surface.viaEdge ? " · through the edge" : " · direct")"
                            ))
                    ),
                    .if(
                        surface.total > 0,
                        figure(charts.outcomes(surface), caption: "Requests on \(surface.name) by outcome."))
                ))
        }
        if content.aggregate.surfaces.contains(where: { $0.total > 0 }) {
            nodes.append(
                figure(
                    charts.latency(content.aggregate.surfaces.filter { $0.total > 0 }),
                    caption: "Latency of ok requests as the client saw it: p50 solid, p99 dashed (log scale)."))
        }
        return section(
            "surfaces", "Surfaces",
            intro:
                "What users saw on each domain: ok (an answer below 500 in time), failed (5xx, refused, DNS), unknown (no answer within the client's timeout: a write may or may not have happened).",
            nodes)
    }

    static func verticalsSection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let charts = content.charts
        let verticals = content.aggregate.verticals
        var nodes: [Node<HTML.BodyContext>] = [
            figure(charts.served(verticals), caption: "Requests each vertical answered (5xx dashed).")
        ]
        if content.aggregate.surfaces.contains(where: \.viaEdge) {
            nodes.append(
                figure(
                    charts.pinned(verticals),
                    caption:
                        "Sessions pinned to each vertical by the gb_vertical cookie; a triangle marks failovers (hover for counts)."
                ))
            nodes.append(
                figure(
                    charts.health(verticals),
                    caption:
                        "The edge's health-check view of each vertical, and failovers: sessions the edge re-pinned after a 5xx or a connection failure."
                ))
        }
        nodes.append(
            .p(
                .class("muted"),
                .text(
                    "\(content.aggregate.failoverTotal) sessions re-pinned seen in the trace; the result counts \(content.result.metrics?.failovers.map(String.init) ?? "?") failovers."
                        + Self.edgeTimes(content.result.metrics?.edge)
                )))
        return section(
            "verticals", "Verticals",
            intro:
                "Each vertical's share of the traffic, the sessions pinned to it, and whether the edge considered it healthy.",
            nodes)
    }

    static func replicationSection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let aggregate = content.aggregate
        guard aggregate.links.count > 0 else {
            return section("replication", "Replication", intro: "A single vertical: nothing to replicate.", [])
        }
        guard aggregate.hasCommitEvents else {
            return section(
                "replication", "Replication",
                intro:
                    "This trace has no sync.commit events (it was written by an older simctl): backlog and propagation per link cannot be drawn. Re-run the scenario to get them.",
                [])
        }
        let charts = content.charts
        var rows: [Node<HTML.TableContext>] = [
            .tr(.th("link"), .th("commits"), .th("p50"), .th("p99"), .th("max"), .th("never applied"))
        ]
        for link in aggregate.links {
            rows.append(
                .tr(
                    .td(.text(link.name)), .td(.text(String(link.overall.total))),
                    .td(.text(link.overall.percentile(50).map(Format.milliseconds) ?? "–")),
                    .td(.text(link.overall.percentile(99).map(Format.milliseconds) ?? "–")),
                    .td(.text(link.overall.percentile(100).map(Format.milliseconds) ?? "–")),
                    .td(.class(link.unapplied > 0 ? "bad" : ""), .text(String(link.unapplied)))
                ))
        }
        let propagation = content.result.metrics?.propagationMs
        let summary =
            propagation.map { p in
                "The result's propagation (commit → applied on every peer, outside fault windows): p50 \(p.p50.map(Format.milliseconds) ?? "–"), p99 \(p.p99.map(Format.milliseconds) ?? "–"), max \(p.max.map(Format.milliseconds) ?? "–") over \(p.samples ?? 0) changes."
            } ?? ""
        return section(
            "replication", "Replication",
            intro:
                "Per link (origin → peer): the backlog (events in the origin's outbox past the peer's watermark) and how long each commit took to be applied on the peer, fault windows included.",
            [
                figure(
                    charts.backlog(aggregate.links), caption: "Backlog per link: the most events behind in each bucket."
                ),
                figure(
                    charts.propagation(aggregate.links),
                    caption: "Propagation of the commits made in each bucket: p50 solid, p99 dashed (log scale)."),
                figure(
                    charts.propagationHistogram(aggregate.links),
                    caption: "How long commits took to reach each peer; pale: the commit overlapped a fault window."),
                .table(.class("numbers"), .group(rows)),
                .p(
                    .class("muted"),
                    .text(summary + " Percentiles here are per link and include fault windows (binned to about 12 %).")),
            ])
    }

    static func authSection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let methods = content.aggregate.auth.filter { $0.attempts > 0 }
        let metrics = content.result.metrics
        let hazards: [(String, String, Int?)] = [
            (
                "single_use_violations", "a recovery or TOTP code accepted twice across verticals",
                metrics?.singleUseViolations
            ),
            ("duplicate_accounts", "one email acknowledged as a new account twice", metrics?.duplicateAccounts),
            (
                "stale_auth_accepts", "a revoked token or an old password accepted after the change",
                metrics?.staleAuthAccepts
            ),
            ("stale_counter_accepts", "a WebAuthn sign counter accepted without growing", metrics?.staleCounterAccepts),
        ]
        var nodes: [Node<HTML.BodyContext>] = []
        if !methods.isEmpty {
            nodes.append(
                figure(
                    content.charts.logins(content.aggregate.auth, hazards: hazards.map(\.0)),
                    caption: "Authentication steps by method; a red triangle marks each moment a hazard was observed."))
            var rows: [Node<HTML.TableContext>] = [
                .tr(
                    .th("step"), .th("attempts"), .th("accepted (2xx)"), .th("refused (4xx)"),
                    .th("failed (5xx, no answer)"))
            ]
            for method in methods {
                rows.append(
                    .tr(
                        .td(.text(method.operation)), .td(.text(String(method.attempts))),
                        .td(.text(String(method.accepted))),
                        .td(.text(String(method.refused))), .td(.text(String(method.failed)))))
            }
            nodes.append(.table(.class("numbers"), .group(rows)))
        } else {
            nodes.append(.p(.class("muted"), .text("No authentication steps in this run.")))
        }
        var hazardRows: [Node<HTML.TableContext>] = [
            .tr(.th("hazard"), .th("observed"), .th("what it means"), .th("first"))
        ]
        for (name, meaning, count) in hazards {
            let first =
                content.aggregate.firstViolations.first { $0.check == name }?.event.string("detail")
                ?? content.result.checks.first { $0.name == name }?.detail
            hazardRows.append(
                .tr(
                    .td(.code(.text(name))),
                    .td(.class((count ?? 0) > 0 ? "bad" : ""), .text(count.map(String.init) ?? "–")),
                    .td(.text(meaning)), .td(.class("detail"), .text(first ?? ""))))
        }
        nodes.append(.h3(.text("Hazards observed")))
        nodes.append(.table(.class("numbers"), .group(hazardRows)))
        return section(
            "auth", "Authentication",
            intro:
                "Logins by method (password step, TOTP, WebAuthn, recovery code, refresh), and the authentication hazards the checkers counted.",
            nodes)
    }

    static func checksSection(_ content: ReportContent) -> Node<HTML.BodyContext> {
        var rows: [Node<HTML.TableContext>] = [
            .tr(.th(""), .th("check"), .th("expected"), .th("observed"), .th("first violation"))
        ]
        for check in content.result.checks {
            rows.append(
                .tr(
                    .id("check-\(anchor(check.name))"), .class(check.pass ? "pass" : "fail"),
                    .td(.span(.class(check.pass ? "mark pass" : "mark fail"), .text(check.pass ? "ok" : "FAIL"))),
                    .td(.code(.text(check.name))), .td(.text(check.expected)), .td(.text(check.observed)),
                    .td(.class("detail"), .text(check.detail ?? ""))))
        }
        var nodes: [Node<HTML.BodyContext>] = [
            content.result.checks.isEmpty
                ? .p(.class("muted"), .text("The scenario states no expectations."))
                : .table(.class("checks"), .group(rows))
        ]
        if let chart = content.charts.violations() {
            nodes.append(
                figure(chart, caption: "Consistency violations the checkers recorded, by when the read completed."))
        }
        for story in content.stories {
            let diagram = story.diagram(topology: content.scenario.topology, faults: content.faults).render()
            let check = content.result.checks.first { $0.name == story.check }
            let status =
                check.map { $0.pass ? "the check held (expected \($0.expected))" : "the check failed" }
                ?? "not expected"
            nodes.append(
                .div(
                    .class("story"),
                    .h3(
                        .text("First \(story.check.replacingOccurrences(of: "_", with: " ")) violation"),
                        .span(.class("muted"), .text(" · \(status)"))),
                    .p(.text(story.narrative)),
                    figure(diagram, caption: "Sequence of the first \(story.check) violation, from the trace.")
                ))
        }
        return section(
            "checks", "Checks",
            intro:
                "Each expectation of the scenario with what was observed; for consistency violations, the story of the first one as a sequence diagram.",
            nodes)
    }

    /// The edge's timings in words: failover latency (the first 5xx or refused connection at the
    /// edge to the peer's answer) and fault to repin (a fault's start to a session's move), p50,
    /// and the failed health-check probes.
    static func edgeTimes(_ edge: ResultFile.Edge?) -> String {
        guard let edge else { return "" }
        func p50(_ summary: ResultFile.Propagation?) -> String { summary?.p50.map { "\($0) ms" } ?? "none" }
        var text =
            " Failover latency p50 \(p50(edge.failoverLatencyMs)); fault to repin p50 \(p50(edge.faultToRepinMs))."
        if let probes = edge.probes { text += " \(probes.failed) of \(probes.sent) health-check probes failed." }
        return text
    }
}
