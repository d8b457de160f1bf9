/// Every fault kind of the scenario format, with its target and fields.
public enum FaultKind: String, CaseIterable, Sendable {
    case computeOutage = "compute-outage"
    case controlPlaneOutage = "control-plane-outage"
    case databaseOutage = "database-outage"
    case bucketOutage = "bucket-outage"
    case providerOutage = "provider-outage"
    case crash
    case secretMismatch = "secret-mismatch"
    case brownout
    case clockSkew = "clock-skew"
    case edgeOutage = "edge-outage"
    case edgeError = "edge-error"
    case registrarSuspension = "registrar-suspension"
    case dnsMisconfiguration = "dns-misconfiguration"
    case partition
    case linkLatency = "link-latency"
    case messageLoss = "message-loss"
    case messageDuplication = "message-duplication"
    case messageReorder = "message-reorder"
    case messageTamper = "message-tamper"

    /// What the kind aims at.
    public var targetKind: FaultTargetKind {
        switch self {
        case .computeOutage, .controlPlaneOutage, .databaseOutage, .bucketOutage, .providerOutage,
            .crash, .secretMismatch, .brownout, .clockSkew:
            return .vertical
        case .edgeOutage, .edgeError: return .edge
        case .registrarSuspension, .dnsMisconfiguration: return .domain
        case .partition, .linkLatency, .messageLoss, .messageDuplication, .messageReorder, .messageTamper: return .link
        }
    }

    /// Fields the kind requires.
    public var requiredFields: [FaultField] {
        switch self {
        case .brownout, .messageLoss, .messageDuplication, .messageReorder, .messageTamper: return [.rate]
        case .clockSkew: return [.offset]
        case .linkLatency: return [.latency]
        default: return []
        }
    }

    /// Fields the kind may take.
    public var optionalFields: [FaultField] {
        switch self {
        case .partition: return [.oneway]
        case .linkLatency: return [.jitter]
        case .edgeError: return [.rate, .count]
        default: return []
        }
    }

    /// One line on what the fault does, for `simctl faults` and the docs.
    public var summary: String {
        switch self {
        case .computeOutage: return "the vertical's compute answers 5xx to every request"
        case .controlPlaneOutage: return "cold starts fail; warm instances keep serving"
        case .databaseOutage: return "the vertical's database refuses connections: API calls that need it answer 503"
        case .bucketOutage: return "the vertical's object storage fails: attachment calls answer 503"
        case .providerOutage: return "every layer of the vertical at once, its outbound sync included"
        case .crash: return "the vertical loses its in-memory state and restarts when the fault ends"
        case .secretMismatch: return "the vertical signs its sync envelopes with a wrong key"
        case .brownout: return "a fraction `rate` of the vertical's responses become 5xx"
        case .clockSkew: return "the vertical's clock is off by `offset` (may be negative)"
        case .edgeOutage: return "the edge is unreachable: its domain stops serving"
        case .edgeError: return "the edge itself answers 5xx (a fraction `rate`, or the first `count` requests)"
        case .registrarSuspension: return "the domain stops resolving once resolver caches expire"
        case .dnsMisconfiguration: return "the domain points at nothing for the fault and then its TTL"
        case .partition: return "messages between the two verticals are dropped (`oneway`: first to second only)"
        case .linkLatency: return "the link's latency (and jitter) become `latency` (`jitter`)"
        case .messageLoss: return "a fraction `rate` of sync messages on the link is lost"
        case .messageDuplication: return "a fraction `rate` of sync messages on the link is delivered twice"
        case .messageReorder: return "a fraction `rate` of sync messages on the link may overtake earlier ones"
        case .messageTamper:
            return "an attacker rewrites a fraction `rate` of sync messages on the link (signatures kept)"
        }
    }
}
