/// Scalar values: text, names and numbers, each checked against its documented bound
/// (``ScenarioBounds``) and recorded in the ``SourceMap`` under the cursor's path.
extension YAMLCursor {
    /// The scalar's text; nil for a mapping, list or nothing.
    var scalarText: String? {
        guard case .scalar(let scalar) = node, node.null == nil else { return nil }
        return scalar.string
    }

    func scalar(_ expected: String) throws -> String {
        guard let text = scalarText else { throw error("expected \(expected), found \(found)") }
        if node.mark != nil { sourceMap.record(path, location) }
        return text
    }

    /// Free text of at most `maxCharacters` (a description).
    func string(maxCharacters: Int = 255) throws -> String {
        let text = try scalar("a string")
        guard text.count <= maxCharacters else {
            throw error("text of \(text.count) characters (expected at most \(maxCharacters))")
        }
        return text
    }

    /// A one-line label of printable ASCII, 1 to `maxLength` characters (a region, a database
    /// label): it ends up in response headers and file contents.
    func label(maxLength: Int = 63) throws -> String {
        let text = try scalar("a label like us-east-1")
        guard !text.isEmpty, text.utf8.count <= maxLength, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw error(
                "expected a label of 1 to \(maxLength) printable ASCII characters on one line, found \"\(Quote.short(text))\""
            )
        }
        return text
    }

    /// A `[a-z0-9-]+` identifier of at most `maxLength` characters.
    func identifier(maxLength: Int = 63) throws -> String {
        let text = try scalar("a name made of a-z, 0-9 and -")
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
        else {
            throw error("expected a name made of a-z, 0-9 and -, found \"\(Quote.short(text))\"")
        }
        guard text.utf8.count <= maxLength else {
            throw error("a name of \(text.utf8.count) characters (expected at most \(maxLength))")
        }
        return text
    }

    /// A whole number in plain decimal inside `bound`.
    func count(_ bound: FieldBound) throws -> Int {
        try count(in: Int(bound.minimum)...Int(bound.maximum))
    }

    /// A whole number in plain decimal inside `range`.
    func count(in range: ClosedRange<Int>) throws -> Int {
        let text = try scalar("a whole number")
        guard let value = Units.parseCount(text) else {
            throw error("expected a whole number in plain decimal like 42, found \"\(Quote.short(text))\"")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range (expected \(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }

    /// A number from 0 to 1 in plain decimal (a probability or weight).
    func fraction(_ bound: FieldBound = ScenarioBounds.faultRate) throws -> Double {
        let text = try scalar("a number from 0 to 1")
        guard let value = Units.parseDecimal(text) else {
            throw error("expected a number in plain decimal like 0.25, found \"\(Quote.short(text))\"")
        }
        try check(value, text, bound)
        return value
    }

    func bool() throws -> Bool {
        let text = try scalar("true or false")
        switch text {
        case "true", "True", "yes": return true
        case "false", "False", "no": return false
        default: throw error("expected true or false, found \"\(Quote.short(text))\"")
        }
    }

    /// A duration inside `bound` (negative only where the bound allows it).
    func duration(_ bound: FieldBound) throws -> Int64 {
        let text = try scalar("a duration like 250ms, 30s, 5m or 1h")
        guard let value = Units.parseDuration(text) else {
            throw error(
                "expected a duration like 250ms, 30s, 1m30s or 1h (plain decimal numbers; units d, h, m, s, ms, us, largest first), found \"\(Quote.short(text))\""
            )
        }
        try check(Double(value), text, bound)
        return value
    }

    /// A size in bytes inside `bound`.
    func size(_ bound: FieldBound) throws -> Int {
        let text = try scalar("a size like 6MB or 64KiB")
        guard let value = Units.parseSize(text) else {
            throw error(
                "expected a size like 512B, 6MB or 64KiB (units: B, KB, MB, GB, KiB, MiB, GiB), found \"\(Quote.short(text))\""
            )
        }
        try check(Double(value), text, bound)
        return value
    }

    /// A rate in events per second inside `bound`.
    func rate(_ bound: FieldBound) throws -> Double {
        let text = try scalar("a rate like 20/s")
        guard let value = Units.parseRate(text) else {
            throw error("expected a rate like 20/s, 300/m or 2/h, found \"\(Quote.short(text))\"")
        }
        try check(value, text, bound)
        return value
    }

    private func check(_ value: Double, _ text: String, _ bound: FieldBound) throws {
        guard bound.contains(value) else {
            throw error("\(Quote.short(text)) is out of range (expected \(bound.rangeText))")
        }
    }
}
