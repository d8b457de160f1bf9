import AsyncHTTPClient
import Foundation
import NIOCore
import Verticals

/// The client side of the control server, for `simctl fault` and `simctl faults --control`.
public enum ControlClient {
    /// Starts `request` on the topology served at `control`; returns the fault's line.
    public static func inject(control: String, _ request: LiveFaultRequest) async throws(LiveServerError) -> String {
        let answer = try await exchange("POST", control + "/api/faults", body: request.json().serialized())
        guard let fault = answer["fault"] else {
            throw LiveServerError(description: "unexpected answer from \(control)", exitCode: 3)
        }
        return line(fault)
    }

    /// Lifts fault `id` (or every fault, with `all`); returns the ids lifted.
    public static func lift(control: String, id: String) async throws(LiveServerError) -> [Int64] {
        let path = id == "all" ? "/api/faults" : "/api/faults/\(id)"
        let answer = try await exchange("DELETE", control + path, body: nil)
        return answer["lifted"]?.arrayValue?.compactMap(\.int64Value) ?? []
    }

    /// The faults in force, one line each.
    public static func list(control: String) async throws(LiveServerError) -> [String] {
        let answer = try await exchange("GET", control + "/api/faults", body: nil)
        return (answer["faults"]?.arrayValue ?? []).map(line)
    }

    private static func line(_ fault: JSONValue) -> String {
        let id = fault["id"]?.int64Value ?? 0
        var text = "#\(id) \(fault["kind"]?.stringValue ?? "?") \(fault["target"]?.stringValue ?? "")"
        if let ends = fault["ends_unix_ms"]?.int64Value {
            let left = max(0, ends - Int64(Date().timeIntervalSince1970 * 1000)) / 1000
            text += " (\(left)s left)"
        } else {
            text += " (until lifted)"
        }
        return text
    }

    /// One request to the control server; its JSON answer, or the server's error message.
    private static func exchange(_ method: String, _ url: String, body: String?) async throws(LiveServerError)
        -> JSONValue
    {
        guard url.hasPrefix("http://") else {
            throw LiveServerError(
                description: "--control \(url): expected an http:// URL (the ready file's \"control\")")
        }
        let client = HTTPClient.shared
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .init(rawValue: method)
            if let body {
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await client.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            let value = try JSONValue.parse(bytes.readableBytesView)
            guard response.status.code < 300 else {
                throw LiveServerError(
                    description: value["error"]?.stringValue ?? "the control server answered \(response.status.code)",
                    exitCode: response.status.code < 500 ? 2 : 3)
            }
            return value
        } catch let error as LiveServerError {
            throw error
        } catch {
            throw LiveServerError(description: "cannot reach the control server at \(url): \(error)", exitCode: 3)
        }
    }
}
