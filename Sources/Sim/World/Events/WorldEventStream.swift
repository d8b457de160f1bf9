/// The world's event stream: every part of the world emits here, and each subscriber receives
/// every event, synchronously, in the order subscribers were registered (fixed when the
/// simulation is built, so runs stay deterministic).
final class WorldEventStream {
    private let clock: EventQueue
    private var sinks: [any WorldEventSink] = []

    /// A stream stamping events with `clock`'s virtual time.
    init(clock: EventQueue) {
        self.clock = clock
    }

    /// Adds `sink` after the subscribers already registered.
    func subscribe(_ sink: any WorldEventSink) {
        sinks.append(sink)
    }

    /// Delivers `event` to every subscriber now.
    func emit(_ event: WorldEvent) {
        let nowUs = clock.nowUs
        for sink in sinks { sink.receive(event, atUs: nowUs) }
    }
}
