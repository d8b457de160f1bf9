/// The fault kinds as `simctl faults` lists them.
public enum FaultCatalog {
    /// One line per kind: name, target, fields, what it does.
    public static func text() -> String {
        var lines = [
            "Every fault takes at: (when it starts) and optional for: (how long; default: to the end of the chaos phase).",
            "",
        ]
        let width = FaultKind.allCases.map(\.rawValue.count).max() ?? 0
        for kind in FaultKind.allCases {
            let target =
                kind.targetKind == .link ? "between: [V, V]" : "target: \(kind.targetKind.rawValue.uppercased())"
            let fields = kind.requiredFields.map(\.rawValue) + kind.optionalFields.map { "[\($0.rawValue)]" }
            let name = kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let fieldText = fields.isEmpty ? "" : " " + fields.joined(separator: " ")
            lines.append("\(name)  \(target)\(fieldText)\n\(String(repeating: " ", count: width + 2))\(kind.summary)")
        }
        return lines.joined(separator: "\n")
    }

    /// The library scenario that shows each kind, if one does.
    /// Every kind has one (a test enforces it), so the library covers every fault in CI.
    static func scenario(_ kind: FaultKind) -> String? {
        switch kind {
        case .computeOutage: return "aws-compute-outage"
        case .controlPlaneOutage: return "control-plane-outage"
        case .databaseOutage: return "database-outage"
        case .bucketOutage: return "bucket-outage"
        case .providerOutage: return "provider-outage"
        case .crash: return "crash-restart"
        case .secretMismatch: return "sync-key-mismatch"
        case .brownout: return "brownout"
        case .clockSkew: return "clock-skew"
        case .edgeOutage: return "edge-outage"
        case .registrarSuspension: return "registrar-suspension"
        case .dnsMisconfiguration: return "dns-bad-push"
        case .partition: return "partition-heal"
        case .linkLatency: return "slow-peer"
        case .messageLoss: return "message-loss"
        case .messageDuplication: return "message-duplication"
        case .messageReorder: return "message-reorder"
        case .edgeError: return "edge-error"
        case .messageTamper: return "message-tamper"
        }
    }

    /// Each fault kind for `simctl explain`: what it does, what the result counts of it, and how
    /// a fault that hit nothing shows.
    public static var explanations: [Explanation] {
        FaultKind.allCases.map { kind in
            let target =
                kind.targetKind == .link ? "between: [V, V]" : "target: \(kind.targetKind.rawValue.uppercased())"
            let fields = kind.requiredFields.map(\.rawValue) + kind.optionalFields.map { "[\($0.rawValue)]" }
            let counted =
                kind.targetKind == .link
                ? "the sync messages it dropped, delayed, duplicated or rewrote (affected_messages)"
                : "the requests it failed or slowed (affected_requests) and the sync messages it stopped (affected_messages)"
            return Explanation(
                kind.rawValue, .fault,
                meaning:
                    "\(kind.summary). Written {at: 5m, for: 10m, kind: \(kind.rawValue), \(target)\(fields.isEmpty ? "" : ", " + fields.joined(separator: ", "))}.",
                measured:
                    "From at until at + for (default: the end of the chaos phase); the result lists the fault with \(counted).",
                failureExample:
                    "fault \(kind.rawValue) on \(kind.targetKind == .link ? "aws-scaleway" : kind.targetKind == .vertical ? "aws" : kind.targetKind == .edge ? "fastly" : "glassbreak.cloud") at 5m00.000s for 10m00.000s: 0 requests, 0 messages  (hit nothing)",
                scenario: scenario(kind).map { "scenarios/\($0).yaml" })
        }
    }
}
