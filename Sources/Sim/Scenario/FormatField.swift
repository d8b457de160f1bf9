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
