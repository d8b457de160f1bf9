/// Builds each chart of the report from the run's aggregate: one function per picture, all on
/// the same time scale so the charts line up down the page.
struct ReportCharts {
    let aggregate: RunAggregate
    let windows: [FaultWindow]
    let time: TimeScale

    init(aggregate: RunAggregate, windows: [FaultWindow]) {
        self.aggregate = aggregate
        self.windows = windows
        time = TimeScale(
            endUs: max(aggregate.endUs, aggregate.buckets.endUs, 1), x0: TimeChart.Layout.plotX0,
            x1: TimeChart.Layout.plotX1)
    }

    private var buckets: TimeBuckets { aggregate.buckets }

    private func chart(_ label: String, maximum: Double, scale: ValueScale.Kind = .linear, height: Double = 150)
        -> TimeChart
    {
        TimeChart(
            label: label, time: time, dataMaximum: maximum, scale: scale, windows: windows, healUs: aggregate.healUs,
            plotHeight: height)
    }

    /// Requests of one surface by outcome per bucket (stacked bars).
    func outcomes(_ surface: RunAggregate.Surface) -> SVGElement {
        let totals =
            buckets.count > 0
            ? (0..<buckets.count).map { surface.ok[$0] + surface.failed[$0] + surface.unknown[$0] } : []
        var chart = chart("requests on \(surface.name) by outcome", maximum: Double(totals.max() ?? 0))
        chart.unit = "requests / \(buckets.widthLabel)"
        chart.addStackedBars(
            [
                ChartSeries(name: "ok", colour: Palette.ok, values: surface.ok.map { Double($0) }),
                ChartSeries(name: "failed", colour: Palette.failed, values: surface.failed.map { Double($0) }),
                ChartSeries(
                    name: "unknown (timed out)", colour: Palette.unknown, values: surface.unknown.map { Double($0) }),
            ], buckets: buckets)
        return chart.render()
    }

    /// p50 (solid) and p99 (dashed) latency of ok requests per surface, log scale.
    func latency(_ surfaces: [RunAggregate.Surface]) -> SVGElement {
        var series: [ChartSeries] = []
        for (index, surface) in surfaces.enumerated() {
            let colour = Palette.series(index + 3)
            series.append(
                ChartSeries(
                    name: "\(surface.name) p50", colour: colour, values: surface.latency.map { $0.percentile(50) }))
            series.append(
                ChartSeries(
                    name: "\(surface.name) p99", colour: colour, values: surface.latency.map { $0.percentile(99) },
                    dashed: true))
        }
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 10
        var chart = chart("request latency per surface", maximum: maximum, scale: .log(min: 1))
        chart.valueFormat = Format.milliseconds
        chart.unit = "latency (ok)"
        for (index, surface) in surfaces.enumerated() {
            chart.addLegend(surface.name, colour: Palette.series(index + 3))
        }
        chart.addLegend("solid p50, dashed p99", colour: "#c9ced6")
        chart.addLines(series, buckets: buckets, legend: false)
        return chart.render()
    }

    /// Requests each vertical answered per bucket (below 500 solid, 5xx dashed).
    func served(_ verticals: [RunAggregate.Vertical]) -> SVGElement {
        var series: [ChartSeries] = []
        for (index, vertical) in verticals.enumerated() {
            series.append(
                ChartSeries(
                    name: "\(vertical.id) answered", colour: Palette.series(index),
                    values: vertical.served.map { Double($0) }))
            if vertical.errors.contains(where: { $0 > 0 }) {
                series.append(
                    ChartSeries(
                        name: "\(vertical.id) 5xx", colour: Palette.series(index),
                        values: vertical.errors.map { Double($0) },
                        dashed: true))
            }
        }
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        var chart = chart("requests answered per vertical", maximum: maximum)
        chart.unit = "requests / \(buckets.widthLabel)"
        chart.addLines(series, buckets: buckets)
        return chart.render()
    }

    /// Sessions pinned to each vertical (the `gb_vertical` cookie), with failovers marked.
    func pinned(_ verticals: [RunAggregate.Vertical]) -> SVGElement {
        let series = verticals.enumerated().map { index, vertical in
            ChartSeries(
                name: "\(vertical.id)", colour: Palette.series(index), values: vertical.pinned.map { Double($0) })
        }
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        var chart = chart("sessions pinned per vertical", maximum: maximum, height: 130)
        chart.unit = "sessions"
        chart.addLines(series, buckets: buckets, stepped: true)
        chart.addMarks(
            aggregate.failovers.map { ChartMark(atUs: $0.firstUs, label: $0.summary) }, legend: "failovers (re-pins)",
            colour: Palette.ink)
        return chart.render()
    }

