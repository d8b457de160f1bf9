import AsyncHTTPClient
import Edge
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Sim

/// The edge (`http://127.0.0.1:P`, the `glassbreak.io` surface) as a real reverse proxy: each
/// request is routed by ``LiveEdge`` (a new session pinned 50/50 among healthy verticals with the
/// `gb_vertical` cookie, a pinned one kept), forwarded over HTTP, and on a 5xx or a refused
/// connection retried once on a healthy peer with the cookie rewritten.
struct EdgeSurface: Sendable {
    let name: String
    let edge: LiveEdge
    let client: HTTPClient
    let stats: LiveStats
    /// Each target's direct surface, by id.
    let baseURLs: [String: String]
    let maxBodyBytes: Int
    /// How long a forwarded request waits for its answer.
    let requestTimeoutUs: Int64

    /// The edge server's handler.
    func handler() -> LiveHTTPServer.Handler {
        { request in await handle(request) }
    }

    private func handle(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            stats.request(surface: "edge", outcome: .ok)
            return VerticalSurface.plain(.contentTooLarge, "{\"error\":\"request body above \(maxBodyBytes) bytes\"}")
        }
        switch await edge.route(cookieHeader: request.headers[.cookie]) {
        case .unavailable:
            stats.request(surface: "edge", outcome: .failed)
            return VerticalSurface.plain(.serviceUnavailable, "{\"error\":\"no healthy vertical behind \(name)\"}")
        case .forward(let vertical, let setCookie):
            var answer = await forward(request.head, body: body, to: vertical)
            var cookie = setCookie
            let status = answer.map { Int($0.status.code) }
            if case .retry(let peer, let rewritten) = await edge.afterResponse(from: vertical, status: status) {
                stats.failover(
                    LiveStats.Failover(
                        unixMs: Int64(Date().timeIntervalSince1970 * 1000), from: vertical, to: peer,
                        reason: status.map { "\($0)" } ?? "refused", path: request.head.path ?? "/"))
                answer = await forward(request.head, body: body, to: peer)
                cookie = rewritten
            }
            guard var response = answer else {
                stats.request(surface: "edge", outcome: .refused)
                return VerticalSurface.plain(.badGateway, "{\"error\":\"no vertical answered\"}")
            }
            if let cookie { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
            stats.request(surface: "edge", outcome: response.status.code >= 500 ? .failed : .ok)
            return response
        }
    }

    /// Forwards the request to `vertical`; nil when no answer came (refused, timed out).
    private func forward(_ head: HTTPRequest, body: ByteBuffer, to vertical: String) async -> Response? {
        guard let base = baseURLs[vertical] else { preconditionFailure("edge target \(vertical) has no URL") }
        var request = HTTPBridge.clientRequest(head, body: body, baseURL: base)
        request.headers.replaceOrAdd(name: VerticalSurface.viaEdge.rawName, value: name)
        do {
            let answer = try await client.execute(request, timeout: .microseconds(requestTimeoutUs))
            let bytes = try await answer.body.collect(upTo: 64 << 20)
            return Response(
                status: HTTPResponse.Status(code: Int(answer.status.code)), headers: HTTPBridge.fields(answer.headers),
                body: ResponseBody(byteBuffer: bytes))
        } catch {
            return nil
        }
    }

    /// Probes every target's `/api/public/status` every `interval` until cancelled, feeding the
    /// results to the router's health windows; `onChange` hears of each target that changes state.
    func probeForever(_ check: HealthCheckSpec, onChange: @escaping @Sendable (String, Bool) -> Void) async {
        let targets = await edge.router.targets
        while !Task.isCancelled {
            await withTaskGroup(of: Void.self) { group in
                for target in targets {
                    group.addTask { await probe(target, check: check, onChange: onChange) }
                }
            }
            try? await Task.sleep(for: .microseconds(check.intervalUs))  // try?-ok: cancelled ends the loop
        }
    }

    private func probe(_ target: String, check: HealthCheckSpec, onChange: (String, Bool) -> Void) async {
        guard let base = baseURLs[target] else { return }
        var request = HTTPClientRequest(url: base + "/api/public/status")
        request.headers.add(name: VerticalSurface.viaEdge.rawName, value: name)
        request.headers.add(name: VerticalSurface.probe.rawName, value: "1")
        var passed = false
        do {
            let answer = try await client.execute(request, timeout: .microseconds(check.timeoutUs))
            _ = try await answer.body.collect(upTo: 1 << 20)
            passed = Int(answer.status.code) == check.expectedStatus
        } catch {
            passed = false
        }
        if await edge.recordProbe(target, passed: passed) {
            onChange(target, await edge.router.isHealthy(target))
        }
    }
}
