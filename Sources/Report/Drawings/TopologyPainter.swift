import Sim

/// Draws the components of a ``TopologyLayout`` and the faults on them.
struct TopologyPainter {
    let topology: Topology
    let layout: TopologyLayout
    private(set) var elements: [SVGElement] = []
    /// Badges already stacked on each component (keyed by a component name), to place the next.
    private var badgeCounts: [String: Int] = [:]

    init(topology: Topology, layout: TopologyLayout) {
        self.topology = topology
        self.layout = layout
    }

    mutating func paint(faults: [DrawnFault]) {
        paintConnections()
        paintSync(faults: faults)
        paintBoxes()
        for fault in faults { paint(fault) }
    }

    // MARK: components

    private mutating func paintBoxes() {
        for (name, box) in layout.registrars {
            elements.append(node(box, title: name, details: ["registrar"], fill: "#f4f6f8", className: "registrar"))
        }
        for (index, domain) in topology.domains.enumerated() {
            let detail = "DNS TTL \(Format.duration(us: domain.dnsTTLUs))" + (domain.edge == nil ? " · direct" : "")
            elements.append(
                node(layout.domains[index], title: domain.name, details: [detail], fill: "#eef4fb", className: "domain")
            )
        }
        if let edge = topology.edge, let box = layout.edge {
            let check = edge.healthCheck
            elements.append(
                node(
                    box, title: "\(edge.name) (edge)",
                    details: [
                        "gb_vertical cookie pins sessions",
                        "health check \(Format.duration(us: check.intervalUs)), up at \(check.threshold) of \(check.window)",
                    ], fill: "#fdf3e7", className: "edge"))
        }
        for (index, vertical) in topology.verticals.enumerated() {
            let column = layout.columns[index]
            elements.append(
                SVGElement.rect(
                    x: column.x, y: column.y, width: column.w, height: column.h, fill: "#fafbfc", className: "column",
                    rx: 10
                ).with("stroke", Palette.series(index)).with("stroke-width", "1.5").with("data-vertical", vertical.id))
            elements.append(
                .text(
                    "\(vertical.id) · \(vertical.environment)", x: column.x + 12, y: column.y + 19,
                    className: "node-title", fill: Palette.series(index)))
            let runtime = vertical.runtime
            elements.append(
                node(
                    layout.compute[index], title: vertical.platform,
                    details: [
                        "region \(vertical.region)",
                        "cold start \(Format.duration(us: runtime.coldStartUs)) · warm \(Format.duration(us: runtime.warmLatencyUs))",
                        "timeout \(Format.duration(us: runtime.timeoutUs)) · concurrency \(runtime.concurrency)",
                    ], fill: "#ffffff", className: "compute"))
            var databaseDetail = ["database · one SQLite file"]
            if let idle = vertical.databaseIdle {
                databaseDetail = [
                    "sleeps after \(Format.duration(us: idle.afterUs)) idle · wakes in \(Format.duration(us: idle.coldStartUs))"
                ]
            }
            elements.append(
                node(
                    layout.database[index], title: vertical.database, details: databaseDetail, fill: "#f1f7f3",
                    className: "database"))
            elements.append(
                node(
                    layout.bucket[index], title: vertical.bucket, details: ["object storage · attachments"],
                    fill: "#f1f7f3", className: "bucket"))
        }
    }

    private func node(_ box: TopologyLayout.Box, title: String, details: [String], fill: String, className: String)
        -> SVGElement
    {
        var group = SVGElement.group(className: className)
        group.append(
            SVGElement.rect(x: box.x, y: box.y, width: box.w, height: box.h, fill: fill, rx: 6).with(
                "stroke", "#9aa5b1"
            )
            .with("stroke-width", "1"))
        let lineHeight = 13.5
        let totalHeight = 13 + Double(details.count) * lineHeight
        var y = box.cy - totalHeight / 2 + 10
        group.append(.text(Self.fit(title, box.w, 7.4), x: box.cx, y: y, anchor: "middle", className: "node-title"))
        for detail in details {
            y += lineHeight
            group.append(
                .text(Self.fit(detail, box.w, 5.9), x: box.cx, y: y, anchor: "middle", className: "node-detail"))
        }
        return group
    }

