/// A one-row legend of colour swatches and names, drawn inside the SVG so a chart copied out of
/// the page (or rendered to PNG) keeps its key.
public enum ChartLegend {
    /// Items laid left to right from `(x, y)` (y is the text baseline).
    public static func render(_ items: [(name: String, colour: String)], x: Double, y: Double) -> SVGElement {
        var group = SVGElement.group(className: "legend")
        var cursor = x
        for item in items {
            group.append(.rect(x: cursor, y: y - 9, width: 12, height: 10, fill: item.colour, rx: 2))
            group.append(.text(item.name, x: cursor + 16, y: y, className: "legend-text"))
            cursor += 16 + Double(item.name.count) * 6.6 + 18
        }
        return group
    }
}
