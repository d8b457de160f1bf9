/// One named series of bucket values (nil: no data in that bucket).
public struct ChartSeries: Sendable {
    public var name: String
    public var colour: String
    public var values: [Double?]
    public var dashed = false

    public init(name: String, colour: String, values: [Double?], dashed: Bool = false) {
        self.name = name
        self.colour = colour
        self.values = values
        self.dashed = dashed
    }

    /// Index ranges of consecutive non-nil values.
    func runs() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for index in values.indices {
            if values[index] != nil {
                if start == nil { start = index }
            } else if let begun = start {
                runs.append(begun..<index)
                start = nil
            }
        }
        if let start { runs.append(start..<values.count) }
        return runs
    }
}
