import Foundation
import GRDB
import HTTPTypes

extension APICore {
    func uploadAttachment(
        _ runbookID: String, name: String, _ request: APIRequest, user: String,
        context: RequestContext, clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        let bytes = request.body
        let sha = Bucket.sha256Hex(bytes)
        let contentType = request.mediaType ?? "application/octet-stream"
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            _ = try ownedRunbook(db, id: runbookID, user: user)
            // Bytes first, then metadata: content-addressed, so a rolled-back write leaves only
            // an unreferenced object, never metadata pointing at nothing.
            try bucket.put(Bucket.objectKey(sha256: sha), bytes)
            let row = AttachmentRow(
                runbookID: runbookID, name: name, sha256: sha, size: Int64(bytes.count),
                contentType: contentType, hlc: hlc, origin: identity.id, deleted: false,
                updatedUs: context.nowUs)
            try row.upsertIfNewer(db)
        }
        return answer(
            .created, .attachment(StoredAttachment(runbook: runbookID, name: name, sha256: sha, size: bytes.count)),
            etag: hlc)
    }

    func downloadAttachment(_ runbookID: String, name: String, user: String) throws -> APIResponse {
        let row = try database.read { db -> AttachmentRow in
            _ = try ownedRunbook(db, id: runbookID, user: user)
            guard let row = try AttachmentRow.find(db, runbookID: runbookID, name: name), row.deleted == 0 else {
                throw APIError.notFound("attachment \(name) of runbook \(runbookID) not found")
            }
            return row
        }
        guard let bytes = try bucket.get(Bucket.objectKey(sha256: row.sha256)) else {
            throw APIError.unavailable("attachment bytes missing from object storage")
        }
        return APIResponse(.ok, contentType: row.contentType, eTag: row.hlc, body: bytes)
    }
}

/// The answer to an upload: where the bytes went.
public struct StoredAttachment: Encodable, APIJSONBody, Sendable, Equatable {
    public var runbook: String
    public var name: String
    /// The content hash (hex) the bytes are stored under.
    public var sha256: String
    public var size: Int

    func writeJSON(into out: inout APIJSON) {
        out.object { out in
            out.key("name", first: true)
            out.string(name)
            out.key("runbook")
            out.string(runbook)
            out.key("sha256")
            out.string(sha256)
            out.key("size")
            out.int(Int64(size))
        }
    }
}
