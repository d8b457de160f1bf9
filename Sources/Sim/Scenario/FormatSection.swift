/// A mapping of the scenario format: its keys, in the order the docs give them.
public struct FormatSection: Sendable {
    /// The dotted path, for messages and titles (`topology.sync`).
    public let path: String
    public let fields: [FormatField]
    /// Extra rule for the schema: at least one of these key sets must all be present.
    public let requiredAlternatives: [[String]]

    public init(_ path: String, _ fields: [FormatField], requiredAlternatives: [[String]] = []) {
        self.path = path
        self.fields = fields
        self.requiredAlternatives = requiredAlternatives
    }

    /// The keys the loader accepts here.
    public var keys: [String] { fields.map(\.key) }

    /// The field called `key` (a programming error if there is none).
    public func field(_ key: String) -> FormatField {
        guard let field = fields.first(where: { $0.key == key }) else {
            preconditionFailure("\(path) has no key \(key)")
        }
        return field
    }
}
