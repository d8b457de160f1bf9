/// The amount of work a scenario asks for, computed from its values before anything runs: the
/// simulator's cost grows with requests (times the verticals each write is replicated to),
/// health-check probes, Argon2 password hashing and attachment bytes stored, and each of these
/// is a product of values that are individually reasonable.
public struct WorkEstimate: Sendable, Equatable {
    /// Generated requests (rate × duration) plus script steps.
    public var requests: Double
    /// Verticals: every write is applied on each of them.
    public var verticals: Int
    /// Health-check probes: edge targets × chaos phase ÷ interval.
    public var probes: Double
    /// Password hashes: each workload user's sign-up and its logins after each refresh-token
    /// lifetime (never more than its requests), plus at most two per script step.
    public var passwordHashes: Double
    /// Argon2 memory × passes per hash, in KiB.
    public var argon2KiBPerHash: Double
    /// Attachment bytes written to buckets: uploads × size × verticals.
    public var storedAttachmentBytes: Double
    /// Outbox rows sync may send again: while a fault (or the heal phase) keeps a peer from
    /// acknowledging, each ordered pair retries every `retry.max` at worst, resending up to
    /// `window` × `batch` rows (never more than the writes).
    public var syncResendRows: Double

    /// Requests × verticals: the unit of the request budget.
    public var requestWork: Double { requests * Double(verticals) }
    /// Password hashes × memory × passes, in KiB-passes (libargon2 does about two a microsecond).
    public var argon2Work: Double { passwordHashes * argon2KiBPerHash }

    public init(_ scenario: Scenario) {
        let durationSeconds = Double(scenario.durationUs) / Double(VirtualTime.second)
        let topology = scenario.topology
        let generated = scenario.workload.map { $0.ratePerSecond * durationSeconds } ?? 0
        requests = generated + Double(scenario.script.count)
        verticals = topology.verticals.count
        if let edge = topology.edge {
            let targets = topology.domains.first { $0.edge == edge.name }?.targets.count ?? verticals
            probes =
                Double(targets) * (Double(scenario.durationUs) / Double(edge.healthCheck.intervalUs)).rounded(.down)
        } else {
            probes = 0
        }
        var hashes = 2 * Double(scenario.script.count)
        if let workload = scenario.workload {
            let lifetimes = 1 + (Double(scenario.durationUs) / Double(topology.auth.refreshTTLUs)).rounded(.down)
            hashes += min(generated, Double(workload.users) * lifetimes)
        }
        passwordHashes = hashes
        argon2KiBPerHash = Double(topology.auth.argon2MemoryKiB) * Double(topology.auth.argon2Iterations)
        var uploads = Double(scenario.script.filter { $0.action == .upload }.count)
        if let workload = scenario.workload {
            uploads += generated * (workload.mix.first { $0.0 == .upload }?.1 ?? 0)
        }
        let attachmentBytes = Double(scenario.workload?.attachmentBytes ?? Workload.defaultAttachmentBytes)
        storedAttachmentBytes = uploads * attachmentBytes * Double(verticals)
        var writes = Double(scenario.script.count)
        if let workload = scenario.workload {
            let writeShare = workload.mix.filter { [.create, .update, .upload].contains($0.0) }.reduce(0) { $0 + $1.1 }
            writes += generated * writeShare
        }
        let faultTimeUs = scenario.faults.reduce(0.0) { total, fault in
            total + Double(fault.endUs(chaosEndUs: scenario.durationUs) - fault.atUs)
        }
        let sync = topology.sync
        let retries = (faultTimeUs + Double(scenario.healTimeoutUs)) / Double(sync.retryMaxUs)
        let orderedPairs = Double(verticals * (verticals - 1))
        syncResendRows = orderedPairs * retries.rounded(.up) * min(Double(sync.window * sync.batch), writes + 1)
    }
}
