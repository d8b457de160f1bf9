import Mechanisms

/// The names `simctl fuzz --ablate NAME` accepts: every ablation of the catalogue (`simctl
/// ablations`). ``ScenarioDrawer`` puts them on every drawn scenario, and ``ScenarioWriter``
/// writes them as `ablate: [...]`, so a failure file reproduces with plain `simctl run`.
public enum FuzzAblations {
    /// The names `--ablate` accepts, in catalogue order.
    public static var known: [String] { Ablation.names }

    /// Refuses any name this build cannot ablate.
    public static func validate(_ names: [String]) throws(FuzzRequestError) {
        do {
            _ = try AblationCatalog.parse(names)
        } catch {
            throw .unknownAblation(error.message)
        }
    }
}
