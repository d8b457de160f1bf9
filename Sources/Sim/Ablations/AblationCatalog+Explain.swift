extension AblationCatalog {
    /// Each ablation for `simctl explain`: the mechanism it removes, what that mechanism
    /// prevents, the checks that catch its absence and the scenario that shows it.
    public static var explanations: [Explanation] {
        entries.map { entry in
            Explanation(
                entry.name, .ablation,
                meaning: "Removes a mechanism of the design: \(entry.mechanism) Without it: \(entry.prevents)",
                measured:
                    "`--ablate \(entry.name)` (or `ablate: [\(entry.name)]` in a scenario) builds the system the way a developer who forgot the mechanism would have; the checks \(entry.caughtBy.joined(separator: ", ")) catch its absence.",
                failureExample: """
                    $ simctl run \(entry.scenario) --ablate \(entry.name)
                    \(entry.caughtBy.map { "  FAIL \($0)  ..." }.joined(separator: "\n"))
                    (the same scenario passes without --ablate)
                    """,
                scenario: entry.scenario)
        }
    }
}
