import Foundation
import Testing

@testable import Sim

/// Mutation fuzzing of the scenario loader (issue 10): mutants of every library and benchmark
/// scenario, generated from a fixed seed, must never crash or stall the loader (each under a
/// second), and every refusal must be a located one-line error pointing inside the file.
@Suite("Loader fuzzing")
struct LoaderFuzzTests {
    /// Mutants in all (split into chunks that run in parallel).
    static let mutants = 10_000
    static let chunks = 4
    static let seed: UInt64 = 20_261_129

    /// The library's scenario files, as bytes.
    static let corpus: [(name: String, bytes: [UInt8])] = {
        let paths = ((try? ScenarioFiles.all()) ?? []) + ((try? ScenarioFiles.bench()) ?? [])  // try?-ok: checked below
        return paths.map { path in
            (URL(fileURLWithPath: path).lastPathComponent, Array(FileManager.default.contents(atPath: path) ?? Data()))
        }
    }()

    /// What one chunk saw.
    struct Tally: CustomStringConvertible {
        var tried = 0
        var accepted = 0
        var refused = 0
        var slowest: Duration = .zero
        var slowestCase = ""
        var parsing: Duration = .zero
        var byKind: [String: Int] = [:]

        var description: String {
            "\(tried) mutants, \(accepted) accepted, \(refused) refused, \(parsing) parsing, slowest \(slowest) (\(slowestCase))"
        }
    }

    @Test(arguments: 0..<chunks)
    func mutantsNeverCrashStallOrGoUnlocated(chunk: Int) throws {
        #expect(Self.corpus.count >= 25)
        var random = SimRandom(seed: Self.seed).stream("loader-fuzz.\(chunk)")
        var tally = Tally()
        let clock = ContinuousClock()
        for index in 0..<(Self.mutants / Self.chunks) {
            let base = Self.corpus[random.index(Self.corpus.count)]
            var mutant = Mutant(bytes: base.bytes)
            let steps = 1 + random.index(3)
            for _ in 0..<steps { mutant.mutate(&random) }
            let name = "\(base.name)#\(chunk).\(index)"
            var outcome: Result<Scenario, ScenarioError>!
            let elapsed = clock.measure {
                outcome = Result { () throws(ScenarioError) -> Scenario in
                    try ScenarioLoader.parse(SourceText(file: name, bytes: mutant.bytes), options: .init())
                }
            }
            tally.tried += 1
            tally.parsing += elapsed
            if elapsed > tally.slowest {
                tally.slowest = elapsed
                tally.slowestCase = "\(name): \(mutant.kinds.joined(separator: "+")), \(mutant.bytes.count) bytes"
            }
            #expect(elapsed < .seconds(1), "\(name) (\(mutant.kinds)) took \(elapsed)")
            switch outcome! {
            case .success(let scenario):
                tally.accepted += 1
                _ = WorkEstimate(scenario)
            case .failure(let error):
                tally.refused += 1
                Self.checkLocated(error, name: name, bytes: mutant.bytes, kinds: mutant.kinds)
            }
            for kind in mutant.kinds { tally.byKind[kind, default: 0] += 1 }
        }
        print("loader fuzz chunk \(chunk): \(tally)")
        #expect(tally.tried == Self.mutants / Self.chunks)
        #expect(tally.refused > 0 && tally.accepted > 0, "the mutants reach both outcomes")
    }

    /// A refusal names the mutant's file, a line and column inside it, in one short line.
    static func checkLocated(_ error: ScenarioError, name: String, bytes: [UInt8], kinds: [String]) {
        let lines = lineLengths(bytes)
        #expect(error.location.file == name, "\(error)")
        // libyaml puts the end of a stream whose last line has no break on the next line.
        #expect((1...lines.count + 1).contains(error.location.line), "\(kinds): \(error)")
        let lineLength = error.location.line <= lines.count ? lines[error.location.line - 1] : 0
        #expect((1...lineLength + 1).contains(error.location.column), "\(kinds): \(error)")
        #expect(!error.message.isEmpty && !error.description.contains("\n"), "\(kinds): \(error)")
        #expect(error.description.count < 1_000, "\(kinds): \(error.description.prefix(200))…")
    }

