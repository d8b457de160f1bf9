/// One link's latency and jitter, in microseconds.
public struct LinkSpec: Sendable {
    public var latencyUs: Int64
    public var jitterUs: Int64
}
