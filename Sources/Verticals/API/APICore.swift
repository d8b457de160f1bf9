import Foundation
import GRDB
import HTTPTypes
import Mechanisms

/// The shared API core: one router for every vertical, no per-vertical business logic.
///
/// Routes:
/// - `GET /api/public/status`
/// - `GET /.well-known/webauthn` (the related origins of the passkeys' rpId)
/// - `POST /api/auth/signup`, `/api/auth/login` (password, answers an MFA token), then
///   `/api/auth/login/totp`, `/api/auth/login/recovery` or `/api/auth/login/webauthn`;
///   `/api/auth/refresh`, `/api/auth/logout`, `/api/auth/password`
/// - runbook routes need `Authorization: Bearer <access token>`; the token's subject owns them:
/// - `POST /api/runbooks`, `GET /api/runbooks?limit=&after=`
/// - `GET|PUT|DELETE /api/runbooks/{id}`
/// - `PUT|GET /api/runbooks/{id}/attachments/{name}`
///
/// Writes get a hybrid logical timestamp, returned in `ETag`, which the simulator's checkers use
/// to compare what a session wrote with what it later reads.
public final class APICore {
    /// The core's version, reported by the status route.
    public static let version = "0.1.0"
    /// Most runbooks one list call returns.
    public static let maxPageSize = 100
    /// Longest runbook title and body, in UTF-8 bytes.
    public static let maxTitleBytes = 200
    public static let maxBodyBytes = 64 * 1024

    let identity: VerticalIdentity
    let database: VerticalDatabase
    let bucket: Bucket
    let maxPayloadBytes: Int
    let auth: AuthConfig
    let tokens: TokenService
    let entropy: any EntropySource
    /// Computes and checks password hashes (Argon2id).
    let passwords: any PasswordHasher
    let decoder = JSONDecoder()
    /// Authentication decisions so far.
    var authCounters = AuthCounters()
    /// Tokens whose signature this vertical has already checked.
    var verifiedTokens = VerifiedTokenCache()
    /// Whether a delete writes a replicated tombstone (the `tombstones` mechanism) or removes the row.
    let writesTombstones: Bool

    init(
        identity: VerticalIdentity, database: VerticalDatabase, bucket: Bucket, maxPayloadBytes: Int, auth: AuthConfig,
        entropy: any EntropySource, passwords: any PasswordHasher = Argon2idHasher(),
        disabled: DisabledMechanisms = .none
    ) {
        writesTombstones = !disabled.removes(.tombstones)
        self.identity = identity
        self.database = database
        self.bucket = bucket
        self.maxPayloadBytes = maxPayloadBytes
        self.auth = auth
        tokens = TokenService(secret: auth.jwtSecret)
        self.entropy = entropy
        self.passwords = passwords
    }

    /// Routes and serves one request, stamping the platform headers on the response.
    func handle(_ request: APIRequest, context: RequestContext, clock: inout HybridLogicalClock) -> APIResponse {
        var response: APIResponse
        var hashes = 0
        do {
            response = try route(request, context: context, clock: &clock, hashes: &hashes)
        } catch let error as APIError {
            response = error.response
        } catch {
            // Not a refusal the API decided on: the storage itself failed. The caller learns it
            // beside the 503 (a live server logs it, the simulator stops the run).
            response = APIError.unavailable("database error: \(error)").response
            response.storageError = "\(error)"
        }
        stampIdentity(&response, requestID: context.requestID)
        response.passwordHashes = hashes
        return response
    }

    /// Stamps the platform headers and the request id on `response`.
    func stampIdentity(_ response: inout APIResponse, requestID: String) {
        response.served = ServedStamp(identity, requestID: requestID)
    }

