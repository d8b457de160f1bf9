/// What a fault kind aims at.
public enum FaultTargetKind: String, Sendable {
    case vertical, edge, domain, link
}
