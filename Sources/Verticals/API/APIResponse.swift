import Foundation
import HTTPTypes

/// A response from the API core: its head and its body. The head's parts an in-process caller
/// reads are typed (the status, the body's media type, the `ETag` timestamp, where it was
/// served), so the core writes no header fields and the simulated client searches none by name;
/// ``head`` writes them as swift-http-types fields at the HTTP boundary (the live mode). The body
/// is a typed value (``result``, what an in-process caller reads) or bytes (an attachment's).
public struct APIResponse: Sendable {
    /// The status line.
    public var httpStatus: HTTPResponse.Status
    /// The body's media type (`Content-Type`), typed; it replaces any such field in ``otherFields``.
    public var contentType: String?
    /// The timestamp the `ETag` carries (`"HLC"`), typed; it replaces any `ETag` in ``otherFields``.
    public var eTag: Int64?
    /// Where the answer was served (the `x-gb-*` fields), typed; its fields replace any of the
    /// same names in ``otherFields``.
    public var served: ServedStamp?
    /// The header fields beyond the typed ones, in the order they were set.
    public var otherFields: HTTPFields
    /// The answer as a typed value; nil when the body is bytes (an attachment, an empty 204).
    public var result: APIResult?
    private var rawBody: Data
    /// Argon2id password hashes the handler computed: the work whose compute time a runtime
    /// charges beyond its warm latency (the simulator prices it, a live server simply spends it).
    public var passwordHashes = 0
    /// Set when the answer is a 503 because the vertical's own storage failed (an SQLite or file
    /// error, not a dependency its caller marked down): the error, on one line.
    public var storageError: String?

    /// The head as swift-http-types writes it (the HTTP boundary: the live mode, tests): the typed
    /// fields first, in the order the core always set them (`Content-Type`, `ETag`,
    /// `x-gb-platform`, `x-gb-environment`, `x-gb-vertical`, `x-gb-request-id`), then
    /// ``otherFields``. Setting it keeps its fields as they are in ``otherFields`` and clears the
    /// typed ones.
    public var head: HTTPResponse {
        get {
            var fields = HTTPFields()
            if let contentType { fields[.contentType] = contentType }
            if let eTag { fields[.eTag] = "\"\(eTag)\"" }
            if let served {
                fields[.gbPlatform] = served.platform
                fields[.gbEnvironment] = served.environment
                fields[.gbVertical] = served.vertical
                fields[.gbRequestID] = served.requestID
            }
            for field in otherFields where !typedReplaces(field.name) { fields.append(field) }
            return HTTPResponse(status: httpStatus, headerFields: fields)
        }
        set {
            httpStatus = newValue.status
            contentType = nil
            eTag = nil
            served = nil
            otherFields = newValue.headerFields
        }
    }

    /// Whether a typed field stands for the field `name` (so ``otherFields``' is not written).
    private func typedReplaces(_ name: HTTPField.Name) -> Bool {
        (contentType != nil && name == .contentType) || (eTag != nil && name == .eTag)
            || (served != nil && ServedStamp.fieldNames.contains(name))
    }

    /// The body's bytes: the JSON of ``result`` (written when asked for: at an HTTP boundary, in
    /// a test), or the raw bytes. Setting it drops ``result``.
    public var body: Data {
        get { result?.json() ?? rawBody }
        set {
            rawBody = newValue
            result = nil
        }
    }

    /// A response with the head `head` (its fields kept as they are) and the raw `body`.
    public init(head: HTTPResponse, body: Data = Data()) {
        httpStatus = head.status
        otherFields = head.headerFields
        rawBody = body
    }

    /// A response whose body is the typed `result`, with the head `head`.
    public init(head: HTTPResponse, result: APIResult) {
        httpStatus = head.status
        otherFields = head.headerFields
        rawBody = Data()
        self.result = result
    }

    /// A response with typed head fields: `status`, the media type, the `ETag` timestamp, and
    /// either the typed `result` or the raw `body`.
    public init(
        _ status: HTTPResponse.Status, contentType: String? = nil, eTag: Int64? = nil, result: APIResult? = nil,
        body: Data = Data()
    ) {
        httpStatus = status
        self.contentType = contentType
        self.eTag = eTag
        otherFields = HTTPFields()
        self.result = result
        rawBody = body
    }

    /// The status code.
    public var status: Int { httpStatus.code }

    /// The `ETag` value as the head writes it: the typed timestamp quoted, else the field's.
    public var eTagField: String? {
        if let eTag { return "\"\(eTag)\"" }
        return otherFields[.eTag]
    }

    /// The `x-gb-vertical` value: the typed stamp's, else the field's.
    public var servedVertical: String? { served?.vertical ?? otherFields[.gbVertical] }
    /// The `x-gb-platform` value.
    public var servedPlatform: String? { served?.platform ?? otherFields[.gbPlatform] }
    /// The `x-gb-environment` value.
    public var servedEnvironment: String? { served?.environment ?? otherFields[.gbEnvironment] }
}

/// What every answer of a vertical says about where it was served: the `x-gb-platform`,
/// `x-gb-environment`, `x-gb-vertical` and `x-gb-request-id` fields, typed.
public struct ServedStamp: Sendable, Equatable {
    /// The platform that served the answer (`x-gb-platform`).
    public var platform: String
    /// The environment that served the answer (`x-gb-environment`).
    public var environment: String
    /// The vertical that served the answer (`x-gb-vertical`).
    public var vertical: String
    /// The request's id (`x-gb-request-id`).
    public var requestID: String

    /// The stamp of `identity` on the answer to `requestID`.
    public init(_ identity: VerticalIdentity, requestID: String) {
        platform = identity.platform
        environment = identity.environment
        vertical = identity.id
        self.requestID = requestID
    }

    /// The field names the stamp stands for.
    static let fieldNames: [HTTPField.Name] = [.gbPlatform, .gbEnvironment, .gbVertical, .gbRequestID]
}
