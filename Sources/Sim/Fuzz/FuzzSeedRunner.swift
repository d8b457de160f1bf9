import Foundation

/// Runs drawn scenarios for a campaign, each in its own world and its own run folder under the
/// campaign's work folder, removed afterwards. Several runners may work at once on different
/// threads: a ``Simulation`` shares no mutable state with another, so each seed's run is the same
/// as it would be alone (the determinism tests check this).
struct FuzzSeedRunner: Sendable {
    let work: URL
    /// Test hook: sees each world before it runs; nil in `simctl` (ablations travel on the scenario).
    let plant: (@Sendable (Simulation) -> Void)?
    /// The databases each run folder starts with (migrated once per campaign).
    let templates: FuzzDatabaseTemplate

    init(work: URL, plant: (@Sendable (Simulation) -> Void)?) {
        self.work = work
        self.plant = plant
        templates = FuzzDatabaseTemplate(folder: work)
    }

    /// Runs `scenario` in `work/TAG` and returns its result; the folder is removed.
    func run(_ scenario: Scenario, tag: String) throws -> RunResult {
        let folder = work.appendingPathComponent(tag)
        defer {
            // try?-ok: a leftover run folder is removed with the whole work folder at the end.
            try? FileManager.default.removeItem(at: folder)  // try?-ok: its own scratch folder
        }
        try templates.seed(folder, for: scenario)
        let simulation = try Simulation(scenario: scenario, directory: folder)
        // Events still pending when a run ends (sync retries, timers) hold closures that capture
        // the world's components, which hold the queue: a cycle that would keep every seed's
        // SQLite files, logs and memory alive for the rest of the campaign. Drop them.
        defer { simulation.queue.removeAll() }
        plant?(simulation)
        return try simulation.run()
    }

    /// Whether `scenario`'s run fails the check called `target`.
    func fails(_ scenario: Scenario, target: String, tag: String) throws -> Bool {
        try run(scenario, tag: tag).checks.contains { $0.name == target && !$0.pass }
    }
}
