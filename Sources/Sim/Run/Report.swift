import Foundation
import Verticals

/// Renders results for people (the summary `simctl run` prints) and for CI (JUnit XML).
public enum Report {
    /// A few lines: verdict (with the ablations, if any, on the first line), the scenario's
    /// description, volume, each check (with its detail whenever it observed something), the
    /// edge's failovers, each fault, the run folder; verdicts coloured when `style` says so.
    public static func summary(
        _ result: RunResult, folder: URL?, description: String = "", determinism: DeterminismReport? = nil,
        style: TextStyle = .plain
    ) -> String {
        let compression = result.wallMs > 0 ? Int(Double(result.virtualMs) / Double(result.wallMs)) : 0
        let ablated = result.ablations.isEmpty ? "" : ", ablated: \(result.ablations.joined(separator: ", "))"
        var lines = [
            "\(result.scenario) (seed \(result.seed)\(ablated)): \(result.pass ? style.pass("PASS") : style.fail("FAIL")) — \(result.requests) requests, \(result.events) events, \(VirtualTime.format(result.virtualMs * 1000)) virtual in \(String(format: "%.2f", Double(result.wallMs) / 1000))s wall (\(compression)x)"
        ]
        for line in description.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            lines.append("  \(line.trimmingCharacters(in: .whitespaces))")
        }
        let width = max(12, result.checks.map(\.name.count).max() ?? 0)
        for check in result.checks {
            let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
            var line =
                "  \(check.pass ? style.pass("ok  ") : style.fail("FAIL")) \(name)  expected \(check.expected), observed \(check.observed)"
            if let detail = check.detail { line += "\n         \(detail)" }
            lines.append(line)
        }
        if result.checks.isEmpty { lines.append("  (no expectations)") }
        if let edge = edgeLine(result.metrics) { lines.append(edge) }
        for fault in result.faults {
            let hit = fault.hit ? "" : "  (hit nothing)"
            lines.append(
                "  fault \(fault.kind) on \(fault.target) at \(VirtualTime.format(fault.atMs * 1000)) for \(VirtualTime.format(fault.forMs * 1000)): \(fault.affectedRequests) requests, \(fault.affectedProbes) probes, \(fault.affectedEnvelopes) envelopes, \(fault.affectedAcks) acks\(hit)"
            )
        }
        if let determinism {
            lines.append(
                determinism.identical
                    ? "  determinism: second run identical (trace sha256 \(result.traceSHA256.prefix(16)))"
                    : "  determinism: \(style.fail("FAILED")) — \(determinism.firstDifference ?? "runs differ")")
        }
        if let folder { lines.append("  run folder: \(folder.relativePath)") }
        return lines.joined(separator: "\n")
    }

    /// The edge's line: failovers with the edge's failover latency and the fault-to-repin time
    /// (p50), and failed health-check probes; nil without an edge.
    static func edgeLine(_ metrics: JSONValue) -> String? {
        guard let edge = metrics["edge"], let probes = edge["probes"], case .int(let sent)? = probes["sent"] else {
            return nil
        }
        func int(_ value: JSONValue?) -> Int64 { if case .int(let v)? = value { return v } else { return 0 } }
        func p50(_ key: String) -> String {
            if case .double(let ms)? = edge[key]?["p50"] { return "\(ms) ms" }
            return "-"
        }
        return
            "  edge: \(int(edge["failovers"])) failovers (failover latency p50 \(p50("failover_latency_ms")), fault to repin p50 \(p50("fault_to_repin_ms"))), \(int(probes["failed"])) of \(sent) probes failed"
    }

    /// JUnit XML: one test suite per scenario, one test case per check, failure message = detail.
    public static func junit(_ results: [RunResult]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + "<!-- \(OutputFile.marker) -->\n"
        let failures = results.reduce(0) { $0 + $1.failedChecks.count }
        let tests = results.reduce(0) { $0 + $1.checks.count }
        xml += #"<testsuites name="simctl" tests="\#(tests)" failures="\#(failures)">"# + "\n"
        for result in results {
            xml +=
                #"  <testsuite name="\#(escape(result.scenario))" tests="\#(result.checks.count)" failures="\#(result.failedChecks.count)" time="\#(Double(result.wallMs) / 1000)">"#
                + "\n"
            for check in result.checks {
                xml += #"    <testcase classname="\#(escape(result.scenario))" name="\#(escape(check.name))">"#
                if !check.pass {
                    let message = "expected \(check.expected), observed \(check.observed)"
                    xml +=
                        "\n"
                        + #"      <failure message="\#(escape(message))">\#(escape(check.detail ?? message))</failure>"#
                        + "\n    "
                }
                xml += "</testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
