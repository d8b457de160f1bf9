/// The three outcomes of a request, as in a Jepsen history.
public enum RequestOutcome: String, Sendable {
    /// An answer below 500 arrived in time.
    case ok
    /// A 5xx, a refused connection or a DNS failure: the request did not happen.
    case failed
    /// No answer before the client's timeout: it may or may not have happened.
    case unknown
}
