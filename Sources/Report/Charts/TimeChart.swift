/// A chart over virtual time: a frame with time and value axes, every fault window shaded and
/// labelled, the heal phase shaded, a legend, and the caller's layers (lines, stacked bars,
/// marks) drawn on top.
///
/// ```swift
/// var chart = TimeChart(label: "requests", time: time, dataMaximum: 40, windows: windows, healUs: heal)
/// chart.addLines([ChartSeries(name: "aws", colour: Palette.series(0), values: counts)], buckets: buckets)
/// let svg = chart.render()
/// ```
public struct TimeChart {
    /// Fixed geometry shared by every time chart, so their time axes line up on the page.
    public enum Layout {
        public static let width = 1100.0
        public static let left = 70.0
        public static let right = 24.0
        public static let legendHeight = 24.0
        public static let bottom = 26.0
        public static let laneHeight = 13.0
        /// x where the plot starts and ends.
        public static var plotX0: Double { left }
        public static var plotX1: Double { width - right }
    }

    public let label: String
    public let time: TimeScale
    public let value: ValueScale
    public let windows: [FaultWindow]
    public let healUs: Int64?
    public let plotHeight: Double
    /// Formats a y-axis label.
    public var valueFormat: (Double) -> String = Format.count
    /// Optional y-axis title (`requests / 5s`).
    public var unit: String?
    private(set) var legend: [(String, String)] = []
    private(set) var layers: [SVGElement] = []

    /// Top of the plot: below the legend and the fault labels' lanes.
    var plotTop: Double {
        Layout.legendHeight + Double(FaultLabels.lanes(windows, time: time).count) * Layout.laneHeight + 4
    }
    var plotBottom: Double { plotTop + plotHeight }
    /// The whole chart's height.
    public var height: Double { plotBottom + Layout.bottom }

    public init(
        label: String, time: TimeScale, dataMaximum: Double, scale: ValueScale.Kind = .linear,
        windows: [FaultWindow], healUs: Int64?, plotHeight: Double = 150
    ) {
        self.label = label
        self.time = time
        self.windows = windows
        self.healUs = healUs
        self.plotHeight = plotHeight
        let top = TimeFrame.plotTop(windows: windows, time: time)
        value = ValueScale(kind: scale, dataMaximum: dataMaximum, y0: top + plotHeight, y1: top)
    }

    /// A legend entry (colour swatch and name), in the order added.
    public mutating func addLegend(_ name: String, colour: String) {
        legend.append((name, colour))
    }

    /// One polyline per series; gaps (nil) break the line. `stepped` draws levels held over each
    /// bucket (counts of sessions, backlogs) rather than points joined diagonally.
    /// `legend: false` leaves the legend to the caller (one entry for a p50/p99 pair).
    public mutating func addLines(
        _ series: [ChartSeries], buckets: TimeBuckets, stepped: Bool = false, legend: Bool = true
    ) {
        for item in series {
            if legend { addLegend(item.name, colour: item.colour) }
            var group = SVGElement.group(className: "series")
            group = group.with("data-series", item.name)
            for run in item.runs() {
                var points: [(Double, Double)] = []
                for index in run {
                    let y = value.y(item.values[index] ?? 0)
                    if stepped {
                        points.append((time.x(buckets.startUs(index)), y))
                        points.append((time.x(buckets.endUs(index)), y))
                    } else {
                        points.append((time.x(buckets.midUs(index)), y))
                    }
                }
                if points.count == 1 {
                    group.append(.circle(cx: points[0].0, cy: points[0].1, r: 2, fill: item.colour))
                } else {
                    group.append(
                        .polyline(points, stroke: item.colour).with("stroke-width", item.dashed ? "1.5" : "2")
                            .with("stroke-linejoin", "round").with("stroke-dasharray", item.dashed ? "5 3" : "none"))
                }
            }
            layers.append(group)
        }
    }

    /// Stacked bars, one per bucket, the series stacked in the order given (bottom first).
    public mutating func addStackedBars(_ series: [ChartSeries], buckets: TimeBuckets) {
        for item in series { addLegend(item.name, colour: item.colour) }
        var group = SVGElement.group(className: "bars")
        let gap = buckets.count > 150 ? 0.0 : 0.5
        for index in 0..<buckets.count {
            var base = 0.0
            let x0 = time.x(buckets.startUs(index)) + gap
            let x1 = time.x(buckets.endUs(index)) - gap
            for item in series {
                let amount = item.values[index] ?? 0
                guard amount > 0 else { continue }
                let yTop = value.y(base + amount)
                let yBottom = value.y(base)
                group.append(
                    SVGElement.rect(
                        x: x0, y: yTop, width: x1 - x0, height: yBottom - yTop, fill: item.colour, className: "bar"
                    ).with("data-series", item.name))
                base += amount
            }
        }
        layers.append(group)
    }

    /// Marks at instants along the top of the plot (failovers, health changes): a small triangle
    /// pointing down with a tooltip, plus a faint vertical rule.
    public mutating func addMarks(_ marks: [ChartMark], legend name: String?, colour: String) {
        if let name, !marks.isEmpty { addLegend(name, colour: colour) }
        var group = SVGElement.group(className: "marks")
        for mark in marks {
            let x = time.x(mark.atUs)
            var path = PathData()
            path.move(x - 4, plotTop)
            path.line(x + 4, plotTop)
            path.line(x, plotTop + 6)
            path.close()
            group.append(SVGElement.path(path, fill: colour, className: "mark").titled(mark.label))
        }
        layers.append(group)
    }

    /// A horizontal reference line (an expectation's bound) with a label at the right.
    public mutating func addThreshold(_ level: Double, label: String, colour: String = Palette.muted) {
        let y = value.y(level)
        layers.append(
            .group(
                className: "threshold",
                [
                    SVGElement.line(x1: time.x0, y1: y, x2: time.x1, y2: y, stroke: colour).with(
                        "stroke-dasharray", "6 4"),
                    .text(label, x: time.x1 - 4, y: y - 4, anchor: "end", className: "small", fill: colour),
                ]))
    }

    /// The finished chart.
    public func render() -> SVGElement {
        var svg = SVGElement.svg(width: Layout.width, height: height, label: label)
        svg.append(backdrop())
        svg.append(contentsOf: layers)
        svg.append(axes())
        svg.append(ChartLegend.render(legend, x: Layout.left, y: 15))
        return svg
    }

    private var frame: TimeFrame {
        TimeFrame(time: time, windows: windows, healUs: healUs, plotTop: plotTop, plotHeight: plotHeight)
    }

    private func backdrop() -> SVGElement {
        frame.backdrop(gridLines: value.ticks().map { value.y($0) })
    }

    private func axes() -> SVGElement {
        var group = frame.timeAxis()
        group.append(
            .line(x1: time.x0, y1: plotTop, x2: time.x0, y2: plotBottom, stroke: Palette.muted, className: "axis"))
        for tick in value.ticks() {
            group.append(
                .text(valueFormat(tick), x: time.x0 - 6, y: value.y(tick) + 4, anchor: "end", className: "tick"))
        }
        if let unit {
            group.append(
                SVGElement.text(unit, x: 12, y: plotTop + plotHeight / 2, anchor: "middle", className: "small").with(
                    "transform", "rotate(-90 12 \(SVGNumber.format(plotTop + plotHeight / 2)))"))
        }
        return group
    }
}
