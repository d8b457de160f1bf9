import HeapModule

/// The simulator's agenda: callbacks ordered by virtual time, ties broken by insertion order.
///
/// Time is an integer count of microseconds since the start of the run. Two events scheduled for
/// the same instant run in the order they were scheduled, so a run never depends on how the heap
/// happens to break ties.
///
/// ```swift
/// let queue = EventQueue()
/// queue.schedule(atUs: 2_000) { print("second") }
/// queue.schedule(atUs: 1_000) { print("first") }
/// queue.run(untilUs: 10_000)
/// ```
public final class EventQueue {
    struct Entry: Comparable {
        let timeUs: Int64
        let order: UInt64
        let action: () -> Void

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.timeUs != rhs.timeUs ? lhs.timeUs < rhs.timeUs : lhs.order < rhs.order
        }
        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.timeUs == rhs.timeUs && lhs.order == rhs.order
        }
    }

    private var heap = Heap<Entry>()
    private var nextOrder: UInt64 = 0
    /// The current virtual time in microseconds; never decreases.
    public private(set) var nowUs: Int64 = 0
    /// How many events have run so far.
    public private(set) var executedEvents: Int = 0
    /// The most events that may wait at once; scheduling beyond it is a bug in the model.
    public let capacity: Int

    /// The observer of ``observe(everyUs:_:)`` and the next instant it is due; `.max` when none.
    private var observer: ((Int64) -> Void)?
    private var observerStepUs: Int64 = 0
    private var nextObservationUs: Int64 = .max

    /// Creates an empty queue at time zero.
    public init(capacity: Int = 20_000_000) {
        precondition(capacity > 0, "event queue capacity must be positive")
        self.capacity = capacity
    }

    /// Events waiting to run.
    public var pendingEvents: Int { heap.count }

    /// Schedules `action` at absolute virtual time `timeUs` (not before now).
    public func schedule(atUs timeUs: Int64, _ action: @escaping () -> Void) {
        precondition(timeUs >= nowUs, "cannot schedule in the past: \(timeUs) < \(nowUs)")
        precondition(heap.count < capacity, "event queue is full (\(capacity) events): the model is running away")
        heap.insert(Entry(timeUs: timeUs, order: nextOrder, action: action))
        nextOrder &+= 1
    }

    /// Schedules `action` `delayUs` microseconds from now (a negative delay is a bug).
    public func schedule(afterUs delayUs: Int64, _ action: @escaping () -> Void) {
        precondition(delayUs >= 0, "negative delay \(delayUs)")
        schedule(atUs: nowUs + delayUs, action)
    }

    /// Runs the next event if there is one at or before `limitUs`; returns whether one ran.
    @discardableResult
    public func step(limitUs: Int64 = .max) -> Bool {
        guard let next = heap.min, next.timeUs <= limitUs else { return false }
        let entry = heap.removeMin()
        precondition(entry.timeUs >= nowUs, "time went backwards")
        nowUs = entry.timeUs
        executedEvents += 1
        entry.action()
        if nowUs >= nextObservationUs { notifyObserver() }
        return true
    }

    /// Calls `observer` with the virtual time each time it passes a multiple of `stepUs` (after
    /// the event that passed it). The observer is not an event: it is not scheduled, not counted,
    /// and must only read (a progress line), so a run observed and a run not observed are the same
    /// run, event for event.
    public func observe(everyUs stepUs: Int64, _ observer: @escaping (Int64) -> Void) {
        precondition(stepUs > 0, "observation step must be positive")
        self.observer = observer
        observerStepUs = stepUs
        nextObservationUs = (nowUs / stepUs + 1) * stepUs
    }

    private func notifyObserver() {
        nextObservationUs = (nowUs / observerStepUs + 1) * observerStepUs
        observer?(nowUs)
    }

    /// Runs every event up to and including `endUs`, then advances the clock to `endUs`.
    /// `stop` is consulted first and after each event; returning true ends the run early at that time.
    public func run(untilUs endUs: Int64, stop: () -> Bool = { false }) {
        if stop() { return }
        while step(limitUs: endUs) {
            if stop() { return }
        }
        if endUs > nowUs { nowUs = endUs }
    }

    /// Drops every pending event (a crashed component's timers, or the end of a run).
    public func removeAll() {
        heap = Heap()
    }
}