    /// `text`, shortened with an ellipsis to fit `width` at about `perChar` px a character.
    static func fit(_ text: String, _ width: Double, _ perChar: Double) -> String {
        let room = Int((width - 10) / perChar)
        guard text.count > room, room > 3 else { return text }
        return String(text.prefix(room - 1)) + "…"
    }

    // MARK: connections

    private mutating func paintConnections() {
        for (index, domain) in topology.domains.enumerated() {
            let box = layout.domains[index]
            if let registrar = layout.registrars.first(where: { $0.name == domain.registrar })?.box {
                elements.append(
                    Arrow.straight(from: (registrar.cx, registrar.bottom), to: (box.cx, box.y), colour: Palette.muted))
            }
            if domain.edge != nil, let edge = layout.edge {
                elements.append(Arrow.straight(from: (box.cx, box.bottom), to: (edge.cx, edge.y), colour: Palette.ink))
                for target in domain.targets {
                    guard let vertical = topology.verticals.firstIndex(where: { $0.id == target }) else { continue }
                    // Land beside the column's centre, on the edge's side, clear of a direct domain's arrow.
                    let column = layout.columns[vertical]
                    let side: Double = edge.cx > column.cx + 1 ? 1 : (edge.cx < column.cx - 1 ? -1 : 0)
                    let land = column.cx + side * column.w * 0.22
                    let from = (edge.cx + (land - edge.cx) * 0.25, edge.bottom)
                    let to = (land, column.y)
                    elements.append(Arrow.straight(from: from, to: to, colour: Palette.ink, width: 1.6))
                    // The health checks run beside the request path, offset perpendicularly.
                    let (dx, dy) = (to.0 - from.0, to.1 - from.1)
                    let length = max((dx * dx + dy * dy).squareRoot(), 1)
                    let (px, py) = (-dy / length * 9, dx / length * 9)
                    let sign: Double = px * side >= 0 ? 1 : -1
                    elements.append(
                        Arrow.straight(
                            from: (from.0 + sign * px, from.1 + sign * py), to: (to.0 + sign * px, to.1 + sign * py),
                            colour: Palette.muted, width: 0.9, dashed: true))
                }
            } else {
                for target in domain.targets {
                    guard let vertical = topology.verticals.firstIndex(where: { $0.id == target }) else { continue }
                    let column = layout.columns[vertical]
                    let toX = min(max(box.cx, column.x + 30), column.right - 30)
                    elements.append(
                        Arrow.straight(from: (box.cx, box.bottom), to: (toX, column.y), colour: Palette.ink, width: 1.6)
                    )
                }
            }
        }
    }

    /// Sync links: adjacent verticals joined straight between their columns, others by an arc
    /// below the columns. Labels carry the link's latency.
    private mutating func paintSync(faults: [DrawnFault]) {
        let ids = topology.verticals.map(\.id)
        for a in ids.indices {
            for b in ids.indices where b > a {
                let key = SimNetwork.pairKey(ids[a], ids[b])
                let spec = topology.network.pairLinks.first { $0.0 == key }?.1 ?? topology.network.defaultLink
                let label = "\(Format.duration(us: spec.latencyUs)) ± \(Format.duration(us: spec.jitterUs))"
                let hit = faults.filter { $0.target == .link(ids[a], ids[b]) || $0.target == .link(ids[b], ids[a]) }
                let colour = hit.isEmpty ? Palette.series(3) : Palette.fault
                let (left, right) = (layout.columns[a], layout.columns[b])
                let anchor: (Double, Double)
                if b == a + 1 {
                    let y = layout.compute[a].cy
                    elements.append(
                        Arrow.straight(
                            from: (left.right + 2, y), to: (right.x - 2, y), colour: colour, width: 2, both: true,
                            className: "sync-link"
                        ).with("data-link", "\(ids[a])-\(ids[b])"))
                    anchor = ((left.right + right.x) / 2, y)
                    elements.append(.text("sync", x: anchor.0, y: y - 24, anchor: "middle", className: "edge-label"))
                    elements.append(.text(label, x: anchor.0, y: y - 12, anchor: "middle", className: "edge-label"))
                } else {
                    let from = (left.cx, left.bottom + 2)
                    let to = (right.cx, right.bottom + 2)
                    let control = ((from.0 + to.0) / 2, layout.arcY + 34)
                    elements.append(
                        Arrow.curved(
                            from: from, control: control, to: to, colour: colour, width: 2, both: true,
                            className: "sync-link"
                        ).with("data-link", "\(ids[a])-\(ids[b])"))
                    anchor = (control.0, (from.1 + control.1) / 2 + 4)
                    elements.append(
                        .text("sync \(label)", x: anchor.0, y: anchor.1 + 26, anchor: "middle", className: "edge-label")
                    )
                }
                if !hit.isEmpty { elements.append(cut(at: anchor)) }
                var tagX = anchor.0 + 12
                let tagY = b == a + 1 ? anchor.1 + 4 : anchor.1 - 22
                for fault in hit {
                    elements.append(tag(fault.window.tag, x: tagX, y: tagY).with("data-fault", fault.window.tag))
                    tagX += Self.tagWidth(fault.window.tag) + 3
                }
            }
        }
    }

