import Foundation
import Verticals

/// Where everything listens, once it does: printed by `simctl serve` and written to its
/// `--ready-file` as `{"edge": URL, "verticals": {"aws": URL, ...}, "control": URL, "data": DIR}`
/// (plus `"generated_by": "simctl serve"`, by which a later serve recognises its own file).
public struct ReadyInfo: Sendable, Equatable {
    /// The edge's URL (nil when the topology has no edge).
    public var edge: String?
    /// Each vertical's direct surface, in topology order.
    public var verticals: [(id: String, url: String)]
    /// The control server and dashboard.
    public var control: String
    /// The data folder's path.
    public var data: String

    public static func == (lhs: ReadyInfo, rhs: ReadyInfo) -> Bool { lhs.json() == rhs.json() }

    /// The URL of vertical `id`'s direct surface.
    public func url(of id: String) -> String? { verticals.first { $0.id == id }?.url }

    /// The ready file's JSON (one line).
    public func json() -> String {
        JSONValue.object([
            ("edge", edge.map { .string($0) } ?? .null),
            ("verticals", .object(verticals.map { ($0.id, .string($0.url)) })),
            ("control", .string(control)), ("data", .string(data)), ("generated_by", .string("simctl serve")),
        ]).serialized() + "\n"
    }

    /// The lines `simctl serve` prints.
    public func lines() -> [String] {
        var lines: [String] = []
        if let edge { lines.append("edge       \(edge)   (glassbreak.io)") }
        for (id, url) in verticals { lines.append("\(id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(url)") }
        lines.append("control    \(control)   (dashboard, faults)")
        lines.append("data       \(data)")
        return lines
    }
}
