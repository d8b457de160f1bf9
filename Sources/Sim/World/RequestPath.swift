/// The parts of the world every hop of a simulated request uses: the event queue (virtual time),
/// the fault board that attributes requests to faults, the world's event stream, the storage
/// guard that stops the run on a storage failure, and the client link's latency. Built once by
/// ``ClientFabric`` and handed to each of its hops.
struct RequestPath {
    let queue: EventQueue
    let faults: FaultBoard
    let events: WorldEventStream
    let storage: StorageGuard
    let latency: ClientLatency
}
