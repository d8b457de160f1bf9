/// Fastly-style health checks: every `interval`, a `GET /api/public/status` to each target that
/// passes when it answers `expected` within `timeout`; keep the last `window` results, healthy
/// when at least `threshold` of them passed; `initial` passes are assumed at start.
public struct HealthCheckSpec: Sendable {
    public var intervalUs: Int64
    public var timeoutUs: Int64
    public var window: Int
    public var threshold: Int
    public var initial: Int
    /// The status a passing probe answers (Fastly's `expected_response`).
    public var expectedStatus: Int = 200
}
