import Mechanisms
import Verticals

/// A name given to `--ablate` or `ablate:` that is not an ablation.
public struct AblationNameError: Error, Sendable, Equatable {
    /// `--ablate NAME: unknown ablation (expected one of: ...)`.
    public let message: String
}

/// What `simctl ablations` prints about one ablation: the mechanism it removes, the failure that
/// mechanism prevents, the checks that catch its absence and the library scenario that shows it.
public struct AblationEntry: Sendable {
    public let ablation: Ablation
    /// What the design does (the mechanism the ablation removes).
    public let mechanism: String
    /// The failure the mechanism prevents, in a sentence.
    public let prevents: String
    /// The check names (``ExpectKey`` raw values) that catch the mechanism's absence.
    public let caughtBy: [String]

    public var name: String { ablation.rawValue }
    /// The library scenario that passes as written and fails with the ablation.
    public var scenario: String { "scenarios/ablations/\(name).yaml" }

    /// The entry as a JSON object with keys `name`, `mechanism`, `prevents`, `caught_by`, `scenario`.
    public var json: JSONValue {
        .object([
            ("name", .string(name)), ("mechanism", .string(mechanism)), ("prevents", .string(prevents)),
            ("caught_by", .array(caughtBy.map { .string($0) })), ("scenario", .string(scenario)),
        ])
    }
}

/// The ablations of the design, in catalogue order, with what each removes and what catches it.
public enum AblationCatalog {
    /// Every entry, one per ``Ablation`` case, in catalogue order (a test checks both).
    public static let entries: [AblationEntry] = [
        AblationEntry(
            ablation: .consumerFlag,
            mechanism:
                "The consumer applies replicated rows with a per-transaction flag set (like SET LOCAL sync.is_consumer = on) that the outbox triggers read, so a replayed change is not written to the outbox again.",
            prevents:
                "Sync loops: without the flag every replicated row re-enters the receiving vertical's outbox and is sent back where it came from.",
            caughtBy: [ExpectKey.syncLoops].map(\.rawValue)),
        AblationEntry(
            ablation: .outboxTransaction,
            mechanism:
                "The outbox row is written by a trigger in the same transaction as the change, so the two commit together or not at all.",
            prevents:
                "Lost writes from the dual-write bug: a change commits, the vertical crashes before its outbox row is written, and no peer ever receives it.",
            caughtBy: [ExpectKey.lostWrites, .converged].map(\.rawValue)),
        AblationEntry(
            ablation: .signatureCheck,
            mechanism:
                "The consumer verifies each envelope's HMAC-SHA256 signature (Standard Webhooks) with the key it shares with the sender, in constant time.",
            prevents:
                "Forged, tampered or wrongly signed sync messages applied as if a peer had sent them (and the verticals then disagree).",
            caughtBy: [ExpectKey.forgedAccepted, .converged].map(\.rawValue)),
        AblationEntry(
            ablation: .gapFill,
            mechanism:
                "After a timeout, a rejection or a reported gap, the publisher resends everything past the peer's acknowledged watermark.",
            prevents:
                "Divergence after message loss or a partition: events lost in flight are never delivered, and the consumer, which applies in sequence, stops at the first gap.",
            caughtBy: [ExpectKey.converged, .lostWrites].map(\.rawValue)),
        AblationEntry(
            ablation: .stickyCookie,
            mechanism:
                "The edge pins each session to one vertical with the gb_vertical cookie and keeps it there until that vertical fails.",
            prevents:
                "Reads served by a vertical that has not yet received the session's own writes: read-your-writes and monotonic reads broken in steady state.",
            caughtBy: [ExpectKey.readYourWrites, .monotonicReads].map(\.rawValue)),
        AblationEntry(
            ablation: .failoverRetry,
            mechanism:
                "When the pinned vertical answers 5xx or refuses the connection, the edge retries the request once on a healthy peer and rewrites the cookie.",
            prevents:
                "Every session pinned to a failing vertical sees errors for as long as the outage lasts.",
            caughtBy: [ExpectKey.availability].map(\.rawValue)),
        AblationEntry(
            ablation: .healthChecks,
            mechanism:
                "The edge probes every target in the background and keeps unhealthy ones out of new pins and out of failover targets.",
            prevents:
                "New sessions pinned to a dead vertical, and failovers sent from one dead vertical to another, so requests fail during an outage.",
            caughtBy: [ExpectKey.availability].map(\.rawValue)),
        AblationEntry(
            ablation: .hybridClock,
            mechanism:
                "Writes are stamped by a hybrid logical clock that never runs backwards and moves past every timestamp the vertical has seen; last-writer-wins compares these stamps.",
            prevents:
                "An acknowledged update silently discarded because the vertical's physical clock is behind the version it replaces (clock skew, a clock stepped back).",
            caughtBy: [ExpectKey.lostUpdates].map(\.rawValue)),
        AblationEntry(
            ablation: .tombstones,
            mechanism:
                "A delete writes a replicated tombstone (deleted = 1 with a new timestamp) instead of removing the row.",
            prevents:
                "Deleted rows surviving on the peers, which are never told of the delete, and coming back: the verticals never converge.",
            caughtBy: [ExpectKey.converged, .lostWrites].map(\.rawValue)),
        AblationEntry(
            ablation: .sharedJWTSecret,
            mechanism:
                "Every vertical signs and verifies HS256 tokens with one shared secret, so a token issued by one vertical is valid on all of them.",
            prevents:
                "Sessions broken by a failover: once the edge moves a session, the new vertical refuses its token.",
            caughtBy: [ExpectKey.sessionsBroken].map(\.rawValue)),
        AblationEntry(
            ablation: .revocationSync,
            mechanism:
                "Revoked tokens (logout, refresh rotation) and password changes replicate like any other row.",
            prevents:
                "A logged-out token or an old password still accepted by a peer long after the change.",
            caughtBy: [ExpectKey.staleAuthAccepts, .converged].map(\.rawValue)),
        AblationEntry(
            ablation: .singleUseSync,
            mechanism:
                "The used marks of TOTP steps and recovery codes replicate, so a code accepted once is refused everywhere.",
            prevents:
                "A single-use credential accepted once on each vertical.",
            caughtBy: [ExpectKey.singleUseViolations, .converged].map(\.rawValue)),
    ]

