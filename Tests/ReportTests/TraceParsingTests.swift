import Foundation
import Testing

@testable import Report

@Suite("Trace parsing")
struct TraceParsingTests {
    @Test func parsesAFlatLineInOrder() throws {
        let event = try TraceLineParser.parse(
            #"{"t_us":439280,"ev":"request","id":1,"user":"u15","vertical":null,"ok":true,"rate":0.5,"latency_us":-3}"#)
        #expect(event.timeUs == 439_280)
        #expect(event.kind == "request")
        #expect(event.fields.map(\.0) == ["id", "user", "vertical", "ok", "rate", "latency_us"])
        #expect(event.int("id") == 1)
        #expect(event.string("user") == "u15")
        #expect(event["vertical"] == .null)
        #expect(event.bool("ok") == true)
        #expect(event["rate"] == .double(0.5))
        #expect(event.int("latency_us") == -3)
    }

    @Test func unescapesStringsAndSkipsNestedValues() throws {
        let event = try TraceLineParser.parse(
            #"{"t_us":1,"ev":"x","text":"a \"quoted\" \\ line\nnext \u00e9 \ud83d\ude00","nested":{"a":[1,{"b":"}"}]},"after":2}"#
        )
        #expect(event.string("text") == "a \"quoted\" \\ line\nnext é 😀")
        #expect(event["nested"] == .other)
        #expect(event.int("after") == 2)
    }

    @Test(arguments: [
        ("", "expected a JSON object"),
        (#"{"t_us":1}"#, "a trace line needs an integer t_us and a string ev"),
        (#"{"t_us":1,"ev":"x""#, "expected ',' or '}'"),
        (#"{"t_us":1,"ev":"x","a":tru}"#, "expected true"),
        (#"{"t_us":1,"ev":"x","a":"open}"#, "unterminated string"),
    ])
    func reportsMalformedLines(line: String, message: String) {
        #expect(throws: TraceLineParser.Failure.self) { try TraceLineParser.parse(line) }
        do {
            _ = try TraceLineParser.parse(line)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func readerStreamsAcrossChunkBoundariesAndNamesTheBadLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("trace.jsonl")
        let lines = (0..<1000).map { #"{"t_us":\#($0),"ev":"e","n":\#($0 * 7)}"# }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        var reader = TraceReader(url: url)
        reader.chunkBytes = 97  // far smaller than a line: every line straddles chunks
        var seen: [Int64] = []
        try reader.forEach { seen.append($0.int("n") ?? -1) }
        #expect(seen == (0..<1000).map { Int64($0 * 7) })

        try Data((lines[0] + "\n" + #"{"t_us":2,"ev":"e","n":}"# + "\n").utf8).write(to: url)
        #expect(throws: ReportError.malformedTrace(file: url.path, line: 2, column: 24, message: "expected a value")) {
            try reader.forEach { _ in }
        }
    }
}

@Suite("Scales and buckets")
struct ScaleTests {
    @Test(arguments: [
        (600_120_000 as Int64, 2_000_000 as Int64, 301), (1_800_000_000, 5_000_000, 360), (5_000_000, 100_000, 50),
        (300_000_000, 1_000_000, 300), (86_400_000_000, 300_000_000, 288),
    ])
    func bucketsStayUnderTheLimit(endUs: Int64, width: Int64, count: Int) {
        let buckets = TimeBuckets(endUs: endUs)
        #expect(buckets.widthUs == width)
        #expect(buckets.count == count)
        #expect(buckets.count <= TimeBuckets.maximumCount + 1)
        #expect(buckets.index(endUs) == count - 1)
        #expect(buckets.index(-5) == 0)
    }

    @Test func timeTicksAreNiceAndInside() {
        let scale = TimeScale(endUs: 600_120_000, x0: 70, x1: 1076)
        let ticks = scale.ticks()
        #expect(ticks.first == 0)
        #expect(ticks.last == 600_000_000)
        #expect(ticks.count == 11)
        #expect(scale.x(0) == 70)
        #expect(scale.x(600_120_000) == 1076)
        #expect(scale.x(700_000_000) == 1076)
    }

    @Test(arguments: [
        (0.0, 1.0, 1.0), (3.0, 3.0, 1.0), (4.5, 5.0, 1.0), (7.0, 8.0, 2.0), (41.0, 50.0, 10.0), (180.0, 200.0, 50.0),
        (2100.0, 2500.0, 500.0),
    ])
    func linearAxesHaveNiceIntegerTicks(data: Double, maximum: Double, step: Double) {
        let scale = ValueScale(dataMaximum: data, y0: 100, y1: 0)
        #expect(scale.maximum == maximum)
        #expect(scale.step == step)
        #expect(scale.ticks().first == 0 && scale.ticks().last == maximum)
        #expect(scale.ticks().count <= 6)
    }

    @Test func logScaleUsesTimeFriendlyTicks() {
        let scale = ValueScale(kind: .log(min: 10), dataMaximum: 316_000, y0: 100, y1: 0)
        #expect(scale.maximum == 600_000)
        #expect(scale.ticks() == [10, 100, 1000, 10_000, 60_000, 600_000])
        #expect(scale.y(10) == 100)
        #expect(scale.y(600_000) == 0)
        #expect(scale.y(1) == 100)
    }

    @Test(arguments: [
        (0 as Int64, "0"), (250_000, "250ms"), (1_500, "1.5ms"), (45_000_000, "45s"), (120_000_000, "2m"),
        (150_000_000, "2m30s"), (3_900_000_000, "1h05m"), (2_500_000, "2.5s"),
    ])
    func durationsReadShort(us: Int64, text: String) {
        #expect(Format.duration(us: us) == text)
    }

    @Test func latencyBinsEstimatePercentiles() {
        var bins = LatencyBins()
        for ms in 1...100 { bins.record(ms: Double(ms)) }
        let p50 = bins.percentile(50)!
        let p99 = bins.percentile(99)!
        #expect(p50 >= 50 && p50 <= 50 * 1.26)
        #expect(p99 >= 99 && p99 <= 99 * 1.26)
        #expect(LatencyBins().percentile(50) == nil)
    }
}
