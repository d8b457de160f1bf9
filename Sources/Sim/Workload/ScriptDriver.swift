import Foundation

/// Runs a scenario's exact `script` steps at their virtual times and checks `expect_status`
/// (without one, a step expects a 2xx answer). Runbook names are per user: `runbook: r1` of
/// user alice is the runbook `alice-r1`.
final class ScriptDriver {
    let steps: [ScriptStep]
    let queue: EventQueue
    let clients: ClientFabric
    let recorder: RunRecorder
    let attachmentBytes: Int

    /// Actions that need the authentication layer, which this build does not simulate yet.
    static let unsupported: [ScriptAction] = [.signup, .login, .loginWebauthn, .loginRecovery, .refresh, .logout]

    init(steps: [ScriptStep], queue: EventQueue, clients: ClientFabric, recorder: RunRecorder, attachmentBytes: Int) {
        self.steps = steps
        self.queue = queue
        self.clients = clients
        self.recorder = recorder
        self.attachmentBytes = attachmentBytes
    }

    /// The first step this build cannot run, if any.
    static func firstUnsupported(_ steps: [ScriptStep]) -> ScriptStep? {
        steps.first { unsupported.contains($0.action) }
    }

    func start() {
        for step in steps {
            queue.schedule(atUs: step.atUs) { [self] in run(step) }
        }
    }

    private func run(_ step: ScriptStep) {
        let id = "\(step.user)-\(step.runbook ?? "")"
        var call: ClientCall
        switch step.action {
        case .create:
            call = Calls.create(user: step.user, surface: step.via, id: id, title: step.runbook ?? id, body: "script")
        case .read: call = Calls.read(user: step.user, surface: step.via, id: id)
        case .update:
            call = Calls.update(user: step.user, surface: step.via, id: id, title: step.runbook ?? id,
                                body: "script update at \(queue.nowUs)")
        case .delete: call = Calls.delete(user: step.user, surface: step.via, id: id)
        case .list: call = Calls.list(user: step.user, surface: step.via)
        case .upload:
            call = Calls.upload(user: step.user, surface: step.via, id: id, name: step.name ?? "",
                                bytes: Data(repeating: 0x5A, count: attachmentBytes))
        case .download: call = Calls.download(user: step.user, surface: step.via, id: id, name: step.name ?? "")
        default:
            preconditionFailure("unsupported step \(step.action.rawValue) must be refused before the run")
        }
        call.presetPin = step.pin
        recorder.scriptSteps += 1
        clients.send(call) { [self] answer in
            let expected = step.expectStatus
            let passed = expected.map { answer.status == $0 } ?? (answer.status.map { (200..<300).contains($0) } ?? false)
            if !passed {
                recorder.scriptFailures.record(
                    "\(step.location): step \(step.action.rawValue) by \(step.user) via \(step.via) at \(VirtualTime.format(step.atUs)) got \(answer.status.map(String.init) ?? answer.reason ?? "no answer") (expected \(expected.map(String.init) ?? "2xx"))\(answer.vertical.map { " from \($0)" } ?? "")")
            }
        }
    }
}
