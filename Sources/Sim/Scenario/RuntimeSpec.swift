/// A compute runtime's limits (AWS Lambda, Scaleway Functions, Fly Machines).
public struct RuntimeSpec: Sendable {
    public var coldStartUs: Int64
    public var warmLatencyUs: Int64
    public var timeoutUs: Int64
    public var maxPayloadBytes: Int
    public var idleEvictionUs: Int64
    public var concurrency: Int
}
