import Foundation
import Verticals

/// What a run folder keeps besides the trace and the result so that `simctl report RUN_FOLDER`
/// can draw the report later without the original file: the scenario exactly as it was run
/// (`scenario.yaml`) and where it came from (`run.json`: `{"scenario_file": PATH}`), for the
/// command that reproduces the run.
public enum RunFolderFiles {
    /// The scenario's YAML text, byte for byte.
    public static let scenarioName = "scenario.yaml"
    /// `{"scenario_file": "scenarios/x.yaml"}`.
    public static let runInfoName = "run.json"
    public static let traceName = "trace.jsonl"
    public static let resultName = "result.json"

    /// Writes `scenario.yaml` and `run.json` into the (existing) run folder.
    public static func keep(_ scenario: Scenario, in folder: URL) throws {
        try Data(scenario.sourceYAML.utf8).write(to: folder.appendingPathComponent(scenarioName))
        let info = JSONValue.object([("scenario_file", .string(scenario.file))])
        try Data((info.serialized() + "\n").utf8).write(to: folder.appendingPathComponent(runInfoName))
    }
}
