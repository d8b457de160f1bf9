import Foundation

/// How a campaign runs: which seeds, how many at once, how hard to shrink.
public struct FuzzOptions: Sendable {
    public var selection: SeedSelection
    /// Seeds run at once, each on its own thread with its own world.
    public var jobs: Int
    /// Most runs spent shrinking one failing seed (0: write the failure unshrunk).
    public var shrinkRuns: Int
    /// `--ablate` names, already validated by ``FuzzAblations/validate(_:)``.
    public var ablations: [String]
    /// Test hook: sees each world before it runs (the lifetime test watches them). Not reachable
    /// from simctl; mechanisms are removed with `ablations`, never through this hook.
    var plant: (@Sendable (Simulation) -> Void)?

    public static let maximumJobs = 256
    public static let defaultShrinkRuns = 200

    public init(selection: SeedSelection, jobs: Int, shrinkRuns: Int = defaultShrinkRuns, ablations: [String] = []) {
        precondition(jobs >= 1 && jobs <= Self.maximumJobs, "jobs out of range")
        precondition(shrinkRuns >= 0, "negative shrink runs")
        self.selection = selection
        self.jobs = jobs
        self.shrinkRuns = shrinkRuns
        self.ablations = ablations
    }
}
