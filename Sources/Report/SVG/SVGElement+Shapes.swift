/// Constructors for the SVG shapes the charts use, with coordinates as `Double`s formatted by
/// ``SVGNumber``.
extension SVGElement {
    /// The SVG namespace, the one URL a report contains.
    public static let namespace = "http://www.w3.org/2000/svg"

    private static func n(_ value: Double) -> String { SVGNumber.format(value) }

    /// A root `<svg>` with a view box of `width` x `height` that scales to its container's width.
    public static func svg(width: Double, height: Double, label: String, className: String = "chart") -> SVGElement {
        SVGElement(
            "svg",
            [
                ("xmlns", namespace), ("viewBox", "0 0 \(n(width)) \(n(height))"), ("width", n(width)),
                ("height", n(height)), ("class", className), ("role", "img"), ("aria-label", label),
                ("font-family", fontFamily), ("font-size", "11"),
            ],
            children: [.element(SVGElement("style", children: [.text(stylesheet)]))])
    }

    /// System fonts only: a report never loads a font from the network.
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Helvetica, Arial, sans-serif"

    /// Text styles shared by every chart and drawing (also valid when the SVG stands alone).
    static let stylesheet =
        ".tick{fill:#6b7785;font-size:10.5px}.small{font-size:10px}.fault-label{font-size:10.5px;font-weight:600}"
        + ".legend-text{fill:#1f2933;font-size:11px}.title{font-size:13px;font-weight:600;fill:#1f2933}"
        + ".node-title{font-size:12.5px;font-weight:600;fill:#1f2933}.node-detail{font-size:10.5px;fill:#4a5562}"
        + ".edge-label{font-size:10px;fill:#4a5562}text{paint-order:stroke}"

    /// A group, optionally classed and translated.
    public static func group(className: String? = nil, dx: Double = 0, dy: Double = 0, _ children: [SVGElement] = [])
        -> SVGElement
    {
        var attributes: [(String, String)] = []
        if let className { attributes.append(("class", className)) }
        if dx != 0 || dy != 0 { attributes.append(("transform", "translate(\(n(dx)) \(n(dy)))")) }
        return SVGElement("g", attributes, children: children.map { .element($0) })
    }

    /// A rectangle; `fill` and `className` are optional (CSS may style it instead).
    public static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil, className: String? = nil,
        rx: Double = 0
    ) -> SVGElement {
        var attributes = [("x", n(x)), ("y", n(y)), ("width", n(max(0, width))), ("height", n(max(0, height)))]
        if rx > 0 { attributes.append(("rx", n(rx))) }
        if let fill { attributes.append(("fill", fill)) }
        if let className { attributes.append(("class", className)) }
        return SVGElement("rect", attributes)
    }

    /// A straight line.
    public static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String? = nil, className: String? = nil
    )
        -> SVGElement
    {
        var attributes = [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2))]
        if let stroke { attributes.append(("stroke", stroke)) }
        if let className { attributes.append(("class", className)) }
        return SVGElement("line", attributes)
    }

    /// A polyline through `points` (no fill).
    public static func polyline(_ points: [(Double, Double)], stroke: String, className: String? = nil) -> SVGElement {
        var attributes = [
            ("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")), ("fill", "none"),
            ("stroke", stroke),
        ]
        if let className { attributes.append(("class", className)) }
        return SVGElement("polyline", attributes)
    }

    /// A path from SVG path data built with ``PathData``.
    public static func path(_ data: PathData, stroke: String? = nil, fill: String = "none", className: String? = nil)
        -> SVGElement
    {
        var attributes = [("d", data.text), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        if let className { attributes.append(("class", className)) }
        return SVGElement("path", attributes)
    }

    /// A circle.
    public static func circle(cx: Double, cy: Double, r: Double, fill: String, className: String? = nil) -> SVGElement {
        var attributes = [("cx", n(cx)), ("cy", n(cy)), ("r", n(r)), ("fill", fill)]
        if let className { attributes.append(("class", className)) }
        return SVGElement("circle", attributes)
    }

    /// Text anchored at `(x, y)`; `anchor` is `start`, `middle` or `end`.
    public static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", className: String? = nil,
        fill: String? = nil
    ) -> SVGElement {
        var attributes = [("x", n(x)), ("y", n(y))]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if let className { attributes.append(("class", className)) }
        if let fill { attributes.append(("fill", fill)) }
        return SVGElement("text", attributes, children: [.text(content)])
    }

    /// A `<title>` child: the tooltip a browser shows on hover.
    public static func title(_ content: String) -> SVGElement {
        SVGElement("title", children: [.text(content)])
    }

    /// This element with a tooltip.
    public func titled(_ content: String) -> SVGElement {
        var copy = self
        copy.children.insert(.element(.title(content)), at: 0)
        return copy
    }
}

/// SVG path data (`M`, `L`, `H`, `V`, `Q`, `Z`), built with formatted coordinates.
public struct PathData: Sendable, Equatable {
    public private(set) var text = ""

    public init() {}

    private mutating func add(_ command: String, _ values: Double...) {
        if !text.isEmpty { text += " " }
        text += command + values.map { SVGNumber.format($0) }.joined(separator: ",")
    }

    public mutating func move(_ x: Double, _ y: Double) { add("M", x, y) }
    public mutating func line(_ x: Double, _ y: Double) { add("L", x, y) }
    public mutating func horizontal(_ x: Double) { add("H", x) }
    public mutating func vertical(_ y: Double) { add("V", y) }
    public mutating func quad(_ cx: Double, _ cy: Double, _ x: Double, _ y: Double) { add("Q", cx, cy, x, y) }
    public mutating func cubic(_ c1x: Double, _ c1y: Double, _ c2x: Double, _ c2y: Double, _ x: Double, _ y: Double) {
        add("C", c1x, c1y, c2x, c2y, x, y)
    }
    public mutating func close() { text += text.isEmpty ? "Z" : " Z" }

    /// True when no command was added.
    public var isEmpty: Bool { text.isEmpty }
}
