/// What `simctl explain NAME` prints about a check, a fault kind or an ablation: what it means,
/// how it is measured, an example of its failure message, and the library scenario that shows it.
public struct Explanation: Sendable, Equatable {
    /// What kind of name it is.
    public enum Category: String, Sendable, CaseIterable {
        case check, fault, ablation
    }

    public let name: String
    public let category: Category
    /// What it means, in a sentence or two.
    public let meaning: String
    /// How the simulator measures it (or, for a fault, what it does to the world).
    public let measured: String
    /// A failure message as `simctl run` prints it.
    public let failureExample: String
    /// The library scenario that shows it (`scenarios/...`), if one does.
    public let scenario: String?

    public init(
        _ name: String, _ category: Category, meaning: String, measured: String, failureExample: String,
        scenario: String?
    ) {
        self.name = name
        self.category = category
        self.meaning = meaning
        self.measured = measured
        self.failureExample = failureExample
        self.scenario = scenario
    }

    /// The text `simctl explain` prints.
    public var text: String {
        var lines = ["\(name) (\(category.rawValue))", "", meaning, "", "How it is measured:", "  \(measured)"]
        lines += ["", "A failure looks like:"] + failureExample.split(separator: "\n").map { "  \($0)" }
        lines += ["", "Shown by: \(scenario.map { "\($0)  (simctl run \($0))" } ?? "no library scenario yet")"]
        return lines.joined(separator: "\n")
    }
}

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
