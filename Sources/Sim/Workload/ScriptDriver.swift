import Foundation
import Verticals

/// Runs a scenario's exact `script` steps at their virtual times and checks `expect_status`
/// (without one, a step expects a 2xx answer). Runbook names are per user: `runbook: r1` of
/// user alice is the runbook `alice-r1`. A user whose first step is not `signup` is signed up at
/// time zero through the surface of its first step ("created on first use").
final class ScriptDriver {
    let steps: [ScriptStep]
    let queue: EventQueue
    let clients: ClientFabric
    let auth: AuthFlows
    let users: UserDirectory
    let events: WorldEventStream
    let attachmentBytes: Int

    init(
        steps: [ScriptStep], queue: EventQueue, clients: ClientFabric, auth: AuthFlows, users: UserDirectory,
        events: WorldEventStream, attachmentBytes: Int
    ) {
        self.steps = steps
        self.queue = queue
        self.clients = clients
        self.auth = auth
        self.users = users
        self.events = events
        precondition(
            (0...ScenarioBounds.attachmentSize.maximum).contains(Double(attachmentBytes)),
            "attachment size \(attachmentBytes) outside its bound (the loader checks it)")
        self.attachmentBytes = attachmentBytes
    }

    func start() {
        var seen: [String] = []
        for step in steps.sorted(by: { $0.atUs < $1.atUs }) where !seen.contains(step.user) {
            seen.append(step.user)
            // A user who only asks for the status needs no account.
            let onlyStatus = steps.allSatisfy { $0.user != step.user || $0.action == .status }
            if step.action != .signup, !onlyStatus {
                let user = users.user(step.user)
                queue.schedule(atUs: 0) { [self] in auth.signup(user, via: step.via) { _ in } }
            }
        }
        for step in steps {
            queue.schedule(atUs: step.atUs) { [self] in run(step) }
        }
    }

    private func run(_ step: ScriptStep) {
        let user = users.user(step.user)
        events.emit(.scriptStepStarted)
        let done: (ClientAnswer) -> Void = { [self] answer in judge(step, answer) }
        switch step.action {
        case .signup: auth.signup(user, via: step.via, pin: step.pin, done: done)
        case .login:
            auth.login(user, via: step.via, factor: .totp, stalePassword: step.stale, pin: step.pin, done: done)
        case .loginWebauthn:
            auth.login(user, via: step.via, factor: .webauthn(clone: step.stale), pin: step.pin, done: done)
        case .loginRecovery:
            auth.login(user, via: step.via, factor: .recovery(index: step.code ?? 1), pin: step.pin, done: done)
        case .refresh: auth.refresh(user, via: step.via, stale: step.stale, pin: step.pin, done: done)
        case .logout: auth.logout(user, via: step.via, pin: step.pin, done: done)
        case .changePassword: auth.changePassword(user, via: step.via, pin: step.pin, done: done)
        case .status:
            var call = Calls.status(user: step.user, surface: step.via)
            call.presetPin = step.pin
            clients.send(call, completion: done)
        case .create, .read, .update, .delete, .list, .upload, .download:
            var call = runbookCall(step)
            call.presetPin = step.pin
            call.token = step.stale ? user.staleAccess : user.access
            clients.send(call, completion: done)
        }
    }

    private func runbookCall(_ step: ScriptStep) -> ClientCall {
        let id = "\(step.user)-\(step.runbook ?? "")"
        switch step.action {
        case .create:
            return Calls.create(user: step.user, surface: step.via, id: id, title: step.runbook ?? id, body: "script")
        case .read: return Calls.read(user: step.user, surface: step.via, id: id)
        case .update:
            return Calls.update(
                user: step.user, surface: step.via, id: id, title: step.runbook ?? id,
                body: "script update at \(queue.nowUs)")
        case .delete: return Calls.delete(user: step.user, surface: step.via, id: id)
        case .upload:
            return Calls.upload(
                user: step.user, surface: step.via, id: id, name: step.name ?? "",
                bytes: Data(repeating: 0x5A, count: attachmentBytes))
        case .download: return Calls.download(user: step.user, surface: step.via, id: id, name: step.name ?? "")
        default: return Calls.list(user: step.user, surface: step.via)
        }
    }

    private func judge(_ step: ScriptStep, _ answer: ClientAnswer) {
        let expected = step.expectStatus
        let passed = expected.map { answer.status == $0 } ?? (answer.status.map { (200..<300).contains($0) } ?? false)
        if passed, step.action == .status, let mismatch = Self.claimMismatch(step.claims, answer) {
            events.emit(
                .scriptStepFailed(
                    "\(step.location): step status by \(step.user) via \(step.via) at \(VirtualTime.format(step.atUs)) \(mismatch)"
                ))
            return
        }
        if !passed {
            events.emit(
                .scriptStepFailed(
                    "\(step.location): step \(step.action.rawValue) by \(step.user) via \(step.via) at \(VirtualTime.format(step.atUs)) got \(answer.status.map(String.init) ?? answer.reason ?? "no answer") (expected \(expected.map(String.init) ?? "2xx"))\(answer.vertical.map { " from \($0)" } ?? "")"
                ))
        }
    }

    /// What a status answer got wrong against the step's expectations, read from the body the
    /// status endpoint wrote and from the x-gb-* headers the browser saw (both must agree), or
    /// nil when it matches.
    static func claimMismatch(_ claims: StatusClaims, _ answer: ClientAnswer) -> String? {
        let status: ServiceStatus?
        if case .status(let answered)? = answer.result { status = answered } else { status = nil }
        let checks: [(String, String?, String?, String?)] = [
            ("vertical", claims.vertical, status?.vertical, answer.served?.vertical),
            ("platform", claims.platform, status?.platform, answer.served?.platform),
            ("environment", claims.environment, status?.environment, answer.served?.environment),
        ]
        for (field, expected, reported, header) in checks {
            guard let expected else { continue }
            if reported != expected || header != expected {
                return
                    "reported \(field) \(reported ?? "none") (header \(header ?? "none")), expected \(expected)"
            }
        }
        return nil
    }
}
