/// The part every chart over virtual time shares: the plot's backdrop with each fault window
/// shaded and labelled (labels in lanes above the plot so none overlap), the heal phase shaded,
/// and the time axis. ``TimeChart`` and ``BandChart`` draw on it.
struct TimeFrame {
    let time: TimeScale
    let windows: [FaultWindow]
    let healUs: Int64?
    let plotTop: Double
    let plotHeight: Double

    var plotBottom: Double { plotTop + plotHeight }

    /// Where the plot starts: below the legend row and one lane per row of fault labels.
    static func plotTop(windows: [FaultWindow], time: TimeScale) -> Double {
        TimeChart.Layout.legendHeight + Double(FaultLabels.lanes(windows, time: time).count)
            * TimeChart.Layout.laneHeight + 4
    }

    /// White plot area, heal phase, horizontal grid lines at `gridLines` (y), fault windows.
    func backdrop(gridLines: [Double]) -> SVGElement {
        var group = SVGElement.group(className: "backdrop")
        group.append(
            .rect(
                x: time.x0, y: plotTop, width: time.x1 - time.x0, height: plotHeight, fill: "#ffffff", className: "plot"
            ))
        if let healUs, healUs < time.endUs {
            let x = time.x(healUs)
            group.append(
                SVGElement.rect(
                    x: x, y: plotTop, width: time.x1 - x, height: plotHeight, fill: Palette.healFill, className: "heal"
                ).titled("heal phase: faults lifted, no new traffic, sync drains"))
            group.append(.text("heal", x: x + 4, y: plotBottom - 5, className: "small", fill: Palette.muted))
        }
        for y in gridLines {
            group.append(.line(x1: time.x0, y1: y, x2: time.x1, y2: y, stroke: Palette.grid, className: "grid"))
        }
        let lanes = FaultLabels.lanes(windows, time: time)
        for window in windows {
            let x0 = time.x(window.startUs)
            let x1 = max(time.x(window.endUs), x0 + 1.5)
            group.append(
                SVGElement.rect(
                    x: x0, y: plotTop, width: x1 - x0, height: plotHeight, fill: Palette.faultFill, className: "fault"
                ).with("fill-opacity", "0.75").with("data-fault", window.tag)
                    .titled("\(window.label): \(window.span)"))
            group.append(
                SVGElement.line(x1: x0, y1: plotTop, x2: x0, y2: plotBottom, stroke: Palette.fault).with(
                    "stroke-dasharray", "3 2"))
            let lane = lanes.firstIndex { $0.contains(window.number) } ?? 0
            let y = TimeChart.Layout.legendHeight + Double(lane) * TimeChart.Layout.laneHeight + 10
            group.append(
                SVGElement.line(x1: x0, y1: y + 2, x2: x0, y2: plotTop, stroke: Palette.fault).with(
                    "stroke-width", "0.8"))
            group.append(.text(window.label, x: x0 + 3, y: y, className: "fault-label", fill: Palette.fault))
        }
        return group
    }

    /// The time axis along the bottom of the plot, with nice ticks.
    func timeAxis() -> SVGElement {
        var group = SVGElement.group(className: "axes")
        group.append(
            .line(x1: time.x0, y1: plotBottom, x2: time.x1, y2: plotBottom, stroke: Palette.muted, className: "axis"))
        for tick in time.ticks() {
            let x = time.x(tick)
            group.append(.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, stroke: Palette.muted))
            group.append(
                .text(Format.duration(us: tick), x: x, y: plotBottom + 16, anchor: "middle", className: "tick"))
        }
        return group
    }
}
