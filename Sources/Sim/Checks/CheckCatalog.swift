/// The meaning of every check a run can report, for `simctl explain`, the editor schema's
/// descriptions and docs/checks.md. One entry per `expect` key, plus `script`.
public enum CheckCatalog {
    /// The entry of the check called `name` (an `expect` key or `script`).
    public static func entry(_ name: String) -> Explanation? {
        entries.first { $0.name == name }
    }

    /// Every check, `expect` keys first in their order, then `script`.
    public static let entries: [Explanation] = ExpectKey.allCases.map(entry) + [script]

    static let script = Explanation(
        "script", .check,
        meaning:
            "Every step of the scenario's script got the status it expects (a 2xx unless expect_status says otherwise). Added automatically when there is a script.",
        measured: "Each step's response status is compared with its expect_status; the first mismatch is the detail.",
        failureExample: """
            FAIL script  expected every step answered as expected, observed 1 of 20 steps failed
                     scenario.yaml:12:5: step read by alice via glass-break.com at 2.100s got 200 (expected 404) from scaleway
            """,
        scenario: "scenarios/failover-read-your-writes.yaml")

    /// The entry of an `expect` key.
    static func entry(_ key: ExpectKey) -> Explanation {
        guard let entry = expectEntries.first(where: { $0.name == key.rawValue }) else {
            preconditionFailure("no explanation for \(key.rawValue)")
        }
        return entry
    }

    static func check(
        _ key: ExpectKey, _ meaning: String, _ measured: String, _ failure: String, _ scenario: String
    ) -> Explanation {
        Explanation(
            key.rawValue, .check, meaning: meaning, measured: measured, failureExample: failure,
            scenario: "scenarios/\(scenario).yaml")
    }

