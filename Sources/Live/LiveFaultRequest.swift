import Foundation
import Sim
import Verticals

/// One live fault as the control server takes it (`POST /api/faults`, `simctl fault`): a kind of
/// the scenario format, its target (a vertical, or a link between two), how long it lasts, and
/// its rate or latency.
public struct LiveFaultRequest: Sendable, Equatable {
    /// The kinds the live mode can act out on real servers and real HTTP sync.
    public static let supportedKinds: [FaultKind] = [
        .computeOutage, .databaseOutage, .bucketOutage, .providerOutage, .brownout, .crash, .partition,
        .linkLatency, .messageLoss,
    ]
    /// Longest `for` (a day); a fault without one lasts until lifted.
    public static let maxForUs: Int64 = 86_400_000_000
    /// Largest added link latency (a minute).
    public static let maxLatencyUs: Int64 = 60_000_000

    public var kind: FaultKind
    /// The vertical a vertical fault hits.
    public var target: String?
    /// The two verticals a link fault sits between.
    public var between: [String]?
    /// How long it lasts (nil: until lifted).
    public var forUs: Int64?
    /// For brownout and message-loss: the fraction hit, 0...1.
    public var rate: Double?
    /// For link-latency: the latency added to each message.
    public var latencyUs: Int64?

    public init(
        kind: FaultKind, target: String? = nil, between: [String]? = nil, forUs: Int64? = nil, rate: Double? = nil,
        latencyUs: Int64? = nil
    ) {
        self.kind = kind
        self.target = target
        self.between = between
        self.forUs = forUs
        self.rate = rate
        self.latencyUs = latencyUs
    }

    /// What is wrong with this request against `verticals` (the topology's ids), or nil.
    public func problem(verticals: [String]) -> String? {
        guard Self.supportedKinds.contains(kind) else {
            return
                "\(kind.rawValue): not a live fault (expected one of \(Self.supportedKinds.map(\.rawValue).joined(separator: ", ")))"
        }
        if kind.targetKind == .link {
            guard let between, between.count == 2, between[0] != between[1] else {
                return "\(kind.rawValue) needs --between V,V: two different verticals"
            }
            if let unknown = between.first(where: { !verticals.contains($0) }) {
                return
                    "\(unknown): not a vertical of the topology (expected one of \(verticals.joined(separator: ", ")))"
            }
            if target != nil { return "\(kind.rawValue) takes --between V,V, not a target" }
        } else {
            guard let target else {
                return "\(kind.rawValue) needs a target vertical (one of \(verticals.joined(separator: ", ")))"
            }
            guard verticals.contains(target) else {
                return
                    "\(target): not a vertical of the topology (expected one of \(verticals.joined(separator: ", ")))"
            }
            if between != nil { return "\(kind.rawValue) takes a target vertical, not --between" }
        }
        if let forUs, !(1_000...Self.maxForUs).contains(forUs) {
            return "--for: out of bounds (expected 1ms...24h)"
        }
        if let rate, !(0...1).contains(rate) { return "--rate \(rate): out of bounds (expected 0...1)" }
        if let latencyUs, !(0...Self.maxLatencyUs).contains(latencyUs) {
            return "--latency: out of bounds (expected 0ms...60s)"
        }
        if kind == .linkLatency, latencyUs == nil { return "link-latency needs --latency DURATION" }
        if [.brownout, .messageLoss].contains(kind), rate == nil { return "\(kind.rawValue) needs --rate R (0...1)" }
        return nil
    }

    /// Where it acts, for lists: `aws` or `aws<->scaleway`.
    public var targetDescription: String {
        target ?? (between ?? []).joined(separator: "<->")
    }

    /// The request as JSON (the control API's body).
    public func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        if let target { pairs.append(("target", .string(target))) }
        if let between { pairs.append(("between", .array(between.map { .string($0) }))) }
        if let forUs { pairs.append(("for_ms", .int(forUs / 1000))) }
        if let rate { pairs.append(("rate", .double(rate))) }
        if let latencyUs { pairs.append(("latency_ms", .int(latencyUs / 1000))) }
        return .object(pairs)
    }

    /// Reads the control API's JSON body; the message says what is wrong.
    public static func parse(_ value: JSONValue) -> Result<LiveFaultRequest, LiveServerError> {
        guard let name = value["kind"]?.stringValue else {
            return .failure(LiveServerError(description: "expected {\"kind\": ...}"))
        }
        guard let kind = FaultKind(rawValue: name) else {
            return .failure(
                LiveServerError(
                    description:
                        "\(name): not a fault kind (expected one of \(supportedKinds.map(\.rawValue).joined(separator: ", ")))"
                ))
        }
        var request = LiveFaultRequest(kind: kind)
        request.target = value["target"]?.stringValue
        request.between = value["between"]?.arrayValue?.compactMap(\.stringValue)
        request.forUs = value["for_ms"]?.int64Value.map { $0 * 1000 }
        request.latencyUs = value["latency_ms"]?.int64Value.map { $0 * 1000 }
        switch value["rate"] {
        case .double(let rate)?: request.rate = rate
        case .int(let rate)?: request.rate = Double(rate)
        default: break
        }
        return .success(request)
    }
}

/// A live fault in force.
public struct ActiveLiveFault: Sendable, Equatable {
    /// Its id (lift it with `simctl fault --lift ID`).
    public var id: Int
    public var request: LiveFaultRequest
    /// When it started and when it ends by itself (nil: when lifted), Unix milliseconds.
    public var startedUnixMs: Int64
    public var endsUnixMs: Int64?

    /// The fault as JSON.
    public func json() -> JSONValue {
        .object([
            ("id", .int(id)), ("kind", .string(request.kind.rawValue)),
            ("target", .string(request.targetDescription)), ("request", request.json()),
            ("started_unix_ms", .int(startedUnixMs)), ("ends_unix_ms", endsUnixMs.map { .int($0) } ?? .null),
        ])
    }

    /// One line for `simctl faults --control`.
    public var line: String {
        var text = "#\(id) \(request.kind.rawValue) \(request.targetDescription)"
        if let rate = request.rate { text += " rate \(rate)" }
        if let latency = request.latencyUs { text += " latency \(latency / 1000)ms" }
        if let endsUnixMs {
            text += ", \(max(0, endsUnixMs - Int64(Date().timeIntervalSince1970 * 1000)) / 1000)s left"
        } else {
            text += ", until lifted"
        }
        return text
    }
}
