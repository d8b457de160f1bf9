/// ABLATION SEAM (issue 13). `simctl fuzz --ablate NAME` is parsed and handed here; the names this
/// build knows are checked, and ``ScenarioDrawer`` puts them on every drawn scenario.
///
/// This build has no ablations yet, so every name is refused (exit status 2) rather than
/// silently ignored. When the ablations land, three small changes finish the feature:
/// 1. ``known`` returns the ablation catalogue's names;
/// 2. ``ScenarioDrawer/draw(seed:)`` sets the drawn scenario's ablation list (marked there);
/// 3. ``ScenarioWriter/yaml(_:header:)`` writes `ablate: [...]` (marked there), so a failure file
///    reproduces with plain `simctl run`.
/// The find-and-shrink test in `FuzzFindsDefectsTests` is a table; each ablation becomes a row.
public enum FuzzAblations {
    /// The names `--ablate` accepts.
    public static var known: [String] { [] }

    /// Refuses any name this build cannot ablate.
    public static func validate(_ names: [String]) throws(FuzzRequestError) {
        for name in names where !known.contains(name) {
            let expected =
                known.isEmpty ? "this build has no ablations yet" : "expected one of: \(known.joined(separator: ", "))"
            throw .unknownAblation("--ablate \(name): unknown ablation (\(expected))")
        }
    }
}
