import Foundation

/// Generated traffic: Poisson arrivals at the workload's rate, each from a uniformly drawn
/// user, with an operation drawn from the mix and a surface drawn from the surface weights.
/// Each concern draws from its own random stream, so changing the mix never moves arrival times.
final class WorkloadDriver {
    let workload: Workload
    let queue: EventQueue
    let clients: ClientFabric
    let auth: AuthFlows
    let endUs: Int64
    /// Refresh this long before the access token expires.
    let refreshMarginUs: Int64 = 30 * VirtualTime.second
    /// Chance that an arrival of a signed-in user is a logout (the session ends; the next arrival logs in).
    static let logoutProbability = 0.005
    /// Chance that an arrival of a signed-in user comes from a new device: no tokens there, so it logs in.
    static let newDeviceProbability = 0.0025
    /// Chance that a login uses a recovery code instead of the user's usual second factor.
    static let recoveryProbability = 0.02
    private var users: [UserModel]
    private var arrivals: Xoshiro256
    private var picks: Xoshiro256
    private var content: Xoshiro256
    let events: WorldEventStream
    private var sessions: Xoshiro256
    private let mixCumulative: [(WorkloadOperation, Double)]
    private let surfaceCumulative: [(String, Double)]

    init(
        workload: Workload, queue: EventQueue, clients: ClientFabric, auth: AuthFlows, users directory: UserDirectory,
        events: WorldEventStream, endUs: Int64, random: SimRandom
    ) {
        self.events = events
        self.workload = workload
        self.queue = queue
        self.clients = clients
        self.auth = auth
        self.endUs = endUs
        // The loader's bounds (ScenarioBounds) make these unreachable; they stay as the second line.
        precondition(workload.users >= 1, "a workload needs at least one user")
        precondition(
            workload.ratePerSecond > 0 && workload.ratePerSecond.isFinite, "workload rate must be positive and finite")
        precondition(
            (0...ScenarioBounds.attachmentSize.maximum).contains(Double(workload.attachmentBytes)),
            "attachment size \(workload.attachmentBytes) outside its bound")
        users = (1...workload.users).map { directory.user("u\($0)") }
        arrivals = random.stream("workload.arrivals")
        picks = random.stream("workload.picks")
        content = random.stream("workload.content")
        // Who opted in to the footer indicator: one draw per user, in user order, from its own stream.
        var footer = random.stream("workload.footer")
        for user in users where footer.unitDouble() < workload.footerIndicator {
            user.footerIndicator = true
            events.emit(.footerOptedIn(user: user.name))
        }
        sessions = random.stream("workload.sessions")
        mixCumulative = Self.cumulative(workload.mix)
        surfaceCumulative = Self.cumulative(workload.surfaces)
    }

    static func cumulative<T>(_ weights: [(T, Double)]) -> [(T, Double)] { WorkloadModel.cumulative(weights) }

    static func pick<T>(_ cumulative: [(T, Double)], _ draw: Double) -> T { WorkloadModel.pick(cumulative, draw) }

    /// Schedules the first arrival; each arrival schedules the next until the chaos phase ends.
    func start() {
        scheduleNext()
    }

    private func scheduleNext() {
        let meanUs = Double(VirtualTime.second) / workload.ratePerSecond
        // Compared as a Double before any conversion: a gap past the end of the chaos phase (or
        // one too large for 64 bits) ends the workload instead of trapping.
        let gapUs = max(1, (-log(1 - arrivals.unitDouble()) * meanUs).rounded())
        guard gapUs.isFinite, gapUs < Double(endUs - queue.nowUs) else { return }
        let atUs = queue.nowUs + Int64(gapUs)
        queue.schedule(atUs: atUs) { [self] in
            arrive()
            scheduleNext()
        }
    }

