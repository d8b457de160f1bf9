import Verticals

/// One checked expectation: what was expected, what was observed, and the first violation.
public struct CheckResult: Sendable {
    public var name: String
    public var expected: String
    public var observed: String
    public var pass: Bool
    public var detail: String?

    public init(name: String, expected: String, observed: String, pass: Bool, detail: String? = nil) {
        self.name = name; self.expected = expected; self.observed = observed; self.pass = pass; self.detail = detail
    }
}
