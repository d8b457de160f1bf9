import Foundation
import TestSupport
import Testing

@testable import Sim

/// The loader's limits on the shape of a file (issue 10, cases 4 and 7): each refused at its own
/// line and column, quickly, with a one-line message, before Yams composes anything.
@Suite("Loader limits")
struct LoaderLimitsTests {
    /// Parses `yaml`, expecting an error; returns it with the time taken.
    static func refuse(_ yaml: String, file: String = "bad.yaml") -> (ScenarioError?, Duration) {
        let clock = ContinuousClock()
        var caught: ScenarioError?
        let elapsed = clock.measure {
            do throws(ScenarioError) {
                _ = try ScenarioLoader.parse(yaml: yaml, file: file)
            } catch {
                caught = error
            }
        }
        return (caught, elapsed)
    }

    static func expectRefused(
        _ yaml: String, line: Int, column: Int, _ message: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let (error, elapsed) = refuse(yaml)
        guard let error else {
            Issue.record("expected an error containing \(message)", sourceLocation: sourceLocation)
            return
        }
        #expect(
            error.location == Sim.SourceLocation(file: "bad.yaml", line: line, column: column), "\(error)",
            sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "\(error)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "one line", sourceLocation: sourceLocation)
        #expect(error.description.count < 400, "short: \(error.description.count)", sourceLocation: sourceLocation)
        #expect(elapsed < .seconds(1), "took \(elapsed)", sourceLocation: sourceLocation)
    }