    /// One arrival: a user signs up on first use, refreshes or logs in again when its token is
    /// about to expire, as a real user would; otherwise it performs an operation from the mix.
    private func arrive() {
        let user = users[picks.index(users.count)]
        var operation = Self.pick(mixCumulative, picks.unitDouble())
        let surface = Self.pick(surfaceCumulative, picks.unitDouble())
        let choice = picks.next()
        if user.authInFlight { return }
        guard user.isEnrolled else {
            auth.signup(user, via: surface) { _ in }
            return
        }
        if endSession(user, surface: surface) { return }
        if user.access == nil || queue.nowUs >= user.accessExpiresUs - refreshMarginUs {
            if user.refresh != nil {
                auth.refresh(user, via: surface) { answer in
                    if answer.status == 401 { user.refresh = nil }
                }
            } else {
                logIn(user, surface: surface)
            }
            return
        }
        operation = WorkloadModel.effective(
            operation, runbooks: user.runbooks.count, attachments: user.attachments.count)
        let call: ClientCall
        switch operation {
        case .create:
            user.runbooksCreated += 1
            let id = "\(user.name)-r\(user.runbooksCreated)"
            call = Calls.create(
                user: user.name, surface: surface, id: id, title: "Runbook \(user.runbooksCreated)",
                body: "Steps for \(id) written at \(queue.nowUs)")
            send(call, as: user) { answer in
                if answer.status == 201 { user.runbooks.append(id) }
            }
            return
        case .update:
            let id = user.runbooks[Int(choice % UInt64(user.runbooks.count))]
            call = Calls.update(
                user: user.name, surface: surface, id: id, title: "Runbook \(id)",
                body: "Revised at \(queue.nowUs)")
        case .read:
            call = Calls.read(
                user: user.name, surface: surface, id: user.runbooks[Int(choice % UInt64(user.runbooks.count))])
        case .list:
            call = Calls.list(user: user.name, surface: surface)
        case .upload:
            let id = user.runbooks[Int(choice % UInt64(user.runbooks.count))]
            user.attachmentsUploaded += 1
            let name = "a\(user.attachmentsUploaded).bin"
            call = Calls.upload(
                user: user.name, surface: surface, id: id, name: name, bytes: bytes(workload.attachmentBytes))
            send(call, as: user) { answer in
                if answer.status == 201 { user.attachments.append((id, name)) }
            }
            return
        case .download:
            let attachment = user.attachments[Int(choice % UInt64(user.attachments.count))]
            call = Calls.download(user: user.name, surface: surface, id: attachment.runbook, name: attachment.name)
        case .delete:
            let id = user.runbooks[Int(choice % UInt64(user.runbooks.count))]
            send(Calls.delete(user: user.name, surface: surface, id: id), as: user) { answer in
                guard answer.status == 204 else { return }
                user.runbooks.removeAll { $0 == id }
                user.attachments.removeAll { $0.runbook == id }
            }
            return
        }
        send(call, as: user) { _ in }
    }

    /// Ends the user's session now and then, as real sessions end: an expired refresh token, a
    /// logout (returns true: the arrival was the logout) or a new device (tokens forgotten).
    private func endSession(_ user: UserModel, surface: String) -> Bool {
        let draw = sessions.unitDouble()
        if user.refresh != nil, queue.nowUs >= user.refreshExpiresUs { user.forgetSession() }
        guard user.access != nil, queue.nowUs < user.accessExpiresUs - refreshMarginUs else { return false }
        if draw < Self.logoutProbability {
            auth.logout(user, via: surface) { _ in user.forgetSession() }
            return true
        }
        if draw < Self.logoutProbability + Self.newDeviceProbability { user.forgetSession() }
        return false
    }

    /// A login: the password, then a recovery code now and then, else the user's passkey or TOTP;
    /// a refused passkey falls back to TOTP.
    private func logIn(_ user: UserModel, surface: String) {
        let draw = sessions.unitDouble()
        if draw < Self.recoveryProbability, user.recoveryCodesUsed < user.recoveryCodes.count {
            user.recoveryCodesUsed += 1
            auth.login(user, via: surface, factor: .recovery(index: user.recoveryCodesUsed)) { _ in }
        } else if user.prefersPasskey {
            auth.login(user, via: surface, factor: .webauthn(clone: false), fallback: .totp) { _ in }
        } else {
            auth.login(user, via: surface, factor: .totp) { _ in }
        }
    }

    /// Sends an API call with the user's access token; a 401 makes it log in again next time.
    /// Each call is a page view: for a user who opted in to the footer indicator, the page then
    /// calls the status endpoint on the same surface to fill its footer.
    private func send(_ call: ClientCall, as user: UserModel, done: @escaping (ClientAnswer) -> Void) {
        var call = call
        call.token = user.access
        clients.send(call) { [clients] answer in
            if answer.status == 401 { user.access = nil }
            done(answer)
            if user.footerIndicator, answer.outcome == .ok {
                clients.send(Calls.status(user: user.name, surface: call.surface, footer: true)) { _ in }
            }
        }
    }

    private func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count + 8)
        while data.count < count {
            withUnsafeBytes(of: content.next()) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }
}
