/// Decodes `workload:` and the steps of `script:`.
enum WorkloadDecoder {
    static func decode(_ cursor: YAMLCursor, topology: Topology) throws -> Workload {
        let keys = try cursor.mapping(allowed: ScenarioFormat.workload.keys)
        let users = try keys.required("users").count(ScenarioBounds.users)
        let rate = try keys.required("rate").rate(ScenarioBounds.rate)
        var mix = Workload.defaultMix
        if let mixCursor = keys.optional("mix") {
            let entries = try mixCursor.openMapping()
            var weights: [WorkloadOperation: Double] = [:]
            for entry in entries {
                guard let operation = WorkloadOperation(rawValue: entry.key) else {
                    throw entry.keyCursor.error(
                        "unknown operation \"\(Quote.short(entry.key))\" in workload.mix (expected one of: \(WorkloadOperation.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                weights[operation] = try entry.value.fraction(ScenarioBounds.weight)
            }
            mix = WorkloadOperation.allCases.map { ($0, weights[$0] ?? 0) }
            try checkSumsToOne(mix.map(\.1), cursor: mixCursor, what: "weights")
        }
        var surfaces: [(String, Double)]
        if let surfacesCursor = keys.optional("surfaces") {
            surfaces = []
            for entry in try surfacesCursor.openMapping() {
                guard topology.domain(entry.key) != nil else {
                    throw entry.keyCursor.error(
                        "unknown surface \"\(Quote.short(entry.key))\" (expected one of the topology's domains: \(topology.domains.map(\.name).joined(separator: ", ")))"
                    )
                }
                surfaces.append((entry.key, try entry.value.fraction(ScenarioBounds.weight)))
            }
            try checkSumsToOne(surfaces.map(\.1), cursor: surfacesCursor, what: "weights")
        } else {
            surfaces = defaultSurfaces(topology)
        }
        let attachmentBytes =
            try keys.optional("attachment_size")?.size(ScenarioBounds.attachmentSize) ?? Workload.defaultAttachmentBytes
        let footer =
            try keys.optional("footer_indicator")?.fraction(ScenarioBounds.footerIndicator)
            ?? Workload.defaultFooterIndicator
        return Workload(
            users: users, ratePerSecond: rate, mix: mix, surfaces: surfaces, attachmentBytes: attachmentBytes,
            footerIndicator: footer)
    }

    /// 90 % through the edge domain, the rest split between the direct ones (the spec's example),
    /// or evenly when the topology has no edge domain or no direct ones.
    static func defaultSurfaces(_ topology: Topology) -> [(String, Double)] {
        let edged = topology.domains.filter { $0.edge != nil }.map(\.name)
        let direct = topology.domains.filter { $0.edge == nil }.map(\.name)
        if edged.isEmpty || direct.isEmpty {
            let all = topology.domains.map(\.name)
            return all.map { ($0, 1.0 / Double(all.count)) }
        }
        // Each direct domain gets 0.1 split and rounded to hundredths (0.05 of two, 0.03 of three),
        // so a written-out scenario states the same weights; the edge domains share the rest.
        let directShare = (10.0 / Double(direct.count)).rounded(.down) / 100
        let edgeShare = 1 - directShare * Double(direct.count)
        return edged.map { ($0, edgeShare / Double(edged.count)) } + direct.map { ($0, directShare) }
    }

    static func checkSumsToOne(_ weights: [Double], cursor: YAMLCursor, what: String) throws {
        let sum = weights.reduce(0, +)
        guard abs(sum - 1) < 1e-6 else {
            throw cursor.error("\(what) sum to \(sum) (expected them to sum to 1)")
        }
    }

    static var stepKeys: [String] { ScenarioFormat.step.keys }

    static func decodeStep(_ cursor: YAMLCursor, topology: Topology, durationUs: Int64) throws -> ScriptStep {
        let keys = try cursor.mapping(allowed: stepKeys)
        let atCursor = try keys.required("at")
        let at = try atCursor.duration(ScenarioBounds.at)
        guard at < durationUs else {
            throw atCursor.error(
                "step at \(VirtualTime.formatDuration(at)) is not inside the scenario's duration (\(VirtualTime.formatDuration(durationUs)))"
            )
        }
        let viaCursor = try keys.required("via")
        let via = try viaCursor.scalar("a surface (a domain name)")
        guard let domain = topology.domain(via) else {
            throw viaCursor.error(
                "unknown surface \"\(Quote.short(via))\" (expected one of: \(topology.domains.map(\.name).joined(separator: ", ")))"
            )
        }
        var pin: String?
        if let pinCursor = keys.optional("pin") {
            let id = try pinCursor.identifier()
            guard domain.edge != nil else {
                throw pinCursor.error(
                    "pin needs a surface behind the edge; \(via) points straight at \(domain.targets[0])")
            }
            guard domain.targets.contains(id) else {
                throw pinCursor.error(
                    "unknown pin \"\(id)\" (expected one of \(via)'s targets: \(domain.targets.joined(separator: ", ")))"
                )
            }
            pin = id
        }
        let doCursor = try keys.required("do")
        let doText = try doCursor.scalar("an action")
        guard let action = ScriptAction(rawValue: doText) else {
            throw doCursor.error(
                "unknown action \"\(Quote.short(doText))\" (expected one of: \(ScriptAction.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let runbook = try keys.optional("runbook")?.identifier()
        let needsRunbook: [ScriptAction] = [.create, .read, .update, .delete, .upload, .download]
        if needsRunbook.contains(action), runbook == nil {
            throw cursor.error("step \"\(doText)\" needs runbook: (the runbook's name)")
        }
        let name = try keys.optional("name")?.label(maxLength: 255)
        if [.upload, .download].contains(action), name == nil {
            throw cursor.error("step \"\(doText)\" needs name: (the attachment's name)")
        }
        let code = try keys.optional("code")?.count(ScenarioBounds.stepCode)
        if action == .loginRecovery, code == nil {
            throw cursor.error("step \"login-recovery\" needs code: (which of the user's ten recovery codes, 1 to 10)")
        }
        let claims = StatusClaims(
            vertical: try keys.optional("expect_vertical")?.identifier(),
            platform: try keys.optional("expect_platform")?.identifier(),
            environment: try keys.optional("expect_environment")?.label())
        if claims != StatusClaims(), action != .status {
            throw cursor.error(
                "expect_vertical, expect_platform and expect_environment apply to status steps, not \(doText)")
        }
        let stale = try keys.optional("stale")?.bool() ?? false
        if stale, [.signup, .logout, .changePassword, .loginRecovery, .status].contains(action) {
            throw cursor.error("stale: applies to login, login-webauthn, refresh and runbook steps, not \(doText)")
        }
        return ScriptStep(
            atUs: at, user: try keys.required("user").identifier(), via: via, pin: pin, action: action,
            runbook: runbook, name: name, code: code,
            expectStatus: try keys.optional("expect_status")?.count(ScenarioBounds.expectStatus), claims: claims,
            stale: stale,
            location: cursor.location)
    }
}
