/// An instant marked on a chart, with its tooltip.
public struct ChartMark: Sendable, Equatable {
    public var atUs: Int64
    public var label: String

    public init(atUs: Int64, label: String) {
        self.atUs = atUs
        self.label = label
    }
}