    /// The length in characters of each line, lines ending the way YAML ends them (`\r\n`, `\r`,
    /// `\n`, U+0085, U+2028, U+2029); a last line without a break counts too.
    static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var lengths: [Int] = []
            var current = 0
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                var breakWidth = 0
                if byte == 0x0A {
                    breakWidth = 1
                } else if byte == 0x0D {
                    breakWidth = index + 1 < buffer.count && buffer[index + 1] == 0x0A ? 2 : 1
                } else if byte == 0xC2, index + 1 < buffer.count, buffer[index + 1] == 0x85 {
                    breakWidth = 2
                } else if byte == 0xE2, index + 2 < buffer.count, buffer[index + 1] == 0x80,
                    buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9
                {
                    breakWidth = 3
                }
                if breakWidth > 0 {
                    lengths.append(current)
                    current = 0
                    index += breakWidth
                    continue
                }
                if byte & 0xC0 != 0x80 { current += 1 }
                index += 1
            }
            lengths.append(current)
            return lengths
        }
    }

    /// Targeted mutants whose fault position is known: the error is exactly there.
    @Test func targetedFaultsAreReportedWhereTheyAre() throws {
        var random = SimRandom(seed: Self.seed).stream("loader-fuzz.targeted")
        for index in 0..<300 {
            let base = Self.corpus[index % Self.corpus.count]
            var lines = String(decoding: base.bytes, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .map(String.init)
            let line = random.index(lines.count)
            let column = random.index(lines[line].count + 1)
            let target = lines[line]
            let position = target.index(target.startIndex, offsetBy: column)
            let controls: [Character] = ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{9B}"]
            lines[line] =
                String(target[..<position]) + String(controls[random.index(controls.count)])
                + String(target[position...])
            let yaml = lines.joined(separator: "\n")
            do {
                _ = try ScenarioLoader.parse(yaml: yaml, file: base.name)
                Issue.record("\(base.name): a control character was accepted")
            } catch {
                #expect(error.location.line == line + 1 && error.location.column == column + 1, "\(error)")
                #expect(error.message.contains("control character"), "\(error)")
            }
        }
    }
}

