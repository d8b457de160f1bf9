import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

/// Conversions between swift-http-types (what the product code and Hummingbird speak) and
/// AsyncHTTPClient's NIO types, for the edge's proxying, the health checks and sync POSTs.
enum HTTPBridge {
    /// Header fields that belong to one connection and are never forwarded (RFC 9110 §7.6.1), and
    /// those the client sets itself.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "host", "content-length",
    ]

    /// A client request for `head` (method, path and headers) and `body`, sent to `baseURL`.
    static func clientRequest(_ head: HTTPRequest, body: ByteBuffer?, baseURL: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + (head.path ?? "/"))
        request.method = HTTPMethod(rawValue: head.method.rawValue)
        for field in head.headerFields where !hopByHop.contains(field.name.canonicalName) {
            request.headers.add(name: field.name.rawName, value: field.value)
        }
        if let body, body.readableBytes > 0 || head.method == .post || head.method == .put {
            request.body = .bytes(body)
        }
        return request
    }

    /// NIO headers as swift-http-types fields (hop-by-hop fields dropped).
    static func fields(_ headers: HTTPHeaders) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers where !hopByHop.contains(name.lowercased()) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return fields
    }

    /// The HTTP client every live component shares: no redirects followed, no decompression,
    /// connections to loopback kept in a pool. AsyncHTTPClient retries a refused connection until
    /// its connect timeout, so the timeout is short (1 s): a loopback connect takes well under a
    /// millisecond, and a stopped vertical must count as refused quickly for the edge to fail over;
    /// not shorter, so a busy machine's slow scheduling is not taken for a refusal.
    static func makeClient(connectTimeoutMs: Int64 = 1_000, poolPerHost: Int = 64) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(connectTimeoutMs), read: .seconds(30)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = poolPerHost
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
