import Edge
import Testing

@testable import Sim

/// The simulated browser's cookies: `Set-Cookie` parsed once by the rules of RFC 6265 section 5
/// (the examples of its section 3.1 among them), and a jar kept per registrable domain.
@Suite("Cookies and the cookie jar")
struct CookieTests {
    /// Virtual time 0 as Unix seconds, and the instant the answers arrive.
    static let epoch: Int64 = 1_600_000_000
    static let nowUs = 10 * VirtualTime.second

    struct Case: Sendable, CustomTestStringConvertible {
        let header: String
        var host = "www.example.com"
        var path = "/api/runbooks/r1"
        /// Nil: the whole header is refused.
        let expected: Cookie?
        var testDescription: String { header }
    }

    static func cookie(
        _ name: String, _ value: String, domain: String = "www.example.com", hostOnly: Bool = true,
        path: String = "/api/runbooks", secure: Bool = false, httpOnly: Bool = false,
        sameSite: Cookie.SameSite? = nil, expiresUs: Int64? = nil
    ) -> Cookie {
        Cookie(
            name: name, value: value, domain: domain, hostOnly: hostOnly, path: path, secure: secure,
            httpOnly: httpOnly, sameSite: sameSite, expiresUs: expiresUs)
    }

    static let cases: [Case] = [
        // RFC 6265 3.1: a session cookie, host-only, in the request path's directory.
        Case(header: "SID=31d4d96e407aad42", expected: cookie("SID", "31d4d96e407aad42")),
        Case(
            header: "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
            expected: cookie("SID", "31d4d96e407aad42", path: "/", secure: true, httpOnly: true)),
        Case(
            header: "lang=en-US; Path=/; Domain=example.com",
            expected: cookie("lang", "en-US", domain: "example.com", hostOnly: false, path: "/")),
        // An Expires date is placed on the virtual clock through the run's epoch.
        Case(
            header: "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
            expected: cookie("lang", "en-US", expiresUs: (1_623_233_894 - epoch) * VirtualTime.second)),
        Case(
            header: "lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
            expected: cookie("lang", "", expiresUs: (784_111_777 - epoch) * VirtualTime.second)),
        // Max-Age counts from the answer's arrival and wins over Expires, wherever it stands.
        Case(header: "a=b; Max-Age=60", expected: cookie("a", "b", expiresUs: nowUs + 60 * VirtualTime.second)),
        Case(
            header: "a=b; Max-Age=60; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
            expected: cookie("a", "b", expiresUs: nowUs + 60 * VirtualTime.second)),
        Case(header: "a=b; Max-Age=0", expected: cookie("a", "b", expiresUs: Int64.min)),
        Case(header: "a=b; Max-Age=-5", expected: cookie("a", "b", expiresUs: Int64.min)),
        // Attributes a browser ignores: a Max-Age that is not a number, a date that is not one,
        // an empty Domain, a relative Path, an unknown SameSite.
        Case(header: "a=b; Max-Age=1h", expected: cookie("a", "b")),
        Case(header: "a=b; Max-Age=+60", expected: cookie("a", "b")),
        Case(header: "a=b; Expires=tomorrow", expected: cookie("a", "b")),
        Case(header: "a=b; Expires=Wed, 31 Feb 2021 10:18:14 GMT", expected: cookie("a", "b")),
        Case(header: "a=b; Domain=", expected: cookie("a", "b")),
        Case(header: "a=b; Path=runbooks", expected: cookie("a", "b")),
        Case(header: "a=b; SameSite=Sometimes", expected: cookie("a", "b")),
        Case(header: "a=b; SameSite=strict", expected: cookie("a", "b", sameSite: .strict)),
        Case(header: "a=b; samesite=None; secure", expected: cookie("a", "b", secure: true, sameSite: .noRestriction)),
        // Names are case-insensitive, blanks are trimmed, the last of an attribute wins.
        Case(header: "  a = b c ;  PATH = /x ;path=/y", expected: cookie("a", "b c", path: "/y")),
        Case(
            header: "a=b; Domain=.Example.COM",
            expected: cookie("a", "b", domain: "example.com", hostOnly: false)),
        Case(header: "a=b=c", expected: cookie("a", "b=c")),
        Case(header: "a=b", path: "/", expected: cookie("a", "b", path: "/")),
        // Refused: no `=`, an empty name, a Domain the host is not in, a header too long.
        Case(header: "noequals", expected: nil),
        Case(header: "=value", expected: nil),
        Case(header: "a=b; Domain=other.org", expected: nil),
        Case(header: "a=b; Domain=ww.example.com", expected: nil),
        Case(header: "a=" + String(repeating: "x", count: Cookie.maxBytes), expected: nil),
    ]

    @Test(arguments: cases) func parsesASetCookieHeaderAsABrowserWould(_ item: Case) {
        let parsed = Cookie.parse(
            item.header, host: item.host, path: item.path, nowUs: Self.nowUs, epochUnixSeconds: Self.epoch)
        #expect(parsed == item.expected)
    }

