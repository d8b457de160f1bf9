/// Every name `simctl explain` knows: the checks (``CheckCatalog``), the fault kinds
/// (``FaultCatalog/explanations``) and the ablations (``AblationCatalog/explanations``). A new family of names joins by adding its
/// explanations to ``providers``.
public enum ExplainCatalog {
    /// The sources of explanations, in the order they are listed.
    public static let providers: [@Sendable () -> [Explanation]] = [
        { CheckCatalog.entries },
        { FaultCatalog.explanations },
        { AblationCatalog.explanations },
    ]

    /// Every explanation.
    public static var all: [Explanation] { providers.flatMap { $0() } }

    /// The explanation of `name`, or an error listing every valid name.
    public static func explain(_ name: String) -> Result<Explanation, UnknownName> {
        if let entry = all.first(where: { $0.name == name }) { return .success(entry) }
        return .failure(UnknownName(name: name, known: all))
    }

    /// A name `simctl explain` does not know; its description lists the valid ones by category.
    public struct UnknownName: Error, CustomStringConvertible {
        public let name: String
        let known: [Explanation]

        public var description: String {
            var lines = ["simctl explain: unknown name \"\(Quote.short(name))\" (expected one of the names below)"]
            for category in Explanation.Category.allCases {
                let names = known.filter { $0.category == category }.map(\.name)
                guard !names.isEmpty else { continue }
                lines.append("  \(category.rawValue)s: \(names.joined(separator: ", "))")
            }
            return lines.joined(separator: "\n")
        }
    }
}
