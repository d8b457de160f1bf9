/// Turns expectations into check results against the run's measurements.
enum CheckEvaluator {
    static func evaluate(_ expectations: [Expectation], _ m: Measurements) -> [CheckResult] {
        var results = expectations.filter { $0.key != .faultsHit }.map { evaluate($0, m) }
        // `faults_hit` is on by default in a scenario with faults; `faults_hit: false` turns it off.
        let faultsHit = expectations.first { $0.key == .faultsHit }
        if faultsHit?.bound != .equals(false), !m.faultHits.isEmpty || faultsHit != nil {
            let missed = m.faultHits.filter { !$0.hit }
            results.append(
                CheckResult(
                    name: ExpectKey.faultsHit.rawValue, expected: faultsHit?.written ?? "every fault hit something",
                    observed: "\(m.faultHits.count - missed.count) of \(m.faultHits.count) faults hit",
                    pass: missed.isEmpty,
                    detail: missed.first.map {
                        "\(missed.count) hit nothing (no request, probe, envelope or acknowledgement), first: \($0.fault)"
                    }))
        }
        if m.scriptSteps > 0 {
            results.append(
                CheckResult(
                    name: "script", expected: "every step answered as expected",
                    observed: "\(m.scriptFailures.count) of \(m.scriptSteps) steps failed",
                    pass: m.scriptFailures.count == 0, detail: m.scriptFailures.first))
        }
        return results
    }

    /// One check. A failing check always carries its detail; a passing one carries it when it
    /// observed something (a violation, a failed request: `sawSomething`), so a hazard check that
    /// passes with `>= 1` still says where the first hazard was.
    static func evaluate(_ e: Expectation, _ m: Measurements) -> CheckResult {
        func result(_ observed: String, _ value: Double?, detail: String?, sawSomething: Bool = false) -> CheckResult {
            let pass = value.map { e.bound.holds($0) } ?? false
            return CheckResult(
                name: e.checkName, expected: e.written, observed: observed, pass: pass,
                detail: pass && !sawSomething ? nil : detail)
        }
        func count(_ value: Int, _ first: String?) -> CheckResult {
            result(
                "\(value)", Double(value), detail: first.map { "\(value) total, first \($0)" }, sawSomething: value > 0)
        }
        switch e.key {
        case .readYourWrites:
            let log = m.readYourWrites
            return result(
                percent(m.readYourWritesPercent), m.readYourWritesPercent,
                detail: log.first.map {
                    "\(log.count) violations in \(m.rywJudged) reads (\(log.afterFailover) after a failover), first: \($0)"
                }, sawSomething: log.count > 0)
        case .monotonicReads:
            let log = m.monotonicReads
            return result(
                percent(m.monotonicPercent), m.monotonicPercent,
                detail: log.first.map { "\(log.count) violations in \(m.monotonicJudged) reads, first: \($0)" },
                sawSomething: log.count > 0)
        case .lostWrites:
            return count(m.lostWrites, m.lostWritesFirst)
        case .converged:
            return result(
                "\(m.converged)", m.converged ? 1 : 0, detail: m.convergedDetail, sawSomething: m.convergedDetail != nil
            )
        case .convergenceTime:
            guard let us = m.convergenceUs else {
                return result("never", nil, detail: "sync did not catch up before the heal phase ended")
            }
            return result(duration(us), Double(us), detail: "sync took \(duration(us)) to catch up after the last heal")
        case .propagation:
            let percentile: Double =
                switch e.qualifier {
                case "p50": 50
                case "p90": 90
                case "p99": 99
                case "p999": 99.9
                default: 100
                }
            guard let ms = m.propagation.percentileMs(percentile) else {
                return result("no samples", nil, detail: "no change propagated outside a fault window")
            }
            return result(
                duration(Int64(ms * 1000)), ms * 1000,
                detail: "\(e.qualifier ?? "") over \(m.propagation.samples) changes outside fault windows")
        case .availability:
            let counts = m.availability.first { $0.surface == e.qualifier }?.counts ?? SurfaceCounts()
            guard let value = counts.availabilityPercent else {
                return result("no requests", nil, detail: "no request used \(e.qualifier ?? "")")
            }
            return result(
                percent(value), value,
                detail:
                    "\(counts.failed) failed and \(counts.unknown) unknown of \(counts.total) requests\(counts.firstFailure.map { ", first \($0)" } ?? "")",
                sawSomething: counts.failed + counts.unknown > 0)
        case .syncLoops:
            return count(m.syncLoops, m.syncLoopsFirst)
        case .forgedAccepted:
            return count(m.forgedAccepted, m.forgedFirst)
        case .singleUseViolations:
            return count(m.auth.singleUse.count, m.auth.singleUse.first)
        case .duplicateAccounts:
            return count(m.auth.duplicateAccounts.count, m.auth.duplicateAccounts.first)
        case .staleAuthAccepts:
            return count(m.auth.staleAuth.count, m.auth.staleAuth.first)
        case .staleCounterAccepts:
            return count(m.auth.staleCounter.count, m.auth.staleCounter.first)
        case .lostUpdates:
            return count(m.lostUpdates.count, m.lostUpdates.first)
        case .sessionsBroken:
            return count(m.sessionsBroken.count, m.sessionsBroken.first)
        case .passkeyWrongOrigin:
            let counts = m.passkeyWrongOrigin
            let value =
                e.qualifier.map { surface in counts.first { $0.surface == surface }?.count ?? 0 }
                ?? counts.reduce(0) { $0 + $1.count }
            let bySurface = counts.map { "\($0.surface) \($0.count)" }.joined(separator: ", ")
            return result(
                "\(value)", Double(value),
                detail:
                    "refused for their origin, by surface: \(bySurface) (passkeys of an rpId that does not list the page's origin)",
                sawSomething: value > 0)
        case .faultsHit:
            preconditionFailure("faults_hit is evaluated with the other run-wide checks")
        }
    }

    static func percent(_ value: Double) -> String {
        let rounded = Measurements.round3(value)
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }

    static func duration(_ us: Int64) -> String {
        us >= VirtualTime.second ? "\(Double(us / 10_000) / 100)s" : "\(Double(us / 100) / 10)ms"
    }
}