/// A scenario file being mutated, and the kinds of mutation applied.
struct Mutant {
    var bytes: [UInt8]
    var kinds: [String] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte ranges of the lines (split at `\n`), without their breaks.
    var lineRanges: [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var ranges: [Range<Int>] = []
            var start = 0
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                ranges.append(start..<index)
                start = index + 1
            }
            ranges.append(start..<buffer.count)
            return ranges
        }
    }

    /// Rebuilds the bytes from lines given as ranges of the current bytes or new content.
    mutating func setLines(_ lines: [ArraySlice<UInt8>]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(0x0A) }
            out.append(contentsOf: line)
        }
        bytes = out
    }

    var lines: [ArraySlice<UInt8>] {
        lineRanges.map { bytes[$0] }
    }

    static let numbers = [
        "0", "-1", "99999999999999999999", "1e-20", "0x1F", "1.5", ".5", "nan", "inf", "007", "1_000",
        "4294967296", "9223372036854775808", "0.000000001", "1e308", "-0", "+5", "18446744073709551616",
    ]
    static let units = ["ms", "us", "s", "m", "h", "d", "MB", "GB", "GiB", "KiB", "B", "/s", "/h", "%", ""]
    static let tokens = [
        "&a ", "*a", "? ", "!!binary ", "{", "}", "[", "]", ": ", "- ", "---\n", "%YAML 1.1\n", "\t", "'", "\"",
        "|\n", ">\n", "#", "<<: *a\n", "!!int ", "~", "null", "\\", "\u{FEFF}", "é", "\u{2028}", "\r",
    ]

    mutating func mutate(_ random: inout Xoshiro256) {
        guard !bytes.isEmpty else {
            bytes = Array("name: x\n".utf8)
            return
        }
        switch random.index(14) {
        case 0:
            kinds.append("byte")
            bytes[random.index(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        case 1:
            kinds.append("delete-line")
            var all = lines
            all.remove(at: random.index(all.count))
            setLines(all)
        case 2:
            kinds.append("duplicate-line")
            var all = lines
            let index = random.index(all.count)
            all.insert(all[index], at: index)
            setLines(all)
        case 3:
            kinds.append("swap-lines")
            var all = lines
            all.swapAt(random.index(all.count), random.index(all.count))
            setLines(all)
        case 4:
            kinds.append("number")
            replaceDigits(with: Self.numbers[random.index(Self.numbers.count)], &random)
        case 5:
            kinds.append("unit")
            replaceDigits(with: "\(random.index(1000))\(Self.units[random.index(Self.units.count)])", &random)
        case 6:
            kinds.append("alias-bomb")
            let width = 2 + random.index(9)
            var chain = ["b0: &b0 [\(Array(repeating: "lol", count: width).joined(separator: ", "))]"]
            for level in 1...(3 + random.index(8)) {
                chain.append(
                    "b\(level): &b\(level) [\(Array(repeating: "*b\(level - 1)", count: width).joined(separator: ", "))]"
                )
            }
            if random.index(2) == 0 { chain.append("? *b\(chain.count - 1)\n: 1") }
            bytes = Array((chain.joined(separator: "\n") + "\n").utf8) + bytes
        case 7:
            kinds.append("deep-nesting")
            // Mostly just past the limit; one in ten thousands deep (libyaml's own guard).
            let depth = random.index(10) == 0 ? 1_000 + random.index(20_000) : 10 + random.index(200)
            let opening = Array((random.index(2) == 0 ? "[" : "{a: ").utf8)
            var line = Array("deep: ".utf8)
            line.reserveCapacity(line.count + depth * opening.count)
            for _ in 0..<depth { line += opening }
            insertLine(line, &random)
        case 8:
            kinds.append("huge-scalar")
            // Mostly around the 16 KiB scalar limit; one in ten large enough to pass 1 MiB with the rest.
            let length = random.index(10) == 0 ? 200_000 + random.index(900_000) : 1_000 + random.index(40_000)
            insertLine(Array("description: ".utf8) + [UInt8](repeating: 0x78, count: length), &random)
        case 9:
            kinds.append("control")
            let controls: [UInt8] = [0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x7F]
            bytes.insert(controls[random.index(controls.count)], at: random.index(bytes.count + 1))
        case 10:
            kinds.append("truncate")
            bytes = Array(bytes.prefix(random.index(bytes.count)))
        case 11:
            kinds.append("token")
            let token = Array(Self.tokens[random.index(Self.tokens.count)].utf8)
            bytes.insert(contentsOf: token, at: random.index(bytes.count + 1))
        case 12:
            kinds.append("indent")
            var all = lines
            let index = random.index(all.count)
            if random.index(2) == 0 {
                all[index] = [0x20, 0x20] + all[index]
            } else {
                all[index] = all[index].drop { $0 == 0x20 }
            }
            setLines(all)
        default:
            kinds.append("many-anchors")
            let count = 900 + random.index(300)
            let items = (0..<count).map { "&n\($0) v" }.joined(separator: ", ")
            insertLine(Array("anchors: [\(items)]".utf8), &random)
        }
    }

    /// Replaces a random run of digits (with any `.` inside) by `text`.
    mutating func replaceDigits(with text: String, _ random: inout Xoshiro256) {
        var starts: [Int] = []
        var previousIsDigit = false
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= 48 && byte <= 57
            if isDigit && !previousIsDigit { starts.append(index) }
            previousIsDigit = isDigit
        }
        guard !starts.isEmpty else { return }
        let start = starts[random.index(starts.count)]
        var end = start
        while end < bytes.count, Units.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
        bytes.replaceSubrange(start..<end, with: Array(text.utf8))
    }

    /// Inserts `line` before a random line.
    mutating func insertLine(_ line: [UInt8], _ random: inout Xoshiro256) {
        var all = lines
        all.insert(line[...], at: random.index(all.count + 1))
        setLines(all)
    }
}
