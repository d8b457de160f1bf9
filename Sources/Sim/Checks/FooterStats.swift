import Verticals

/// The opt-in footer indicator as the design describes it: on every page, a footer showing which
/// vertical, platform and environment served it, filled from `GET /api/public/status` on each page
/// load. Counts the status calls of opted-in users' page views, by the vertical the status
/// endpoint named, and those that got no usable answer.
struct FooterStats {
    /// Users who opted in.
    var optedInUsers = 0
    private(set) var views = 0
    private(set) var failed = 0
    private(set) var byVertical: [String: Int] = [:]

    /// One footer status call finished; `claimedBy` is the vertical its answer named (nil when it
    /// failed).
    mutating func viewed(claimedBy vertical: String?) {
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
