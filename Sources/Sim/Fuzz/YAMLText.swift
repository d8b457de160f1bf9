/// Formatting of scalar values in the scenario format's own notation, exact enough that loading
/// the text gives back the very same value (microseconds, bytes, doubles).
enum YAMLText {
    /// A string as a YAML scalar: plain when that is unambiguous, double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let special = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]
        let safe =
            !text.isEmpty && !special.contains(text.lowercased()) && Double(text) == nil
            && text.unicodeScalars.allSatisfy { isPlain($0) } && text.first != "-" && text.first != "."
        return safe ? text : quoted(text)
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/": return true
        default: return false
        }
    }

    /// A double-quoted YAML scalar (JSON-style escapes, which YAML accepts).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A duration in the largest unit that states it exactly: `30d`, `2m`, `90s`, `12.3s`, `250ms`, `17us`.
    static func duration(_ us: Int64) -> String {
        let sign = us < 0 ? "-" : ""
        let magnitude = us.magnitude
        if magnitude == 0 { return "0" }
        if magnitude % UInt64(VirtualTime.day) == 0 { return "\(sign)\(magnitude / UInt64(VirtualTime.day))d" }
        if magnitude % UInt64(VirtualTime.hour) == 0 { return "\(sign)\(magnitude / UInt64(VirtualTime.hour))h" }
        if magnitude % UInt64(VirtualTime.minute) == 0 {
            return "\(sign)\(magnitude / UInt64(VirtualTime.minute))m"
        }
        let second = UInt64(VirtualTime.second)
        let ms = UInt64(VirtualTime.ms)
        if magnitude % second == 0 { return "\(sign)\(magnitude / second)s" }
        if magnitude % ms == 0 {
            guard magnitude >= second else { return "\(sign)\(magnitude / ms)ms" }
            var fraction = String(magnitude % second / ms)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(magnitude / second).\(fraction)s"
        }
        return "\(sign)\(magnitude)us"
    }

    /// A size in the largest unit that states it exactly: `6MB`, `2KiB`, `19MiB`, `100B`.
    static func size(_ bytes: Int) -> String {
        let units: [(String, Int)] = [
            ("GB", 1_000_000_000), ("GiB", 1 << 30), ("MB", 1_000_000), ("MiB", 1 << 20), ("KB", 1000), ("KiB", 1024),
        ]
        for (unit, scale) in units where bytes > 0 && bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        return "\(bytes)B"
    }

    /// A rate per second as `20/s`, or `/m` or `/h` when that states it exactly as a whole number.
    static func rate(_ perSecond: Double) -> String {
        if perSecond == perSecond.rounded() { return "\(number(perSecond))/s" }
        for (unit, scale) in [("m", 60.0), ("h", 3600.0)] {
            let count = (perSecond * scale).rounded()
            if count / scale == perSecond { return "\(number(count))/\(unit)" }
        }
        return "\(perSecond)/s"
    }

    /// A double in its shortest exact form, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A flow mapping `{a: 1, b: 2}` from ordered pairs.
    static func flow(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A flow list `[a, b]`.
    static func flowList(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }
}
