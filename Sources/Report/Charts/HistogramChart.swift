/// A histogram over labelled bins with one bar per series in each bin (grouped side by side);
/// each bar stacks a solid part and a pale part (for propagation: outside and during fault
/// windows).
public struct HistogramChart {
    /// One series: its name, colour, and per-bin counts (solid, pale).
    public struct Series: Sendable {
        public var name: String
        public var colour: String
        public var solid: [Int]
        public var pale: [Int]

        public init(name: String, colour: String, solid: [Int], pale: [Int]) {
            self.name = name
            self.colour = colour
            self.solid = solid
            self.pale = pale
        }
    }

    public let label: String
    public let bins: [String]
    public let series: [Series]
    public let paleMeaning: String
    public var width = 1100.0
    public var plotHeight = 170.0

    public init(label: String, bins: [String], series: [Series], paleMeaning: String) {
        self.label = label
        self.bins = bins
        self.series = series
        self.paleMeaning = paleMeaning
    }

    static let left = 70.0
    static let right = 24.0
    static let top = 30.0
    static let bottom = 30.0

    public var height: Double { Self.top + plotHeight + Self.bottom }

    public func render() -> SVGElement {
        var svg = SVGElement.svg(width: width, height: height, label: label)
        let largest = series.flatMap { item in zip(item.solid, item.pale).map { $0 + $1 } }.max() ?? 0
        let value = ValueScale(dataMaximum: Double(max(largest, 1)), y0: Self.top + plotHeight, y1: Self.top)
        let x0 = Self.left
        let x1 = width - Self.right
        let binWidth = (x1 - x0) / Double(max(bins.count, 1))
        for tick in value.ticks() {
            svg.append(.line(x1: x0, y1: value.y(tick), x2: x1, y2: value.y(tick), stroke: Palette.grid))
            svg.append(.text(Format.count(tick), x: x0 - 6, y: value.y(tick) + 4, anchor: "end", className: "tick"))
        }
        let barWidth = min(28, (binWidth - 8) / Double(max(series.count, 1)))
        var bars = SVGElement.group(className: "bars")
        for (bin, name) in bins.enumerated() {
            let groupX = x0 + Double(bin) * binWidth + (binWidth - barWidth * Double(series.count)) / 2
            for (index, item) in series.enumerated() {
                let x = groupX + Double(index) * barWidth
                let solid = item.solid[bin]
                let pale = item.pale[bin]
                let tooltip = "\(item.name), \(name): \(solid + pale) (\(pale) \(paleMeaning))"
                if solid > 0 {
                    bars.append(
                        SVGElement.rect(
                            x: x, y: value.y(Double(solid)), width: barWidth - 1,
                            height: value.y(0) - value.y(Double(solid)), fill: item.colour, className: "bar"
                        ).with("data-series", item.name).titled(tooltip))
                }
                if pale > 0 {
                    bars.append(
                        SVGElement.rect(
                            x: x, y: value.y(Double(solid + pale)), width: barWidth - 1,
                            height: value.y(Double(solid)) - value.y(Double(solid + pale)), fill: item.colour,
                            className: "bar pale"
                        ).with("fill-opacity", "0.35").with("data-series", item.name).titled(tooltip))
                }
            }
            svg.append(
                .text(
                    name, x: x0 + (Double(bin) + 0.5) * binWidth, y: Self.top + plotHeight + 16, anchor: "middle",
                    className: "tick"))
        }
        svg.append(bars)
        svg.append(.line(x1: x0, y1: value.y(0), x2: x1, y2: value.y(0), stroke: Palette.muted))
        var legend = series.map { ($0.name, $0.colour) }
        legend.append(("pale: \(paleMeaning)", "#c9ced6"))
        svg.append(ChartLegend.render(legend, x: Self.left, y: 15))
        return svg
    }
}
