/// The version of simctl and the Sim library, written into every run folder's marker and
/// printed by `simctl --version`.
public enum ToolVersion {
    public static let current = "0.2.0"
}
