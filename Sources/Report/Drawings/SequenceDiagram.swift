/// A sequence diagram: lanes (client, edge, verticals) across, steps down in time order, each
/// step a message between lanes or a note on one; long pauses shown as a gap row; shaded bands
/// on a lane for a fault's span.
///
/// ```swift
/// var diagram = SequenceDiagram(title: "read-your-writes", lanes: [...])
/// diagram.message(atUs: 60_000_000, from: "client", to: "aws", "create runbook:r1")
/// diagram.note(atUs: 60_010_000, on: "aws", "commit: outbox seq 14")
/// let svg = diagram.render()
/// ```
public struct SequenceDiagram {
    /// A participant: its id (used by steps), title and a second line.
    public struct Lane: Sendable {
        public var id: String
        public var title: String
        public var subtitle: String
        public var colour: String

        public init(id: String, title: String, subtitle: String, colour: String = Palette.ink) {
            self.id = id
            self.title = title
            self.subtitle = subtitle
            self.colour = colour
        }
    }

    /// How a step is drawn.
    public enum Style: Sendable {
        case normal
        /// The step the story is about (the read that missed, the missing write).
        case bad
        /// A reply or an asynchronous message.
        case reply
        /// A message that never arrived.
        case lost
        case good
    }

    /// One row.
    public enum Step: Sendable {
        case message(atUs: Int64, from: String, to: String, text: String, style: Style)
        case note(atUs: Int64, lane: String, text: String, style: Style)

        var atUs: Int64 {
            switch self {
            case .message(let atUs, _, _, _, _), .note(let atUs, _, _, _): return atUs
            }
        }
    }

    /// A shaded span on a lane (a fault), from one instant to another.
    public struct Band: Sendable {
        public var lane: String
        public var startUs: Int64
        public var endUs: Int64
        public var text: String
    }

    public let title: String
    public let lanes: [Lane]
    public private(set) var steps: [Step] = []
    public private(set) var bands: [Band] = []
    /// A pause longer than this between two steps gets a gap row.
    public var gapUs: Int64 = 5_000_000

    static let width = 1100.0
    static let timeColumn = 92.0
    static let headerHeight = 58.0
    static let rowHeight = 30.0
    static let gapHeight = 22.0

    public init(title: String, lanes: [Lane]) {
        self.title = title
        self.lanes = lanes
    }

    public mutating func message(atUs: Int64, from: String, to: String, _ text: String, style: Style = .normal) {
        steps.append(.message(atUs: atUs, from: from, to: to, text: text, style: style))
    }

    public mutating func note(atUs: Int64, on lane: String, _ text: String, style: Style = .normal) {
        steps.append(.note(atUs: atUs, lane: lane, text: text, style: style))
    }

    public mutating func band(on lane: String, fromUs: Int64, toUs: Int64, _ text: String) {
        bands.append(Band(lane: lane, startUs: fromUs, endUs: toUs, text: text))
    }

    /// Rows in time order (stable for equal times), with gap rows between distant steps.
    var rows: [(step: Step?, y: Double, gapUs: Int64)] {
        let ordered = steps.enumerated().sorted { ($0.element.atUs, $0.offset) < ($1.element.atUs, $1.offset) }
            .map(\.element)
        var rows: [(Step?, Double, Int64)] = []
        var y = Self.headerHeight + 18
        var previous: Int64?
        for step in ordered {
            if let previous, step.atUs - previous > gapUs {
                rows.append((nil, y, step.atUs - previous))
                y += Self.gapHeight
            }
            rows.append((step, y, 0))
            y += Self.rowHeight
            previous = step.atUs
        }
        return rows
    }

    func laneX(_ id: String) -> Double {
        let index = lanes.firstIndex { $0.id == id } ?? 0
        let span = (Self.width - Self.timeColumn - 40) / Double(max(lanes.count, 1))
        return Self.timeColumn + 20 + span * (Double(index) + 0.5)
    }

    public var height: Double { (rows.last?.y ?? Self.headerHeight) + Self.rowHeight + 10 }

