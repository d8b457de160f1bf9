import Foundation

/// How much work (``WorkEstimate``) an accepted scenario may ask for, as estimated wall time on
/// a 2-core machine (release build). Each kind of work has a measured cost per unit; the budget
/// is on their sum, so that no combination of values that are each within bounds can add up to
/// hours. `simctl run --allow-large` (and `validate --allow-large`) multiplies it by ten.
///
/// The costs were measured with `simctl run` on scenarios that stress one kind of work each
/// (docs/scenario-format.md gives the figures); they are rounded up.
public struct WorkBudget: Sendable, Equatable {
    /// Seconds per request per vertical: about 2,000 requests a second on two verticals.
    public static let secondsPerRequestVertical = 0.000_25
    /// Seconds per health-check probe.
    public static let secondsPerProbe = 0.000_000_5
    /// Seconds per Argon2 KiB-pass (hashes × memory in KiB × iterations).
    public static let secondsPerArgon2KiBPass = 0.000_000_5
    /// Seconds per outbox row sent again by a sync retry.
    public static let secondsPerResentRow = 0.000_03
    /// Seconds per attachment byte written to a bucket (about 24 MB a second).
    public static let secondsPerStoredByte = 1.0 / 24_000_000

    /// The most estimated wall seconds.
    public var maxSeconds: Double

    public init(maxSeconds: Double) {
        self.maxSeconds = maxSeconds
    }

    /// The budget every scenario gets: 30 minutes.
    public static let standard = WorkBudget(maxSeconds: 30 * 60)

    /// The budget with `--allow-large`: ten times the standard.
    public static let large = WorkBudget(maxSeconds: 10 * 30 * 60)

    /// Microseconds, in at most three significant digits.
    static func micro(_ seconds: Double) -> String {
        String(format: "%.3g", seconds * 1e6)
    }

    /// The docs' table of the costs.
    public static func markdownTable() -> String {
        [
            "| work | estimated as | cost each |", "|---|---|---|",
            "| requests | (`rate` × `duration` + script steps) × verticals | \(micro(secondsPerRequestVertical)) µs |",
            "| health-check probes | edge targets × `duration` ÷ `health_check.interval` | \(micro(secondsPerProbe)) µs |",
            "| Argon2 | password hashes × `argon2.memory` (KiB) × `argon2.iterations` | \(micro(secondsPerArgon2KiBPass)) µs |",
            "| sync rows resent | ordered vertical pairs × (time under faults, or `duration` when `ack_timeout` is not above a link's round trip, + `heal_timeout`) ÷ `retry.max` × min(`window` × `batch`, writes) | \(micro(secondsPerResentRow)) µs |",
            "| attachment bytes stored | uploads × `attachment_size` × verticals | \(micro(secondsPerStoredByte)) µs |",
            "",
            "Budget: the sum, at most \(Int(standard.maxSeconds / 60)) minutes (\(Int(large.maxSeconds / 3600)) hours with `--allow-large`).",
        ].joined(separator: "\n")
    }
}
