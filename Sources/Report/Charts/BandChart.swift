import Foundation

/// Up/down bands over virtual time, one row per vertical (the edge's health view of it), and a
/// row of failover marks: one tick per bucket in which sessions were re-pinned, its height
/// growing with their number.
public struct BandChart {
    /// One row: a name and the intervals in which it was down.
    public struct Row: Sendable {
        public var name: String
        public var down: [(startUs: Int64, endUs: Int64)]

        public init(name: String, down: [(startUs: Int64, endUs: Int64)]) {
            self.name = name
            self.down = down
        }
    }

    /// A tick on the marks row: when, how many, and its tooltip.
    public struct Tick: Sendable {
        public var atUs: Int64
        public var count: Int
        public var label: String

        public init(atUs: Int64, count: Int, label: String) {
            self.atUs = atUs
            self.count = count
            self.label = label
        }
    }

    static let rowHeight = 22.0
    static let rowGap = 8.0
    static let ticksHeight = 34.0

    public let label: String
    public let time: TimeScale
    public let windows: [FaultWindow]
    public let healUs: Int64?
    public let rows: [Row]
    public let ticks: [Tick]
    public let ticksName: String

    public init(
        label: String, time: TimeScale, windows: [FaultWindow], healUs: Int64?, rows: [Row], ticks: [Tick],
        ticksName: String
    ) {
        self.label = label
        self.time = time
        self.windows = windows
        self.healUs = healUs
        self.rows = rows
        self.ticks = ticks
        self.ticksName = ticksName
    }

    var plotTop: Double { TimeFrame.plotTop(windows: windows, time: time) }
    var plotHeight: Double { Double(rows.count) * (Self.rowHeight + Self.rowGap) + Self.ticksHeight + Self.rowGap }
    public var height: Double { plotTop + plotHeight + TimeChart.Layout.bottom }

    public func render() -> SVGElement {
        let frame = TimeFrame(time: time, windows: windows, healUs: healUs, plotTop: plotTop, plotHeight: plotHeight)
        var svg = SVGElement.svg(width: TimeChart.Layout.width, height: height, label: label)
        svg.append(frame.backdrop(gridLines: []))
        var y = plotTop + Self.rowGap
        for (index, row) in rows.enumerated() {
            svg.append(band(row, index: index, y: y))
            y += Self.rowHeight + Self.rowGap
        }
        svg.append(tickRow(y: y))
        svg.append(frame.timeAxis())
        svg.append(
            ChartLegend.render(
                [
                    ("healthy", Palette.up), ("unhealthy (edge keeps it out of new pins)", Palette.down),
                    (ticksName, Palette.ink),
                ], x: TimeChart.Layout.left, y: 15))
        return svg
    }

    private func band(_ row: Row, index: Int, y: Double) -> SVGElement {
        var group = SVGElement.group(className: "band").with("data-row", row.name)
        group.append(
            .text(row.name, x: time.x0 - 6, y: y + Self.rowHeight / 2 + 4, anchor: "end", className: "legend-text"))
        group.append(
            .rect(
                x: time.x0, y: y + Self.rowHeight / 2 - 4, width: time.x1 - time.x0, height: 8, fill: Palette.up,
                className: "up", rx: 2))
        for interval in row.down {
            let x0 = time.x(interval.startUs)
            let x1 = max(time.x(interval.endUs), x0 + 2)
            group.append(
                SVGElement.rect(
                    x: x0, y: y, width: x1 - x0, height: Self.rowHeight, fill: Palette.down, className: "down", rx: 2
                ).titled(
                    "\(row.name) unhealthy from \(Format.instant(us: interval.startUs)) to \(Format.instant(us: interval.endUs))"
                ))
            let text = "down \(Format.duration(us: interval.endUs - interval.startUs))"
            if x1 - x0 > Double(text.count) * 6.2 + 8 {
                group.append(.text(text, x: x0 + 5, y: y + Self.rowHeight / 2 + 4, className: "small", fill: "#ffffff"))
            }
        }
        return group
    }

    private func tickRow(y: Double) -> SVGElement {
        var group = SVGElement.group(className: "ticks")
        group.append(.text(ticksName, x: time.x0 - 6, y: y + Self.ticksHeight - 4, anchor: "end", className: "small"))
        let baseline = y + Self.ticksHeight
        group.append(.line(x1: time.x0, y1: baseline, x2: time.x1, y2: baseline, stroke: Palette.grid))
        let largest = Double(ticks.map(\.count).max() ?? 1)
        var lastLabelX = -Double.infinity
        for tick in ticks {
            let x = time.x(tick.atUs)
            let height = 6 + (Self.ticksHeight - 14) * sqrt(Double(tick.count) / largest)
            group.append(
                SVGElement.rect(
                    x: x - 1.5, y: baseline - height, width: 3, height: height, fill: Palette.ink,
                    className: "tick-mark"
                )
                .titled(tick.label))
            if Double(tick.count) >= largest / 2, x - lastLabelX > 24 {
                group.append(
                    .text(String(tick.count), x: x, y: baseline - height - 2, anchor: "middle", className: "small"))
                lastLabelX = x
            }
        }
        return group
    }
}
