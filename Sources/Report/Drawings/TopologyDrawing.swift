import Sim

/// The topology as a picture: registrars → domains (with their DNS TTL) → the edge → the
/// verticals (platform, region, runtime limits), each with its database and bucket, the signed
/// sync links between verticals, and every fault drawn on the component it hit.
///
/// ```swift
/// let svg = TopologyDrawing(topology: scenario.topology, faults: DrawnFault.of(scenario), title: "standard").render()
/// ```
public struct TopologyDrawing {
    public let topology: Topology
    public let faults: [DrawnFault]
    public let title: String
    /// Whether to say what each fault hit (known after a run, not from a scenario alone).
    public let showHits: Bool

    public init(topology: Topology, faults: [DrawnFault], title: String, showHits: Bool = false) {
        self.topology = topology
        self.faults = faults
        self.title = title
        self.showHits = showHits
    }

    static let faultLineHeight = 17.0

    /// Rows of the fault list under the drawing (two columns past four faults).
    var faultRows: Int { faults.count <= 4 ? faults.count : (faults.count + 1) / 2 }

    /// The finished drawing.
    public func render() -> SVGElement {
        let layout = TopologyLayout(topology: topology)
        let height = layout.height + Double(faultRows) * Self.faultLineHeight + (faults.isEmpty ? 0 : 8)
        var svg = SVGElement.svg(
            width: layout.width, height: height, label: "topology: \(title)", className: "topology")
        svg.append(.text(title, x: 16, y: 22, className: "title"))
        var painter = TopologyPainter(topology: topology, layout: layout)
        painter.paint(faults: faults)
        svg.append(contentsOf: painter.elements)
        svg.append(legend(layout))
        svg.append(faultList(layout))
        return svg
    }

    private func legend(_ layout: TopologyLayout) -> SVGElement {
        var items: [(String, String)] = [
            ("request path", Palette.ink), ("signed outbox sync", Palette.series(3)),
            ("edge health checks", Palette.muted),
        ]
        if !faults.isEmpty { items.append(("fault, drawn on what it hit", Palette.fault)) }
        return ChartLegend.render(items, x: 16, y: layout.height - 10)
    }

    /// One line per fault: its tag, kind, target, window (and what it hit).
    private func faultList(_ layout: TopologyLayout) -> SVGElement {
        var group = SVGElement.group(className: "fault-list")
        let columnWidth = (layout.width - 32) / 2
        for (index, fault) in faults.enumerated() {
            let column = faults.count <= 4 ? 0 : index / faultRows
            let row = faults.count <= 4 ? index : index % faultRows
            let x = 16 + Double(column) * columnWidth
            let y = layout.height + 8 + Double(row) * Self.faultLineHeight
            group.append(.rect(x: x, y: y - 11, width: 30, height: 14, fill: Palette.fault, rx: 7))
            group.append(
                SVGElement.text(
                    fault.window.tag, x: x + 15, y: y, anchor: "middle", className: "small", fill: "#ffffff"
                )
                .with("font-weight", "700"))
            var text = "\(fault.kind.rawValue) on \(fault.where) · \(fault.window.span)"
            if showHits {
                text +=
                    fault.window.hit
                    ? " · hit \(fault.window.affectedRequests) requests, \(fault.window.affectedMessages) messages"
                    : " · hit nothing"
            }
            group.append(.text(text, x: x + 36, y: y, className: "legend-text"))
        }
        return group
    }
}
