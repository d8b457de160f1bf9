/// The users' access link: the one-way latency of each client-side hop (client to edge, edge to
/// vertical, client to vertical), drawn from one stream shared by every hop so the draws happen
/// in the order the hops do.
final class ClientLatency {
    let link: LinkSpec
    private var random: Xoshiro256

    init(link: LinkSpec, random: SimRandom) {
        self.link = link
        self.random = random.stream("client.latency")
    }

    /// One hop's latency: the link's latency plus a jitter draw.
    func drawUs() -> Int64 {
        link.latencyUs + random.jitter(link.jitterUs)
    }
}
