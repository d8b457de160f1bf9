import Foundation

/// Parsers for the scenario format's units: durations, sizes, rates and percentages.
public enum Units {
    /// `250ms`, `30s`, `5m`, `1h`, `30d`, `1m30s`, `-2s`, `0`; microseconds, or nil if malformed.
    public static func parseDuration(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if rest.hasPrefix("-") { sign = -1; rest = rest.dropFirst() }
        if rest == "0" { return 0 }
        var total: Double = 0
        var sawPart = false
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "us": scale = 1
            case "ms": scale = VirtualTime.ms
            case "s": scale = VirtualTime.second
            case "m": scale = VirtualTime.minute
            case "h": scale = VirtualTime.hour
            case "d": scale = VirtualTime.day
            default: return nil
            }
            total += value * Double(scale)
            sawPart = true
        }
        guard sawPart, total < 1e17 else { return nil }
        return sign * Int64(total.rounded())
    }

    /// `512B`, `6MB`, `64KiB`, `19MiB`; bytes, or nil if malformed.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, let value = Double(number) else { return nil }
        let scale: Double
        switch trimmed.dropFirst(number.count) {
        case "B": scale = 1
        case "KB": scale = 1e3
        case "MB": scale = 1e6
        case "GB": scale = 1e9
        case "KiB": scale = 1024
        case "MiB": scale = 1024 * 1024
        case "GiB": scale = 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = value * scale
        guard bytes < 1e15 else { return nil }
        return Int(bytes.rounded())
    }

    /// `20/s`, `300/m`, `2/h`; events per second, or nil if malformed.
    public static func parseRate(_ text: String) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Double(parts[0]), count.isFinite, count >= 0 else { return nil }
        switch parts[1] {
        case "s": return count
        case "m": return count / 60
        case "h": return count / 3600
        default: return nil
        }
    }

    /// `99.9%`; the percentage (99.9), or nil if malformed or outside 0...100.
    public static func parsePercentage(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("%"), let value = Double(trimmed.dropLast()), (0...100).contains(value) else {
            return nil
        }
        return value
    }
}
