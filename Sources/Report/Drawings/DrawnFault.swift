import Sim

/// A fault as the topology drawing shows it: its window (number, span) and what it aimed at.
public struct DrawnFault: Sendable {
    public var window: FaultWindow
    public var kind: FaultKind
    public var target: FaultTarget
    public var oneway: Bool

    public init(window: FaultWindow, kind: FaultKind, target: FaultTarget, oneway: Bool) {
        self.window = window
        self.kind = kind
        self.target = target
        self.oneway = oneway
    }

    /// The faults of `scenario`, with the windows of `result` when the run is known (their
    /// counts of what they hit), else as scheduled.
    public static func of(_ scenario: Scenario, windows: [FaultWindow]? = nil) -> [DrawnFault] {
        scenario.faults.enumerated().map { index, spec in
            let window =
                windows.flatMap { index < $0.count ? $0[index] : nil }
                ?? FaultWindow(
                    number: index + 1, kind: spec.kind.rawValue, target: spec.target.description, startUs: spec.atUs,
                    endUs: spec.endUs(chaosEndUs: scenario.durationUs))
            return DrawnFault(window: window, kind: spec.kind, target: spec.target, oneway: spec.oneway)
        }
    }

    /// The part of a vertical the fault hits.
    var verticalPart: TopologyLayout.Part {
        switch kind {
        case .providerOutage, .crash: return .column
        case .databaseOutage: return .database
        case .bucketOutage: return .bucket
        default: return .compute
        }
    }

    /// The component it hit, in words: `aws (whole vertical)`, `aws ⇄ scaleway`.
    var `where`: String {
        switch target {
        case .vertical(let id):
            switch verticalPart {
            case .column: return "\(id) (every layer)"
            case .compute: return "\(id) compute"
            case .database: return "\(id) database"
            case .bucket: return "\(id) bucket"
            }
        case .edge(let name): return "edge \(name)"
        case .domain(let name): return kind == .registrarSuspension ? "the registrar of \(name)" : "\(name) DNS"
        case .link(let a, let b): return oneway ? "\(a) → \(b)" : "\(a) ⇄ \(b)"
        }
    }
}
