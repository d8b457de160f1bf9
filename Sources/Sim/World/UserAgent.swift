import Edge

/// One simulated user's browser: its DNS resolver cache and its cookie jar. It resolves the
/// surfaces the user visits, stores the cookies answers set (parsed once, into ``Cookie``), and
/// builds the `Cookie` header of each request.
final class UserAgent {
    private var resolver = ResolverCache()
    private(set) var jar = CookieJar()
    /// Virtual time 0 as Unix seconds, to place an `Expires` date on the virtual clock.
    let epochUnixSeconds: Int64

    init(epochUnixSeconds: Int64) {
        self.epochUnixSeconds = epochUnixSeconds
    }

    /// Resolves `surface` at `nowUs`, from the cache when fresh; nil is NXDOMAIN.
    func resolve(_ surface: String, nowUs: Int64, directory: DomainDirectory) -> DNSAnswer? {
        resolver.resolve(surface, nowUs: nowUs, directory: directory)
    }

    /// The `Cookie` header for a request to `surface` and `path` (the simulated users always use
    /// HTTPS).
    func cookieHeader(_ surface: String, path: String, nowUs: Int64) -> String? {
        jar.header(host: surface, path: path, nowUs: nowUs)
    }

    /// The session pin a request to `surface` and `path` carries to the edge: the value the edge
    /// would read from its `Cookie` header (``CookieJar/pin(host:path:nowUs:secureChannel:)``).
    func sessionPin(_ surface: String, path: String, nowUs: Int64) -> String? {
        jar.pin(host: surface, path: path, nowUs: nowUs)
    }

    /// Stores the cookie of a `Set-Cookie` value received from `surface` for a request to `path`;
    /// a value a browser would refuse is dropped, as a browser drops it.
    func received(setCookie: String, from surface: String, path: String, nowUs: Int64) {
        guard
            let cookie = Cookie.parse(
                setCookie, host: surface, path: path, nowUs: nowUs, epochUnixSeconds: epochUnixSeconds)
        else { return }
        jar.store(cookie, nowUs: nowUs)
    }

    /// Pins the user's session on `surface` to `vertical` by hand (a script step's `pin:`), as a
    /// session cookie like the edge's own.
    func pin(_ surface: String, to vertical: String, nowUs: Int64) {
        jar.store(Cookie(name: EdgeRouter.cookieName, value: vertical, domain: surface), nowUs: nowUs)
    }
}
