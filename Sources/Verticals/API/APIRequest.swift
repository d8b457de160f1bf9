import Foundation
import HTTPTypes

/// A request to the API core: its head and its body. The head's parts the core reads are typed
/// fields (method, authority, path, the bearer token, the body's media type), so an in-process
/// client (the simulator) builds no header fields and the core searches none by name; an HTTP
/// server hands over the whole ``head`` (``HTTPRequest``, swift-http-types) and the typed readers
/// fall back to its fields. The body is bytes (what arrived) or a typed value (``APIInput``: what
/// an in-process client means, no JSON written or parsed).
public struct APIRequest: Sendable {
    /// The method.
    public var method: HTTPRequest.Method
    /// The scheme (`https` for the simulated and in-process clients).
    public var scheme: String?
    /// The host the request is for (a surface's domain).
    public var authority: String?
    /// The path with its query.
    public var path: String?
    /// The token of an `Authorization: Bearer TOKEN` field, given typed; it replaces any
    /// `Authorization` field in ``otherFields``.
    public var bearerToken: String?
    /// The `Content-Type` given typed; it replaces any such field in ``otherFields``.
    public var contentType: String?
    /// The header fields beyond the typed ones, in the order they came (an HTTP request's).
    public var otherFields: HTTPFields
    /// The body as a typed value; nil when the body is bytes.
    public var input: APIInput?
    private var rawBody: Data

    /// The head as swift-http-types writes it (the HTTP boundary: the live mode, tests): the typed
    /// fields first (`Content-Type`, `Authorization`), then ``otherFields``. Setting it keeps its
    /// fields as they are in ``otherFields`` and clears the typed ones.
    public var head: HTTPRequest {
        get {
            var fields = HTTPFields()
            if let contentType { fields[.contentType] = contentType }
            if let bearerToken { fields[.authorization] = "Bearer \(bearerToken)" }
            for field in otherFields
            where !(contentType != nil && field.name == .contentType)
                && !(bearerToken != nil && field.name == .authorization)
            {
                fields.append(field)
            }
            return HTTPRequest(method: method, scheme: scheme, authority: authority, path: path, headerFields: fields)
        }
        set {
            method = newValue.method
            scheme = newValue.scheme
            authority = newValue.authority
            path = newValue.path
            bearerToken = nil
            contentType = nil
            otherFields = newValue.headerFields
        }
    }

    /// The bearer token the request carries: the typed one, else that of an `Authorization: Bearer`
    /// field; nil without one.
    public var bearer: String? {
        if let bearerToken { return bearerToken }
        guard let header = otherFields[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst(7))
    }

    /// The body's media type: the typed one, else the `Content-Type` field's.
    public var mediaType: String? { contentType ?? otherFields[.contentType] }

    /// The body's bytes: those that arrived, or the JSON of ``input`` (written when asked for:
    /// at an HTTP boundary, in a test). Setting it drops ``input``.
    public var body: Data {
        get { input?.json() ?? rawBody }
        set {
            rawBody = newValue
            input = nil
        }
    }

    /// How many bytes the body is (``input``'s JSON counted without writing it).
    public var bodyByteCount: Int { input?.jsonByteCount ?? rawBody.count }

    /// A request that arrived over HTTP: `head` as it came, and its body's bytes.
    public init(head: HTTPRequest, body: Data = Data()) {
        method = head.method
        scheme = head.scheme
        authority = head.authority
        path = head.path
        otherFields = head.headerFields
        rawBody = body
    }

    /// A request for `method` and `path` on `authority`, with optional extra header fields and a
    /// typed media type.
    public init(
        _ method: HTTPRequest.Method, _ path: String, authority: String = "glassbreak.io",
        contentType: String? = nil, headers: HTTPFields = [:], body: Data = Data()
    ) {
        self.method = method
        scheme = "https"
        self.authority = authority
        self.path = path
        self.contentType = contentType
        otherFields = headers
        rawBody = body
    }

    /// A request for `method` and `path` on `authority` whose body is the typed `input`.
    public init(
        _ method: HTTPRequest.Method, _ path: String, authority: String = "glassbreak.io",
        contentType: String? = nil, headers: HTTPFields = [:], input: APIInput
    ) {
        self.init(method, path, authority: authority, contentType: contentType, headers: headers)
        self.input = input
    }
}
