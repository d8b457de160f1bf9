import Sim
import Testing

@testable import Report

/// Structural tests: the SVG of each chart has what the picture promises.
@Suite("Charts")
struct ChartTests {
    static let windows = [
        FaultWindow(number: 1, kind: "provider-outage", target: "aws", startUs: 20_000_000, endUs: 50_000_000),
        FaultWindow(number: 2, kind: "partition", target: "aws-scaleway", startUs: 30_000_000, endUs: 40_000_000),
    ]
    static let buckets = TimeBuckets(widthUs: 10_000_000, endUs: 100_000_000)
    static let time = TimeScale(endUs: 100_000_000, x0: TimeChart.Layout.plotX0, x1: TimeChart.Layout.plotX1)

    func elements(_ svg: SVGElement, className: String) -> [SVGElement] {
        svg.descendants.filter { ($0.attribute("class") ?? "").split(separator: " ").contains(Substring(className)) }
    }

    @Test func everyFaultWindowIsShadedAndLabelled() {
        var chart = TimeChart(
            label: "t", time: Self.time, dataMaximum: 10, windows: Self.windows, healUs: 90_000_000)
        chart.addLines(
            [ChartSeries(name: "a", colour: "#000", values: Array(repeating: 1, count: 10))], buckets: Self.buckets)
        let svg = chart.render()
        let shaded = elements(svg, className: "fault")
        #expect(shaded.map { $0.attribute("data-fault") } == ["F1", "F2"])
        #expect(shaded[0].attribute("x") == SVGNumber.format(Self.time.x(20_000_000)))
        #expect(shaded[0].attribute("width") == SVGNumber.format(Self.time.x(50_000_000) - Self.time.x(20_000_000)))
        let labels = elements(svg, className: "fault-label").map(\.textContent)
        #expect(labels == ["F1 provider-outage aws", "F2 partition aws-scaleway"])
        #expect(elements(svg, className: "heal").count == 1)
        // Overlapping windows' labels go to separate lanes.
        #expect(FaultLabels.lanes(Self.windows, time: Self.time) == [[1], [2]])
    }

    @Test func oneSeriesPerVerticalAndGapsBreakLines() {
        var chart = TimeChart(label: "t", time: Self.time, dataMaximum: 10, windows: [], healUs: nil)
        chart.addLines(
            [
                ChartSeries(name: "aws", colour: "#1", values: [1, 2, nil, 4, 5, 6, nil, nil, 9, 10]),
                ChartSeries(name: "scaleway", colour: "#2", values: Array(repeating: 3, count: 10)),
                ChartSeries(name: "fly", colour: "#3", values: Array(repeating: 0, count: 10)),
            ], buckets: Self.buckets)
        let svg = chart.render()
        let series = elements(svg, className: "series")
        #expect(series.map { $0.attribute("data-series") } == ["aws", "scaleway", "fly"])
        #expect(series[0].descendants.filter { $0.name == "polyline" }.count == 3)
        #expect(series[1].descendants.filter { $0.name == "polyline" }.count == 1)
        let legend = elements(svg, className: "legend-text").map(\.textContent)
        #expect(legend == ["aws", "scaleway", "fly"])
    }

    @Test func stackedBarsHaveOneRectPerNonZeroSegment() {
        var chart = TimeChart(label: "t", time: Self.time, dataMaximum: 20, windows: Self.windows, healUs: nil)
        let ok: [Double?] = [5, 5, 5, 0, 0, 5, 5, 5, 5, 5]
        let failed: [Double?] = [0, 0, 2, 3, 3, 1, 0, 0, 0, 0]
        chart.addStackedBars(
            [
                ChartSeries(name: "ok", colour: "#0", values: ok),
                ChartSeries(name: "failed", colour: "#1", values: failed),
            ],
            buckets: Self.buckets)
        let bars = elements(chart.render(), className: "bar")
        #expect(bars.filter { $0.attribute("data-series") == "ok" }.count == 8)
        #expect(bars.filter { $0.attribute("data-series") == "failed" }.count == 4)
        // Bucket 2: failed sits on top of ok.
        let okBar = bars.first { $0.attribute("data-series") == "ok" && $0.attribute("x") == bars[2].attribute("x") }
        #expect(okBar != nil)
    }

    @Test func bandChartDrawsDownIntervalsAndTicks() {
        let chart = BandChart(
            label: "h", time: Self.time, windows: Self.windows, healUs: nil,
            rows: [
                BandChart.Row(name: "aws", down: [(25_000_000, 55_000_000)]), BandChart.Row(name: "scaleway", down: []),
            ], ticks: [BandChart.Tick(atUs: 26_000_000, count: 7, label: "7 re-pinned")], ticksName: "failovers")
        let svg = chart.render()
        #expect(elements(svg, className: "band").map { $0.attribute("data-row") } == ["aws", "scaleway"])
        #expect(elements(svg, className: "down").count == 1)
        #expect(elements(svg, className: "tick-mark").count == 1)
        #expect(elements(svg, className: "fault").count == 2)
    }

    @Test func histogramHasABarPerSeriesAndBinWithCounts() {
        let chart = HistogramChart(
            label: "h", bins: ["a", "b", "c"],
            series: [
                HistogramChart.Series(name: "x", colour: "#0", solid: [1, 0, 4], pale: [0, 2, 0]),
                HistogramChart.Series(name: "y", colour: "#1", solid: [0, 0, 1], pale: [0, 0, 0]),
            ], paleMeaning: "in faults")
        let bars = elements(chart.render(), className: "bar")
        #expect(bars.count == 4)
        #expect(bars.filter { ($0.attribute("class") ?? "").contains("pale") }.count == 1)
    }
}

