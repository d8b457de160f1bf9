import Mechanisms

/// The scenario format as data: every mapping, its keys, what each takes, what it means and its
/// default. The loader takes its accepted keys from here (an unknown key is an error naming
/// these), every numeric value is checked against the ``FieldBound`` named here, and
/// `simctl schema` writes the JSON Schema (docs/scenario.schema.json) from the same tables, so
/// the editor schema and the loader cannot disagree on a key or a bound.
public enum ScenarioFormat {
    typealias B = ScenarioBounds

    /// The top level of a scenario file.
    public static let scenario = FormatSection(
        "",
        [
            FormatField(
                "name", .identifier(maxLength: ScenarioLoader.maxNameLength), required: true,
                "The scenario's name, [a-z0-9-]+: it names the run folder (NAME-seedN)."),
            FormatField(
                "description", .text(maxCharacters: ScenarioLoader.maxDescriptionCharacters),
                "What the scenario shows, printed under its title in reports.", default: ""),
            FormatField(
                "seed", .count(B.seed), "The seed of every random choice; `simctl run --seed` overrides it.",
                default: "1"),
            FormatField(
                "duration", .duration(B.duration), required: true,
                "Virtual length of the chaos phase (traffic and faults); a heal phase follows."),
            FormatField(
                "topology", .anyOf([.oneOf(BuiltinTopologies.names), .mapping(topology)]),
                "A built-in topology (standard: aws + scaleway; three-verticals: + fly) or an inline mapping.",
                default: "standard"),
            FormatField("workload", .mapping(workload), "Generated traffic: users arriving at a rate (optional)."),
            FormatField(
                "script", .list(.mapping(step), B.scriptSteps),
                "Exact steps run at their virtual time (optional).", default: "[]"),
            FormatField(
                "faults", .list(.fault, B.faults),
                "Faults injected during the chaos phase; `simctl faults` lists the kinds.", default: "[]"),
            FormatField("expect", .mapping(expect), "The checks the run must pass (see `simctl explain CHECK`)."),
            FormatField(
                "heal_timeout", .duration(B.healTimeout),
                "Longest heal phase (faults lifted, traffic stopped, sync draining).",
                default: "5m, or twice convergence_time if longer"),
            FormatField(
                "fuzz", .mapping(fuzz),
                "Ranges `simctl fuzz` draws from when this file is a fuzz base (ignored by run)."),
            FormatField(
                "ablate", .list(.oneOf(Ablation.names), B.ablations),
                "Mechanisms of the design removed from the run on purpose, each named once (`simctl ablations`).",
                default: "[]"),
        ])

    /// `workload:`.
    public static let workload = FormatSection(
        "workload",
        [
            FormatField("users", .count(B.users), required: true, "Number of users, u1..uN."),
            FormatField(
                "rate", .rate(B.rate), required: true, "Poisson arrivals over all users, like 20/s, 300/m or 2/h."),
            FormatField(
                "mix",
                .openMapping(
                    keys: WorkloadOperation.allCases.map(\.rawValue), keyPattern: nil, value: .fraction(B.weight)),
                "Weight of each operation; the weights sum to 1.",
                default: "{create: 0.2, update: 0.1, read: 0.5, list: 0.05, upload: 0.1, download: 0.05}"),
            FormatField(
                "surfaces", .openMapping(keys: nil, keyPattern: nil, value: .fraction(B.weight)),
                "Weight of each surface (a domain of the topology); the weights sum to 1.",
                default: "0.9 through the edge domain, the rest split between the direct ones"),
            FormatField(
                "attachment_size", .size(B.attachmentSize),
                "Size of each upload (at most every vertical's max_payload).",
                default: "2KiB"),
            FormatField(
                "footer_indicator", .fraction(B.footerIndicator),
                "Share of users who opted in to the footer indicator: each of their page views then calls /api/public/status (counted in metrics.footer, not in availability).",
                default: "0.1"),
        ])

    /// One entry of `script:`.
    public static let step = FormatSection(
        "script[]",
        [
            FormatField("at", .duration(B.at), required: true, "Virtual time of the step (inside duration)."),
            FormatField(
                "user", .identifier(maxLength: 63), required: true,
                "The user, created on first use (signed up at time zero through its first step's surface)."),
            FormatField("via", .domainName, required: true, "The surface: a domain of the topology."),
            FormatField(
                "pin", .identifier(maxLength: 63),
                "Arrive with the gb_vertical cookie set to this vertical (edge surfaces only)."),
            FormatField(
                "do", .oneOf(ScriptAction.allCases.map(\.rawValue)), required: true,
                "The action: sign-up, logins, token refresh and logout, runbooks and attachments."),
            FormatField(
                "runbook", .identifier(maxLength: 63), "The runbook (per user) of runbook and attachment steps."),
            FormatField("name", .label(maxLength: 255), "The attachment's name (upload, download)."),
            FormatField("code", .count(B.stepCode), "Which of the user's ten recovery codes (login-recovery)."),
            FormatField(
                "expect_status", .count(B.expectStatus),
                "The HTTP status the step must get (default: any 2xx); a mismatch fails the script check."),
            FormatField(
                "expect_vertical", .identifier(maxLength: 63),
                "status steps: the vertical the status endpoint must report."),
            FormatField(
                "expect_platform", .identifier(maxLength: 63),
                "status steps: the platform the status endpoint must report (and x-gb-platform carry)."),
            FormatField(
                "expect_environment", .label(maxLength: 63),
                "status steps: the environment the status endpoint must report (and x-gb-environment carry)."),
            FormatField(
                "stale", .bool,
                "Replay the user's previous credential (old password, revoked token, cloned authenticator).",
                default: "false"),
        ])

    /// `expect:`: one key per check (see ``CheckCatalog``).
    public static let expect = FormatSection(
        "expect",
        ExpectKey.allCases.map { key in
            FormatField(key.rawValue, .expectation(key.valueKind), CheckCatalog.entry(key.rawValue)?.meaning ?? "")
        })

    /// `fuzz:` (see docs/fuzzing.md): a range is `LOW..HIGH`, both included, or one value.
    public static let fuzz = FormatSection(
        "fuzz",
        [
            FormatField(
                "kinds", .list(.oneOf(FaultKind.allCases.map(\.rawValue)), nil), "The pool of fault kinds drawn from."),
            FormatField(
                "faults", .checkedByLoader, "Faults per seed, a range like 1..4 (at most 0..32).", default: "0..6"),
            FormatField("fault_duration", .checkedByLoader, "Each fault's `for`, a range like 1s..30s."),
            FormatField(
                "intensity", .checkedByLoader, "`rate` of brownout, edge-error and message faults, like 0.05..0.5.",
                default: "0.01..1"),
            FormatField(
                "clock_skew", .duration(B.faultOffset),
                "Largest clock-skew offset, either sign (at most the sync tolerance)."),
            FormatField(
                "fault_latency", .checkedByLoader, "`latency` of a link-latency fault, like 100ms..2s.",
                default: "100ms..2s"),
            FormatField(
                "links", .checkedByLoader, "The default link's latency, like 5ms..250ms, or `base`.",
                default: "5ms..250ms"),
            FormatField("duration", .checkedByLoader, "The chaos phase, like 30s..2m (default: the base's)."),
            FormatField("users", .checkedByLoader, "Workload users, like 10..50, or `base`."),
            FormatField("rate", .checkedByLoader, "Workload arrivals, like 2/s..20/s, or `base`."),
            FormatField("mix", .bool, "Draw the operation mix.", default: "true"),
            FormatField("surfaces", .bool, "Draw the surface weights.", default: "true"),
        ])
}
