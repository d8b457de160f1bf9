/// A subscriber to the world's events: the trace writer, each checker. It owns its state and
/// changes it only from the events it receives.
protocol WorldEventSink: AnyObject {
    /// Handles `event`, which happened at virtual `atUs`.
    func receive(_ event: WorldEvent, atUs: Int64)
}