    /// The edge's health view of each vertical, and failover ticks.
    func health(_ verticals: [RunAggregate.Vertical]) -> SVGElement {
        BandChart(
            label: "edge health view and failovers", time: time, windows: windows, healUs: aggregate.healUs,
            rows: verticals.map { BandChart.Row(name: $0.id, down: $0.downIntervals) },
            ticks: aggregate.failovers.map {
                BandChart.Tick(atUs: buckets.midUs($0.bucket), count: $0.count, label: $0.summary)
            }, ticksName: "failovers"
        ).render()
    }

    /// Backlog per link: events committed on the origin not yet applied by the peer.
    func backlog(_ links: [RunAggregate.Link]) -> SVGElement {
        let series = links.enumerated().map { index, link in
            ChartSeries(name: link.name, colour: Palette.series(index), values: link.backlog.map { Double($0) })
        }
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        var chart = chart("replication backlog per link", maximum: maximum)
        chart.unit = "events behind"
        chart.addLines(series, buckets: buckets, stepped: true)
        return chart.render()
    }

    /// Propagation p50 (solid) and p99 (dashed) per link, by commit time, log scale.
    func propagation(_ links: [RunAggregate.Link]) -> SVGElement {
        var series: [ChartSeries] = []
        for (index, link) in links.enumerated() {
            series.append(
                ChartSeries(
                    name: "\(link.name) p50", colour: Palette.series(index),
                    values: link.latency.map { $0.percentile(50) }))
            series.append(
                ChartSeries(
                    name: "\(link.name) p99", colour: Palette.series(index),
                    values: link.latency.map { $0.percentile(99) },
                    dashed: true))
        }
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 10
        var chart = chart("propagation per link by commit time", maximum: maximum, scale: .log(min: 10))
        chart.valueFormat = Format.milliseconds
        chart.unit = "commit → applied"
        for (index, link) in links.enumerated() { chart.addLegend(link.name, colour: Palette.series(index)) }
        chart.addLegend("solid p50, dashed p99", colour: "#c9ced6")
        chart.addLines(series, buckets: buckets, legend: false)
        return chart.render()
    }

    /// Histogram of propagation per link.
    func propagationHistogram(_ links: [RunAggregate.Link]) -> SVGElement {
        HistogramChart(
            label: "propagation histogram", bins: PropagationBins.labels,
            series: links.enumerated().map { index, link in
                HistogramChart.Series(
                    name: link.name, colour: Palette.series(index), solid: link.histogram, pale: link.histogramInFaults)
            }, paleMeaning: "overlapping a fault window"
        ).render()
    }

    /// Authentication steps per bucket, stacked by method, with the hazards marked.
    func logins(_ methods: [RunAggregate.AuthMethod], hazards: [String]) -> SVGElement {
        let used = methods.filter { $0.attempts > 0 }
        let totals = (0..<buckets.count).map { bucket in used.reduce(0) { $0 + $1.perBucket[bucket] } }
        var chart = chart("authentication steps by method", maximum: Double(totals.max() ?? 0), height: 120)
        chart.unit = "steps / \(buckets.widthLabel)"
        chart.addStackedBars(
            used.enumerated().map { index, method in
                ChartSeries(
                    name: method.operation, colour: Palette.series(index + 2),
                    values: method.perBucket.map { Double($0) })
            }, buckets: buckets)
        chart.addMarks(marks(for: hazards), legend: "hazards", colour: Palette.failed)
        return chart.render()
    }

    /// One mark per bucket in which one of `checks` recorded violations.
    func marks(for checks: [String]) -> [ChartMark] {
        var marks: [ChartMark] = []
        for bucket in 0..<buckets.count {
            let hits = aggregate.violationCounts.filter { checks.contains($0.check) && $0.perBucket[bucket] > 0 }
            guard !hits.isEmpty else { continue }
            let text = hits.map { "\($0.perBucket[bucket]) \($0.check)" }.joined(separator: ", ")
            marks.append(
                ChartMark(atUs: buckets.midUs(bucket), label: "\(Format.instant(us: buckets.startUs(bucket))): \(text)")
            )
        }
        return marks
    }

    /// Consistency violations per bucket (read-your-writes, monotonic reads).
    func violations() -> SVGElement? {
        let timed = aggregate.violationCounts.filter { $0.check == "read_your_writes" || $0.check == "monotonic_reads" }
        guard !timed.isEmpty else { return nil }
        let maximum = timed.flatMap { $0.perBucket }.max() ?? 0
        var chart = chart("consistency violations over time", maximum: Double(maximum), height: 110)
        chart.unit = "violations / \(buckets.widthLabel)"
        chart.addStackedBars(
            timed.enumerated().map { index, item in
                ChartSeries(
                    name: item.check, colour: index == 0 ? Palette.failed : Palette.unknown,
                    values: item.perBucket.map { Double($0) })
            }, buckets: buckets)
        return chart.render()
    }
}
