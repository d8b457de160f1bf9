import ArgumentParser
import Foundation
import Live
import Sim

extension Simctl {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the topology as real HTTP servers on 127.0.0.1 (live mode).",
            discussion: """
                TOPOLOGY is a built-in topology (\(BuiltinTopologies.names.joined(separator: ", "))) or a scenario file \
                whose topology to serve; the default is standard. The edge (glassbreak.io) listens on P, each vertical's \
                direct surface on P+1, P+2, ... in topology order, the control server on P+100. The gb_vertical cookie \
                is set without Secure: the live mode speaks plain HTTP on loopback (docs/live-mode.md). Ctrl-C \
                (SIGINT) or SIGTERM stops cleanly: faults still in force are lifted, sync drains (at most 10 s), the \
                verticals' states are compared, databases are checkpointed and closed, and a summary is printed. Exit \
                status: 0 clean and the states identical, 1 a problem was met or the states differ, 2 bad input or a \
                port in use, 3 the servers could not start.
                Examples:
                  simctl serve
                  simctl serve three-verticals --port 9000 --data /tmp/gb --ready-file /tmp/gb.json
                  simctl serve scenarios/steady-state.yaml --load 50
                """)

        @Argument(help: "A built-in topology's name or a scenario file.")
        var topology: String?

        @Option(help: "The edge's port P (1024...65435); verticals on P+1..., control on P+100.")
        var port: Int = ServeOptions.defaultPort

        @Option(help: "The data folder: databases, buckets, logs (created, or one an earlier serve made).")
        var data: String = ".sim/serve"

        @Option(help: "Write the URLs as JSON to this file once everything listens.")
        var readyFile: String?

        @Option(help: "Simulated users' requests per second (0.1...10000), the scenario's workload model.")
        var load: Double?

        func run() throws {
            let options: ServeOptions
            let ready = readyFile.map { OutputFile(option: "--ready-file", path: $0, kind: .ready) }
            do {
                if let problem = ServeOptions.portProblem(port) { throw ValidationError(problem) }
                if let problem = load.flatMap(ServeOptions.loadProblem) { throw ValidationError(problem) }
                let scenario = try ServeOptions.scenario(topology)
                try ready?.preflight()
                let folder = try ServeDataFolder.prepare(
                    path: data, freshSeed: UInt64.random(in: 0...RunMarker.maxSeed))
                options = ServeOptions(scenario: scenario, basePort: port, data: folder, loadRate: load)
            } catch let error as ScenarioError {
                printError(error.description)
                throw ExitCode(2)
            } catch let error as RunRequestError {
                printError("simctl: \(error.description)")
                throw ExitCode(2)
            }
            let status = LockedStatus()
            let done = DispatchSemaphore(value: 0)
            Task {
                let code = await ServeRunner.run(
                    options, readyFile: ready,
                    out: { line in
                        print(line)
                        fflush(nil)
                    }, err: { printError($0) })
                status.set(code)
                done.signal()
            }
            done.wait()
            if status.value != 0 { throw ExitCode(status.value) }
        }
    }
}

/// The exit status the serve task hands back to the main thread.
private final class LockedStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var code: Int32 = 0

    func set(_ value: Int32) {
        lock.lock()
        code = value
        lock.unlock()
    }

    var value: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return code
    }
}