    /// The entry of `ablation`.
    public static func entry(_ ablation: Ablation) -> AblationEntry {
        guard let entry = entries.first(where: { $0.ablation == ablation }) else {
            preconditionFailure("the catalogue has no entry for \(ablation.rawValue)")
        }
        return entry
    }

    /// Parses ablation names (`--ablate`), refusing unknown ones with the list of valid names.
    public static func parse(_ names: [String], option: String = "--ablate") throws(AblationNameError)
        -> DisabledMechanisms
    {
        var set = DisabledMechanisms.none
        for name in names {
            guard let ablation = Ablation(rawValue: name) else {
                throw AblationNameError(
                    message:
                        "\(option) \(name): unknown ablation (expected one of: \(Ablation.names.joined(separator: ", ")); `simctl ablations` lists them)"
                )
            }
            set.insert(DisabledMechanisms(ablation))
        }
        return set
    }

    /// The catalogue as `simctl ablations` prints it.
    public static func text() -> String {
        entries.map { entry in
            """
            \(entry.name)
              mechanism: \(entry.mechanism)
              prevents:  \(entry.prevents)
              caught by: \(entry.caughtBy.joined(separator: ", "))
              scenario:  simctl run \(entry.scenario) --ablate \(entry.name)
            """
        }.joined(separator: "\n\n")
    }

    /// The catalogue as `simctl ablations --json` prints it: one array of objects.
    public static func json() -> JSONValue { .array(entries.map(\.json)) }
}
