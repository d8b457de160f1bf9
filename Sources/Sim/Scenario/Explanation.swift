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
