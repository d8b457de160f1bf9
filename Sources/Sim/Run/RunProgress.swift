import Foundation

/// Where a run has got, as its progress line shows it: handed out by ``Simulation`` at coarse
/// steps of virtual time through ``EventQueue/observe(everyUs:_:)``, never affecting the run.
public struct RunProgress: Sendable, Equatable {
    public var scenario: String
    /// Virtual time reached.
    public var virtualUs: Int64
    /// The chaos phase's length (the scenario's `duration`).
    public var durationUs: Int64
    /// Requests sent so far.
    public var requests: Int
    /// Whether the chaos phase is over and sync is draining.
    public var healing: Bool

    public init(scenario: String, virtualUs: Int64, durationUs: Int64, requests: Int, healing: Bool) {
        self.scenario = scenario
        self.virtualUs = virtualUs
        self.durationUs = durationUs
        self.requests = requests
        self.healing = healing
    }

    /// `steady-state  12m00s / 30m00s virtual  18234 requests  412x real time  3s left`, after
    /// `wallMs` of wall time.
    public func line(wallMs: Int64) -> String {
        // Whole seconds: the line is redrawn ten times a second and should not flicker.
        let shownUs = min(virtualUs, durationUs) / VirtualTime.second * VirtualTime.second
        var text =
            "\(scenario)  \(FuzzProgress.clock(shownUs / 1000)) / \(FuzzProgress.clock(durationUs / 1000)) virtual  \(requests) requests"
        guard wallMs > 0, virtualUs > 0 else { return text }
        let speed = Double(virtualUs) / 1000 / Double(wallMs)
        text += "  \(speed >= 10 ? String(Int(speed.rounded())) : String(format: "%.1f", speed))x real time"
        if healing {
            text += "  healing (sync draining)"
        } else {
            let leftMs = Int64(Double(durationUs - virtualUs) / 1000 / speed)
            text += "  \(FuzzProgress.clock(leftMs)) left"
        }
        return text
    }
}

extension RunProgress {
    /// Starts a line a child `simctl run` writes on standard error for its parent
    /// (`--jobs`): the record separator, never found in simctl's messages.
    public static let childMarker = "\u{1E}progress "

    /// The line a child writes for its parent: marker, then tab-separated fields.
    public var childLine: String {
        "\(Self.childMarker)\(scenario)\t\(virtualUs)\t\(durationUs)\t\(requests)\t\(healing ? 1 : 0)"
    }

    /// Reads a child's line back; nil if it is not one.
    public init?(childLine line: Substring) {
        guard line.hasPrefix(Self.childMarker) else { return nil }
        let fields = line.dropFirst(Self.childMarker.count).split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 5, let virtualUs = Int64(fields[1]), let durationUs = Int64(fields[2]),
            let requests = Int(fields[3])
        else { return nil }
        self.init(
            scenario: String(fields[0]), virtualUs: virtualUs, durationUs: durationUs, requests: requests,
            healing: fields[4] == "1")
    }
}
