import Foundation
import Sim
import Testing

@testable import Report

/// The standard topology, for tests that need one.
enum Fixtures {
    static func standard() throws -> Scenario { try TopologyPicture.builtin("standard") }
    static func threeVerticals() throws -> Scenario { try TopologyPicture.builtin("three-verticals") }

    static func events(_ lines: [String]) throws -> [TraceEvent] {
        try lines.map { try TraceLineParser.parse($0) }
    }
}

@Suite("Trace aggregation")
struct AggregatorTests {
    static let trace = [
        // u1 pinned to aws through the edge, u2 to scaleway; u1 fails over to scaleway at 12 s.
        #"{"t_us":1000000,"ev":"sync.commit","origin":"aws","head":3,"request":1}"#,
        #"{"t_us":1200000,"ev":"request","id":1,"user":"u1","via":"glassbreak.io","op":"create","path":"/api/runbooks","vertical":"aws","status":201,"outcome":"ok","latency_us":200000,"reason":null}"#,
        #"{"t_us":1500000,"ev":"request","id":2,"user":"u2","via":"glassbreak.io","op":"login","path":"/api/auth/login","vertical":"scaleway","status":200,"outcome":"ok","latency_us":90000,"reason":null}"#,
        #"{"t_us":1600000,"ev":"sync.apply","from":"aws","to":"scaleway","id":"aws:3","applied":3,"watermark":3,"rejection":null}"#,
        #"{"t_us":5000000,"ev":"fault.start","kind":"provider-outage","target":"aws"}"#,
        #"{"t_us":5500000,"ev":"sync.commit","origin":"scaleway","head":2,"request":3}"#,
        #"{"t_us":6000000,"ev":"request","id":4,"user":"u3","via":"glassbreak.cloud","op":"read","path":"/api/runbooks/x","vertical":null,"status":null,"outcome":"failed","latency_us":20000,"reason":"connect-refused"}"#,
        #"{"t_us":10000000,"ev":"edge.health","target":"aws","healthy":false}"#,
        #"{"t_us":12000000,"ev":"request","id":5,"user":"u1","via":"glassbreak.io","op":"read","path":"/api/runbooks/r1","vertical":"scaleway","status":404,"outcome":"ok","latency_us":300000,"reason":null}"#,
        #"{"t_us":12000000,"ev":"check.violation","check":"read_your_writes","user":"u1","via":"glassbreak.io","object":"runbook:r1","request":5,"vertical":"scaleway","issued_us":11700000,"observed":"not found","write_vertical":"aws","write_us":1200000,"after_failover":true}"#,
        #"{"t_us":13000000,"ev":"request","id":6,"user":"u4","via":"glassbreak.io","op":"read","path":"/api/runbooks/r9","vertical":null,"status":null,"outcome":"unknown","latency_us":30000000,"reason":null}"#,
        #"{"t_us":15000000,"ev":"fault.end","kind":"provider-outage","target":"aws"}"#,
        #"{"t_us":16000000,"ev":"sync.apply","from":"scaleway","to":"aws","id":"scaleway:2","applied":2,"watermark":2,"rejection":null}"#,
        #"{"t_us":20000000,"ev":"edge.health","target":"aws","healthy":true}"#,
        #"{"t_us":21000000,"ev":"phase.heal"}"#,
        #"{"t_us":22000000,"ev":"phase.end","drained":true}"#,
    ]

    func aggregate() throws -> RunAggregate {
        let scenario = try Fixtures.standard()
        let windows = [
            FaultWindow(number: 1, kind: "provider-outage", target: "aws", startUs: 5_000_000, endUs: 15_000_000)
        ]
        let aggregator = TraceAggregator(
            topology: scenario.topology, buckets: TimeBuckets(widthUs: 1_000_000, endUs: 22_000_000), windows: windows)
        for event in try Fixtures.events(Self.trace) { aggregator.consume(event) }
        return aggregator.finish()
    }

