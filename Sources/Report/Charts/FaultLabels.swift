/// Lays fault labels in lanes above the plot so that no two overlap.
enum FaultLabels {
    /// Approximate width of a label in the 11 px label font.
    static func width(_ text: String) -> Double { Double(text.count) * 6.3 + 8 }

    /// Fault numbers per lane, first fit by start position.
    static func lanes(_ windows: [FaultWindow], time: TimeScale) -> [[Int]] {
        var lanes: [[Int]] = []
        var laneEnds: [Double] = []
        for window in windows.sorted(by: { ($0.startUs, $0.number) < ($1.startUs, $1.number) }) {
            let x = time.x(window.startUs)
            let end = x + width(window.label)
            if let lane = laneEnds.firstIndex(where: { $0 <= x }) {
                lanes[lane].append(window.number)
                laneEnds[lane] = end
            } else {
                lanes.append([window.number])
                laneEnds.append(end)
            }
        }
        return lanes
    }
}
