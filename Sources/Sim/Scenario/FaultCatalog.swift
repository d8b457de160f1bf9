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
}
