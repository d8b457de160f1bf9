import Plot
import Sim

/// The report as one self-contained HTML document, laid out with Plot: header, topology,
/// surfaces, verticals, replication, authentication, checks. Every picture is inline SVG; the
/// only style sheet is inline; there is no script and nothing is fetched from the network.
enum ReportPage {
    static func html(_ content: ReportContent) -> String {
        let title = "\(content.result.scenario) (seed \(content.result.seed)): \(content.result.pass ? "PASS" : "FAIL")"
        let document = HTML(
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("generator"), .content("\(OutputFile.marker) report")),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: title),
                .style(ReportStyle.css)
            ),
            .body(
                .header(headerNodes(content)),
                .nav(navigation()),
                .main(
                    topologySection(content),
                    surfacesSection(content),
                    verticalsSection(content),
                    replicationSection(content),
                    authSection(content),
                    checksSection(content)
                ),
                .footer(
                    .p(
                        .text(
                            "Drawn by simctl report from \(content.folder): \(content.aggregate.eventCount) trace events in \(content.aggregate.buckets.count) buckets of \(content.aggregate.buckets.widthLabel) virtual time. "
                        ),
                        .text(
                            "Shaded red: fault windows (F1, F2, ... as in the topology); shaded grey: the heal phase (faults lifted, no new traffic, sync drains)."
                        )
                    )
                )
            )
        )
        return document.render()
    }

    // MARK: header

    static func headerNodes(_ content: ReportContent) -> Node<HTML.BodyContext> {
        let result = content.result
        let compression = (result.wallMs ?? 0) > 0 ? Int(Double(result.virtualMs) / Double(result.wallMs ?? 1)) : 0
        var facts: [(String, String)] = [
            ("seed", String(result.seed)),
            (
                "virtual time",
                Format.duration(us: result.virtualMs * 1000)
                    + " (chaos \(Format.duration(us: content.scenario.durationUs)), then heal)"
            ),
            ("requests", String(result.requests)),
            ("events", String(result.events)),
            (
                "faults",
                content.windows.isEmpty
                    ? "none" : content.windows.map { "\($0.label) \($0.span)" }.joined(separator: "; ")
            ),
            ("ablations", (result.ablations ?? []).isEmpty ? "none" : (result.ablations ?? []).joined(separator: ", ")),
        ]
        if let wall = result.wallMs {
            facts.insert(("wall time", "\(SVGNumber.format(Double(wall) / 1000))s (\(compression)x)"), at: 2)
        }
        return .group(
            .div(
                .class("title-row"),
                .h1(.text(result.scenario)),
                .span(.class(result.pass ? "verdict pass" : "verdict fail"), .text(result.pass ? "PASS" : "FAIL")),
                .span(.class("verdict-line"), .text(content.verdictLine))
            ),
            .if(!content.scenario.description.isEmpty, .p(.class("description"), .text(content.scenario.description))),
            .dl(
                .class("facts"),
                .forEach(facts) { fact in .group(.dt(.text(fact.0)), .dd(.text(fact.1))) }
            ),
            .div(
                .class("reproduce"),
                .span(.text("reproduce: ")),
                .code(.text(content.reproduce))
            ),
            .if(
                !result.pass,
                .ul(
                    .class("failed-checks"),
                    .forEach(result.checks.filter { !$0.pass }) { check in
                        .li(
                            .a(.href("#check-\(anchor(check.name))"), .text(check.name)),
                            .text(": expected \(check.expected), observed \(check.observed)")
                        )
                    }
                )
            )
        )
    }

    static func navigation() -> Node<HTML.BodyContext> {
        let sections = [
            ("topology", "Topology"), ("surfaces", "Surfaces"), ("verticals", "Verticals"),
            ("replication", "Replication"), ("auth", "Authentication"), ("checks", "Checks"),
        ]
        return .ul(.forEach(sections) { section in .li(.a(.href("#\(section.0)"), .text(section.1))) })
    }

    /// An id-safe form of a check name.
    static func anchor(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    /// A figure: an inline SVG and a caption.
    static func figure(_ svg: SVGElement, caption: String) -> Node<HTML.BodyContext> {
        .element(
            named: "figure",
            nodes: [
                .raw(svg.render()),
                .element(named: "figcaption", nodes: [.text(caption)]),
            ])
    }

    static func section(_ id: String, _ title: String, intro: String, _ nodes: [Node<HTML.BodyContext>])
        -> Node<HTML.BodyContext>
    {
        .section(.id(id), .h2(.text(title)), .p(.class("intro"), .text(intro)), .group(nodes))
    }
}
