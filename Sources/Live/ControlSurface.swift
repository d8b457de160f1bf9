import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Verticals

/// The control server (`http://127.0.0.1:P+100`): the live state and the faults, as JSON, and
/// the dashboard at `GET /`.
///
/// - `GET /api/state`: each vertical's switches, sync backlog, the edge's health, counters
/// - `GET /api/faults`: the faults in force
/// - `POST /api/faults` with ``LiveFaultRequest``'s JSON: starts one (201, or 400 and why)
/// - `DELETE /api/faults/ID`, `DELETE /api/faults`: lifts one, or all
struct ControlSurface: Sendable {
    let cluster: LiveCluster

    func handle(_ request: Request) async -> Response {
        let path = (request.head.path ?? "/").split(separator: "?").first.map(String.init) ?? "/"
        let segments = path.split(separator: "/").map(String.init)
        switch (request.head.method, segments) {
        case (.get, []):
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DashboardPage.html(cluster.ready))))
        case (.get, ["api", "topology.svg"]):
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: await cluster.topologySVG())))
        case (.get, ["api", "state"]):
            return json(.ok, await cluster.stateJSON())
        case (.get, ["api", "faults"]):
            return json(.ok, .object([("faults", .array(await cluster.faults.active.map { $0.json() }))]))
        case (.post, ["api", "faults"]):
            return await inject(request)
        case (.delete, ["api", "faults"]):
            let ids = await cluster.faults.liftAll(on: cluster)
            return json(.ok, .object([("lifted", .array(ids.map { .int($0) }))]))
        case (.delete, let parts) where parts.count == 3 && parts[0] == "api" && parts[1] == "faults":
            guard let id = Int(parts[2]), await cluster.faults.lift(id, on: cluster) else {
                return failure(.notFound, "no fault #\(parts[2]) in force")
            }
            return json(.ok, .object([("lifted", .array([.int(Int(parts[2]) ?? 0)]))]))
        default:
            return failure(.notFound, "no control route \(request.head.method.rawValue) \(path)")
        }
    }

    private func inject(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            return failure(.contentTooLarge, "fault request above 64 KiB")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(body.readableBytesView)
        } catch let parseError {
            return failure(.badRequest, "\(parseError)")
        }
        switch LiveFaultRequest.parse(value) {
        case .failure(let problem):
            return failure(.badRequest, problem.description)
        case .success(let fault):
            if let problem = fault.problem(verticals: cluster.nodes.map(\.spec.id)) {
                return failure(.badRequest, problem)
            }
            let started = await cluster.faults.inject(fault, on: cluster)
            return json(.created, .object([("fault", started.json())]))
        }
    }

    private func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        VerticalSurface.plain(status, value.serialized())
    }

    private func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, .object([("error", .string(message))]))
    }
}
