/// The report's colours, chosen to stay distinguishable for common colour-vision deficiencies
/// (ok/failed/unknown differ in lightness as well as hue) and to print well.
public enum Palette {
    /// Requests that got an answer in time.
    public static let ok = "#3a9a5b"
    /// 5xx, refused, DNS failures.
    public static let failed = "#d1423f"
    /// Timed out: may or may not have happened.
    public static let unknown = "#f2b134"
    /// Fault windows: fill and outline.
    public static let fault = "#e4574b"
    public static let faultFill = "#fbe3e1"
    /// The heal phase.
    public static let healFill = "#eef2f7"
    /// Healthy / unhealthy bands.
    public static let up = "#7fc59a"
    public static let down = "#d1423f"
    public static let ink = "#1f2933"
    public static let muted = "#6b7785"
    public static let grid = "#e3e7ec"

    /// One colour per vertical, in topology order (AWS-like orange, Scaleway-like purple, teal, ...).
    public static let series = ["#e8710a", "#6a3fb5", "#138d90", "#3b6fd8", "#b8336a", "#5c8a1f", "#8a6d3b", "#444f5a"]

    /// The colour of the `index`th vertical or link.
    public static func series(_ index: Int) -> String { series[index % series.count] }
}
