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
    /// Password hashes: each workload user's sign-up, first login and a login per access-token
    /// lifetime (never more than the requests), plus at most two per script step.
    public var passwordHashes: Double
    /// Argon2 memory × passes per hash, in KiB.
    public var argon2KiBPerHash: Double
    /// Attachment bytes written to buckets: uploads × size × verticals.
    public var storedAttachmentBytes: Double
    /// Outbox rows sync may send again: while a fault (or the heal phase) keeps a peer from
    /// acknowledging, each ordered pair retries every `retry.max` at worst, resending up to
    /// `window` × `batch` rows (never more than the writes). When `ack_timeout` is not above a
    /// link's round trip, every send times out, so the whole run counts, not only the faults.
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
            let lifetimes = 2 + (Double(scenario.durationUs) / Double(topology.auth.accessTTLUs)).rounded(.down)
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
        let links = [topology.network.defaultLink] + topology.network.pairLinks.map(\.1)
        let slowestRoundTripUs = links.map { 2 * ($0.latencyUs + $0.jitterUs) }.max() ?? 0
        let exposedUs = sync.ackTimeoutUs <= slowestRoundTripUs ? Double(scenario.durationUs) : faultTimeUs
        let retries = (exposedUs + Double(scenario.healTimeoutUs)) / Double(sync.retryMaxUs)
        let orderedPairs = Double(verticals * (verticals - 1))
        syncResendRows = orderedPairs * retries.rounded(.up) * min(Double(sync.window * sync.batch), writes + 1)
    }

    /// One kind of work: its name, estimated wall seconds, and the fields that drive it (the
    /// first one the user wrote is where an over-budget error points).
    public struct Component: Sendable, Equatable {
        public var name: String
        public var seconds: Double
        public var paths: [String]
    }

    /// The kinds of work with their estimated wall seconds (``WorkBudget``'s costs).
    public var components: [Component] {
        [
            Component(
                name: "requests", seconds: requestWork * WorkBudget.secondsPerRequestVertical,
                paths: ["workload.rate", "duration"]),
            Component(
                name: "health-check probes", seconds: probes * WorkBudget.secondsPerProbe,
                paths: ["topology.edge.health_check.interval", "duration"]),
            Component(
                name: "Argon2 hashing", seconds: argon2Work * WorkBudget.secondsPerArgon2KiBPass,
                paths: [
                    "topology.auth.argon2.memory", "topology.auth.argon2.iterations", "workload.users", "duration",
                ]),
            Component(
                name: "sync resends", seconds: syncResendRows * WorkBudget.secondsPerResentRow,
                paths: ["topology.sync.retry.max", "topology.sync.window", "topology.sync.batch", "duration"]),
            Component(
                name: "attachment writes", seconds: storedAttachmentBytes * WorkBudget.secondsPerStoredByte,
                paths: ["workload.attachment_size", "workload.rate", "duration"]),
        ]
    }

    /// Estimated wall seconds in all.
    public var seconds: Double { components.reduce(0) { $0 + $1.seconds } }
}
