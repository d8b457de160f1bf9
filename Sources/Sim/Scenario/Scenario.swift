/// One scenario file, parsed and checked: what to run, what to break and what to expect.
///
/// Load one with ``ScenarioLoader``; every field here has already been validated against the
/// topology (fault targets exist, surfaces are domains, rates are in range).
public struct Scenario: Sendable {
    /// `[a-z0-9-]+`, used in the run folder's name.
    public var name: String
    public var description: String
    public var seed: UInt64
    /// Length of the chaos phase in virtual microseconds.
    public var durationUs: Int64
    public var topology: Topology
    public var workload: Workload?
    public var script: [ScriptStep]
    public var faults: [FaultSpec]
    public var expectations: [Expectation]
    /// Longest the heal phase may last before convergence is judged.
    public var healTimeoutUs: Int64
    /// The file it was read from, for messages.
    public var file: String
    /// What `simctl fuzz` may draw when this scenario is its base (the optional `fuzz:` block);
    /// `simctl run` ignores it.
    public var fuzz: FuzzBounds? = nil
}

/// Where in a scenario file a value came from.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Generated traffic: Poisson arrivals at `ratePerSecond`, spread over `users`.
public struct Workload: Sendable {
    public var users: Int
    public var ratePerSecond: Double
    /// Operation weights, in the fixed order of ``WorkloadOperation/allCases``; they sum to 1.
    public var mix: [(WorkloadOperation, Double)]
    /// Surface (domain) weights in the order written; they sum to 1.
    public var surfaces: [(String, Double)]
    /// Payload size of an attachment upload, in bytes.
    public var attachmentBytes: Int

    public static let defaultMix: [(WorkloadOperation, Double)] = [
        (.create, 0.2), (.update, 0.1), (.read, 0.5), (.list, 0.05), (.upload, 0.1), (.download, 0.05),
    ]
}

/// The operations a generated user performs.
public enum WorkloadOperation: String, CaseIterable, Sendable {
    case create, update, read, list, upload, download
}

/// The actions a script step may take (`do:`).
public enum ScriptAction: String, CaseIterable, Sendable {
    case signup, login
    case loginWebauthn = "login-webauthn"
    case loginRecovery = "login-recovery"
    case refresh, logout, create, read, update, delete, list, upload, download
    /// An extension: change the password (earlier tokens and the old password must stop working).
    case changePassword = "change-password"
}

/// One exact step of a scenario's `script`.
public struct ScriptStep: Sendable {
    public var atUs: Int64
    public var user: String
    public var via: String
    public var pin: String?
    public var action: ScriptAction
    public var runbook: String?
    public var name: String?
    public var code: Int?
    public var expectStatus: Int?
    /// Use the user's previous credential: the old password (`login`), the last revoked token
    /// (`refresh` and runbook steps), a cloned authenticator (`login-webauthn`). An extension for
    /// showing the stale-credential hazards.
    public var stale: Bool = false
    public var location: SourceLocation
}
