import Foundation
import HTTPTypes
import Verticals

/// What one simulated user knows: the runbooks and attachments it has created.
final class UserModel {
    let name: String
    var runbooksCreated = 0
    var attachmentsUploaded = 0
    /// Runbook ids whose creation was acknowledged, in creation order.
    var runbooks: [String] = []
    /// Attachments whose upload was acknowledged.
    var attachments: [(runbook: String, name: String)] = []

    init(name: String) { self.name = name }
}

/// Builds the API calls that users make, shared by the workload and the script.
enum Calls {
    static func json(_ pairs: [(String, String)]) -> Data {
        Data(JSONValue.object(pairs.map { ($0.0, .string($0.1)) }).serialized().utf8)
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? segment
    }

    static func create(user: String, surface: String, id: String, title: String, body: String) -> ClientCall {
        ClientCall(user: user, surface: surface,
                   request: APIRequest(.post, "/api/runbooks", authority: surface,
                                       headers: [.contentType: "application/json"],
                                       body: json([("id", id), ("title", title), ("body", body)])),
                   purpose: .write(object: "runbook:\(id)", deletes: false), operation: "create")
    }

    static func read(user: String, surface: String, id: String) -> ClientCall {
        ClientCall(user: user, surface: surface, request: APIRequest(.get, "/api/runbooks/\(escape(id))", authority: surface),
                   purpose: .read(object: "runbook:\(id)"), operation: "read")
    }

    static func update(user: String, surface: String, id: String, title: String, body: String) -> ClientCall {
        ClientCall(user: user, surface: surface,
                   request: APIRequest(.put, "/api/runbooks/\(escape(id))", authority: surface,
                                       headers: [.contentType: "application/json"],
                                       body: json([("title", title), ("body", body)])),
                   purpose: .write(object: "runbook:\(id)", deletes: false), operation: "update")
    }

    static func delete(user: String, surface: String, id: String) -> ClientCall {
        ClientCall(user: user, surface: surface, request: APIRequest(.delete, "/api/runbooks/\(escape(id))", authority: surface),
                   purpose: .write(object: "runbook:\(id)", deletes: true), operation: "delete")
    }

    static func list(user: String, surface: String) -> ClientCall {
        ClientCall(user: user, surface: surface, request: APIRequest(.get, "/api/runbooks?limit=20", authority: surface),
                   purpose: .other, operation: "list")
    }

    static func upload(user: String, surface: String, id: String, name: String, bytes: Data) -> ClientCall {
        ClientCall(user: user, surface: surface,
                   request: APIRequest(.put, "/api/runbooks/\(escape(id))/attachments/\(escape(name))", authority: surface,
                                       headers: [.contentType: "application/octet-stream"], body: bytes),
                   purpose: .write(object: "attachment:\(id)/\(name)", deletes: false), operation: "upload")
    }

    static func download(user: String, surface: String, id: String, name: String) -> ClientCall {
        ClientCall(user: user, surface: surface,
                   request: APIRequest(.get, "/api/runbooks/\(escape(id))/attachments/\(escape(name))", authority: surface),
                   purpose: .read(object: "attachment:\(id)/\(name)"), operation: "download")
    }
}
