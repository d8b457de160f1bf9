import Foundation
import HTTPTypes

/// A request to the API core: an HTTP head (swift-http-types) and its body, either as bytes (an
/// HTTP server hands over what arrived) or as a typed value (``APIInput``: an in-process client,
/// the simulator, hands the core what it means and no JSON is written or parsed).
public struct APIRequest: Sendable {
    public var head: HTTPRequest
    /// The body as a typed value; nil when the body is bytes.
    public var input: APIInput?
    private var rawBody: Data

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

    public init(head: HTTPRequest, body: Data = Data()) {
        self.head = head
        rawBody = body
    }

    /// A request for `method` and `path` on `authority`, with optional extra header fields.
    public init(
        _ method: HTTPRequest.Method, _ path: String, authority: String = "glassbreak.io",
        headers: HTTPFields = [:], body: Data = Data()
    ) {
        head = HTTPRequest(method: method, scheme: "https", authority: authority, path: path, headerFields: headers)
        rawBody = body
    }

    /// A request for `method` and `path` on `authority` whose body is the typed `input`.
    public init(
        _ method: HTTPRequest.Method, _ path: String, authority: String = "glassbreak.io",
        headers: HTTPFields = [:], input: APIInput
    ) {
        head = HTTPRequest(method: method, scheme: "https", authority: authority, path: path, headerFields: headers)
        rawBody = Data()
        self.input = input
    }
}

/// A response from the API core: its head, and its body either as a typed value (``result``,
/// what an in-process caller reads) or as bytes (an attachment's).
public struct APIResponse: Sendable {
    public var head: HTTPResponse
    /// The answer as a typed value; nil when the body is bytes (an attachment, an empty 204).
    public var result: APIResult?
    private var rawBody: Data
    /// Argon2id password hashes the handler computed: the work whose compute time a runtime
    /// charges beyond its warm latency (the simulator prices it, a live server simply spends it).
    public var passwordHashes = 0
    /// Set when the answer is a 503 because the vertical's own storage failed (an SQLite or file
    /// error, not a dependency its caller marked down): the error, on one line.
    public var storageError: String?

    /// The body's bytes: the JSON of ``result`` (written when asked for: at an HTTP boundary, in
    /// a test), or the raw bytes. Setting it drops ``result``.
    public var body: Data {
        get { result?.json() ?? rawBody }
        set {
            rawBody = newValue
            result = nil
        }
    }

    public init(head: HTTPResponse, body: Data = Data()) {
        self.head = head
        rawBody = body
    }

    /// A response whose body is the typed `result`.
    public init(head: HTTPResponse, result: APIResult) {
        self.head = head
        rawBody = Data()
        self.result = result
    }

    /// The status code.
    public var status: Int { head.status.code }
}

/// Header names the platform uses.
extension HTTPField.Name {
    public static let gbPlatform = HTTPField.Name("x-gb-platform")!
    public static let gbEnvironment = HTTPField.Name("x-gb-environment")!
    public static let gbVertical = HTTPField.Name("x-gb-vertical")!
    public static let gbRequestID = HTTPField.Name("x-gb-request-id")!
}

/// Who a vertical is: what every response says about where it was served.
public struct VerticalIdentity: Sendable, Equatable {
    public var id: String
    public var platform: String
    public var environment: String
    public var region: String
    public var database: String
    public var bucket: String
    /// The API core's version string.
    public var version: String

    public init(
        id: String, platform: String, environment: String, region: String, database: String,
        bucket: String, version: String = APICore.version
    ) {
        self.id = id; self.platform = platform; self.environment = environment; self.region = region
        self.database = database; self.bucket = bucket; self.version = version
    }
}
