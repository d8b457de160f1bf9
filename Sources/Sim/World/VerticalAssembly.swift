import Foundation
import Logging
import Mechanisms
import Verticals

/// How a topology's verticals are built from its specification: their identity, authentication
/// settings, sync keys and sender settings. One place, so the simulator and the live mode
/// (`simctl serve`) run verticals that are configured exactly alike; only the entropy and the
/// log sink they are handed differ.
public enum VerticalAssembly {
    /// The authentication settings every vertical of a run shares: the JWT secret derived from
    /// `seed`, Argon2id, token lifetimes and the WebAuthn relying party from the topology.
    public static func authConfig(_ topology: Topology, seed: UInt64) -> AuthConfig {
        var config = AuthConfig(
            jwtSecret: SyncKeyring.derivedKey("glassbreak-jwt|\(seed)"),
            argon2: Argon2id.Parameters(
                memoryKiB: topology.auth.argon2MemoryKiB, iterations: topology.auth.argon2Iterations,
                parallelism: topology.auth.argon2Parallelism),
            accessTTLSeconds: topology.auth.accessTTLUs / VirtualTime.second,
            refreshTTLSeconds: topology.auth.refreshTTLUs / VirtualTime.second)
        config.webauthn = topology.auth.webauthn
        return config
    }

    /// The identity a vertical's responses carry.
    public static func identity(_ spec: VerticalSpec) -> VerticalIdentity {
        VerticalIdentity(
            id: spec.id, platform: spec.platform, environment: spec.environment, region: spec.region,
            database: spec.database, bucket: spec.bucket)
    }

    /// Opens vertical `spec` of `topology` in `directory` (its `ID.sqlite` and `ID-bucket/`), with
    /// one sync keyring per peer (derived from `seed`, or the topology's `sync.secret`).
    /// `passwords` computes the password hashes (the live mode: every one with libargon2; the
    /// simulator: a ``RememberingPasswordHasher`` shared by the world's verticals).
    public static func vertical(
        _ spec: VerticalSpec, of topology: Topology, seed: UInt64, auth: AuthConfig, directory: URL,
        entropy: any EntropySource, passwords: any PasswordHasher = Argon2idHasher(), logger: Logger,
        disabled: DisabledMechanisms
    ) throws -> Vertical {
        let vertical = try Vertical(
            identity: identity(spec), maxPayloadBytes: spec.runtime.maxPayloadBytes, directory: directory,
            keyrings: SyncKeys.keyrings(
                for: spec.id, among: topology.verticals.map(\.id), seed: seed, secret: topology.sync.secret),
            syncBatch: topology.sync.batch, syncToleranceUs: topology.sync.toleranceUs, auth: auth,
            entropy: entropy, passwords: passwords, logger: logger, disabled: disabled)
        // Envelopes carry Unix seconds on the tokens' epoch; the consumer judges them on it.
        vertical.consumer.epochUnixSeconds = auth.epochUnixSeconds
        return vertical
    }

    /// The settings of every pair's ``SyncSender``.
    public static func senderConfiguration(_ topology: Topology, disabled: DisabledMechanisms)
        -> SyncSender.Configuration
    {
        topology.sync.sender(disabled: disabled)
    }

    /// A keyring that no peer knows (what a forger would sign with).
    public static func foreignKeyring(for id: String, seed: UInt64) -> SyncKeyring {
        SyncKeys.wrongKeyring(for: id, seed: seed)
    }
}
