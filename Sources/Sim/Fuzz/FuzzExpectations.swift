/// The checks every drawn scenario is held to: the design's safety properties, which no fault may
/// break, and liveness once the faults heal. A base's own expectations are added (a base's bound
/// replaces the default of the same check).
///
/// The authentication hazards are design-allowed whenever replication lags: authentication is
/// local to each vertical, so a single-use code, a revocation or a sign-up can be seen by one
/// vertical before the other has heard of it. They are therefore expected to stay at zero only
/// in a seed whose faults never hold replication back (edge, DNS and duplication faults).
public enum FuzzExpectations {
    /// Checks that hold under every fault: nothing acknowledged is lost (neither a write nor an
    /// update the acknowledging vertical must keep), nothing loops, nothing forged is applied, no
    /// valid token is refused for its signature, and after the heal every vertical holds the same
    /// state. `faults_hit` is off: a drawn fault may miss by chance (a link fault while nobody
    /// writes), which says nothing about the design.
    static let safety: [(ExpectKey, String)] = [
        (.lostWrites, "0"), (.syncLoops, "0"), (.forgedAccepted, "0"), (.converged, "true"), (.lostUpdates, "0"),
        (.sessionsBroken, "0"), (.faultsHit, "false"),
    ]

    /// Checks that hold while replication keeps up.
    static let replicationDependent: [(ExpectKey, String)] = [
        (.singleUseViolations, "0"), (.duplicateAccounts, "0"), (.staleAuthAccepts, "0"), (.staleCounterAccepts, "0"),
    ]

    /// Whether a fault of `kind` can hold replication between verticals back (so a peer acts on
    /// stale authentication state for a while).
    public static func delaysReplication(_ kind: FaultKind) -> Bool {
        switch kind {
        case .edgeOutage, .edgeError, .registrarSuspension, .dnsMisconfiguration, .messageDuplication: return false
        default: return true
        }
    }

    /// The default expectations for a seed whose faults are `faults`, then `base`'s.
    public static func merged(base: [Expectation], faults: [FaultSpec], file: String) -> [Expectation] {
        var defaults = safety
        if !faults.contains(where: { delaysReplication($0.kind) }) { defaults += replicationDependent }
        let location = SourceLocation(file: file, line: 1, column: 1)
        var merged = defaults.map { key, written in
            let bound: Bound =
                key == .converged ? .equals(true) : key == .faultsHit ? .equals(false) : .atMost(Double(written)!)
            return Expectation(key: key, qualifier: nil, bound: bound, written: written, location: location)
        }
        for expectation in base {
            if let index = merged.firstIndex(where: { $0.checkName == expectation.checkName }) {
                merged[index] = expectation
            } else {
                merged.append(expectation)
            }
        }
        return merged
    }
}