    public func render() -> SVGElement {
        let rows = rows
        let bottom = (rows.last?.y ?? Self.headerHeight) + 16
        var svg = SVGElement.svg(width: Self.width, height: height, label: title, className: "sequence")
        svg.append(.text(title, x: 12, y: 18, className: "title"))
        for lane in lanes {
            let x = laneX(lane.id)
            svg.append(
                SVGElement.line(x1: x, y1: Self.headerHeight, x2: x, y2: bottom, stroke: "#b8c0c9").with(
                    "stroke-dasharray", "4 3"))
            svg.append(
                .rect(x: x - 85, y: 26, width: 170, height: 32, fill: "#f4f6f8", rx: 6).with("stroke", "#9aa5b1"))
            svg.append(.text(lane.title, x: x, y: 39, anchor: "middle", className: "node-title", fill: lane.colour))
            svg.append(.text(lane.subtitle, x: x, y: 52, anchor: "middle", className: "node-detail"))
        }
        for band in bands { svg.append(render(band, rows: rows, bottom: bottom)) }
        for row in rows {
            guard let step = row.step else {
                svg.append(
                    .text(
                        "⋮ \(Format.duration(us: row.gapUs)) later", x: Self.timeColumn - 6, y: row.y + 4,
                        anchor: "end",
                        className: "small", fill: Palette.muted))
                continue
            }
            svg.append(
                .text(
                    Format.instant(us: step.atUs), x: Self.timeColumn - 6, y: row.y + 4, anchor: "end",
                    className: "tick"))
            svg.append(render(step, y: row.y))
        }
        return svg
    }

    private func colour(_ style: Style) -> String {
        switch style {
        case .normal, .reply: return Palette.ink
        case .bad, .lost: return Palette.failed
        case .good: return Palette.ok
        }
    }

    private func render(_ step: Step, y: Double) -> SVGElement {
        switch step {
        case .message(_, let from, let to, let text, let style):
            let x0 = laneX(from)
            let x1 = laneX(to)
            var group = SVGElement.group(className: "message")
            if style == .lost {
                let end = x0 + (x1 - x0) * 0.6
                group.append(
                    SVGElement.line(x1: x0, y1: y, x2: end, y2: y, stroke: colour(style)).with(
                        "stroke-dasharray", "5 3"
                    )
                    .with("stroke-width", "1.5"))
                group.append(
                    .text("✕", x: end, y: y + 5, anchor: "middle", className: "node-title", fill: colour(style)))
            } else {
                group.append(
                    Arrow.straight(
                        from: (x0, y), to: (x1 + (x1 > x0 ? -1 : 1), y), colour: colour(style),
                        width: style == .bad ? 2.2 : 1.4, dashed: style == .reply))
            }
            let middle = (x0 + x1) / 2
            group.append(
                .text(text, x: middle, y: y - 5, anchor: "middle", className: "small", fill: colour(style)).with(
                    "font-weight", style == .bad ? "700" : "400"))
            return group
        case .note(_, let lane, let text, let style):
            let x = laneX(lane)
            let width = Double(text.count) * 5.9 + 16
            var group = SVGElement.group(className: "note")
            let fill = style == .bad ? "#fdecea" : (style == .good ? "#e9f6ee" : "#fffbea")
            group.append(
                SVGElement.rect(x: x - width / 2, y: y - 11, width: width, height: 19, fill: fill, rx: 4).with(
                    "stroke", style == .normal ? "#d9c98a" : colour(style)))
            group.append(.text(text, x: x, y: y + 3, anchor: "middle", className: "small", fill: colour(style)))
            return group
        }
    }

    private func render(_ band: Band, rows: [(step: Step?, y: Double, gapUs: Int64)], bottom: Double) -> SVGElement {
        let x = laneX(band.lane)
        let inside = rows.filter { row in
            guard let step = row.step else { return false }
            return step.atUs >= band.startUs && step.atUs <= band.endUs
        }
        let top = inside.first.map { $0.y - 14 } ?? Self.headerHeight
        let end = rows.first { ($0.step?.atUs ?? .min) > band.endUs }.map { $0.y - 16 } ?? bottom
        return .group(
            className: "band",
            [
                SVGElement.rect(x: x - 9, y: top, width: 18, height: max(end - top, 6), fill: Palette.faultFill, rx: 3)
                    .with("stroke", Palette.fault).with("stroke-dasharray", "3 2").titled(band.text),
                SVGElement.text(
                    String(band.text.prefix { $0 != " " }), x: x, y: top - 3, anchor: "middle",
                    className: "fault-label",
                    fill: Palette.fault),
            ])
    }
}
