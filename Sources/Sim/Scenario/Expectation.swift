/// One check a scenario asks for, e.g. `availability: {glassbreak.io: ">= 99.9%"}` gives one
/// expectation with key `.availability`, qualifier `glassbreak.io`.
public struct Expectation: Sendable {
    public var key: ExpectKey
    /// The sub-key: a surface for availability, a percentile for propagation.
    public var qualifier: String?
    public var bound: Bound
    /// The value as written, for the report (`"<= 30s"`, `"99.9%"`).
    public var written: String
    public var location: SourceLocation

    /// The check's name in the result: the key, with its qualifier when it has one.
    public var checkName: String {
        qualifier.map { "\(key.rawValue).\($0)" } ?? key.rawValue
    }
}