    private func route(
        _ request: APIRequest, context: RequestContext, clock: inout HybridLogicalClock,
        hashes: inout Int
    ) throws -> APIResponse {
        let rawPath = request.path ?? "/"
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? rawPath
        let segments = Self.segments(pathOnly).dropFirst()
        if pathOnly == "/.well-known/webauthn" {
            guard request.method == .get else { throw APIError.methodNotAllowed }
            return try relatedOrigins(host: WebAuthnPolicy.host(request.authority ?? ""))
        }
        guard segments.first == "api" else { throw APIError.notFound("no route for \(pathOnly)") }
        let rest = Array(segments.dropFirst())
        if rest == ["public", "status"] {
            guard request.method == .get else { throw APIError.methodNotAllowed }
            return try status(context)
        }
        let bodyBytes = request.bodyByteCount
        if bodyBytes > maxPayloadBytes {
            throw APIError.payloadTooLarge(bytes: bodyBytes, limit: maxPayloadBytes)
        }
        if rest.first == "auth", rest.count == 2 || (rest.count == 3 && rest[1] == "login") {
            return try routeAuth(
                rest.count == 3 ? rest[2] : rest[1], request, context: context, clock: &clock, hashes: &hashes)
        }
        guard rest.first == "runbooks" else { throw APIError.notFound("no route for \(pathOnly)") }
        guard context.health.databaseUp else { throw APIError.unavailable("database unavailable") }
        let user = try authenticate(request, context: context)
        let query = Self.query(rawPath)
        switch (request.method, rest.count) {
        case (.post, 1): return try createRunbook(request, user: user, context: context, clock: &clock)
        case (.get, 1): return try listRunbooks(user: user, query: query)
        case (_, 2):
            let id = try Self.decodeSegment(rest[1], bucket: nil)
            switch request.method {
            case .get: return try readRunbook(id, user: user)
            case .put: return try updateRunbook(id, request, user: user, context: context, clock: &clock)
            case .delete: return try deleteRunbook(id, user: user, context: context, clock: &clock)
            default: throw APIError.methodNotAllowed
            }
        case (_, 4) where rest[2] == "attachments":
            let id = try Self.decodeSegment(rest[1], bucket: nil)
            let name = try Self.decodeSegment(rest[3], bucket: bucket)
            guard context.health.bucketUp else { throw APIError.unavailable("object storage unavailable") }
            switch request.method {
            case .put: return try uploadAttachment(id, name: name, request, user: user, context: context, clock: &clock)
            case .get: return try downloadAttachment(id, name: name, user: user)
            default: throw APIError.methodNotAllowed
            }
        default:
            throw APIError.notFound("no route for \(request.method.rawValue) \(pathOnly)")
        }
    }

    /// `path` split at every `/`, empty segments kept (on the bytes when it is ASCII, which
    /// every simulated path is; by characters otherwise, as before).
    static func segments(_ path: String) -> [String] {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            return path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        }
        var result: [String] = []
        var start = path.startIndex
        for index in path.utf8.indices where path.utf8[index] == UInt8(ascii: "/") {
            result.append(String(path[start..<index]))
            start = path.utf8.index(after: index)
        }
        result.append(String(path[start...]))
        return result
    }

    static func query(_ path: String) -> [String: String] {
        guard let questionMark = path.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in path[path.index(after: questionMark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let value = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            result[String(parts[0])] = value
        }
        return result
    }

    /// A percent-decoded path segment; with `bucket`, checked as an object name (hostile names
    /// are refused with 400 and counted by the bucket).
    static func decodeSegment(_ raw: String, bucket: Bucket?) throws -> String {
        guard let decoded = raw.removingPercentEncoding else { throw APIError.badRequest("malformed percent-encoding") }
        if let bucket {
            do {
                try bucket.validate(decoded)
            } catch {
                throw APIError.badRequest("invalid attachment name: \(error)")
            }
            if decoded.contains("/") {
                throw APIError.badRequest("invalid attachment name: it contains /")
            }
        } else if decoded.isEmpty || decoded.utf8.count > 200 || decoded.contains("/") {
            throw APIError.badRequest("invalid runbook id (expected 1 to 200 bytes, no /)")
        }
        return decoded
    }

    /// `GET /.well-known/webauthn` on the policy's rpId: the related origins a browser may use its
    /// passkeys on (WebAuthn Level 3 §5.11, `{"origins": [...]}`); 404 on any other host.
    private func relatedOrigins(host: String) throws -> APIResponse {
        guard let rpID = auth.webauthn.rpID, host == rpID else {
            throw APIError.notFound("no related origins for \(host)")
        }
        return answer(.ok, .relatedOrigins(auth.webauthn.relatedOrigins))
    }

    /// `GET /api/public/status`: who served the request and whether its dependencies answer.
    ///
    /// What it checks, exactly: the database with one read query (`SELECT 1` through the
    /// vertical's own connection; an outage or a failing query reports it `down`), and the bucket
    /// by its health flag (no object is read). The answer is 503 when the database is down (a
    /// health check must take the vertical out of rotation: no runbook route can work) and 200
    /// otherwise; a bucket outage alone is reported (`bucket: down`, `status: degraded`) but keeps
    /// 200, because runbooks still work without attachments.
    private func status(_ context: RequestContext) throws -> APIResponse {
        let databaseUp = context.health.databaseUp && databaseAnswers()
        let bucketUp = context.health.bucketUp
        return answer(
            databaseUp ? .ok : .serviceUnavailable,
            .status(
                ServiceStatus(
                    status: !databaseUp ? "unavailable" : bucketUp ? "ok" : "degraded",
                    vertical: identity.id, platform: identity.platform, environment: identity.environment,
                    region: identity.region, version: identity.version,
                    database: databaseUp ? "up" : "down", bucket: bucketUp ? "up" : "down")))
    }

    /// Whether one read query succeeds on the vertical's database.
    private func databaseAnswers() -> Bool {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1
        } catch {
            return false
        }
    }
}
