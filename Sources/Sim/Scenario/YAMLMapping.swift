/// A mapping whose keys have been checked; hands out its values by key.
struct YAMLMapping {
    /// One key and its value.
    struct Entry {
        let key: String
        let keyCursor: YAMLCursor
        let value: YAMLCursor
    }

    let cursor: YAMLCursor
    let entries: [Entry]

    func optional(_ key: String) -> YAMLCursor? {
        entries.first { $0.key == key }?.value
    }

    func required(_ key: String) throws -> YAMLCursor {
        guard let value = optional(key) else {
            throw cursor.error("missing required key \"\(key)\"")
        }
        return value
    }

    func has(_ key: String) -> Bool { optional(key) != nil }
}
