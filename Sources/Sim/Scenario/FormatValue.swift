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
