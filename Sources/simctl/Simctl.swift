import ArgumentParser
import Foundation
import Sim

/// `simctl`: runs Glassbreak chaos scenarios in a deterministic simulation.
struct Simctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simctl",
        abstract: "Deterministic simulation of the Glassbreak multi-cloud topology under injected faults.",
        discussion: """
            Exit status: 0 every expectation held; 1 an expectation failed; 2 bad input or usage (nothing ran, \
            nothing was overwritten); 3 the simulator itself failed (a storage or file-system error), or an output \
            file could not be written after the runs (an expectation failure still exits 1).

            Examples:
              simctl init my-outage && simctl run my-outage.yaml
              simctl run scenarios/*.yaml --junit chaos.xml
              simctl explain read_your_writes
            """,
        version: "simctl \(ToolVersion.current)",
        subcommands: [
            Run.self, Validate.self, Init.self, Explain.self, Schema.self, Faults.self, Ablations.self, Fuzz.self,
            Bench.self, ReportDraw.self, Audit.self, TopologyDraw.self, Serve.self, Fault.self, CLIReference.self,
        ])

    /// The one-line (or few-line) message for an error of the simulator itself (exit 3).
    static func failureMessage(_ error: any Error) -> String {
        RunSession.failureMessage(error)
    }
}

@main
enum Entry {
    static func main() {
        var command: any ParsableCommand
        do {
            command = try Simctl.parseAsRoot()
        } catch {
            usageExit(error)
        }
        do {
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch  where [.success, .validationFailure].contains(Simctl.exitCode(for: error)) {
            // Help, version and usage errors (ArgumentParser's own, and ValidationError).
            usageExit(error)
        } catch {
            // Anything else escaping a command is the tool's own failure, not the user's input.
            printError(Simctl.failureMessage(error))
            exit(3)
        }
    }

    /// Help and version exit 0; a usage error prints its message and exits 2.
    static func usageExit(_ error: any Error) -> Never {
        if Simctl.exitCode(for: error) == .success {
            print(Simctl.fullMessage(for: error))
            exit(0)
        }
        printError(Simctl.fullMessage(for: error))
        exit(2)
    }
}

extension TextStyle.Mode: ExpressibleByArgument {}

extension RunSession.Console {
    /// Lines to standard output (flushed: a pipe reader sees each result as it comes), messages
    /// and the progress line to standard error.
    static var standard: RunSession.Console {
        RunSession.Console(
            out: { line in
                print(line)
                fflush(nil)
            },
            err: { printError($0) },
            progressLine: { printError($0, newline: false) })
    }
}

/// Prints `message` on standard error, with a newline unless `newline` is false.
func printError(_ message: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((newline ? message + "\n" : message).utf8))
}
