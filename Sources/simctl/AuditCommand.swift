import ArgumentParser
import Foundation
import Sim

extension Simctl {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract:
                "Compare the replicated state of the verticals in a finished run folder or a stopped serve data folder.",
            discussion: """
                Digests every replicated table (every row, tombstones included) and every bucket object of each \
                vertical in the folder, and prints each row (table and key) or object on which they differ, with \
                what each vertical holds. The folder is only read: the databases are copied to a temporary folder \
                and opened there. A `simctl serve` data folder (--data) is audited once serve has stopped; its stop \
                summary prints the same digests.
                Exit status: 0 identical; 1 different; 2 not a finished run folder (no simctl marker, a run still \
                writing, a database missing); 3 a database or object could not be read.
                Examples:
                  simctl audit .sim/runs/steady-state-seed1
                  simctl audit .sim/runs/steady-state-seed1 --json
                  simctl audit /tmp/gb-demo
                """)

        @Argument(help: "A run folder written by simctl run, or a data folder of a stopped simctl serve.")
        var folder: String

        @Flag(help: "Print the audit as one JSON object.")
        var json = false

        func run() throws {
            let audit: FolderAudit
            do {
                audit = try FolderAudit.run(folder: folder)
            } catch .badInput(let message) {
                printError(message)
                throw ExitCode(2)
            } catch {
                printError(error.description)
                throw ExitCode(3)
            }
            print(json ? audit.json() : audit.human())
            if !audit.identical { throw ExitCode(1) }
        }
    }
}
