import Foundation

/// Straight and curved arrows with drawn heads (no `<marker>` ids, so any number of drawings can
/// share one page without clashing).
enum Arrow {
    /// A line from `from` to `to` with a head at `to` (and at `from` when `both`).
    static func straight(
        from: (Double, Double), to: (Double, Double), colour: String, width: Double = 1.4, dashed: Bool = false,
        both: Bool = false, className: String? = nil
    ) -> SVGElement {
        var group = SVGElement.group(className: className)
        var line = SVGElement.line(x1: from.0, y1: from.1, x2: to.0, y2: to.1, stroke: colour)
            .with("stroke-width", SVGNumber.format(width))
        if dashed { line = line.with("stroke-dasharray", "5 3") }
        group.append(line)
        group.append(head(at: to, from: from, colour: colour))
        if both { group.append(head(at: from, from: to, colour: colour)) }
        return group
    }

    /// A quadratic curve from `from` to `to` bending through `control`, head at `to` (and `from`).
    static func curved(
        from: (Double, Double), control: (Double, Double), to: (Double, Double), colour: String, width: Double = 1.4,
        dashed: Bool = false, both: Bool = false, className: String? = nil
    ) -> SVGElement {
        var group = SVGElement.group(className: className)
        var path = PathData()
        path.move(from.0, from.1)
        path.quad(control.0, control.1, to.0, to.1)
        var element = SVGElement.path(path, stroke: colour).with("stroke-width", SVGNumber.format(width))
        if dashed { element = element.with("stroke-dasharray", "5 3") }
        group.append(element)
        group.append(head(at: to, from: control, colour: colour))
        if both { group.append(head(at: from, from: control, colour: colour)) }
        return group
    }

    /// A filled triangle pointing at `tip`, along the direction from `from`.
    static func head(at tip: (Double, Double), from: (Double, Double), colour: String, size: Double = 8) -> SVGElement {
        let angle = atan2(tip.1 - from.1, tip.0 - from.0)
        let spread = 0.42
        var path = PathData()
        path.move(tip.0, tip.1)
        path.line(tip.0 - size * cos(angle - spread), tip.1 - size * sin(angle - spread))
        path.line(tip.0 - size * cos(angle + spread), tip.1 - size * sin(angle + spread))
        path.close()
        return .path(path, fill: colour, className: "arrowhead")
    }
}
