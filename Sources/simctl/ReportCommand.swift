import ArgumentParser
import Foundation
import Report

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
            do {
                let input = try RunReport.load(folder: folder)
                try OutputFile.checkWritable(target)
                let html = try RunReport.html(input)
                try OutputFile.write(html, to: target)
                print("report: \(target)")
            } catch let error as ReportError {
                printError(error.description)
                throw ExitCode(2)
            }
        }
    }
}
