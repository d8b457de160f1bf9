import Foundation
import Verticals

/// The workload's decisions that do not depend on how requests travel, shared by the simulator's
/// ``WorkloadDriver`` and the live mode's load generator (`simctl serve --load`): drawing from
/// weights, the operation a user can actually perform, and the API request of each operation.
public enum WorkloadModel {
    /// Running sums of `weights`, for ``pick(_:_:)``.
    public static func cumulative<T>(_ weights: [(T, Double)]) -> [(T, Double)] {
        var sum = 0.0
        return weights.map { item in
            sum += item.1
            return (item.0, sum)
        }
    }

    /// The item whose cumulative weight a uniform `draw` in 0..<1 falls under.
    public static func pick<T>(_ cumulative: [(T, Double)], _ draw: Double) -> T {
        let scaled = draw * (cumulative.last?.1 ?? 1)
        return (cumulative.first { scaled < $0.1 } ?? cumulative[cumulative.count - 1]).0
    }

    /// The operation a user with `runbooks` runbooks and `attachments` attachments performs when
    /// `drawn` was drawn: one without a runbook creates one first (a list needs none), a download
    /// without an attachment reads instead.
    public static func effective(_ drawn: WorkloadOperation, runbooks: Int, attachments: Int) -> WorkloadOperation {
        if runbooks == 0, drawn != .list { return .create }
        if drawn == .download, attachments == 0 { return .read }
        return drawn
    }

    /// The API request of `operation` on `surface` (a domain): `runbook` is the runbook it
    /// creates or touches, `attachment` the attachment's name, `bytes` an upload's content.
    public static func request(
        _ operation: WorkloadOperation, surface: String, runbook: String, title: String, body: String,
        attachment: String = "", bytes: Data = Data()
    ) -> APIRequest {
        switch operation {
        case .create: return Calls.create(user: "", surface: surface, id: runbook, title: title, body: body).request
        case .update: return Calls.update(user: "", surface: surface, id: runbook, title: title, body: body).request
        case .read: return Calls.read(user: "", surface: surface, id: runbook).request
        case .list: return Calls.list(user: "", surface: surface).request
        case .upload:
            return Calls.upload(user: "", surface: surface, id: runbook, name: attachment, bytes: bytes).request
        case .download: return Calls.download(user: "", surface: surface, id: runbook, name: attachment).request
        case .delete: return Calls.delete(user: "", surface: surface, id: runbook).request
        }
    }
}

extension WorkloadModel {
    /// Users of a live load when the scenario has no workload.
    public static let defaultLiveUsers = 50

    /// The workload a live load follows: the scenario's own at `ratePerSecond`, or, without one,
    /// the defaults (every operation in ``Workload/defaultMix``, the topology's domains weighted as
    /// a scenario without `surfaces` weights them, ``defaultLiveUsers`` users).
    public static func liveWorkload(_ scenario: Scenario, ratePerSecond: Double) -> Workload {
        var workload =
            scenario.workload
            ?? Workload(
                users: defaultLiveUsers, ratePerSecond: ratePerSecond, mix: Workload.defaultMix,
                surfaces: WorkloadDecoder.defaultSurfaces(scenario.topology),
                attachmentBytes: Workload.defaultAttachmentBytes)
        workload.ratePerSecond = ratePerSecond
        return workload
    }
}