    @Test func readsTheEdgesOwnPinCookie() throws {
        let header = EdgeRouter(name: "fastly", targets: ["aws"], window: 5, threshold: 3, initial: 4)
            .setCookie("aws")
        let cookie = try #require(
            Cookie.parse(header, host: "app.glassbreak.dev", path: "/api/me", nowUs: 0, epochUnixSeconds: Self.epoch))
        #expect(cookie.name == EdgeRouter.cookieName && cookie.value == "aws")
        #expect(cookie.path == "/" && cookie.secure && cookie.httpOnly && cookie.sameSite == .lax && cookie.hostOnly)
        #expect(cookie.expiresUs == 86_400 * VirtualTime.second)
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", Int64(784_111_777)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Wed, 09 Jun 2021 10:18:14 GMT", 1_623_233_894),
        ("29 Feb 2024 00:00:00", 1_709_164_800),
    ])
    func readsCookieDates(_ text: String, _ unixSeconds: Int64) {
        #expect(CookieDate.parse(text) == unixSeconds)
    }

    @Test(arguments: ["", "tomorrow", "29 Feb 2023 00:00:00", "06 Nov 1600 08:49:37", "06 Nov 1994 24:00:00"])
    func refusesWhatIsNotACookieDate(_ text: String) {
        #expect(CookieDate.parse(text) == nil)
    }

    @Test func keepsEachRegistrableDomainApart() throws {
        var jar = CookieJar()
        jar.store(Self.cookie("a", "1", domain: "app.example.com", path: "/"), nowUs: 0)
        jar.store(Self.cookie("b", "2", domain: "example.com", hostOnly: false, path: "/"), nowUs: 0)
        jar.store(Self.cookie("c", "3", domain: "app.other.org", path: "/"), nowUs: 0)
        #expect(jar.domains == ["example.com", "other.org"])
        #expect(jar.header(host: "app.example.com", path: "/", nowUs: 0) == "a=1; b=2")
        // A host-only cookie stays on its host; a Domain cookie reaches the siblings.
        #expect(jar.header(host: "api.example.com", path: "/", nowUs: 0) == "b=2")
        #expect(jar.header(host: "app.other.org", path: "/", nowUs: 0) == "c=3")
        #expect(jar.header(host: "example.net", path: "/", nowUs: 0) == nil)
    }

    @Test func ordersByPathThenCreationAndReplacesInPlace() {
        var jar = CookieJar()
        jar.store(Self.cookie("first", "1", path: "/"), nowUs: 0)
        jar.store(Self.cookie("deep", "2", path: "/api/runbooks"), nowUs: 0)
        jar.store(Self.cookie("second", "3", path: "/"), nowUs: 0)
        jar.store(Self.cookie("first", "4", path: "/"), nowUs: 0)
        #expect(jar.header(host: "www.example.com", path: "/api/runbooks/r1", nowUs: 0) == "deep=2; first=4; second=3")
        #expect(jar.header(host: "www.example.com", path: "/api/runbooksX", nowUs: 0) == "first=4; second=3")
        // Secure cookies stay off a plain channel.
        jar.store(Self.cookie("s", "5", path: "/", secure: true), nowUs: 0)
        #expect(jar.header(host: "www.example.com", path: "/", nowUs: 0, secureChannel: false) == "first=4; second=3")
    }

    @Test func expiresOnTheVirtualClockAndDeletesWithAPastExpiry() {
        var jar = CookieJar()
        jar.store(Self.cookie("a", "1", path: "/", expiresUs: 5 * VirtualTime.second), nowUs: 0)
        jar.store(Self.cookie("b", "2", path: "/"), nowUs: 0)
        #expect(jar.header(host: "www.example.com", path: "/", nowUs: 4 * VirtualTime.second) == "a=1; b=2")
        #expect(jar.header(host: "www.example.com", path: "/", nowUs: 5 * VirtualTime.second) == "b=2")
        jar.store(Self.cookie("b", "", path: "/", expiresUs: Int64.min), nowUs: 6)
        #expect(jar.header(host: "www.example.com", path: "/", nowUs: 6) == "a=1")
    }

    @Test func holdsABoundedNumberPerDomainEvictingTheOldest() {
        var jar = CookieJar()
        for index in 0...CookieJar.maxCookiesPerDomain {
            jar.store(Self.cookie("c\(index)", "v", path: "/"), nowUs: 0)
        }
        let sent = jar.cookies(host: "www.example.com", path: "/", nowUs: 0)
        #expect(sent.count == CookieJar.maxCookiesPerDomain)
        #expect(sent.first?.name == "c1")
    }

    @Test func aUserAgentPinsLikeTheEdgeAndReplacesThePinOnANewCookie() {
        let agent = UserAgent(epochUnixSeconds: Self.epoch)
        agent.pin("app.glassbreak.dev", to: "scaleway", nowUs: 0)
        #expect(agent.cookieHeader("app.glassbreak.dev", path: "/api/runbooks", nowUs: 0) == "gb_vertical=scaleway")
        let edge = EdgeRouter(name: "fastly", targets: ["aws", "scaleway"], window: 5, threshold: 3, initial: 4)
        agent.received(setCookie: edge.setCookie("aws"), from: "app.glassbreak.dev", path: "/api/runbooks", nowUs: 1)
        #expect(agent.cookieHeader("app.glassbreak.dev", path: "/api/me", nowUs: 2) == "gb_vertical=aws")
        #expect(agent.cookieHeader("status.glassbreak.dev", path: "/", nowUs: 2) == nil)
        agent.received(setCookie: "garbage", from: "app.glassbreak.dev", path: "/", nowUs: 3)
        #expect(agent.jar.domains == ["glassbreak.dev"])
    }
}
