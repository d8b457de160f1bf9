import Foundation
import Sim
import Testing

@testable import Report

/// Renders reports in a real browser (Debian's `chromium`, headless) and checks the screenshot.
/// `make deps` installs chromium; CI sets `REQUIRE_BROWSER=1` so a missing browser fails rather
/// than skips.
enum Browser {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    static var executable: String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var enabled: Bool {
        executable != nil || ProcessInfo.processInfo.environment["REQUIRE_BROWSER"] == "1"
    }

    /// Screenshots `page` at `width` x `height` into `png`; `scriptMs` lets the page's scripts
    /// run that long (virtual time) first.
    static func screenshot(_ page: URL, to png: URL, width: Int, height: Int, scriptMs: Int? = nil) throws {
        var arguments = ["--hide-scrollbars", "--screenshot=\(png.path)", "--window-size=\(width),\(height)"]
        if let scriptMs { arguments.append("--virtual-time-budget=\(scriptMs)") }
        _ = try run(arguments + [page.absoluteString], profile: png.deletingLastPathComponent())
    }

    /// The page's DOM after its scripts ran for `scriptMs` of virtual time.
    static func dom(_ page: URL, scriptMs: Int, profile: URL) throws -> String {
        try run(["--dump-dom", "--virtual-time-budget=\(scriptMs)", page.absoluteString], profile: profile)
    }

    /// Runs headless chromium with `arguments` (a profile folder in `profile`); its standard output.
    private static func run(_ arguments: [String], profile: URL) throws -> String {
        guard let executable else {
            Issue.record("REQUIRE_BROWSER=1 but no chromium found (install it with make deps)")
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=\(profile.appendingPathComponent("chromium-profile").path)",
            ] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)  // wall-clock-ok: a test's timeout
        while process.isRunning, Date() < deadline {  // wall-clock-ok
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning {
            process.terminate()
            Issue.record("chromium did not finish within 120 s")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}

@Suite("Reports in a real browser", .enabled(if: Browser.enabled))
struct BrowserRenderTests {
    /// How many pixels are within `tolerance` of `colour` on every channel.
    func pixels(near colour: UInt32, tolerance: Int = 2, in histogram: [UInt32: Int]) -> Int {
        histogram.reduce(0) { sum, entry in
            let close = [16, 8, 0].allSatisfy { shift in
                abs(Int((entry.key >> UInt32(shift)) & 0xFF) - Int((colour >> UInt32(shift)) & 0xFF)) <= tolerance
            }
            return close ? sum + entry.value : sum
        }
    }

    @Test func theProviderOutageReportRendersWithItsCharts() throws {
        let run = try TestRun.make(library: "provider-outage")
        defer { run.cleanup() }
        let page = run.folder.appendingPathComponent("report.html")
        try OutputFile(option: "-o", path: page.path, kind: .html).write(try RunReport.html(folder: run.folder.path))
        let png = run.folder.appendingPathComponent("report.png")
        try Browser.screenshot(page, to: png, width: 1400, height: 3000)
        let image = try PNGImage(data: Data(contentsOf: png))
        #expect(image.width == 1400 && image.height == 3000)
        let histogram = image.histogram()
        #expect(histogram.count > 200, "a rendered report has text and charts: \(histogram.count) colours")
        let background = pixels(near: 0xF6F7F9, in: histogram) + pixels(near: 0xFFFFFF, in: histogram)
        #expect(Double(background) / Double(image.width * image.height) < 0.97, "the page is not blank")
        // The charts drew: ok bars (green), failed bars on glassbreak.cloud (red), the shaded fault window.
        #expect(pixels(near: 0x3A9A5B, in: histogram) > 5000)
        #expect(pixels(near: 0xD1423F, in: histogram) > 500)
        #expect(pixels(near: 0xFCEAE8, tolerance: 4, in: histogram) > 20_000)
    }

    @Test func theStandaloneTopologySVGRenders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("three.svg")
        try OutputFile(option: "-o", path: svg.path, kind: .svg).write(
            TopologyPicture.svg(of: try TopologyPicture.builtin("three-verticals"), title: "three-verticals"))
        let png = folder.appendingPathComponent("three.png")
        try Browser.screenshot(svg, to: png, width: 1100, height: 640)
        let image = try PNGImage(data: Data(contentsOf: png))
        #expect(image.width == 1100 && image.height == 640)
        let histogram = image.histogram()
        #expect(histogram.count > 100)
        // The verticals' outlines in their series colours.
        for colour: UInt32 in [0xE8710A, 0x6A3FB5, 0x138D90] {
            #expect(pixels(near: colour, tolerance: 6, in: histogram) > 200, "colour \(String(colour, radix: 16))")
        }
    }
}
