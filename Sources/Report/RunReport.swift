import Foundation
import Sim

/// Draws the HTML report of a run folder: reads `scenario.yaml`, `run.json` and `result.json`,
/// streams `trace.jsonl` into time buckets (a second streaming pass gathers the story of each
/// first consistency violation), and lays the page out.
///
/// ```swift
/// let html = try RunReport.html(folder: URL(fileURLWithPath: ".sim/runs/provider-outage-seed31"))
/// try OutputFile(option: "-o", path: "report.html", kind: .html).write(html)
/// ```
public enum RunReport {
    /// The default output: `RUN_FOLDER/report.html`.
    public static let defaultName = "report.html"

    /// What a run folder holds for the report.
    public struct Input {
        public var scenario: Scenario
        public var result: ResultFile
        public var traceURL: URL
        /// The scenario file as the run named it (for the reproduce command).
        public var scenarioFile: String
        /// The folder as the user named it.
        public var folder: String
    }

    struct RunInfo: Decodable {
        var scenarioFile: String
        enum CodingKeys: String, CodingKey { case scenarioFile = "scenario_file" }
    }

    /// Reads a run folder; every problem is a ``ReportError`` naming the file.
    public static func load(folder path: String) throws -> Input {
        let folder = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ReportError.notARunFolder(path, "no such folder (expected a run folder written by simctl run)")
        }
        let trace = folder.appendingPathComponent(RunFolderFiles.traceName)
        let resultURL = folder.appendingPathComponent(RunFolderFiles.resultName)
        for url in [trace, resultURL] where !FileManager.default.fileExists(atPath: url.path) {
            throw ReportError.notARunFolder(
                path, "has no \(url.lastPathComponent) (expected a finished run folder written by simctl run)")
        }
        let scenarioURL = folder.appendingPathComponent(RunFolderFiles.scenarioName)
        guard let data = FileManager.default.contents(atPath: scenarioURL.path) else {
            throw ReportError.notARunFolder(
                path,
                "has no \(RunFolderFiles.scenarioName) (runs by older simctl versions do not keep it: run the scenario again)"
            )
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(yaml: String(decoding: data, as: UTF8.self), file: scenarioURL.path)
        } catch {
            throw ReportError.malformedResult(scenarioURL.path, "\(error)")
        }
        let result = try ResultFile.load(resultURL)
        // run.json only names the original file for the reproduce command; without it the
        // command names the folder's own copy, which reproduces the run just as well.
        var scenarioFile = scenarioURL.path
        let infoURL = folder.appendingPathComponent(RunFolderFiles.runInfoName)
        if let data = FileManager.default.contents(atPath: infoURL.path) {
            do {
                let info = try JSONDecoder().decode(RunInfo.self, from: data)
                if !info.scenarioFile.isEmpty { scenarioFile = info.scenarioFile }
            } catch {
                throw ReportError.malformedResult(infoURL.path, "not a simctl run.json: \(error)")
            }
        }
        return Input(scenario: scenario, result: result, traceURL: trace, scenarioFile: scenarioFile, folder: path)
    }

    /// The report of the run folder at `folder`.
    public static func html(folder: String) throws -> String {
        try html(load(folder: folder))
    }

    /// The report of a loaded run folder.
    public static func html(_ input: Input) throws -> String {
        let windows = input.result.faultWindows
        let buckets = TimeBuckets(endUs: max(input.result.virtualMs * 1000, 1))
        let aggregator = TraceAggregator(topology: input.scenario.topology, buckets: buckets, windows: windows)
        let reader = TraceReader(url: input.traceURL)
        try reader.forEach { aggregator.consume($0) }
        let aggregate = aggregator.finish()
        var stories: [ViolationStory] = []
        let told = aggregate.firstViolations.filter { ViolationStoryCollector.toldChecks.contains($0.check) }
        if !told.isEmpty {
            let collector = ViolationStoryCollector(violations: told)
            try reader.forEach { collector.consume($0) }
            stories = collector.finish()
        }
        let content = ReportContent(
            scenario: input.scenario, result: input.result, aggregate: aggregate, stories: stories, windows: windows,
            faults: DrawnFault.of(input.scenario, windows: windows),
            reproduce: ReportContent.reproduceCommand(
                scenarioFile: input.scenarioFile, seed: input.result.seed, ablations: input.result.ablations ?? []),
            folder: input.folder)
        return ReportPage.html(content)
    }
}
