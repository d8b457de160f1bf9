import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Verticals

/// A vertical's direct surface (`http://127.0.0.1:P+i`): sync POSTs go to its consumer, `GET /`
/// is the small web page, everything else is the API core. Every answer carries the vertical's
/// identity headers.
enum VerticalSurface {
    /// Set by the edge on what it forwards, so a vertical tells its direct traffic from the edge's.
    static let viaEdge = HTTPField.Name("x-gb-via")!
    /// Set on the edge's health probes, which are not counted as traffic.
    static let probe = HTTPField.Name("x-gb-probe")!

    /// The handler of vertical `vertical`'s server; bodies above `maxBodyBytes` are refused with 413.
    static func handler(_ vertical: LiveVertical, maxBodyBytes: Int, stats: LiveStats) -> LiveHTTPServer.Handler {
        { request in
            let path = request.head.path ?? "/"
            let direct = request.headers[viaEdge] == nil
            var response: Response
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                response = plain(.contentTooLarge, "{\"error\":\"request body above \(maxBodyBytes) bytes\"}")
                vertical.stamp(&response.headers)
                return response
            }
            let message = APIRequest(head: request.head, body: Data(body.readableBytesView))
            if request.head.method == .get, path == "/" || path.hasPrefix("/?") {
                response = Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: AppPage.html)))
                vertical.stamp(&response.headers)
                if direct { stats.request(surface: vertical.id, outcome: .ok) }
                return response
            }
            if request.head.method == .post, path == SyncEnvelope.httpPath {
                guard let (envelope, origin) = SyncEnvelope.from(httpRequest: message) else {
                    response = plain(.badRequest, "{\"error\":\"missing or malformed webhook headers\"}")
                    vertical.stamp(&response.headers)
                    return response
                }
                let ack = await vertical.receiveSync(envelope, from: origin)
                response = Response(
                    status: ack.httpStatus, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: ack.json())))
                vertical.stamp(&response.headers)
                return response
            }
            let answer = await vertical.serve(message)
            if direct {
                stats.request(surface: vertical.id, outcome: answer.status >= 500 ? .failed : .ok)
            }
            if request.headers[probe] == nil { stats.served(by: vertical.id) }
            let head = answer.head  // the typed head written as HTTP fields, once
            return Response(
                status: head.status, headers: head.headerFields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }

    /// A JSON answer with `status`.
    static func plain(_ status: HTTPResponse.Status, _ json: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
