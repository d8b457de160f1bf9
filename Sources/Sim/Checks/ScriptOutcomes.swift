/// The `script` steps run and those that failed, from ``WorldEvent/scriptStepStarted`` and
/// ``WorldEvent/scriptStepFailed(_:)``.
final class ScriptOutcomes: WorldEventSink {
    private(set) var steps = 0
    private(set) var failures = ViolationLog()

    func receive(_ event: WorldEvent, atUs: Int64) {
        switch event {
        case .scriptStepStarted: steps += 1
        case .scriptStepFailed(let detail): failures.record(detail)
        default: break
        }
    }
}
