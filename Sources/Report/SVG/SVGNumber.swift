/// Compact number formatting for SVG coordinates: at most one decimal, no trailing zero, no `-0`.
public enum SVGNumber {
    /// `12`, `12.5`, `-3.2`; rounds to one decimal.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let integer = Int(tenths)
        let whole = integer / 10
        let fraction = abs(integer % 10)
        if fraction == 0 { return String(whole) }
        let sign = integer < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(fraction)"
    }
}