    /// A red cross on a link: the mark of a partition or message fault.
    private func cut(at point: (Double, Double)) -> SVGElement {
        .group(
            className: "cut",
            [
                SVGElement.line(
                    x1: point.0 - 7, y1: point.1 - 7, x2: point.0 + 7, y2: point.1 + 7, stroke: Palette.fault
                )
                .with("stroke-width", "3"),
                SVGElement.line(
                    x1: point.0 - 7, y1: point.1 + 7, x2: point.0 + 7, y2: point.1 - 7, stroke: Palette.fault
                )
                .with("stroke-width", "3"),
            ])
    }

    // MARK: faults

    private mutating func paint(_ fault: DrawnFault) {
        let box: TopologyLayout.Box
        let key: String
        switch fault.target {
        case .vertical(let id):
            guard let index = topology.verticals.firstIndex(where: { $0.id == id }) else { return }
            box = layout.box(fault.verticalPart, index)
            key = "\(id)/\(fault.verticalPart)"
        case .edge:
            guard let edge = layout.edge else { return }
            box = edge
            key = "edge"
        case .domain(let name):
            guard let index = topology.domains.firstIndex(where: { $0.name == name }) else { return }
            if fault.kind == .registrarSuspension,
                let registrar = layout.registrars.first(where: { $0.name == topology.domains[index].registrar })
            {
                box = registrar.box
                key = "registrar/\(registrar.name)"
            } else {
                box = layout.domains[index]
                key = "domain/\(name)"
            }
        case .link:
            return  // drawn with the sync links
        }
        let stacked = badgeCounts[key, default: 0]
        badgeCounts[key] = stacked + 1
        if stacked == 0 {
            elements.append(
                SVGElement.rect(x: box.x - 3, y: box.y - 3, width: box.w + 6, height: box.h + 6, rx: 8).with(
                    "fill", "none"
                )
                .with("stroke", Palette.fault).with("stroke-width", "3").with("stroke-dasharray", "7 4")
                .with("class", "fault-outline").with("data-fault", fault.window.tag))
        }
        // A tag (F1) sits on the component's top-right corner; several stack leftwards. The list
        // under the drawing says what each tag is.
        let x = box.right - 6 - Double(stacked) * (Self.tagWidth("F00") + 3) - Self.tagWidth(fault.window.tag)
        elements.append(tag(fault.window.tag, x: x, y: box.y - 8).with("data-fault", fault.window.tag))
    }

    static func tagWidth(_ text: String) -> Double { Double(text.count) * 7 + 10 }

    /// A red pill with white text (a fault's tag), its top-left at `(x, y)`.
    private func tag(_ text: String, x: Double, y: Double) -> SVGElement {
        let width = Self.tagWidth(text)
        return .group(
            className: "fault-badge",
            [
                .rect(x: x, y: y, width: width, height: 16, fill: Palette.fault, rx: 8),
                .text(text, x: x + width / 2, y: y + 12, anchor: "middle", className: "small", fill: "#ffffff")
                    .with("font-weight", "700"),
            ])
    }
}
