import Verticals

/// One request as a client sends it, and what it is for (so checkers can judge its answer).
struct ClientCall {
    enum Purpose {
        /// A write of `object`; `deletes` for tombstones.
        case write(object: ObjectRef, deletes: Bool)
        /// A read of `object`.
        case read(object: ObjectRef)
        /// Anything the checkers do not judge (list, a script's status step).
        case other
        /// The footer indicator's status call after a page view: counted in `metrics.footer`, not
        /// in the surface's availability (the user did not ask for it).
        case footer
    }

    let user: String
    let surface: String
    var request: APIRequest
    let purpose: Purpose
    /// Operation name for the trace (`create`, `read`, ...).
    let operation: String
    /// Pin to set on the client's cookie jar before sending (script `pin:`).
    var presetPin: String?
    /// The bearer token to send.
    var token: String?
}
