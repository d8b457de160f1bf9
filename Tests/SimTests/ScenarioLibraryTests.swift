import Foundation
import TestSupport
import Testing

@testable import Sim

/// Every scenario in `scenarios/` is a regression case: it must meet its own `expect` block.
@Suite("Scenario library")
struct ScenarioLibraryTests {
    @Test(arguments: try! ScenarioFiles.all())
    func scenarioMeetsItsExpectations(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try ScenarioRunner.run(scenario, folder: folder.url)
        for check in result.failedChecks {
            Issue.record(
                "\(URL(fileURLWithPath: path).lastPathComponent): \(check.name) expected \(check.expected), observed \(check.observed): \(check.detail ?? "")"
            )
        }
        #expect(result.pass)
        #expect(!scenario.expectations.isEmpty, "a library scenario states what it expects")
    }
}
