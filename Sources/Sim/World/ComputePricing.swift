import Verticals

/// The virtual compute time a runtime charges for the work a request did beyond its warm latency.
/// The product only counts that work (``APIResponse/passwordHashes``); what it costs is a model
/// of the providers' functions, and lives here in the simulator.
struct ComputePricing: Sendable, Equatable {
    /// Virtual compute time of one Argon2id hash.
    let argon2HashUs: Int64

    /// ~20 ms per hash at 19 MiB and 2 passes on the providers' functions, scaling with
    /// memory × passes (libargon2 is memory-bound); at least 50 µs.
    init(argon2: Argon2id.Parameters) {
        argon2HashUs = max(50, Int64(Double(argon2.memoryKiB * argon2.iterations) * 0.514))
    }

    /// The compute time of `response`'s work.
    func computeUs(_ response: APIResponse) -> Int64 {
        Int64(response.passwordHashes) * argon2HashUs
    }
}
