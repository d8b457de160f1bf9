/// How much work (``WorkEstimate``) an accepted scenario may ask for. The standard budget keeps
/// the largest accepted scenario to roughly half an hour on a 2-core machine (release build:
/// about 2,000 requests a wall second on two verticals, 0.5 µs per Argon2 KiB-pass);
/// `simctl run --allow-large` (and `validate --allow-large`) multiplies every budget by ten, for
/// deliberate soak runs.
public struct WorkBudget: Sendable, Equatable {
    /// Most requests × verticals.
    public var requestWork: Double
    /// Most health-check probes.
    public var probes: Double
    /// Most Argon2 KiB-passes (hashes × memory × iterations).
    public var argon2Work: Double
    /// Most attachment bytes stored across all buckets.
    public var storedAttachmentBytes: Double
    /// Most outbox rows resent by sync retries.
    public var syncResendRows: Double

    public init(
        requestWork: Double, probes: Double, argon2Work: Double, storedAttachmentBytes: Double,
        syncResendRows: Double
    ) {
        self.requestWork = requestWork
        self.probes = probes
        self.argon2Work = argon2Work
        self.storedAttachmentBytes = storedAttachmentBytes
        self.syncResendRows = syncResendRows
    }

    /// The budget every scenario gets.
    public static let standard = WorkBudget(
        requestWork: 4_000_000, probes: 10_000_000, argon2Work: 1_000_000_000,
        storedAttachmentBytes: 2 * 1_073_741_824, syncResendRows: 200_000_000)

    /// The budget with `--allow-large`: ten times the standard.
    public static let large = WorkBudget(
        requestWork: 40_000_000, probes: 100_000_000, argon2Work: 10_000_000_000,
        storedAttachmentBytes: 20 * 1_073_741_824, syncResendRows: 2_000_000_000)

    /// The docs' table of the standard budget.
    public static func markdownTable() -> String {
        let budget = standard
        return [
            "| work | estimated as | budget (`--allow-large`: ×10) |", "|---|---|---|",
            "| requests | (`rate` × `duration` + script steps) × verticals | \(Int(budget.requestWork)) |",
            "| health-check probes | edge targets × `duration` ÷ `health_check.interval` | \(Int(budget.probes)) |",
            "| Argon2 | password hashes × `argon2.memory` (KiB) × `argon2.iterations` | \(Int(budget.argon2Work)) KiB-passes |",
            "| attachment bytes stored | uploads × `attachment_size` × verticals | \(FieldBound.formatSize(Int(budget.storedAttachmentBytes))) |",
            "| sync rows resent | ordered vertical pairs × (time under faults + `heal_timeout`) ÷ `retry.max` × min(`window` × `batch`, writes) | \(Int(budget.syncResendRows)) |",
        ].joined(separator: "\n")
    }
}