@Suite("Topology drawing")
struct TopologyDrawingTests {
    func elements(_ svg: SVGElement, className: String) -> [SVGElement] {
        svg.descendants.filter { ($0.attribute("class") ?? "").split(separator: " ").contains(Substring(className)) }
    }

    @Test(arguments: [("standard", 2, 1), ("three-verticals", 3, 3)])
    func drawsEveryComponent(name: String, verticals: Int, links: Int) throws {
        let scenario = try TopologyPicture.builtin(name)
        let svg = TopologyDrawing(topology: scenario.topology, faults: [], title: name).render()
        #expect(elements(svg, className: "column").count == verticals)
        #expect(elements(svg, className: "compute").count == verticals)
        #expect(elements(svg, className: "database").count == verticals)
        #expect(elements(svg, className: "bucket").count == verticals)
        #expect(elements(svg, className: "sync-link").count == links)
        // One domain and registrar per vertical, plus glassbreak.io (the edge's).
        #expect(elements(svg, className: "domain").count == verticals + 1)
        #expect(elements(svg, className: "registrar").count == verticals + 1)
        #expect(elements(svg, className: "edge").count == 1)
        let text = svg.textContent
        for expected in [
            "glassbreak.io", "DNS TTL 1m", "DNS TTL 5m", "fastly (edge)", "aws-lambda", "region us-east-1",
            "cold start 250ms", "neon-postgres", "scaleway-object-storage", "80ms ± 20ms",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func eachFaultIsDrawnOnTheComponentItHit() throws {
        let yaml = """
            name: many
            duration: 10m
            topology: three-verticals
            faults:
              - {at: 1m, for: 1m, kind: database-outage, target: scaleway}
              - {at: 2m, for: 1m, kind: partition, between: [aws, fly]}
              - {at: 3m, for: 1m, kind: edge-outage, target: fastly}
              - {at: 4m, for: 1m, kind: registrar-suspension, target: glassbreak.cloud}
              - {at: 5m, for: 1m, kind: provider-outage, target: aws}
              - {at: 6m, for: 1m, kind: brownout, target: aws, rate: 0.5}
            """
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "many.yaml")
        let svg = TopologyDrawing(topology: scenario.topology, faults: DrawnFault.of(scenario), title: "many").render()
        let outlines = elements(svg, className: "fault-outline").map { $0.attribute("data-fault") ?? "" }
        #expect(outlines == ["F1", "F3", "F4", "F5", "F6"])  // the partition is a cut on its link
        let tags = elements(svg, className: "fault-badge").map { $0.attribute("data-fault") ?? "" }
        #expect(Set(tags) == ["F1", "F2", "F3", "F4", "F5", "F6"])
        let database = elements(svg, className: "fault-outline").first { $0.attribute("data-fault") == "F1" }
        let scalewayDatabase = TopologyLayout(topology: scenario.topology).database[1]
        #expect(database?.attribute("x") == SVGNumber.format(scalewayDatabase.x - 3))
        #expect(elements(svg, className: "cut").count == 1)
        let list = elements(svg, className: "fault-list").first?.textContent ?? ""
        #expect(list.contains("database-outage on scaleway database · 1m–2m"))
        #expect(list.contains("partition on aws ⇄ fly · 2m–3m"))
        #expect(list.contains("registrar-suspension on the registrar of glassbreak.cloud"))
    }

    @Test func standaloneSVGCarriesTheMarkerAndOnlyTheNamespaceURL() throws {
        let svg = TopologyPicture.svg(of: try TopologyPicture.builtin("standard"), title: "standard")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(OutputFile.marker))
        #expect(svg.components(separatedBy: "http").count == 2)
    }
}

@Suite("Sequence diagram")
struct SequenceDiagramTests {
    @Test func rowsFollowTimeWithGapRows() {
        var diagram = SequenceDiagram(
            title: "t",
            lanes: [
                .init(id: "client", title: "alice", subtitle: "io"),
                .init(id: "vertical:aws", title: "aws", subtitle: "x"),
            ])
        diagram.message(atUs: 2_000_000, from: "client", to: "vertical:aws", "read")
        diagram.message(atUs: 1_000_000, from: "client", to: "vertical:aws", "create")
        diagram.note(atUs: 60_000_000, on: "vertical:aws", "applied", style: .good)
        diagram.band(on: "vertical:aws", fromUs: 1_500_000, toUs: 3_000_000, "F1 crash")
        let rows = diagram.rows
        #expect(rows.count == 4)
        #expect(rows[0].step?.atUs == 1_000_000)
        #expect(rows[2].step == nil && rows[2].gapUs == 58_000_000)
        let svg = diagram.render()
        let text = svg.textContent
        #expect(text.contains("1.000s"))
        #expect(text.contains("⋮ 58s later"))
        #expect(svg.descendants.filter { $0.attribute("class") == "band" }.count == 1)
        #expect(svg.descendants.filter { $0.attribute("class") == "message" }.count == 2)
        #expect(svg.descendants.filter { $0.attribute("class") == "note" }.count == 1)
    }
}
