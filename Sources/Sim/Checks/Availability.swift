/// Request counts of one surface.
struct SurfaceCounts {
    var total = 0
    var ok = 0
    var failed = 0
    var unknown = 0
    /// The first request on the surface that did not end ok, described.
    var firstFailure: String?

    var availabilityPercent: Double? { total == 0 ? nil : Double(ok) * 100 / Double(total) }
}

/// Counts finished requests per surface and their outcomes, for `availability`. The footer
/// indicator's status calls are not counted: the user did not ask for them.
final class Availability: WorldEventSink {
    private var surfaces: [String: SurfaceCounts] = [:]
    /// Requests counted so far, every surface.
    private(set) var requests = 0

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .requestFinished(let finished) = event else { return }
        if case .footer = finished.call.purpose { return }
        requests += 1
        let answer = finished.answer
        var counts = surfaces[finished.call.surface] ?? SurfaceCounts()
        counts.total += 1
        if answer.outcome != .ok, counts.firstFailure == nil { counts.firstFailure = Self.describe(finished) }
        switch answer.outcome {
        case .ok: counts.ok += 1
        case .failed: counts.failed += 1
        case .unknown: counts.unknown += 1
        }
        surfaces[finished.call.surface] = counts
    }

    /// The counts of `surface`.
    func counts(_ surface: String) -> SurfaceCounts { surfaces[surface] ?? SurfaceCounts() }

    private static func describe(_ finished: WorldEvent.RequestFinished) -> String {
        let call = finished.call
        let answer = finished.answer
        let got =
            answer.outcome == .unknown
            ? "no answer in time" : finished.status.map { "\($0)" } ?? answer.reason ?? "no answer"
        let origin = answer.vertical.map { " from \($0)" } ?? answer.reason.map { " (\($0))" } ?? ""
        return "at \(VirtualTime.format(finished.issuedUs)): \(call.user)'s \(call.operation) got \(got)\(origin)"
    }
}
