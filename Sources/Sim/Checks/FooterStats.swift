import Verticals

/// The opt-in footer indicator as the design describes it: on every page, a footer showing which
/// vertical, platform and environment served it, filled from `GET /api/public/status` on each page
/// load. Counts the status calls of opted-in users' page views, by the vertical the status
/// endpoint named, and those that got no usable answer.
final class FooterStats: WorldEventSink {
    /// Users who opted in.
    private(set) var optedInUsers = 0
    private(set) var views = 0
    private(set) var failed = 0
    private(set) var byVertical: [String: Int] = [:]

    func receive(_ event: WorldEvent, atUs: Int64) {
        switch event {
        case .footerOptedIn: optedInUsers += 1
        case .requestFinished(let finished):
            guard case .footer = finished.call.purpose else { return }
            let answer = finished.answer
            viewed(claimedBy: answer.outcome == .ok ? answer.served?.vertical : nil)
        default: break
        }
    }

    /// One footer status call finished; `claimedBy` is the vertical its answer named (nil when it
    /// failed).
    func viewed(claimedBy vertical: String?) {
        views += 1
        if let vertical {
            byVertical[vertical, default: 0] += 1
        } else {
            failed += 1
        }
    }

    /// The result's `metrics.footer`, verticals in topology order.
    func json(verticals: [String]) -> JSONValue {
        .object([
            ("opted_in_users", .int(optedInUsers)), ("views", .int(views)), ("failed", .int(failed)),
            ("by_vertical", .object(verticals.map { ($0, .int(byVertical[$0] ?? 0)) })),
        ])
    }
}
