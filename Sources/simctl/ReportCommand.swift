import ArgumentParser
import Foundation
import Report
import Sim

extension Simctl {
    struct ReportDraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Draw the self-contained HTML report of a kept run folder.",
            discussion: """
                Reads the run folder's trace.jsonl, result.json and scenario.yaml; writes one HTML file with inline SVG and CSS (no script, nothing from the network).
                Examples:
                  simctl report .sim/runs/provider-outage-seed31
                  simctl report .sim/runs/provider-outage-seed31 -o outage.html
                """)

        @Argument(help: "A run folder written by simctl run.")
        var folder: String

        @Option(name: .shortAndLong, help: "The HTML file to write (default: RUN_FOLDER/report.html).")
        var output: String?

        func run() throws {
            let target = output ?? URL(fileURLWithPath: folder).appendingPathComponent(RunReport.defaultName).path
            let file = OutputFile(option: output == nil ? "report" : "-o", path: target, kind: .html)
            let html: String
            do {
                try file.preflight()
                html = try RunReport.html(RunReport.load(folder: folder))
            } catch let error as ReportError {
                printError(error.description)
                throw ExitCode(2)
            } catch let error as RunRequestError {
                printError(error.description)
                throw ExitCode(2)
            }
            do {
                try file.write(html)
            } catch {
                printError("simctl: \(error.description)")
                throw ExitCode(3)
            }
            print("report: \(target)")
        }
    }
}
