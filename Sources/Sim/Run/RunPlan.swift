import Foundation
import Mechanisms

/// Everything one `simctl run` will do, checked before anything runs: the scenarios load, every
/// run folder (and determinism rerun folder) may be written, no two runs share a folder, every
/// output file can be written and none of them is an input, a run folder or inside one. Any
/// problem is a ``RunRequestError`` (exit 2) and nothing has been touched.
public struct RunPlan {
    /// One scenario and where its runs go.
    public struct Item {
        public let scenario: Scenario
        public let folder: URL
        /// Where `--check-determinism` writes its second run, when asked.
        public let determinismFolder: URL?
    }

    public let items: [Item]
    /// `--trace FILE`: a copy of the (single) run's trace.
    public let trace: OutputFile?
    /// `--junit FILE`.
    public let junit: OutputFile?
    /// `--html FILE`: the (single) run's HTML report.
    public let html: OutputFile?

    /// The request as simctl's options give it.
    public struct Request {
        public var files: [String]
        public var seed: UInt64?
        public var out: String?
        public var trace: String?
        public var junit: String?
        public var html: String?
        public var checkDeterminism = false
        public var allowLarge = false
        /// `--ablate NAME` (repeatable): removed from every scenario, in addition to its `ablate:`.
        public var ablate: [String] = []

        public init(files: [String]) {
            self.files = files
        }
    }

    public init(_ request: Request) throws(RunRequestError) {
        if let seed = request.seed, Double(seed) > ScenarioBounds.seed.maximum {
            throw .outputFolder("--seed \(seed) is out of range (expected \(ScenarioBounds.seed.rangeText))")
        }
        let ablations: DisabledMechanisms
        do {
            ablations = try AblationCatalog.parse(request.ablate)
        } catch {
            throw .ablation(error)
        }
        let scenarios = try ScenarioRunner.load(
            paths: request.files, seedOverride: request.seed,
            options: ScenarioLoader.Options(allowLarge: request.allowLarge)
        ).map { scenario in
            var ablated = scenario
            ablated.ablations.formUnion(ablations)
            return ablated
        }
        let several = scenarios.count > 1
        items = scenarios.map { scenario in
            let folder = ScenarioRunner.folder(for: scenario, out: request.out, several: several)
            return Item(
                scenario: scenario, folder: folder,
                determinismFolder: request.checkDeterminism ? ScenarioRunner.determinismFolder(folder) : nil)
        }
        let folders = items.flatMap { [$0.folder] + ($0.determinismFolder.map { [$0] } ?? []) }
        try ScenarioRunner.checkFolders(folders)
        let runFolders = folders.map(RunFolder.init)
        let inputs = request.files.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath() }
        for input in inputs {
            if let folder = runFolders.first(where: { $0.covers(input) }) {
                throw .outputFolder(
                    "\(input.path): the scenario file is inside the run folder \(folder.url.path), which the run replaces; move it out or choose another --out"
                )
            }
        }
        trace = request.trace.map { OutputFile(option: "--trace", path: $0, kind: .trace) }
        junit = request.junit.map { OutputFile(option: "--junit", path: $0, kind: .junit) }
        html = request.html.map { OutputFile(option: "--html", path: $0, kind: .html) }
        var seen: [OutputFile] = []
        for output in [trace, junit, html].compactMap({ $0 }) {
            let target = output.target.standardizedFileURL
            if let other = seen.first(where: { $0.target.standardizedFileURL.path == target.path }) {
                throw .outputFolder("\(output.option) and \(other.option) name the same file \(output.url.path)")
            }
            if inputs.contains(where: { $0.path == target.resolvingSymlinksInPath().path }) {
                throw .outputFolder(
                    "\(output.option) \(output.url.path): is one of the scenario files; refusing to overwrite it")
            }
            if let folder = runFolders.first(where: { $0.covers(target) }) {
                throw .outputFolder(
                    "\(output.option) \(output.url.path): is inside the run folder \(folder.url.path), which the run replaces (the run folder keeps its own trace.jsonl; `simctl report` draws a report into it afterwards)"
                )
            }
            try output.preflight()
            seen.append(output)
        }
    }
}
