/// The operations a generated user performs. `delete` (a runbook, written as a tombstone) is
/// not in the default mix: a scenario opts in with a weight.
public enum WorkloadOperation: String, CaseIterable, Sendable {
    case create, update, read, list, upload, download, delete
}
