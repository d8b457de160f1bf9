import Foundation

/// Renders results for people (the summary `simctl run` prints) and for CI (JUnit XML).
public enum Report {
    /// A few lines: verdict (with the ablations, if any, on the first line), volume, each check,
    /// each fault, the run folder; verdicts coloured when `style` says so.
    public static func summary(
        _ result: RunResult, folder: URL?, determinism: DeterminismReport? = nil, style: TextStyle = .plain
    ) -> String {
        let compression = result.wallMs > 0 ? Int(Double(result.virtualMs) / Double(result.wallMs)) : 0
        let ablated = result.ablations.isEmpty ? "" : ", ablated: \(result.ablations.joined(separator: ", "))"
        var lines = [
            "\(result.scenario) (seed \(result.seed)\(ablated)): \(result.pass ? style.pass("PASS") : style.fail("FAIL")) — \(result.requests) requests, \(result.events) events, \(VirtualTime.format(result.virtualMs * 1000)) virtual in \(String(format: "%.2f", Double(result.wallMs) / 1000))s wall (\(compression)x)"
        ]
        let width = max(12, result.checks.map(\.name.count).max() ?? 0)
        for check in result.checks {
            let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
            var line =
                "  \(check.pass ? style.pass("ok  ") : style.fail("FAIL")) \(name)  expected \(check.expected), observed \(check.observed)"
            if !check.pass, let detail = check.detail { line += "\n         \(detail)" }
            lines.append(line)
        }
        if result.checks.isEmpty { lines.append("  (no expectations)") }
        for fault in result.faults {
            let hit = fault.affectedRequests + fault.affectedMessages == 0 ? "  (hit nothing)" : ""
            lines.append(
                "  fault \(fault.kind) on \(fault.target) at \(VirtualTime.format(fault.atMs * 1000)) for \(VirtualTime.format(fault.forMs * 1000)): \(fault.affectedRequests) requests, \(fault.affectedMessages) messages\(hit)"
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