    /// The 496-byte chain from the issue, used as a mapping key: Yams hashed the expanded key
    /// for 18 s. The prescan stops it at the first alias that multiplies the document too far.
    @Test func billionLaughsChainIsStoppedWhereItGrows() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        lines.append("? *i\n: 1")
        // a = 10 nodes, b = 91, c = 820, d = 7381, e = 66430; with the keys and the root, 74740
        // nodes are open when f's list starts, and its second *e passes 200000.
        let yaml = lines.joined(separator: "\n")
        Self.expectRefused(yaml, line: 6, column: 12, "alias *e brings the document to")
    }

    @Test func aliasUsedAsAKeyIsRefused() {
        Self.expectRefused(
            "name: x\nduration: 1m\nbase: &k duration\n? *k\n: 2m\n", line: 4, column: 3,
            "an alias (*k) used as a mapping key")
    }

    @Test func collectionUsedAsAKeyIsRefused() {
        Self.expectRefused("name: x\n? [a, b]\n: 1\n", line: 2, column: 3, "a list used as a mapping key")
    }

    @Test func deepNestingStopsAtTheLimit() {
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let depth = 500
            let yaml =
                "name: x\nduration: 1m\ndescription: " + String(repeating: open, count: depth)
                + String(repeating: close, count: depth) + "\n"
            // The root mapping is level 1; the 16th opening (from column 14) would be level 17.
            Self.expectRefused(yaml, line: 3, column: 14 + 15 * open.count, "nested deeper than 16 levels")
        }
        let block = (0..<40).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        Self.expectRefused("name: x\n" + block + " v\n", line: 18, column: 33, "nested deeper than 16 levels")
    }

    /// Thousands of brackets trip libyaml's own guard first (its scanner reads ahead); the error
    /// still says what is wrong and points at the start of the run.
    @Test func veryDeepNestingIsRefusedQuickly() {
        let depth = 100_000
        let yaml = "name: x\nduration: 1m\ndescription: " + String(repeating: "[", count: depth) + "\n"
        let (error, elapsed) = Self.refuse(yaml)
        #expect(error?.message.contains("nested deeper than 16 levels") == true, "\(String(describing: error))")
        #expect(error?.location.line == 3)
        #expect(elapsed < .seconds(1))
    }

    @Test func hugeScalarIsRefusedAtItsStart() {
        let yaml = "name: x\nduration: 1m\ndescription: " + String(repeating: "a", count: 20_000) + "\n"
        Self.expectRefused(yaml, line: 3, column: 14, "a scalar of 20000 bytes")
    }

    @Test func aliasesMayNotMultiplyText() {
        let big = String(repeating: "b", count: 10_000)
        let aliases = Array(repeating: "*t", count: 600).joined(separator: ", ")
        let yaml = "name: x\nduration: 1m\nx: &t \(big)\ny: [\(aliases)]\n"
        // 10000 bytes + 419 aliases of 10000 bytes pass 4 MiB at the 420th alias.
        Self.expectRefused(yaml, line: 4, column: 5 + 4 * 418, "bytes of text")
    }

    @Test func tooManyAnchors() {
        let items = (0...1000).map { "&a\($0) v" }.joined(separator: ", ")
        Self.expectRefused("x: [\(items)]\n", line: 1, column: 5 + 1000 * 6 + 10 * 1 + 90 * 2 + 900 * 3, "anchors")
    }

    @Test func tooManyAliases() {
        let aliases = Array(repeating: "*a", count: 1001).joined(separator: ", ")
        Self.expectRefused("x: &a v\ny: [\(aliases)]\n", line: 2, column: 5 + 4 * 1000, "more than 1000 aliases")
    }

    @Test func undefinedAlias() {
        Self.expectRefused("name: x\nduration: *later\n", line: 2, column: 11, "undefined alias *later")
    }

    @Test func secondDocument() {
        Self.expectRefused("name: x\nduration: 1m\n---\nname: y\n", line: 3, column: 1, "a second YAML document")
    }

    /// Issue 10, case 7: duplicate keys are reported at the duplicate, in one line.
    @Test func duplicateKeyAtItsOwnPlace() {
        Self.expectRefused(
            "name: x\nduration: 1m\nname: y\n", line: 3, column: 1, "duplicate key \"name\" (first at line 1, column 1)"
        )
        Self.expectRefused(
            "name: x\nduration: 1m\nworkload: {users: 5, rate: 5/s, users: 6}\n", line: 3, column: 33,
            "duplicate key \"users\"")
    }

    /// The issue's 52 MB of stderr: a duplicate key in a large file gives one short line.
    @Test func duplicateKeyInALargeFileGivesOneLine() {
        let filler = (0..<20_000).map { "# filler line \($0) of a large scenario file\n" }.joined()
        let yaml = "name: x\nduration: 1m\n" + filler + "name: y\n"
        Self.expectRefused(yaml, line: 20_003, column: 1, "duplicate key \"name\"")
    }

    @Test(arguments: [
        ("name: x\u{07}\nduration: 1m\n", 1, 8, "U+0007"),
        ("name: x\nduration: 1m\ndescription: caf\u{E9} \u{7F}\n", 3, 19, "U+007F"),
        ("name: x\nduration: 1m\ndescription: \u{86}\n", 3, 14, "U+0086"),
        ("name: x\r\nduration: 1m\r\ndescription: a\u{0}b\r\n", 3, 15, "U+0000"),
        ("name: x\n\u{FFFE}\n", 2, 1, "U+FFFE"),
    ])
    func controlCharactersAtTheirOwnPlace(yaml: String, line: Int, column: Int, code: String) {
        Self.expectRefused(yaml, line: line, column: column, "control character \(code)")
    }

    @Test func tabsAndUnicodeLineBreaksAreAllowed() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: "name: x\nduration: 1m\ndescription: \"a\tb \u{85} c\"\n", file: "ok.yaml")
        #expect(scenario.description.contains("\t"))
    }

    /// Issue 10, case 4: a 50 MB file is refused after reading its first MiB, at the first byte
    /// past the limit.
    @Test func largeFileIsRefusedQuickly() throws {
        let folder = TemporaryFolder("large")
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let path = folder.url.appendingPathComponent("large.yaml").path
        let line = "# " + String(repeating: "x", count: 1021) + "\n"  // 1024 bytes a line
        let data = Data(("name: x\nduration: 1m\n" + String(repeating: line, count: 50 * 1024)).utf8)
        try data.write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        var caught: ScenarioError?
        let elapsed = clock.measure {
            do throws(ScenarioError) { _ = try ScenarioLoader.load(path: path) } catch { caught = error }
        }
        let error = try #require(caught)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(error.message.contains("at most 1MiB"), "\(error)")
        // Byte 1048576 is the 1024th line of filler (1022 bytes of header lines, then 1024 a line).
        let offset = 1_048_576 - 21
        #expect(error.location.line == 3 + offset / 1024, "\(error)")
        #expect(error.location.column == offset % 1024 + 1, "\(error)")
    }

    @Test func notARegularFile() throws {
        let folder = TemporaryFolder("dir")
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: folder.url.path) }
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: folder.url.path + "/missing.yaml") }
    }

    @Test func invalidUTF8IsLocated() throws {
        let folder = TemporaryFolder("utf8")
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let path = folder.url.appendingPathComponent("bad.yaml").path
        try Data("name: x\nduration: 1m\ndescription: ab".utf8 + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 3 && error.location.column == 16, "\(error)")
            #expect(error.message.contains("not valid UTF-8"))
        }
    }

    @Test func documentedLimitsTableIsInTheDocs() throws {
        let docs = try String(
            contentsOf: ScenarioFiles.root.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        #expect(docs.contains(LoaderLimits.standard.markdownTable()))
        #expect(docs.contains(ScenarioBounds.markdownTable()))
        #expect(docs.contains(WorkBudget.markdownTable()))
        #expect(docs.contains(RegionLatency.markdownTable()))
    }
}
