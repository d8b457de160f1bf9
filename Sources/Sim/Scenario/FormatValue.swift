/// What a value of the scenario format may be, as the loader reads it and as the JSON Schema
/// (`simctl schema`) describes it. ``ScenarioFormat`` is built from these.
public indirect enum FormatValue: Sendable {
    /// A duration like `250ms` (or `0`), inside its bound.
    case duration(FieldBound)
    /// A size like `6MB` or `64KiB`, inside its bound.
    case size(FieldBound)
    /// A whole number inside its bound.
    case count(FieldBound)
    /// A whole number from `minimum` to `maximum` (health-check counts, bounded by `window`).
    case countRange(Int, Int)
    /// A rate like `20/s`, inside its bound.
    case rate(FieldBound)
    /// A number from 0 to 1 inside its bound.
    case fraction(FieldBound)
    case bool
    /// A `[a-z0-9-]+` name of at most so many characters.
    case identifier(maxLength: Int)
    /// Printable ASCII on one line, at most so many characters.
    case label(maxLength: Int)
    /// Free text of at most so many characters.
    case text(maxCharacters: Int)
    /// A DNS name like `glassbreak.io`.
    case domainName
    /// One of these words.
    case oneOf([String])
    /// A mapping with these keys.
    case mapping(FormatSection)
    /// A mapping whose keys the user chooses (`keys` lists them when they are fixed words).
    case openMapping(keys: [String]?, keyPattern: String?, value: FormatValue)
    /// A list of values, as many as the bound allows (any number without one).
    case list(FormatValue, FieldBound?)
    /// Any of these shapes (a built-in topology's name, or an inline topology).
    case anyOf([FormatValue])
    /// An expectation's value (`100%`, `0`, `true`, `<= 30s`).
    case expectation(ExpectValueKind)
    /// The kind-dependent shape of one fault (see ``FaultKind``).
    case fault
    /// Anything: the loader checks it with its own rules (documented in the description).
    case checkedByLoader
}

/// One key of a mapping: its value, whether it must be there, what it means and its default.
public struct FormatField: Sendable {
    public let key: String
    public let value: FormatValue
    public let required: Bool
    /// One or two sentences for editors and the docs.
    public let summary: String
    /// The value used when the key is absent, as the user would write it.
    public let defaultValue: String?

    public init(
        _ key: String, _ value: FormatValue, required: Bool = false, _ summary: String,
        default defaultValue: String? = nil
    ) {
        self.key = key
        self.value = value
        self.required = required
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

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
