import Foundation
import Sim
import UnixSignals

/// `simctl serve` from start to stop: starts the topology, prints where it listens and writes the
/// ready file, serves until SIGINT or SIGTERM, stops cleanly and prints the summary.
public enum ServeRunner {
    /// Serves `options` until a stop signal; returns the exit status: 0 clean and the verticals'
    /// states identical, 1 a problem was met or the states differ, 2 a port is in use, 3 the
    /// servers could not start or the ready file could not be written.
    public static func run(
        _ options: ServeOptions, readyFile: OutputFile?, out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void
    ) async -> Int32 {
        // Trap the signals before anything listens, so an early Ctrl-C still stops cleanly.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        do {
            // An earlier serve's ready file must not say that this one listens before it does.
            try readyFile?.removeOwn()
        } catch {
            err("simctl: \(error.description)")
            return 3
        }
        let cluster: LiveCluster
        do {
            cluster = try await LiveCluster.start(options) { event in err("serve: \(event)") }
        } catch let error as LiveServerError {
            err("simctl: \(error.description)")
            return 2
        } catch {
            err("simctl: serve: cannot start: \(error)")
            return 3
        }
        out(
            options.data.resumed
                ? "serving \(options.scenario.name) (data resumed from \(options.data.url.path)); Ctrl-C stops"
                : "serving \(options.scenario.name); Ctrl-C stops")
        for line in cluster.ready.lines() { out("  \(line)") }
        if let readyFile {
            do {
                try readyFile.write(cluster.ready.json())
            } catch {
                err("simctl: \(error.description)")
                _ = await cluster.stop()
                return 3
            }
        }
        for await signal in signals {
            err("serve: \(signal), stopping: finishing requests in flight, closing the databases")
            break
        }
        let summary = await cluster.stop()
        for line in summary.lines() { out(line) }
        do {
            try readyFile?.removeOwn()
        } catch {
            err("simctl: \(error.description)")
        }
        return summary.problems == 0 && summary.converged ? 0 : 1
    }
}