    /// One entry per `expect` key (a test checks none is missing).
    static let expectEntries: [Explanation] = [
        check(
            .readYourWrites,
            "A session (one user on one surface) reads back its own acknowledged writes: a read after the session's write sees that write or something newer. Written as a minimum percentage.",
            "Every read by a session that has written the object is judged against the session's last acknowledged write (by hybrid logical clock); violations say whether the session's pin had moved (failover) before the read.",
            """
            FAIL read_your_writes  expected 100%, observed 99.2%
                     3 violations in 412 reads (3 after a failover), first: u17 on glassbreak.io wrote r88 on aws at 5m00.120s, then at 5m00.412s read an older version on scaleway after a failover
            """, "failover-read-your-writes"),
        check(
            .monotonicReads,
            "A session's reads of one object never go back in time. Written as a minimum percentage.",
            "Each read is compared with the newest version the same session has already read of that object.",
            """
            FAIL monotonic_reads  expected 100%, observed 99.8%
                     2 violations in 1030 reads, first: u4 on glassbreak.io read r2 at 7m01.004s on scaleway and saw an older version than it had seen before
            """, "steady-state"),
        check(
            .lostWrites,
            "Acknowledged writes missing (or older) on any vertical at the end of the heal phase. Written as a maximum count.",
            "Every write a client saw acknowledged (a 2xx) is looked up in every vertical's database at the end; only ok writes count, unknown outcomes (timeouts) do not.",
            """
            FAIL lost_writes  expected 0, observed 2
                     2 total, first u3-r5 written by u3 on aws, acknowledged at 6m02.310s, is missing on scaleway
            """, "partition-heal"),
        check(
            .converged,
            "Once faults heal and sync drains, every vertical holds the same rows and the same attachment bytes. Written as true or false.",
            "At the end of the heal phase the state digests (every replicated table, every live bucket object) of all verticals are compared, and sync must have drained.",
            """
            FAIL converged  expected true, observed false
                     state of scaleway differs from aws at 35m00.000s, the end of the heal phase
            """, "partition-heal"),
        check(
            .convergenceTime,
            "How long after the last fault heals every peer has caught up. Written as a maximum duration.",
            "From the end of the last fault (or of the chaos phase) until every peer has acknowledged every outbox as it stood at that instant.",
            """
            FAIL convergence_time  expected <= 30s, observed 41.2s
                     sync took 41.2s to catch up after the last heal
            """, "partition-heal"),
        check(
            .propagation,
            "How long a change takes from its commit on the origin to being applied on every peer, at a percentile (p50, p90, p99, p999, max). Written as a mapping of maximum durations.",
            "Per change, commit time on the origin to the last peer's apply, counting only changes whose whole journey lies outside every fault window.",
            """
            FAIL propagation.p99  expected <= 1s, observed 1.84s
                     p99 over 5120 changes outside fault windows
            """, "slow-peer"),
        check(
            .availability,
            "The share of requests on a surface (a domain) that succeeded. Written as a mapping of domains to minimum percentages.",
            "ok requests divided by all requests on that surface, over the chaos phase; failed and unknown (timed-out) requests count against it.",
            """
            FAIL availability.glassbreak.io  expected >= 99.9%, observed 97.31%
                     412 failed and 3 unknown of 15420 requests, first at 5m00.020s: u12's read got 502 from aws
            """, "aws-compute-outage"),
        check(
            .syncLoops,
            "Outbox rows written while applying replicated changes: a replay loop when the consumer flag is lost. Written as a maximum count.",
            "Each vertical's consumer counts outbox rows emitted inside an apply transaction (the consumer flag should suppress every one).",
            """
            FAIL sync_loops  expected 0, observed 88
                     88 total, first on scaleway: replayed changes wrote 88 outbox rows (the consumer flag did not suppress them)
            """, "partition-heal"),
        check(
            .forgedAccepted,
            "Events applied from tampered, replayed or wrongly signed sync envelopes. Written as a maximum count.",
            "Every envelope a fault tampered with or signed with a wrong key is tracked; any of its events a peer applies counts.",
            """
            FAIL forged_accepted  expected 0, observed 3
                     3 total, first at 4m10.050s: scaleway applied 3 event(s) of forged envelope aws:812 from aws
            """, "sync-key-mismatch"),
        check(
            .singleUseViolations,
            "A single-use credential (a TOTP code within its 30 s step, a recovery code) accepted more than once across verticals while the 'used' record was still replicating. Written as a maximum count.",
            "Judged from what clients saw: each accepted single-use credential is remembered per user; a second acceptance anywhere counts.",
            """
            FAIL single_use_violations  expected 0, observed 1
                     1 total, first at 2m03.000s: alice's recovery:1 accepted by scaleway after aws had accepted it
            """, "auth-hazards-partition"),
        check(
            .duplicateAccounts,
            "One email acknowledged as a new account more than once (during a partition, on two verticals). Written as a maximum count.",
            "Judged from what clients saw: every acknowledged sign-up is remembered by email; a second one counts.",
            """
            FAIL duplicate_accounts  expected 0, observed 1
                     1 total, first at 2m05.000s: scaleway acknowledged a new account for bob@example.com, already acknowledged by aws
            """, "auth-hazards-partition"),
        check(
            .staleAuthAccepts,
            "A revoked token (logout, refresh rotation, password change) or an old password accepted on a peer after the change was acknowledged. Written as a maximum count.",
            "Judged from what clients saw: revocations and password changes are remembered with their time; a later request they should have stopped that succeeds counts.",
            """
            FAIL stale_auth_accepts  expected 0, observed 2
                     2 total, first at 2m10.000s: scaleway accepted carol's token for read, revoked by logout at 2m08.000s
            """, "auth-hazards-partition"),
        check(
            .staleCounterAccepts,
            "A WebAuthn assertion accepted with a sign counter not above one already accepted (a cloned authenticator on a lagging vertical). An extension of the spec's checks. Written as a maximum count.",
            "Judged from what clients saw: the highest accepted sign counter per credential is remembered; an accepted assertion that does not exceed it counts.",
            """
            FAIL stale_counter_accepts  expected 0, observed 1
                     1 total, first at 2m20.000s: scaleway accepted dave's assertion with sign counter 3, not above 3 accepted before
            """, "auth-hazards-partition"),
        check(
            .lostUpdates,
            "Acknowledged writes that the vertical which acknowledged them did not keep: the version they replaced is still there (last-writer-wins on a clock that went backwards). An extension of the spec's checks. Written as a maximum count.",
            "Right after each acknowledged update, the acknowledging vertical's stored row is compared with the write's timestamp; a row still holding the older version counts.",
            """
            FAIL lost_updates  expected 0, observed 1
                     1 total, first at 3m00.000s: aws acknowledged alice's update of runbook:alice-r1 (timestamp 2m59.100s) but kept the version it replaced (timestamp 3m04.000s)
            """, "ablations/hybrid-clock"),
        check(
            .sessionsBroken,
            "Validly issued tokens refused for their signature by a vertical other than the issuer: a session broken, typically by a failover to a vertical that cannot verify the token. An extension of the spec's checks. Written as a maximum count.",
            "Every request whose token a vertical refuses because its signature does not verify there counts (tokens that expired or were revoked do not).",
            """
            FAIL sessions_broken  expected 0, observed 12
                     12 total, first at 2m00.410s: scaleway refused u7's token for read via glassbreak.io: its signature does not verify there
            """, "ablations/shared-jwt-secret"),
        check(
            .passkeyWrongOrigin,
            "Passkey logins refused because the page's origin is not allowed for the passkey's rpId: a passkey registered through glassbreak.io (rpId glassbreak.io) used on glassbreak.cloud or glass-break.com. Without `topology.auth.webauthn` each passkey gets the domain the user signed up on, so a site on several domains shows this hazard; with an rpId and its related origins (WebAuthn related origin requests) it is 0. An extension of the spec's checks. Written as a maximum count over every surface, or as a mapping of surfaces to counts; `>= 1` asserts the hazard.",
            "Each vertical's relying party checks an assertion's clientDataJSON origin against the origin of the surface the request came in on and the origins allowed for the passkey's rpId (its own, and for the policy's rpId its related origins); each refusal for the origin counts on that surface (`metrics.auth.passkey_wrong_origin`). The user then falls back to TOTP.",
            """
            FAIL passkey_wrong_origin  expected 0, observed 14
                     refused for their origin, by surface: glassbreak.io 0, glassbreak.cloud 9, glass-break.com 5 (passkeys of an rpId that does not list the page's origin)
            """, "passkey-origins"),
        check(
            .faultsHit,
            "Every fault of the scenario hit something: a request, a health-check probe, a sync envelope or an acknowledgement. On by default in a scenario with faults, so a chaos test whose fault missed its target fails instead of passing vacuously; `faults_hit: false` turns it off.",
            "Each fault counts what it stopped, delayed, rewrote or duplicated while active (the result's `faults[].affected_*` and `hit`); a fault with all counts at zero fails the check.",
            """
            FAIL faults_hit  expected every fault hit something, observed 0 of 1 faults hit
                     1 hit nothing (no request, probe, envelope or acknowledgement), first: control-plane-outage on aws at 2m00.000s
            """, "database-outage"),
    ]
}
