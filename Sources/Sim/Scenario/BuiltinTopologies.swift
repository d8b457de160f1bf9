/// The built-in topologies, written in the scenario format itself so that an inline topology
/// with `use:` merges onto exactly what a user could have typed.
///
/// Figures follow the providers' documentation where it gives them: Lambda's 29 s API Gateway
/// integration timeout and 6 MB synchronous payload; Scaleway Functions' 15 min timeout; Scaleway
/// Serverless SQL sleeping after 5 minutes idle and waking in about 2 s; Neon's compute
/// suspending after 5 minutes idle (its default `suspend_timeout`) and waking in about 500 ms.
/// The design's placement is kept: Neon in Frankfurt (`eu-central-1`) behind Lambda in
/// `us-east-1`, so every AWS request pays the transatlantic round trip (``RegionLatency``).
public enum BuiltinTopologies {
    /// Names accepted by `topology: NAME`.
    public static let names = ["standard", "three-verticals"]

    /// The YAML of the built-in called `name`.
    public static func yaml(_ name: String) -> String? {
        switch name {
        case "standard": return standard
        case "three-verticals": return threeVerticals
        default: return nil
        }
    }

    static let twoVerticals = """
        - id: aws
          platform: aws-lambda
          environment: production
          region: us-east-1
          database: neon-postgres
          database_region: eu-central-1
          bucket: s3
          runtime: {cold_start: 250ms, warm_latency: 15ms, timeout: 29s, max_payload: 6MB, idle_eviction: 10m, concurrency: 1000}
          database_idle: {after: 5m, cold_start: 500ms}
        - id: scaleway
          platform: scaleway-functions
          environment: production
          region: fr-par
          database: scaleway-serverless-sql
          bucket: scaleway-object-storage
          runtime: {cold_start: 400ms, warm_latency: 20ms, timeout: 15m, max_payload: 6MB, idle_eviction: 15m, concurrency: 100}
          database_idle: {after: 5m, cold_start: 2s}
        """

    static let commonSections = """
        edge: {name: fastly, health_check: {interval: 5s, timeout: 2s, window: 5, threshold: 3, initial: 4}}
        network: {links: {default: {latency: 80ms, jitter: 20ms}}, client: {latency: 20ms, jitter: 5ms}}
        sync: {batch: 100, publish_delay: 10ms, retry: {initial: 100ms, max: 10s}, tolerance: 5m}
        auth: {argon2: {memory: 19MiB, iterations: 2, parallelism: 1}, access_ttl: 15m, refresh_ttl: 30d}
        """

    static let standard = """
        verticals:
        \(twoVerticals)
        domains:
        - {name: glassbreak.io, registrar: registrar-a, dns_ttl: 60s, edge: fastly, targets: [aws, scaleway]}
        - {name: glassbreak.cloud, registrar: registrar-b, dns_ttl: 300s, targets: [aws]}
        - {name: glass-break.com, registrar: registrar-c, dns_ttl: 300s, targets: [scaleway]}
        \(commonSections)
        """

    static let threeVerticals = """
        verticals:
        \(twoVerticals)
        - id: fly
          platform: fly-machines
          environment: production
          region: fra
          database: fly-postgres
          bucket: tigris
          runtime: {cold_start: 300ms, warm_latency: 12ms, timeout: 60s, max_payload: 6MB, idle_eviction: 5m, concurrency: 250}
        domains:
        - {name: glassbreak.io, registrar: registrar-a, dns_ttl: 60s, edge: fastly, targets: [aws, scaleway, fly]}
        - {name: glassbreak.cloud, registrar: registrar-b, dns_ttl: 300s, targets: [aws]}
        - {name: glass-break.com, registrar: registrar-c, dns_ttl: 300s, targets: [scaleway]}
        - {name: glassbreak.eu, registrar: registrar-d, dns_ttl: 300s, targets: [fly]}
        \(commonSections)
        """
}
