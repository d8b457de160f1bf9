import Foundation

/// The live mode's clock: the real time of day as the product code takes it, microseconds since
/// the tokens' epoch (``Verticals/AuthConfig/epochUnixSeconds``), the same scale the simulator's
/// virtual time uses. The one place the live mode reads the time of day for the product; its
/// hybrid logical clocks absorb a wall clock that steps back.
public struct WallClock: Sendable {
    /// The Unix time of the product's time zero.
    public let epochUnixSeconds: Int64

    public init(epochUnixSeconds: Int64) {
        self.epochUnixSeconds = epochUnixSeconds
    }

    /// Microseconds since the epoch, now.
    public func nowUs() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)  // wall-clock-ok: the live mode runs on real time
        return (Int64(spec.tv_sec) - epochUnixSeconds) * 1_000_000 + Int64(spec.tv_nsec) / 1_000
    }

    /// Unix seconds, now (Standard Webhooks' `webhook-timestamp`).
    public func unixSeconds() -> Int64 {
        epochUnixSeconds + nowUs() / 1_000_000
    }
}
