import Foundation
import GRDB
import HTTPTypes

/// A runbook as the API answers it (``APIResult/runbook(_:)``).
public struct RunbookView: Codable, APIJSONBody, Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    public var version: Int64
    /// The hybrid logical timestamp of the runbook's last write.
    public var hlc: Int64
    /// The vertical that made the last write.
    public var origin: String

    init(_ row: RunbookRow) {
        id = row.id; title = row.title; body = row.body; version = row.version; hlc = row.hlc; origin = row.origin
    }

    func writeJSON(into out: inout APIJSON) {
        out.object { out in
            out.key("body", first: true)
            out.string(body)
            out.key("hlc")
            out.int(hlc)
            out.key("id")
            out.string(id)
            out.key("origin")
            out.string(origin)
            out.key("title")
            out.string(title)
            out.key("version")
            out.int(version)
        }
    }
}

/// One page of `GET /api/runbooks`: `next` is the cursor of the following page, absent on the last.
public struct RunbookPage: Encodable, APIJSONBody, Sendable, Equatable {
    public var items: [RunbookView]
    public var next: String?

    func writeJSON(into out: inout APIJSON) {
        out.object { out in
            out.key("items", first: true)
            out.array(items)
            if let next {
                out.key("next")
                out.string(next)
            }
        }
    }
}

/// The body of a runbook create or update (``APIInput/runbook(_:)`` in process; JSON over HTTP).
public struct RunbookInput: Decodable, Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var body: String?
    /// For updates: the version the client last saw (optimistic concurrency, 409 on mismatch).
    public var version: Int64?

    public init(id: String? = nil, title: String? = nil, body: String? = nil, version: Int64? = nil) {
        self.id = id; self.title = title; self.body = body; self.version = version
    }

    /// Reads a request body as `JSONDecoder` read it into this type: an object whose known
    /// members are absent, null or of their type (other members are ignored; a version may be
    /// written as an integral number such as `3.0`), or nil. One difference: of duplicate keys,
    /// which RFC 8259 leaves unspecified, the last counts (as everywhere ``JSONValue`` reads).
    init?(json body: Data) {
        // try?-ok: any parse error is the same 400 (malformed JSON body)
        guard let value = try? JSONValue.parse(body), case .object = value else { return nil }  // try?-ok: a 400
        func text(_ key: String) -> String?? {
            switch value[key] {
            case nil, .null?: return .some(nil)
            case .string(let text)?: return .some(text)
            default: return nil
            }
        }
        guard let id = text("id"), let title = text("title"), let bodyText = text("body") else { return nil }
        self.init(id: id, title: title, body: bodyText)
        switch value["version"] {
        case nil, .null?: version = nil
        case .int(let number)?: version = number
        case .double(let number)? where number == number.rounded() && abs(number) < 9.2e18: version = Int64(number)
        default: return nil
        }
    }
}

extension APICore {
    func decodeInput(_ request: APIRequest) throws -> RunbookInput {
        let input: RunbookInput
        if case .runbook(let typed)? = request.input {
            input = typed  // what its JSON would have parsed to
        } else if let parsed = RunbookInput(json: request.body) {
            input = parsed
        } else {
            throw APIError.badRequest("malformed JSON body (expected {\"title\": ..., \"body\": ...})")
        }
        if let title = input.title, title.utf8.count > Self.maxTitleBytes {
            throw APIError.badRequest("title is longer than \(Self.maxTitleBytes) bytes")
        }
        if let body = input.body, body.utf8.count > Self.maxBodyBytes {
            throw APIError.badRequest("body is longer than \(Self.maxBodyBytes) bytes")
        }
        return input
    }

    /// The live runbook `id` owned by `user`, or 404.
    func ownedRunbook(_ db: Database, id: String, user: String) throws -> RunbookRow {
        guard let row = try RunbookRow.find(db, id: id), row.deleted == 0, row.owner == user else {
            throw APIError.notFound("runbook \(id) not found")
        }
        return row
    }

    func createRunbook(
        _ request: APIRequest, user: String, context: RequestContext,
        clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        let input = try decodeInput(request)
        guard let id = input.id, let title = input.title else {
            throw APIError.badRequest("missing field (expected id and title)")
        }
        _ = try Self.decodeSegment(id, bucket: nil)
        let hlc = clock.tick(physicalUs: context.nowUs)
        let physicalOnly = clock.physicalOnly
        let row = RunbookRow(
            id: id, owner: user, title: title, body: input.body ?? "", version: 1, hlc: hlc,
            origin: identity.id, deleted: false, updatedUs: context.nowUs)
        try database.write { db in
            if let existing = try RunbookRow.find(db, id: id), existing.deleted == 0 {
                throw APIError.conflict("runbook \(id) already exists")
            }
            let written = try row.upsertIfNewer(db)
            precondition(written || physicalOnly, "a fresh hybrid-logical timestamp always wins")
        }
        return answer(.created, .runbook(RunbookView(row)), etag: hlc)
    }

    func readRunbook(_ id: String, user: String) throws -> APIResponse {
        let row = try database.read { db in try ownedRunbook(db, id: id, user: user) }
        return answer(.ok, .runbook(RunbookView(row)), etag: row.hlc)
    }

    func updateRunbook(
        _ id: String, _ request: APIRequest, user: String, context: RequestContext,
        clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        let input = try decodeInput(request)
        guard input.title != nil || input.body != nil else {
            throw APIError.badRequest("missing field (expected title or body)")
        }
        let hlc = clock.tick(physicalUs: context.nowUs)
        let row = try database.write { db -> RunbookRow in
            var row = try ownedRunbook(db, id: id, user: user)
            if let expected = input.version, expected != row.version {
                throw APIError.conflict("runbook \(id) is at version \(row.version), not \(expected)")
            }
            row.title = input.title ?? row.title
            row.body = input.body ?? row.body
            row.version += 1
            row.hlc = hlc
            row.origin = identity.id
            row.updatedUs = context.nowUs
            try row.upsertIfNewer(db)
            return row
        }
        return answer(.ok, .runbook(RunbookView(row)), etag: hlc)
    }

    func deleteRunbook(
        _ id: String, user: String, context: RequestContext,
        clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            var row = try ownedRunbook(db, id: id, user: user)
            // The one place the `tombstones` mechanism lives: without it the row is removed, which
            // no trigger replicates, so peers keep it (and a late update can bring it back).
            guard writesTombstones else {
                try db.cachedStatement(sql: "DELETE FROM runbook WHERE id = ?").execute(arguments: [id])
                return
            }
            row.title = ""
            row.body = ""
            row.version += 1
            row.hlc = hlc
            row.origin = identity.id
            row.deleted = 1
            row.updatedUs = context.nowUs
            try row.upsertIfNewer(db)
        }
        return APIResponse(.noContent, eTag: hlc)
    }

    func listRunbooks(user: String, query: [String: String]) throws -> APIResponse {
        var limit = 20
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maxPageSize).contains(value) else {
                throw APIError.badRequest("limit must be 1 to \(Self.maxPageSize)")
            }
            limit = value
        }
        let after = query["after"] ?? ""
        let rows = try database.read { db in
            try RunbookRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(RunbookRow.columns) FROM runbook
                        WHERE owner = ? AND id > ? AND deleted = 0 ORDER BY id LIMIT ?
                        """), arguments: [user, after, limit + 1])
        }
        let items = rows.prefix(limit).map(RunbookView.init)
        return answer(
            .ok, .runbookPage(RunbookPage(items: Array(items), next: rows.count > limit ? items.last?.id : nil)))
    }
}
