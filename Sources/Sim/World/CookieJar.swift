import Edge

/// A browser's cookie store (RFC 6265 5.3 and 5.4), one per simulated user, kept per registrable
/// domain so one site's cookies never leak to another's.
///
/// Order is deterministic: within a domain, cookies keep the order they were first stored in (a
/// replaced cookie keeps its place and its creation time, as 5.3 step 11 asks), and a `Cookie`
/// header lists longer paths first, then earlier creation (5.4 step 2). Bounded: at most
/// ``maxCookiesPerDomain`` per registrable domain, the oldest evicted first.
struct CookieJar {
    /// Cookies kept per registrable domain.
    static let maxCookiesPerDomain = 50

    /// Cookies per registrable domain, in creation order.
    private var cookies: [String: [Cookie]] = [:]

    /// The registrable domain of `host`: its last two labels. There is no public suffix list in the
    /// simulator, so under a multi-label public suffix (`co.uk`) two sites share a key; cookies
    /// still only go where ``Cookie/applies(host:path:secureChannel:)`` says.
    static func registrableDomain(_ host: String) -> String {
        let labels = host.lowercased().split(separator: ".")
        return labels.suffix(2).joined(separator: ".")
    }

    /// Stores `cookie`, replacing the one with the same name, domain and path; a cookie that
    /// arrives already expired deletes that one instead.
    mutating func store(_ cookie: Cookie, nowUs: Int64) {
        let key = Self.registrableDomain(cookie.domain)
        var list = cookies[key] ?? []
        let existing = list.firstIndex {
            $0.name == cookie.name && $0.domain == cookie.domain && $0.path == cookie.path
        }
        if cookie.isExpired(atUs: nowUs) {
            if let existing { list.remove(at: existing) }
        } else if let existing {
            list[existing] = cookie
        } else {
            if list.count >= Self.maxCookiesPerDomain { list.removeFirst() }
            list.append(cookie)
        }
        cookies[key] = list.isEmpty ? nil : list
    }

    /// The cookies a request to `host` and `path` carries at `nowUs`, in the order of 5.4.
    func cookies(host: String, path: String, nowUs: Int64, secureChannel: Bool = true) -> [Cookie] {
        let list = cookies[Self.registrableDomain(host)] ?? []
        let sending = list.enumerated().filter { _, cookie in
            !cookie.isExpired(atUs: nowUs) && cookie.applies(host: host, path: path, secureChannel: secureChannel)
        }
        return sending.sorted { a, b in
            a.element.path.count != b.element.path.count
                ? a.element.path.count > b.element.path.count : a.offset < b.offset
        }.map(\.element)
    }

    /// The `Cookie` header value for a request (nil when no cookie applies).
    func header(host: String, path: String, nowUs: Int64, secureChannel: Bool = true) -> String? {
        let sending = cookies(host: host, path: path, nowUs: nowUs, secureChannel: secureChannel)
        guard !sending.isEmpty else { return nil }
        return sending.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// The session pin the edge reads from a request's cookies: the same value as
    /// ``EdgeRouter/pin(cookieHeader:)`` of ``header(host:path:nowUs:secureChannel:)``, handed over
    /// typed instead of written into a header and parsed back. When every cookie sent is plain
    /// (printable ASCII without blanks or `;`, a non-empty value) the header's parse is the first
    /// `gb_vertical` cookie's value; anything else goes through the header and its parse.
    func pin(host: String, path: String, nowUs: Int64, secureChannel: Bool = true) -> String? {
        let sending = cookies(host: host, path: path, nowUs: nowUs, secureChannel: secureChannel)
        guard !sending.isEmpty else { return nil }
        guard sending.allSatisfy({ Self.isPlain($0.name) && Self.isPlain($0.value) }) else {
            return EdgeRouter.pin(cookieHeader: sending.map { "\($0.name)=\($0.value)" }.joined(separator: "; "))
        }
        return sending.first { $0.name == EdgeRouter.cookieName }?.value
    }

    /// Non-empty, printable ASCII without blanks or `;`: read back from a `Cookie` header as it is.
    private static func isPlain(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }
    }

    /// The registrable domains holding cookies, sorted.
    var domains: [String] { cookies.keys.sorted() }
}
