import Foundation

/// What the API core answered, as a typed value. In process (the simulator) the caller reads it
/// directly; the JSON body is written from it only when someone asks for the bytes
/// (``APIResponse/body``: an HTTP server at the live mode's boundary, a test), byte for byte as
/// `JSONEncoder` with `.sortedKeys` writes it, the form the API has always answered in.
public enum APIResult: Sendable, Equatable {
    /// One runbook (create, read, update).
    case runbook(RunbookView)
    /// One page of the caller's runbooks.
    case runbookPage(RunbookPage)
    /// Where an uploaded attachment's bytes went.
    case attachment(StoredAttachment)
    /// A refusal: `{"error": message}`.
    case error(String)
    /// A new account's second factors and first token pair.
    case enrolment(Enrolment)
    /// A token pair (a second factor, a refresh, a password change).
    case tokens(TokenPair)
    /// The password step's answer: the MFA token, and the passkey challenge if any.
    case mfaChallenge(MFAChallenge)
    /// The status route's answer.
    case status(ServiceStatus)
    /// The related origins of the passkeys' rpId (`{"origins": [...]}`).
    case relatedOrigins([String])

    /// The JSON document of the result.
    public func json() -> Data {
        switch self {
        case .runbook(let view): return APIJSON.encode(view)
        case .runbookPage(let page): return APIJSON.encode(page)
        case .attachment(let stored): return APIJSON.encode(stored)
        case .error(let message): return APIJSON.encode(APIErrorBody(error: message))
        case .enrolment(let enrolment): return Self.encoded(enrolment)
        case .tokens(let pair): return Self.encoded(pair)
        case .mfaChallenge(let challenge): return Self.encoded(challenge)
        case .status(let status): return Self.encoded(status)
        case .relatedOrigins(let origins): return Self.encoded(RelatedOrigins(origins: origins))
        }
    }

    /// `value` through `JSONEncoder` with sorted keys (the auth and status routes' bodies, written
    /// only at the HTTP boundary).
    private static func encoded(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(value)
        } catch {
            // Strings, integers and arrays of them: JSONEncoder cannot fail on these.
            preconditionFailure("JSONEncoder failed on an API result: \(error)")
        }
    }

    /// The body of `GET /.well-known/webauthn`.
    private struct RelatedOrigins: Encodable {
        var origins: [String]
    }
}
