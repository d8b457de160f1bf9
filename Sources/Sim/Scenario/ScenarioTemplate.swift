import Foundation

/// What `simctl init NAME [--from SCENARIO]` writes: a commented starting scenario (the built-in
/// topology, a workload, one fault, the usual expectations), or a copy of an existing scenario
/// under a new name. The text is checked by the loader before it is written, and it is written
/// only where no file exists.
public enum ScenarioTemplate {
    /// The line that makes editors with the YAML language server validate and complete a file.
    public static func schemaLine(_ schemaPath: String) -> String {
        "# yaml-language-server: $schema=\(schemaPath)"
    }

    /// The starting scenario called `name`.
    public static func starter(name: String, schemaPath: String) -> String {
        """
        \(schemaLine(schemaPath))
        # A starting scenario written by `simctl init`. Run it with `simctl run FILE`;
        # `simctl explain NAME` says what a check or fault kind means, `simctl faults` lists the kinds,
        # docs/scenario-format.md describes every key.
        name: \(name)
        description: >
          AWS compute answers 5xx for two minutes. Sessions pinned to AWS through glassbreak.io
          fail over to Scaleway on their first 5xx; glassbreak.cloud points straight at AWS and is
          down meanwhile. No acknowledged write may be lost and both verticals must converge.
        seed: 1
        duration: 5m                   # virtual time of the chaos phase; a heal phase follows

        # The built-in topology: AWS (Lambda, us-east-1) and Scaleway (Functions, fr-par) behind a
        # Fastly edge on glassbreak.io; glassbreak.cloud -> AWS and glass-break.com -> Scaleway direct.
        # `use:` starts from it and overrides what is given: here cheap password hashing.
        topology:
          use: standard
          auth: {argon2: {memory: 64KiB, iterations: 1}}

        workload:
          users: 50                    # u1..u50, each signs up on its first request
          rate: 5/s                    # Poisson arrivals over all users
          # mix and surfaces take their defaults: 90% of requests through glassbreak.io

        faults:
          - {at: 1m, for: 2m, kind: compute-outage, target: aws}

        expect:
          availability: {glassbreak.io: 100%, glass-break.com: 100%, glassbreak.cloud: ">= 40%"}
          read_your_writes: ">= 95%"   # a session that wrote on AWS just before failing over may miss it
          lost_writes: 0               # acknowledged writes missing anywhere at the end
          converged: true              # every vertical identical once sync drains
          convergence_time: <= 30s     # from the last heal to identical
          sync_loops: 0                # outbox rows written by replayed changes
          forged_accepted: 0           # sync messages applied that were not properly signed

        """
    }

    /// `source` (an existing scenario's text) renamed to `name`, with the schema line first.
    public static func copy(of source: String, name: String, schemaPath: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { $0.hasPrefix("# yaml-language-server:") }
        if let index = lines.firstIndex(where: { $0.hasPrefix("name:") }) {
            lines[index] = "name: \(name)"
        } else {
            lines.insert("name: \(name)", at: 0)
        }
        return ([schemaLine(schemaPath)] + lines).joined(separator: "\n")
    }

    /// The schema path to write in a new file at `file`: relative to the file's folder when a
    /// docs/scenario.schema.json is found in that folder or above it, else the published name.
    public static func schemaPath(for file: URL) -> String {
        let folder = file.standardizedFileURL.deletingLastPathComponent()
        var candidate = folder
        var ups = 0
        while true {
            let schema = candidate.appendingPathComponent(ScenarioSchema.repositoryPath)
            if FileManager.default.fileExists(atPath: schema.path) {
                return String(repeating: "../", count: ups) + ScenarioSchema.repositoryPath
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path || ups >= 16 { return "scenario.schema.json" }
            candidate = parent
            ups += 1
        }
    }
}
