/// One client request on its way: the call, when it was issued, where the answer goes, and what
/// the edge did with it so far.
struct ClientFlight {
    let id: Int
    let call: ClientCall
    let issuedUs: Int64
    let completion: (ClientAnswer) -> Void
    /// The edge already retried it on a peer (it retries once).
    var retried = false
    /// When the failed answer that triggered the edge's retry reached the edge.
    var failedAtEdgeUs: Int64?
    /// The `Set-Cookie` value the edge adds to its answer (a new or moved pin).
    var setCookie: String?

    var session: SessionKey { SessionKey(user: call.user, surface: call.surface) }
    /// The request's path, for cookie matching.
    var path: String { call.request.path ?? "/" }
}
