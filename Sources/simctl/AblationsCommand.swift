import ArgumentParser
import Sim

extension Simctl {
    struct Ablations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the mechanisms of the design that `--ablate NAME` can remove.",
            discussion: """
                For each: the mechanism, the failure it prevents, the checks that catch its absence, and the \
                library scenario that shows it (passes as written, fails with --ablate NAME). `simctl explain NAME` \
                tells one of them.

                Examples:
                  simctl ablations
                  simctl ablations --json
                  simctl run scenarios/ablations/gap-fill.yaml --ablate gap-fill
                """)

        @Flag(help: "Print a JSON array of objects with keys name, mechanism, prevents, caught_by, scenario.")
        var json = false

        func run() {
            print(json ? AblationCatalog.json().serialized() : AblationCatalog.text())
        }
    }
}
