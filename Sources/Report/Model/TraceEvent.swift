/// One line of `trace.jsonl`: its virtual time, its kind (`request`, `sync.apply`, ...) and its
/// other fields in the order written.
public struct TraceEvent: Sendable, Equatable {
    public var timeUs: Int64
    public var kind: String
    public var fields: [(String, TraceValue)]

    public init(timeUs: Int64, kind: String, fields: [(String, TraceValue)]) {
        self.timeUs = timeUs
        self.kind = kind
        self.fields = fields
    }

    public static func == (lhs: TraceEvent, rhs: TraceEvent) -> Bool {
        lhs.timeUs == rhs.timeUs && lhs.kind == rhs.kind && lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// The value of field `key` (a linear scan: lines have about ten fields).
    public subscript(key: String) -> TraceValue? {
        for (name, value) in fields where name == key { return value }
        return nil
    }

    /// A string field, nil when absent or not a string.
    public func string(_ key: String) -> String? {
        if case .string(let value) = self[key] { return value }
        return nil
    }

    /// An integer field, nil when absent or not an integer.
    public func int(_ key: String) -> Int64? {
        switch self[key] {
        case .int(let value): return value
        case .double(let value): return Int64(value)
        default: return nil
        }
    }

    /// A boolean field, nil when absent or not a boolean.
    public func bool(_ key: String) -> Bool? {
        if case .bool(let value) = self[key] { return value }
        return nil
    }
}
