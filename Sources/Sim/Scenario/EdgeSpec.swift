/// The CDN edge and its health checks.
public struct EdgeSpec: Sendable {
    public var name: String
    public var healthCheck: HealthCheckSpec
}
