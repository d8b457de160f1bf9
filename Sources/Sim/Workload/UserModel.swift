import Crypto
import Foundation
import HTTPTypes
import Verticals

/// What one simulated user knows: its credentials and tokens, and the runbooks and attachments
/// it has created.
final class UserModel {
    let name: String
    let email: String
    var password: String
    /// The password before the last acknowledged change (what a `stale: true` login tries).
    var previousPassword: String?
    /// The passkey's authenticator (its key drawn from the run's seed), registered at sign-up;
    /// its sign counter; the rpId the relying party registered it for (from the sign-up answer).
    let authenticator: WebAuthnAuthenticator
    var signCount: UInt32 = 0
    var passkeyRPID: String?
    /// Set by an acknowledged sign-up.
    var totpSecret: [UInt8]?
    var recoveryCodes: [String] = []
    var access: String?
    var accessExpiresUs: Int64 = 0
    var refresh: String?
    /// When the refresh token expires (virtual µs): the session's end unless refreshed before.
    var refreshExpiresUs: Int64 = .max
    /// Whether this user's second factor of choice is its passkey (else TOTP); drawn per user.
    var prefersPasskey = false
    /// Recovery codes used so far by the workload (it uses them in order).
    var recoveryCodesUsed = 0
    /// The last tokens revoked by a logout, a refresh or a password change (what `stale: true` replays).
    var staleAccess: String?
    var staleRefresh: String?
    /// True while a sign-up or login is under way: the workload skips the user meanwhile.
    var authInFlight = false
    /// The user opted in to the footer indicator: each page view calls the status endpoint.
    var footerIndicator = false

    var runbooksCreated = 0
    var attachmentsUploaded = 0
    /// Runbook ids whose creation was acknowledged, in creation order.
    var runbooks: [String] = []
    /// Attachments whose upload was acknowledged.
    var attachments: [(runbook: String, name: String)] = []

    init(name: String, secretBytes: [UInt8]) {
        self.name = name
        email = "\(name)@example.test"
        password = "pw-" + Bucket.hex(secretBytes.prefix(8))
        do {
            authenticator = WebAuthnAuthenticator(
                privateKey: try P256.Signing.PrivateKey(rawRepresentation: SHA256.hash(data: secretBytes).map { $0 }))
        } catch {
            // A SHA-256 digest is a valid P-256 scalar but for a chance of about 2^-32.
            preconditionFailure("no P-256 key from the seed's bytes for \(name): \(error)")
        }
    }

    var isEnrolled: Bool { totpSecret != nil }

    /// Remembers the token pair of a login, refresh or password-change answer (nothing when it
    /// carries none).
    func remember(_ answer: ClientAnswer, epochUnixSeconds: Int64) {
        guard case .tokens(let tokens)? = answer.result else { return }
        remember(tokens: tokens, epochUnixSeconds: epochUnixSeconds)
    }

    /// Remembers a token pair from a login, refresh or sign-up answer.
    func remember(tokens: TokenPair, epochUnixSeconds: Int64) {
        if let old = access, old != tokens.accessToken { staleAccess = old }
        access = tokens.accessToken
        if let old = refresh, old != tokens.refreshToken { staleRefresh = old }
        refresh = tokens.refreshToken
        accessExpiresUs = (tokens.accessExpiresUnix - epochUnixSeconds) * VirtualTime.second
        refreshExpiresUs = (tokens.refreshExpiresUnix - epochUnixSeconds) * VirtualTime.second
    }

    /// Forgets the session's tokens without telling the server (a new device, an expired
    /// session): the next arrival logs in.
    func forgetSession() {
        access = nil
        refresh = nil
        accessExpiresUs = 0
        refreshExpiresUs = .max
    }
}

/// Every simulated user, workload and script alike, created on first use with credentials
/// drawn from the run's seed.
final class UserDirectory {
    private var users: [String: UserModel] = [:]
    private let random: SimRandom

    init(random: SimRandom) {
        self.random = random
    }

    func user(_ name: String) -> UserModel {
        if let existing = users[name] { return existing }
        var stream = random.stream("users.\(name)")
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: stream.next()) { Array($0) } }
        let created = UserModel(name: name, secretBytes: bytes)
        created.prefersPasskey = stream.next() & 1 == 0
        users[name] = created
        return created
    }
}

/// Builds the API calls that users make, shared by the workload and the script.
enum Calls {
    static func escape(_ segment: String) -> String {
        // Fast path: ASCII letters, digits and `-_.` need no escaping (every id the workload
        // makes); Foundation's percent-encoding costs about 2 % of a saturated run.
        if segment.utf8.allSatisfy({ plainByte($0) }) { return segment }
        return segment.addingPercentEncoding(
            withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? segment
    }

    /// An ASCII letter or digit, `-`, `_` or `.`: a byte `escape` leaves as it is.
    private static func plainByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    static func create(user: String, surface: String, id: String, title: String, body: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface,
            request: APIRequest(
                .post, "/api/runbooks", authority: surface,
                contentType: "application/json",
                input: .runbook(RunbookInput(id: id, title: title, body: body))),
            purpose: .write(object: .runbook(id: id), deletes: false), operation: "create")
    }

    static func read(user: String, surface: String, id: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface, request: APIRequest(.get, "/api/runbooks/\(escape(id))", authority: surface),
            purpose: .read(object: .runbook(id: id)), operation: "read")
    }

    static func update(user: String, surface: String, id: String, title: String, body: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface,
            request: APIRequest(
                .put, "/api/runbooks/\(escape(id))", authority: surface,
                contentType: "application/json",
                input: .runbook(RunbookInput(title: title, body: body))),
            purpose: .write(object: .runbook(id: id), deletes: false), operation: "update")
    }

    static func delete(user: String, surface: String, id: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface,
            request: APIRequest(.delete, "/api/runbooks/\(escape(id))", authority: surface),
            purpose: .write(object: .runbook(id: id), deletes: true), operation: "delete")
    }

    /// `GET /api/public/status`: a script's `status` step, or the footer indicator's call after a
    /// page view (`footer: true`).
    static func status(user: String, surface: String, footer: Bool = false) -> ClientCall {
        ClientCall(
            user: user, surface: surface, request: APIRequest(.get, "/api/public/status", authority: surface),
            purpose: footer ? .footer : .other, operation: footer ? "footer-status" : "status")
    }

    static func list(user: String, surface: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface, request: APIRequest(.get, "/api/runbooks?limit=20", authority: surface),
            purpose: .other, operation: "list")
    }

    static func upload(user: String, surface: String, id: String, name: String, bytes: Data) -> ClientCall {
        ClientCall(
            user: user, surface: surface,
            request: APIRequest(
                .put, "/api/runbooks/\(escape(id))/attachments/\(escape(name))", authority: surface,
                contentType: "application/octet-stream", body: bytes),
            purpose: .write(object: .attachment(runbookID: id, name: name), deletes: false), operation: "upload")
    }

    static func download(user: String, surface: String, id: String, name: String) -> ClientCall {
        ClientCall(
            user: user, surface: surface,
            request: APIRequest(.get, "/api/runbooks/\(escape(id))/attachments/\(escape(name))", authority: surface),
            purpose: .read(object: .attachment(runbookID: id, name: name)), operation: "download")
    }
}
