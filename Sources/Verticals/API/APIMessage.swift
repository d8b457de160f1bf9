import Foundation
import HTTPTypes

/// A request to the API core: an HTTP head (swift-http-types) and its body.
public struct APIRequest: Sendable {
    public var head: HTTPRequest
    public var body: Data

    public init(head: HTTPRequest, body: Data = Data()) {
        self.head = head
        self.body = body
    }

    /// A request for `method` and `path` on `authority`, with optional extra header fields.
    public init(
        _ method: HTTPRequest.Method, _ path: String, authority: String = "glassbreak.io",
        headers: HTTPFields = [:], body: Data = Data()
    ) {
        head = HTTPRequest(method: method, scheme: "https", authority: authority, path: path, headerFields: headers)
        self.body = body
    }
}

/// A response from the API core.
public struct APIResponse: Sendable {
    public var head: HTTPResponse
    public var body: Data
    /// Argon2id password hashes the handler computed: the work whose compute time a runtime
    /// charges beyond its warm latency (the simulator prices it, a live server simply spends it).
    public var passwordHashes = 0
    /// Set when the answer is a 503 because the vertical's own storage failed (an SQLite or file
    /// error, not a dependency its caller marked down): the error, on one line.
    public var storageError: String?

    public init(head: HTTPResponse, body: Data = Data()) {
        self.head = head
        self.body = body
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
