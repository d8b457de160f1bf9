import ArgumentParser
import Foundation
import Report
import Sim

extension Simctl {
    struct TopologyDraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topology",
            abstract: "Draw a topology (and a scenario's faults on it) as SVG.",
            discussion: """
                FILE is a scenario; without one, --topology names a built-in (\(BuiltinTopologies.names.joined(separator: ", "))).
                Examples:
                  simctl topology --topology three-verticals --svg -o docs/three-verticals.svg
                  simctl topology scenarios/provider-outage.yaml --svg > outage.svg
                """)

        @Argument(help: "A scenario file whose topology (and faults) to draw.")
        var file: String?

        @Option(help: "A built-in topology to draw instead of a scenario's.")
        var topology: String?

        @Flag(help: "Write SVG (the only format; without it, a text outline is printed).")
        var svg = false

        @Flag(help: "Leave the scenario's faults off the drawing.")
        var noFaults = false

        @Option(name: .shortAndLong, help: "Write the SVG to this file instead of standard output.")
        var output: String?

        func run() throws {
            let target = output.map { OutputFile(option: "-o", path: $0, kind: .svg) }
            let scenario: Scenario
            let title: String
            do {
                switch (file, topology) {
                case (.some, .some):
                    throw ValidationError("give a scenario FILE or --topology NAME, not both")
                case (.some(let path), nil):
                    scenario = try ScenarioLoader.load(path: path)
                    title = "\(scenario.name): topology and faults"
                case (nil, let name):
                    let builtin = name ?? "standard"
                    guard BuiltinTopologies.names.contains(builtin) else {
                        throw ValidationError(
                            "--topology \(builtin): unknown (expected one of \(BuiltinTopologies.names.joined(separator: ", ")))"
                        )
                    }
                    scenario = try TopologyPicture.builtin(builtin)
                    title = "topology: \(builtin)"
                }
                try target?.preflight()
            } catch let error as ScenarioError {
                printError(error.description)
                throw ExitCode(2)
            } catch let error as RunRequestError {
                printError(error.description)
                throw ExitCode(2)
            }
            guard svg else {
                print(TopologyOutline.text(scenario.topology))
                return
            }
            let picture = TopologyPicture.svg(of: scenario, title: title, faults: !noFaults)
            guard let target else {
                print(picture, terminator: "")
                return
            }
            do {
                try target.write(picture)
            } catch {
                printError("simctl: \(error.description)")
                throw ExitCode(3)
            }
        }
    }
}
