import Foundation
import Mechanisms

/// Everything one `simctl run` will do, checked before anything runs: the scenarios load, every
/// run folder (and determinism rerun folder) may be written, no two runs share a folder, every
/// output file can be written and none of them is an input, a run folder or inside one. Any
/// problem is a ``RunRequestError`` (exit 2) and nothing has been touched.
public struct RunPlan {
    /// One scenario and where its runs and outputs go.
    public struct Item: Sendable {
        public let scenario: Scenario
        public let folder: URL
        /// Where `--check-determinism` writes its second run, when asked.
        public let determinismFolder: URL?
        /// `--trace`: a copy of this run's trace (the file named, or `DIR/NAME-seedN.jsonl`).
        public var trace: OutputFile?
        /// `--html`: this run's HTML report (the file named, or `DIR/NAME-seedN.html`).
        public var html: OutputFile?
        /// `--junit DIR` with several scenarios: this run's own JUnit file, `DIR/NAME-seedN.xml`.
        public var junit: OutputFile?
    }

    public let items: [Item]
    /// `--junit FILE`: one JUnit report of every run.
    public let junit: OutputFile?
    /// Folders named by `--trace`/`--html`/`--junit` with several scenarios that do not exist
    /// yet: created (one level) by ``createOutputFolders()`` just before the runs.
    public let foldersToCreate: [URL]

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
        /// `--trace-level`.
        public var traceLevel: TraceLevel = .events

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
            ablated.traceMessages = request.traceLevel == .messages
            return ablated
        }
        let several = scenarios.count > 1
        var planned = scenarios.map { scenario in
            let folder = ScenarioRunner.folder(for: scenario, out: request.out, several: several)
            return Item(
                scenario: scenario, folder: folder,
                determinismFolder: request.checkDeterminism ? ScenarioRunner.determinismFolder(folder) : nil)
        }
        let folders = planned.flatMap { [$0.folder] + ($0.determinismFolder.map { [$0] } ?? []) }
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
        let outputs = try OutputPlan(request: request, names: planned.map { $0.folder.lastPathComponent })
        junit = outputs.junit
        foldersToCreate = outputs.foldersToCreate
        for index in planned.indices {
            planned[index].trace = outputs.trace?(index)
            planned[index].html = outputs.html?(index)
            planned[index].junit = outputs.junitPerScenario?(index)
        }
        items = planned
        let singles = [junit] + planned.flatMap { [$0.trace, $0.html, $0.junit] }
        try Self.check(
            outputs: singles.compactMap { $0 }, inputs: inputs, runFolders: runFolders,
            foldersToCreate: foldersToCreate)
    }

    /// No two outputs share a file, none is an input or inside a run folder, and each can be
    /// written (in a folder still to be created, there is nothing to overwrite yet).
    static func check(
        outputs: [OutputFile], inputs: [URL], runFolders: [RunFolder], foldersToCreate: [URL]
    ) throws(RunRequestError) {
        var seen: [OutputFile] = []
        for output in outputs {
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
            let folder = target.deletingLastPathComponent().standardizedFileURL.path
            if !foldersToCreate.contains(where: { $0.standardizedFileURL.path == folder }) { try output.preflight() }
            seen.append(output)
        }
    }

    /// Creates the output folders the plan names that do not exist yet (their parents were checked).
    public func createOutputFolders() throws(FileOperationError) {
        for folder in foldersToCreate where RunFolder.kind(of: folder) == .missing {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            } catch {
                throw FileOperationError("create the folder", folder.path, reason: FileOperationError.describe(error))
            }
        }
    }
}

extension RunPlan {
    /// How much the trace says: `events` (the default), or `messages`, which adds each sync
    /// envelope's Standard Webhooks headers and exact signed body to its `sync.send` line.
    public enum TraceLevel: String, CaseIterable, Sendable {
        case events, messages
    }
}
