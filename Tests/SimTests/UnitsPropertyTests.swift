import Foundation
import PropertyBased
import Testing

@testable import Sim

/// Property-based tests of the unit parsers: round trips for every value in range, and an
/// independent oracle (regular expressions of the documented grammar) that accepts exactly what
/// the parsers accept, on strings assembled from the tokens most likely to confuse them.
@Suite("Unit parsers, property-based")
struct UnitsPropertyTests {
    /// The documented plain-decimal grammar, written independently of the parser.
    static let decimal = #"(0|[1-9][0-9]{0,14})(\.[0-9]{1,9})?"#
    static let durationPattern =
        "^-?(0|(?=[0-9])(\(decimal)d)?(\(decimal)h)?(\(decimal)m)?(\(decimal)s)?(\(decimal)ms)?(\(decimal)us)?)$"
    static let sizePattern = "^\(decimal)(B|KB|MB|GB|KiB|MiB|GiB)$"
    static let ratePattern = "^\(decimal)/(s|m|h)$"
    static let percentagePattern = "^\(decimal)%$"

    static func matches(_ pattern: String, _ text: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Strings made of the tokens that trip number parsers: signs, exponents, hex, `inf`,
    /// separators, spaces, units, leading zeros.
    static let tokens = [
        "0", "1", "7", "10", "01", "00", ".", "-", "+", "e", "E", "e-20", "x", "0x1F", "inf", "nan", "_", " ",
        "d", "h", "m", "s", "ms", "us", "B", "KB", "MiB", "GiB", "/", "/s", "/m", "%", "٣", "½", "1e3",
    ]

    /// Runs `body` on 2000 strings of up to six tokens.
    static func forTrickyStrings(_ body: (String) -> Void) async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...(tokens.count - 1)).array(of: 0...6)) { indices in
            body(indices.map { Self.tokens[$0] }.joined())
        }
    }

    @Test func everyDurationRoundTrips() async {
        await propertyCheck(input: Gen.int64(in: 0...(365 * VirtualTime.day))) { us in
            #expect(Units.parseDuration(FieldBound.formatDuration(us)) == us)
            #expect(Units.parseDuration("-" + FieldBound.formatDuration(us)) == -us)
        }
    }

    @Test func chainedDurationPartsAdd() async {
        let part = Gen.int(in: 0...999)
        await propertyCheck(input: part, part, part, part) { d, h, m, ms in
            let text = "\(d + 1)d\(h)h\(m)m\(ms)ms"
            let expected =
                Int64(d + 1) * VirtualTime.day + Int64(h) * VirtualTime.hour + Int64(m) * VirtualTime.minute
                + Int64(ms) * VirtualTime.ms
            #expect(Units.parseDuration(text) == expected, "\(text)")
        }
    }

    @Test func durationsAcceptExactlyTheGrammar() async {
        await Self.forTrickyStrings { text in
            #expect((Units.parseDuration(text) != nil) == Self.matches(Self.durationPattern, text), "\(text)")
        }
    }

    @Test func everySizeRoundTrips() async {
        await propertyCheck(input: Gen.int(in: 0...(1 << 40))) { bytes in
            #expect(Units.parseSize(FieldBound.formatSize(bytes)) == bytes)
        }
    }

    @Test func sizeUnitsScale() async {
        let units: [(String, Int)] = [
            ("B", 1), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("KiB", 1024), ("MiB", 1 << 20),
            ("GiB", 1 << 30),
        ]
        await propertyCheck(input: Gen.int(in: 0...100_000), Gen.int(in: 0...(units.count - 1))) { count, index in
            let (unit, scale) = units[index]
            #expect(Units.parseSize("\(count)\(unit)") == count * scale)
        }
    }

    @Test func sizesAcceptExactlyTheGrammar() async {
        await Self.forTrickyStrings { text in
            #expect((Units.parseSize(text) != nil) == Self.matches(Self.sizePattern, text), "\(text)")
        }
    }

    @Test func ratesScaleToPerSecond() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000)) { count in
            #expect(Units.parseRate("\(count)/s") == Double(count))
            #expect(Units.parseRate("\(count)/m") == Double(count) / 60)
            #expect(Units.parseRate("\(count)/h") == Double(count) / 3600)
        }
    }

    @Test func ratesAcceptExactlyTheGrammar() async {
        await Self.forTrickyStrings { text in
            #expect((Units.parseRate(text) != nil) == Self.matches(Self.ratePattern, text), "\(text)")
        }
    }

    @Test func percentagesUpToAHundred() async {
        await propertyCheck(input: Gen.int(in: 0...200_000)) { thousandths in
            let fraction = String(thousandths % 1000)
            let text = "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)%"
            let parsed = Units.parsePercentage(text)
            if thousandths <= 100_000 {
                #expect(parsed.map { abs($0 - Double(thousandths) / 1000) < 1e-9 } == true, "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
    }

    @Test func percentagesAcceptExactlyTheGrammar() async {
        await Self.forTrickyStrings { text in
            let accepted = Units.parsePercentage(text) != nil
            let grammar =
                Self.matches(Self.percentagePattern, text) && Double(text.dropLast()).map { $0 <= 100 } == true
            #expect(accepted == grammar, "\(text)")
        }
    }

    @Test func countsAreDigitsWithoutLeadingZeros() async {
        await propertyCheck(input: Gen.int(in: 0...Int(ScenarioBounds.seed.maximum))) { value in
            #expect(Units.parseCount(String(value)) == value)
            #expect(Units.parseCount("0\(value)") == nil)
            #expect(Units.parseCount("+\(value)") == nil)
        }
    }

    /// Issue 10, case 8: hex floats, exponents and other non-decimal forms are not numbers.
    @Test(arguments: ["0x1F", "0x1Fp0", "1e-20", "1E5", "inf", "nan", "+5", ".5", "5.", "01", "1_000", " 5", "5 ", "٣"])
    func nonDecimalFormsAreRefused(text: String) {
        #expect(Units.parseDecimal(text) == nil)
        #expect(Units.parsePercentage(text + "%") == nil)
        #expect(Units.parseRate(text + "/s") == nil)
        #expect(Units.parseSize(text + "MB") == nil)
        #expect(Units.parseDuration(text + "s") == nil)
    }
}
