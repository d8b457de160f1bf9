import AsyncHTTPClient
import Foundation
import NIOCore
import Sim
import Verticals

/// `simctl serve --load RATE`: simulated users of the same workload model as the simulator
/// (``WorkloadModel``: Poisson arrivals, a uniformly drawn user, an operation from the mix, a
/// surface from the surface weights, the same API requests), sent with real HTTP clients to the
/// live edge and direct surfaces. A user signs up on first use, keeps its `gb_vertical` cookie
/// on the edge, and logs in again (password, then a TOTP code from the secret it got at sign-up)
/// when its token is refused. At most ``maxInFlight`` requests are under way; an arrival beyond
/// that is shed and counted.
actor LoadGenerator {
    /// Bound on concurrent requests.
    static let maxInFlight = 256
    /// One simulated user.
    final class User: @unchecked Sendable {
        // Touched only on the generator's actor.
        let name: String
        let email: String
        let password: String
        var totpSecret: [UInt8]?
        var access: String?
        var cookie: String?
        var busy = false
        var created = 0
        var uploaded = 0
        var runbooks: [String] = []
        var attachments: [(runbook: String, name: String)] = []

        init(name: String, run: String) {
            self.name = name
            email = "\(name).\(run)@load.example.test"
            password = "pw-\(run)-\(name)"
        }
    }

    private let workload: Workload
    private let mix: [(WorkloadOperation, Double)]
    private let surfaces: [(String, Double)]
    /// Each surface (domain) the workload names, to its URL.
    private let urls: [String: String]
    /// Each direct surface (domain) to its vertical: a refused connection there is counted under
    /// the vertical, which never saw the request.
    private let directVerticals: [String: String]
    private let client: HTTPClient
    private let stats: LiveStats
    private let clock: WallClock
    private var users: [User]
    private var inFlight = 0
    private(set) var arrivals = 0
    private(set) var shed = 0
    private(set) var byOperation: [String: [LiveStats.Outcome: Int]] = [:]

    init(
        workload: Workload, urls: [String: String], directVerticals: [String: String], client: HTTPClient,
        stats: LiveStats, clock: WallClock
    ) {
        precondition(
            workload.users >= 1 && ServeOptions.loadBounds.contains(workload.ratePerSecond), "checked by the caller")
        self.workload = workload
        mix = WorkloadModel.cumulative(workload.mix)
        surfaces = WorkloadModel.cumulative(workload.surfaces.filter { urls[$0.0] != nil })
        self.urls = urls
        self.directVerticals = directVerticals
        self.client = client
        self.stats = stats
        self.clock = clock
        let run = String(UInt32.random(in: .min ... .max), radix: 36)
        users = (1...workload.users).map { User(name: "u\($0)", run: run) }
    }

    /// Runs arrivals until cancelled.
    func run() async {
        guard !surfaces.isEmpty else { return }
        let meanUs = 1_000_000 / workload.ratePerSecond
        // Arrival times are laid out from the start, so a sleep that overshoots does not slow the rate.
        var next = ContinuousClock.now
        while !Task.isCancelled {
            let gapUs = max(1, -log(1 - Double.random(in: 0..<1)) * meanUs)
            next = next.advanced(by: .microseconds(Int64(min(gapUs, 60_000_000))))
            if next > ContinuousClock.now {
                // try?-ok: a cancelled sleep ends the loop below
                try? await Task.sleep(until: next, clock: .continuous)
            }
            guard !Task.isCancelled else { return }
            arrive()
        }
    }

    /// Arrivals so far by operation and outcome, and what was shed.
    func report() -> (arrivals: Int, shed: Int, byOperation: [String: [LiveStats.Outcome: Int]]) {
        (arrivals, shed, byOperation)
    }

    private func arrive() {
        arrivals += 1
        let user = users[Int.random(in: 0..<users.count)]
        guard !user.busy else { return }
        guard inFlight < Self.maxInFlight else {
            shed += 1
            return
        }
        let surface = WorkloadModel.pick(surfaces, Double.random(in: 0..<1))
        let drawn = WorkloadModel.pick(mix, Double.random(in: 0..<1))
        user.busy = true
        inFlight += 1
        Task(executorPreference: LiveExecutor.shared) {
            await self.act(user, surface: surface, drawn: drawn)
            await self.done(user)
        }
    }

    private func done(_ user: User) {
        user.busy = false
        inFlight -= 1
    }

    private func act(_ user: User, surface: String, drawn: WorkloadOperation) async {
        guard let secret = user.totpSecret else { return await signUp(user, surface: surface) }
        if user.access == nil { return await logIn(user, secret: secret, surface: surface) }
        let operation = WorkloadModel.effective(
            drawn, runbooks: user.runbooks.count, attachments: user.attachments.count)
        let pick = user.runbooks.isEmpty ? "" : user.runbooks[Int.random(in: 0..<user.runbooks.count)]
        var runbook = pick
        var attachment = ""
        var bytes = Data()
        switch operation {
        case .create:
            user.created += 1
            runbook = "\(user.name)-r\(user.created)"
        case .upload:
            user.uploaded += 1
            attachment = "a\(user.uploaded).bin"
            bytes = Data((0..<workload.attachmentBytes).map { _ in UInt8.random(in: .min ... .max) })
        case .download:
            let chosen = user.attachments[Int.random(in: 0..<user.attachments.count)]
            (runbook, attachment) = (chosen.runbook, chosen.name)
        default: break
        }
        let request = WorkloadModel.request(
            operation, surface: surface, runbook: runbook, title: "Runbook \(runbook)",
            body: "Steps for \(runbook) at \(clock.nowUs())", attachment: attachment, bytes: bytes)
        let status = await send(request, as: user, surface: surface, operation: operation.rawValue)
        switch (operation, status) {
        case (.create, 201): user.runbooks.append(runbook)
        case (.upload, 201): user.attachments.append((runbook, attachment))
        case (.delete, 204):
            user.runbooks.removeAll { $0 == runbook }
            user.attachments.removeAll { $0.runbook == runbook }
        case (_, 401): user.access = nil
        default: break
        }
    }

    private func signUp(_ user: User, surface: String) async {
        let body = JSONValue.object([("email", .string(user.email)), ("password", .string(user.password))])
        let request = APIRequest(
            .post, "/api/auth/signup", authority: surface, headers: [.contentType: "application/json"],
            body: Data(body.serialized().utf8))
        let (status, answer) = await exchange(request, as: user, surface: surface, operation: "signup")
        guard status == 201 || status == 409, let answer else { return }
        if let secret = answer["totp_secret"]?.stringValue.flatMap({ Data(hexString: $0) }) {
            user.totpSecret = Array(secret)
            user.access = answer["tokens"]?["access_token"]?.stringValue
        }
    }

    private func logIn(_ user: User, secret: [UInt8], surface: String) async {
        let credentials = JSONValue.object([("email", .string(user.email)), ("password", .string(user.password))])
        let first = APIRequest(
            .post, "/api/auth/login", authority: surface, headers: [.contentType: "application/json"],
            body: Data(credentials.serialized().utf8))
        let (status, answer) = await exchange(first, as: user, surface: surface, operation: "login")
        guard status == 200, let token = answer?["mfa_token"]?.stringValue else { return }
        let code = TOTP.code(secret: secret, step: TOTP.step(unixSeconds: clock.unixSeconds()))
        let factor = JSONValue.object([("mfa_token", .string(token)), ("code", .string(code))])
        let second = APIRequest(
            .post, "/api/auth/login/totp", authority: surface, headers: [.contentType: "application/json"],
            body: Data(factor.serialized().utf8))
        let (done, tokens) = await exchange(second, as: user, surface: surface, operation: "login-totp")
        if done == 200 { user.access = tokens?["access_token"]?.stringValue }
    }

    /// Sends an API call with the user's token and cookie; returns the status (nil: no answer).
    private func send(_ request: APIRequest, as user: User, surface: String, operation: String) async -> Int? {
        await exchange(request, as: user, surface: surface, operation: operation).0
    }

    private func exchange(_ message: APIRequest, as user: User, surface: String, operation: String) async -> (
        Int?, JSONValue?
    ) {
        guard let base = urls[surface] else { preconditionFailure("no URL for surface \(surface)") }
        var request = HTTPBridge.clientRequest(message.head, body: ByteBuffer(bytes: message.body), baseURL: base)
        if let access = user.access { request.headers.replaceOrAdd(name: "authorization", value: "Bearer \(access)") }
        if let cookie = user.cookie { request.headers.replaceOrAdd(name: "cookie", value: cookie) }
        var status: Int?
        var body: JSONValue?
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            status = Int(response.status.code)
            if let set = response.headers.first(name: "set-cookie"), let pair = set.split(separator: ";").first {
                user.cookie = String(pair)
            }
            body = try? JSONValue.parse(bytes.readableBytesView)  // try?-ok: only JSON answers are read
        } catch {
            status = nil
            if let vertical = directVerticals[surface] { stats.request(surface: vertical, outcome: .refused) }
        }
        let outcome: LiveStats.Outcome = status.map { $0 >= 500 ? .failed : .ok } ?? .refused
        byOperation[operation, default: [:]][outcome, default: 0] += 1
        return (status, body)
    }
}
