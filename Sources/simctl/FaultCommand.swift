import ArgumentParser
import Foundation
import Live
import Sim

extension Simctl {
    struct Fault: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fault",
            abstract: "Inject or lift a fault on a topology that `simctl serve` runs.",
            discussion: """
                Live kinds: \(LiveFaultRequest.supportedKinds.map(\.rawValue).joined(separator: ", ")). A vertical \
                fault takes the vertical as TARGET; a link fault (partition, link-latency, message-loss) takes \
                --between V,V. Without --for a fault lasts until lifted.
                Examples:
                  simctl fault --control http://127.0.0.1:8180 database-outage aws --for 30s
                  simctl fault --control http://127.0.0.1:8180 partition --between aws,scaleway
                  simctl fault --control http://127.0.0.1:8180 --lift all
                """)

        @Option(help: "The control server's URL (the ready file's \"control\").")
        var control: String

        @Argument(help: "The fault kind.")
        var kind: String?

        @Argument(help: "The vertical a vertical fault hits.")
        var target: String?

        @Option(help: "The two verticals of a link fault, as V,V.")
        var between: String?

        @Option(name: .customLong("for"), help: "How long it lasts (1ms...24h), e.g. 30s; default: until lifted.")
        var duration: String?

        @Option(help: "For brownout and message-loss: the fraction hit (0...1).")
        var rate: Double?

        @Option(help: "For link-latency: the latency added (0ms...60s), e.g. 200ms.")
        var latency: String?

        @Option(help: "Lift fault ID, or all.")
        var lift: String?

        func run() throws {
            if let lift {
                guard kind == nil, lift == "all" || Int(lift) != nil else {
                    throw ValidationError("--lift takes a fault id or all, and no KIND")
                }
                let ids = try Simctl.awaitLive { try await ControlClient.lift(control: control, id: lift) }
                print(ids.isEmpty ? "no fault in force" : "lifted \(ids.map { "#\($0)" }.joined(separator: ", "))")
                return
            }
            guard let kind else { throw ValidationError("give a fault KIND (or --lift ID|all)") }
            guard let faultKind = FaultKind(rawValue: kind) else {
                throw ValidationError(
                    "\(kind): not a fault kind (expected one of \(LiveFaultRequest.supportedKinds.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            var request = LiveFaultRequest(kind: faultKind, target: target, rate: rate)
            request.between = between.map { $0.split(separator: ",").map(String.init) }
            if let duration {
                guard let us = Units.parseDuration(duration) else {
                    throw ValidationError("--for \(duration): not a duration (expected e.g. 30s, 5m)")
                }
                request.forUs = us
            }
            if let latency {
                guard let us = Units.parseDuration(latency) else {
                    throw ValidationError("--latency \(latency): not a duration (expected e.g. 200ms)")
                }
                request.latencyUs = us
            }
            let fault = request
            let line = try Simctl.awaitLive { try await ControlClient.inject(control: control, fault) }
            print("started \(line)")
        }
    }

    /// Runs `body` (a call to the live mode) to completion from a synchronous command; a live
    /// error prints its message and exits with its status.
    static func awaitLive<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await body()))
            } catch let error as LiveServerError {
                box.set(.failure(error))
            } catch {
                box.set(.failure(LiveServerError(description: "\(error)", exitCode: 3)))
            }
            done.signal()
        }
        done.wait()
        switch box.get() {
        case .success(let value): return value
        case .failure(let error):
            printError("simctl: \(error.description)")
            throw ExitCode(error.exitCode)
        case nil: preconditionFailure("live call finished without a result")
        }
    }
}

/// A result handed from a task to the waiting main thread.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, LiveServerError>?

    func set(_ value: Result<T, LiveServerError>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() -> Result<T, LiveServerError>? {
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
