/// A serverless database that sleeps when idle and wakes with a cold start.
public struct DatabaseIdleSpec: Sendable {
    public var afterUs: Int64
    public var coldStartUs: Int64
}
