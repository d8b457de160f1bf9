import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Why a live server could not start.
public struct LiveServerError: Error, CustomStringConvertible {
    public let description: String
    /// The exit status simctl gives it: 2 when the request was refused as bad (a port in use, a
    /// fault the control server refused), 3 when something failed underneath.
    public let exitCode: Int32

    public init(description: String, exitCode: Int32 = 2) {
        self.description = description
        self.exitCode = exitCode
    }
}

/// One Hummingbird HTTP/1.1 server on 127.0.0.1 (an edge, a vertical's direct surface, the control
/// server): started and awaited until it listens, stopped gracefully (it stops accepting, the
/// requests in flight finish), and restartable on the same port (a crashed vertical comes back).
final class LiveHTTPServer: Sendable {
    /// What answers requests.
    typealias Handler = @Sendable (Request) async -> Response

    /// The surface's name, for messages (`edge`, `aws`, `control`).
    let name: String
    let port: Int
    private let handler: Handler
    private let running = LockedBox<(group: ServiceGroup, task: Task<Void, any Error>)?>(nil)

    init(name: String, port: Int, handler: @escaping Handler) {
        self.name = name
        self.port = port
        self.handler = handler
    }

    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Whether the server is listening (or starting).
    var isRunning: Bool { running.withLock { $0 != nil } }

    /// Starts listening; returns once the socket is bound. Throws when the port is in use.
    func start() async throws {
        let ready = LockedBox<CheckedContinuation<Void, any Error>?>(nil)
        var logger = Logger(label: "live.\(name)")
        logger.logLevel = .critical
        let handler = handler
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await handler(request) },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in ready.withLock { $0.take() }?.resume() },
            logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        do {
            try await listen(group: group, ready: ready)
        } catch {
            running.withLock { $0 = nil }
            throw error
        }
    }

    private func listen(group: ServiceGroup, ready: LockedBox<CheckedContinuation<Void, any Error>?>) async throws {
        let (name, port) = (name, port)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            ready.withLock { $0 = continuation }
            let task = Task(executorPreference: LiveExecutor.shared) {
                do {
                    try await group.run()
                } catch {
                    let message =
                        "\(error)".contains("in use")
                        ? "127.0.0.1:\(port) (the \(name) surface) is already in use; choose another --port"
                        : "cannot listen on 127.0.0.1:\(port) (the \(name) surface): \(error)"
                    ready.withLock { $0.take() }?.resume(throwing: LiveServerError(description: message))
                    throw error
                }
            }
            running.withLock { $0 = (group, task) }
        }
    }

    /// Stops accepting connections and waits for the requests in flight to finish.
    func stop() async {
        guard
            let (group, task) = running.withLock({ current in
                defer { current = nil }; return current
            })
        else {
            return
        }
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
