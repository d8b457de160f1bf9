/// One value of a trace line: the trace writes flat JSON objects of strings, integers, booleans
/// and nulls (anything nested is kept as ``other``).
public enum TraceValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    /// A nested array or object, not interpreted.
    case other
}
