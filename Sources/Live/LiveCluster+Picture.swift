import Foundation
import Report
import Sim

/// The dashboard's topology drawing: the Report target's ``TopologyDrawing`` of the served
/// topology with the live faults in force drawn on it.
extension LiveCluster {
    /// The SVG, as it stands now.
    func topologySVG() async -> String {
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)  // the live mode's real clock
        let drawn = await faults.active.map { fault -> DrawnFault in
            let target: FaultTarget
            if let between = fault.request.between, between.count == 2 {
                target = .link(between[0], between[1])
            } else {
                target = .vertical(fault.request.target ?? "")
            }
            var window = FaultWindow(
                number: fault.id, kind: fault.request.kind.rawValue, target: fault.request.targetDescription,
                startUs: 0, endUs: 0)
            let age = "\(max(0, nowMs - fault.startedUnixMs) / 1000) s in"
            window.spanLabel =
                fault.endsUnixMs.map { "\(age), \(max(0, $0 - nowMs + 999) / 1000) s left" } ?? "\(age), until lifted"
            return DrawnFault(
                window: window,
                kind: fault.request.kind, target: target, oneway: false)
        }
        return TopologyDrawing(
            topology: options.scenario.topology, faults: drawn, title: "live: \(options.scenario.name)"
        ).render().render()
    }
}
