/// One injected fault of a scenario.
public struct FaultSpec: Sendable {
    public var kind: FaultKind
    public var target: FaultTarget
    public var atUs: Int64
    /// How long it lasts; nil means to the end of the chaos phase.
    public var forUs: Int64?
    public var rate: Double?
    public var count: Int?
    public var offsetUs: Int64?
    public var latencyUs: Int64?
    public var jitterUs: Int64?
    public var oneway: Bool
    public var location: SourceLocation

    /// When the fault is lifted, given the length of the chaos phase.
    public func endUs(chaosEndUs: Int64) -> Int64 {
        forUs.map { min(atUs + $0, chaosEndUs) } ?? chaosEndUs
    }
}
