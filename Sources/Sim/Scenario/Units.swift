/// Parsers for the scenario format's numbers and units: counts, decimals, durations, sizes, rates
/// and percentages.
///
/// Every number is written in plain decimal: `0`, or digits not starting with `0`, optionally
/// followed by a point and digits (`0.25`, `1500.5`). No sign (a duration may start with `-` where
/// a field allows it), no exponent (`1e-20`), no hex (`0x1F`), no octal-looking leading zero
/// (`010`), no `_` separators, no `inf` or `nan`, no spaces. At most 15 digits before the point
/// and 9 after. Anything else is malformed, so a value means the same thing to every reader.
public enum Units {
    /// Most digits before the decimal point.
    public static let maxIntegerDigits = 15
    /// Most digits after the decimal point.
    public static let maxFractionDigits = 9
    /// Durations, sizes and the like saturate here (about 31 years in microseconds, or 1 EB),
    /// far above every field's bound, so an absurd value is reported as out of range rather than
    /// overflowing.
    public static let saturation: Double = 1e18

    /// A plain decimal number (see the type's documentation), or nil.
    public static func parseDecimal<S: StringProtocol>(_ text: S) -> Double? {
        let bytes = Array(text.utf8)
        guard isPlainDecimal(bytes) else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// A whole number in plain decimal (`0`, `42`; at most 18 digits), or nil.
    public static func parseCount<S: StringProtocol>(_ text: S) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy(isDigit) else { return nil }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "0") { return nil }
        return Int(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether `bytes` is a plain decimal: digits, no leading zero, optionally `.digits`.
    static func isPlainDecimal(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, isDigit(first) else { return false }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        let integer = bytes[..<point]
        guard integer.count <= maxIntegerDigits, integer.allSatisfy(isDigit) else { return false }
        if integer.count > 1, integer.first == UInt8(ascii: "0") { return false }
        guard point < bytes.count else { return true }
        let fraction = bytes[(point + 1)...]
        return !fraction.isEmpty && fraction.count <= maxFractionDigits && fraction.allSatisfy(isDigit)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// The units of a duration, largest first, with their length in microseconds.
    static let durationUnits: [(String, Int64)] = [
        ("d", VirtualTime.day), ("h", VirtualTime.hour), ("m", VirtualTime.minute), ("s", VirtualTime.second),
        ("ms", VirtualTime.ms), ("us", 1),
    ]

    /// `250ms`, `30s`, `5m`, `1h`, `30d`, `1m30s`, `1.5s`, `-2s`, `0`: microseconds (rounded to the
    /// nearest, saturated at ``saturation``), or nil if malformed. Parts are written largest unit
    /// first, each unit at most once; `0` alone needs no unit.
    public static func parseDuration<S: StringProtocol>(_ text: S) -> Int64? {
        var rest = Substring(text)
        var sign: Double = 1
        if rest.hasPrefix("-") {
            sign = -1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        var total: Double = 0
        var smallestUsed = durationUnits.count
        while !rest.isEmpty {
            let number = rest.prefix { isDigit($0.asciiValue ?? 0) || $0 == "." }
            guard !number.isEmpty, let value = parseDecimal(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0 >= "a" && $0 <= "z" }
            rest = rest.dropFirst(unit.count)
            guard let index = durationUnits.firstIndex(where: { $0.0 == unit }),
                smallestUsed == durationUnits.count || index > smallestUsed
            else { return nil }
            smallestUsed = index
            total += value * Double(durationUnits[index].1)
        }
        guard smallestUsed < durationUnits.count else { return nil }
        return Int64((sign * min(total, saturation)).rounded())
    }

    /// The units of a size and their length in bytes.
    static let sizeUnits: [(String, Double)] = [
        ("B", 1), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824),
    ]

    /// `512B`, `6MB`, `64KiB`, `19MiB`, `1.5GB`: bytes (rounded to the nearest, saturated at
    /// ``saturation``), or nil if malformed.
    public static func parseSize<S: StringProtocol>(_ text: S) -> Int? {
        let number = text.prefix { isDigit($0.asciiValue ?? 0) || $0 == "." }
        guard let value = parseDecimal(number) else { return nil }
        let unit = text.dropFirst(number.count)
        guard let scale = sizeUnits.first(where: { $0.0 == unit })?.1 else { return nil }
        return Int(min(value * scale, saturation).rounded())
    }

    /// `20/s`, `300/m`, `2/h`, `0.5/s`: events per second, or nil if malformed.
    public static func parseRate<S: StringProtocol>(_ text: S) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = parseDecimal(parts[0]) else { return nil }
        switch parts[1] {
        case "s": return count
        case "m": return count / 60
        case "h": return count / 3600
        default: return nil
        }
    }

    /// `99.9%`: the percentage (99.9), or nil if malformed or above 100.
    public static func parsePercentage<S: StringProtocol>(_ text: S) -> Double? {
        guard text.hasSuffix("%"), let value = parseDecimal(text.dropLast()), value <= 100 else { return nil }
        return value
    }
}
