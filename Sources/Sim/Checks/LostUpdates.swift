import Verticals

/// Judges ``ExpectKey/lostUpdates`` from ``WorldEvent/writeReadBack(_:)``: right after a vertical
/// acknowledged a write, the row it holds must be that write (for a delete: that tombstone, or no
/// row). In the design as built a fresh hybrid-logical timestamp is above every version the
/// vertical has seen, so this always holds; a clock that runs backwards breaks it.
final class LostUpdates: WorldEventSink {
    private(set) var log = ViolationLog()

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .writeReadBack(let write) = event else { return }
        guard write.stored != write.hlc, !(write.deletes && write.stored == nil) else { return }
        let kept = write.stored.map { "the version it replaced (timestamp \(Self.clockReading($0)))" } ?? "no row"
        log.record(
            "at \(VirtualTime.format(atUs)): \(write.vertical) acknowledged \(write.user)'s \(write.operation) of \(write.object) (timestamp \(Self.clockReading(write.hlc))) but kept \(kept)"
        )
    }

    /// A timestamp's physical part as a time of day on the virtual clock.
    static func clockReading(_ hlc: Int64) -> String {
        VirtualTime.format(HybridLogicalClock.physicalMs(hlc) * VirtualTime.ms)
    }
}
