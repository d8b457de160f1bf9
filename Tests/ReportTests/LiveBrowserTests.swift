import Foundation
import Sim
import Testing

@testable import Live

/// The live mode's pages in a real browser: a vertical's page fills its footer indicator from
/// `/api/public/status`, and the control server's dashboard draws the topology with the live
/// faults on it.
@Suite("Live pages in a real browser", .enabled(if: Browser.enabled), .serialized)
struct LiveBrowserTests {
    /// Starts the standard topology on free loopback ports in a fresh folder, runs `body`, stops it.
    static func withCluster(_ body: (LiveCluster, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let scenario = try ServeOptions.scenario("standard")
        let data = try ServeDataFolder.prepare(path: folder.appendingPathComponent("data").path, freshSeed: 7)
        var started: LiveCluster?
        for _ in 0..<8 where started == nil {
            // A base whose ports are taken fails to start: another is tried.
            started = try? await LiveCluster.start(
                ServeOptions(scenario: scenario, basePort: Int.random(in: 40_000...50_000), data: data))
        }
        let cluster = try #require(started, "no free loopback ports found")
        try await body(cluster, folder)
        _ = await cluster.stop()
        try? FileManager.default.removeItem(at: folder)  // try?-ok: a temporary folder
    }

    @Test func theVerticalPageShowsWhereItWasServed() async throws {
        try await Self.withCluster { cluster, folder in
            let aws = try #require(cluster.ready.url(of: "aws"))
            let page = try #require(URL(string: aws + "/?footer=1"))
            let dom = try Browser.dom(page, scriptMs: 3000, profile: folder)
            #expect(dom.contains("served by aws · aws-lambda · production"), "the footer indicator names the vertical")
            let png = folder.appendingPathComponent("page.png")
            try Browser.screenshot(page, to: png, width: 1000, height: 800, scriptMs: 3000)
            let image = try PNGImage(data: Data(contentsOf: png))
            let histogram = image.histogram()
            #expect(histogram.count > 50, "a rendered page: \(histogram.count) colours")
            // The header bar (#1d2433) and the footer indicator's pill (#eef2ff) are drawn.
            #expect(histogram.filter { $0.key == 0x1D2433 }.values.reduce(0, +) > 20_000)
            #expect(histogram.filter { $0.key == 0xEEF2FF }.values.reduce(0, +) > 1_000)
        }
    }

    @Test func theDashboardDrawsTheTopologyAndTheFaults() async throws {
        try await Self.withCluster { cluster, folder in
            _ = await cluster.faults.inject(LiveFaultRequest(kind: .databaseOutage, target: "aws"), on: cluster)
            let dashboard = try #require(URL(string: cluster.ready.control + "/"))
            let dom = try Browser.dom(dashboard, scriptMs: 3000, profile: folder)
            #expect(dom.contains("database down"), "the vertical's state")
            #expect(dom.contains("database-outage"), "the fault in force, with its lift button")
            #expect(dom.contains("<svg"), "the topology drawing")
            let png = folder.appendingPathComponent("dashboard.png")
            try Browser.screenshot(dashboard, to: png, width: 1280, height: 1400, scriptMs: 3000)
            let image = try PNGImage(data: Data(contentsOf: png))
            let histogram = image.histogram()
            #expect(histogram.count > 100, "a rendered dashboard: \(histogram.count) colours")
            // The edge's box (#fdf3e7) of the topology drawing.
            #expect(histogram.filter { $0.key == 0xFDF3E7 }.values.reduce(0, +) > 2_000)
        }
    }
}
