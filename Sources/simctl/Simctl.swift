import ArgumentParser
import Foundation
import Sim

/// `simctl`: runs Glassbreak chaos scenarios in a deterministic simulation.
struct Simctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simctl",
        abstract: "Deterministic simulation of the Glassbreak multi-cloud topology under injected faults.",
        discussion: "Exit status: 0 every expectation held; 1 an expectation failed; 2 bad input or usage.",
        subcommands: [Run.self, Validate.self, Faults.self, Fuzz.self, Bench.self])
}

@main
enum Entry {
    static func main() {
        do {
            var command = try Simctl.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = Simctl.exitCode(for: error)
            if code == .success {
                print(Simctl.fullMessage(for: error))
                exit(0)
            }
            FileHandle.standardError.write(Data((Simctl.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
    }
}

/// Prints `message` on standard error, with a newline unless `newline` is false.
func printError(_ message: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((newline ? message + "\n" : message).utf8))
}
