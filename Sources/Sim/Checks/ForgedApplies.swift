/// Counts events applied from envelopes the simulator knows were forged (tampered with or
/// wrongly signed), from ``WorldEvent/syncApplied(_:)``.
final class ForgedApplies: WorldEventSink {
    private(set) var count = 0
    /// The first forged envelope a peer applied, described.
    private(set) var first: String?

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .syncApplied(let apply) = event, apply.forged, !apply.applied.isEmpty else { return }
        count += apply.applied.count
        if first == nil {
            first =
                "at \(VirtualTime.format(atUs)): \(apply.to) applied \(apply.applied.count) event(s) of forged envelope \(apply.envelopeID) from \(apply.from)"
        }
    }
}
