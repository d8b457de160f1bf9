/// One injected fault as the report draws it: numbered in the order of the scenario, with the
/// window it was active in (virtual time) and what it hit.
public struct FaultWindow: Sendable, Equatable {
    /// 1-based, in the scenario's order: `F1`, `F2`, ...
    public var number: Int
    public var kind: String
    /// The vertical, edge, domain or link (`aws-scaleway`) it aimed at.
    public var target: String
    public var startUs: Int64
    public var endUs: Int64
    public var affectedRequests: Int
    public var affectedMessages: Int
    /// Shown instead of the virtual-time span when set: the live dashboard's faults have no
    /// virtual window, only a wall-clock age and what is left (`12 s in, 48 s left`).
    public var spanLabel: String?

    public init(
        number: Int, kind: String, target: String, startUs: Int64, endUs: Int64, affectedRequests: Int = 0,
        affectedMessages: Int = 0
    ) {
        self.number = number
        self.kind = kind
        self.target = target
        self.startUs = startUs
        self.endUs = endUs
        self.affectedRequests = affectedRequests
        self.affectedMessages = affectedMessages
    }

    /// `F1`.
    public var tag: String { "F\(number)" }
    /// `F1 provider-outage aws`.
    public var label: String { "\(tag) \(kind) \(target)" }
    /// `2m00s–7m00s`.
    public var span: String { spanLabel ?? "\(Format.duration(us: startUs))–\(Format.duration(us: endUs))" }
    /// True when the fault hit at least one request or message.
    public var hit: Bool { affectedRequests + affectedMessages > 0 }
}