    @Test func countsOutcomesPerSurfaceAndBucket() throws {
        let aggregate = try aggregate()
        #expect(aggregate.surfaces.map(\.name) == ["glassbreak.io", "glassbreak.cloud", "glass-break.com"])
        let io = aggregate.surfaces[0]
        #expect(io.ok[1] == 2)
        #expect(io.ok[12] == 1)
        #expect(io.unknown[13] == 1)
        #expect(io.total == 4)
        #expect(aggregate.surfaces[1].failed[6] == 1)
        #expect(aggregate.surfaces[1].availabilityPercent == 0)
        #expect(aggregate.surfaces[2].availabilityPercent == nil)
        #expect(aggregate.healUs == 21_000_000)
        #expect(aggregate.buckets.count == 22)
    }

    @Test func followsPinsAndFailovers() throws {
        let aggregate = try aggregate()
        let aws = aggregate.verticals[0]
        let scaleway = aggregate.verticals[1]
        #expect(aws.pinned[1] == 1 && scaleway.pinned[1] == 1)
        #expect(aws.pinned[12] == 0 && scaleway.pinned[12] == 2)
        #expect(aws.pinned[21] == 0)
        #expect(
            aggregate.failovers == [
                RunAggregate.Failovers(
                    bucket: 12, firstUs: 12_000_000, count: 1, moves: [.init(name: "aws → scaleway", count: 1)])
            ])
        #expect(aws.served[1] == 1 && scaleway.served[12] == 1)
    }

    @Test func healthBandsCoverTheUnhealthySpan() throws {
        let aggregate = try aggregate()
        let down = aggregate.verticals[0].downIntervals
        #expect(down.count == 1)
        #expect(down.first?.startUs == 10_000_000 && down.first?.endUs == 20_000_000)
        #expect(aggregate.verticals[1].downIntervals.isEmpty)
    }

    @Test func backlogAndPropagationPerLink() throws {
        let aggregate = try aggregate()
        #expect(aggregate.hasCommitEvents)
        #expect(aggregate.links.map(\.name) == ["aws → scaleway", "scaleway → aws"])
        let awsToScaleway = aggregate.links[0]
        #expect(awsToScaleway.backlog[1] == 3)
        #expect(awsToScaleway.backlog[2] == 0)
        #expect(awsToScaleway.overall.total == 1)
        #expect(awsToScaleway.histogram[PropagationBins.bin(ms: 600)] == 1)
        let scalewayToAws = aggregate.links[1]
        // Committed at 5.5 s during the outage, applied at 16 s: backlog 2 from 5 s to 16 s.
        #expect(scalewayToAws.backlog[5] == 2 && scalewayToAws.backlog[15] == 2 && scalewayToAws.backlog[16] == 2)
        #expect(scalewayToAws.backlog[17] == 0)
        #expect(scalewayToAws.histogramInFaults[PropagationBins.bin(ms: 10_500)] == 1)
        #expect(scalewayToAws.latency[5].total == 1)
        #expect(scalewayToAws.unapplied == 0)
    }

    @Test func countsAuthStepsAndViolations() throws {
        let aggregate = try aggregate()
        let login = aggregate.auth.first { $0.operation == "login" }
        #expect(login?.attempts == 1 && login?.accepted == 1)
        #expect(aggregate.firstViolations.map(\.check) == ["read_your_writes"])
        #expect(aggregate.violationCounts.first?.perBucket[12] == 1)
    }

    @Test func storiesFindTheWriteItsCommitAndTheRead() throws {
        let aggregate = try aggregate()
        let collector = ViolationStoryCollector(violations: aggregate.firstViolations)
        for event in try Fixtures.events(Self.trace) { collector.consume(event) }
        let story = try #require(collector.finish().first)
        #expect(story.write?.id == 1)
        #expect(story.commitSeq == 3 && story.commitUs == 1_000_000)
        #expect(story.read?.id == 5 && story.read?.vertical == "scaleway")
        #expect(story.origin == "aws" && story.peer == "scaleway")
        #expect(story.appliedUs == 1_600_000)
        #expect(story.envelopes.isEmpty)  // no sync.send lines in this trace
        #expect(story.happenings.map(\.text).contains("provider-outage on aws starts"))
        #expect(story.afterFailover)
    }
}
