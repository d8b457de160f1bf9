/// One cookie as a browser stores it: parsed once from a `Set-Cookie` header value by the rules of
/// RFC 6265 section 5.2 (parsing) and 5.3 (storage model), with `SameSite` as RFC 6265bis reads it.
///
/// Times are virtual: `Max-Age` counts from the virtual instant the response arrived, and
/// `Expires` (an HTTP date) is placed on the virtual clock through the run's Unix epoch (virtual
/// time 0 is `epochUnixSeconds`). Attributes a browser would ignore (a `Max-Age` that is not a
/// number, an `Expires` that is not a date, an unknown `SameSite`, an empty `Domain`) are ignored
/// the same way; a cookie a browser would refuse (no `=`, an empty name, a `Domain` the request
/// host does not belong to, more than ``maxBytes``) is refused: ``parse(_:host:path:nowUs:epochUnixSeconds:)``
/// returns nil.
struct Cookie: Equatable, Sendable {
    /// The `SameSite` attribute (RFC 6265bis 5.6.7).
    enum SameSite: String, Sendable {
        case strict = "Strict"
        case lax = "Lax"
        /// `SameSite=None` (Chromium's name; `.none` would read as a missing attribute).
        case noRestriction = "None"
    }

    /// The longest `Set-Cookie` value accepted, in bytes (browsers cap name plus value at 4096).
    static let maxBytes = 4096

    let name: String
    let value: String
    /// The domain the cookie belongs to, lower case, without a leading dot.
    let domain: String
    /// No `Domain` attribute: sent to `domain` exactly, not to its subdomains.
    let hostOnly: Bool
    let path: String
    let secure: Bool
    let httpOnly: Bool
    /// Nil when the header did not say (or said something unknown).
    let sameSite: SameSite?
    /// When the cookie expires on the virtual clock; nil for a session cookie (kept for the run).
    let expiresUs: Int64?

    /// A host-only cookie set by the client itself (a script's `pin:`), as a session cookie.
    init(
        name: String, value: String, domain: String, hostOnly: Bool = true, path: String = "/",
        secure: Bool = true, httpOnly: Bool = true, sameSite: SameSite? = .lax, expiresUs: Int64? = nil
    ) {
        self.name = name
        self.value = value
        self.domain = domain.lowercased()
        self.hostOnly = hostOnly
        self.path = path
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.expiresUs = expiresUs
    }

    /// Parses `setCookie`, received from `host` for a request to `path` at virtual `nowUs`; nil when
    /// a browser would ignore the whole header.
    static func parse(
        _ setCookie: String, host: String, path requestPath: String, nowUs: Int64, epochUnixSeconds: Int64
    ) -> Cookie? {
        guard setCookie.utf8.count <= maxBytes else { return nil }
        var parts = setCookie.split(separator: ";", omittingEmptySubsequences: false)[...]
        let pair = parts.removeFirst()
        guard let equals = pair.firstIndex(of: "=") else { return nil }
        let name = trimmed(pair[..<equals])
        let value = trimmed(pair[pair.index(after: equals)...])
        guard !name.isEmpty else { return nil }
        let host = host.lowercased()
        var attributes = Attributes()
        for part in parts { attributes.read(part, nowUs: nowUs, epochUnixSeconds: epochUnixSeconds) }
        let domain: String
        if let attribute = attributes.domain {
            guard domainMatches(host, attribute) else { return nil }
            domain = attribute
        } else {
            domain = host
        }
        return Cookie(
            name: name, value: value, domain: domain, hostOnly: attributes.domain == nil,
            path: attributes.path ?? defaultPath(requestPath), secure: attributes.secure,
            httpOnly: attributes.httpOnly, sameSite: attributes.sameSite,
            expiresUs: attributes.maxAgeExpiryUs ?? attributes.expiresUs)
    }

    /// Whether the cookie is past its expiry at `nowUs`.
    func isExpired(atUs nowUs: Int64) -> Bool {
        expiresUs.map { $0 <= nowUs } ?? false
    }

    /// Whether a request to `host` and `path` over a secure channel (or not) carries the cookie
    /// (RFC 6265 5.4, the domain, path and `Secure` rules).
    func applies(host: String, path requestPath: String, secureChannel: Bool) -> Bool {
        let host = host.lowercased()
        let domainOK = hostOnly ? host == domain : Self.domainMatches(host, domain)
        return domainOK && Self.pathMatches(requestPath, path) && (secureChannel || !secure)
    }

    /// RFC 6265 5.1.3: `host` is `domain` or a subdomain of it (IP addresses match only exactly).
    static func domainMatches(_ host: String, _ domain: String) -> Bool {
        if host == domain { return true }
        let isAddress = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
        return !isAddress && host.hasSuffix("." + domain)
    }

    /// RFC 6265 5.1.4: `requestPath` (its part before `?`) is at or below `cookiePath`.
    static func pathMatches(_ requestPath: String, _ cookiePath: String) -> Bool {
        let path = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if path == cookiePath { return true }
        guard path.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || path.dropFirst(cookiePath.count).first == "/"
    }

    /// RFC 6265 5.1.4: the directory of the request's path.
    static func defaultPath(_ requestPath: String) -> String {
        let path = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The attributes of one header, the last of each name winning (RFC 6265 5.3 step 3).
    private struct Attributes {
        var domain: String?
        var path: String?
        var secure = false
        var httpOnly = false
        var sameSite: SameSite?
        var maxAgeExpiryUs: Int64?
        var expiresUs: Int64?

        mutating func read(_ part: Substring, nowUs: Int64, epochUnixSeconds: Int64) {
            let name: String
            let value: String
            if let equals = part.firstIndex(of: "=") {
                name = trimmed(part[..<equals]).lowercased()
                value = trimmed(part[part.index(after: equals)...])
            } else {
                name = trimmed(part).lowercased()
                value = ""
            }
            switch name {
            case "expires":
                if let unixSeconds = CookieDate.parse(value) {
                    expiresUs = Self.virtualUs(unixSeconds - epochUnixSeconds)
                }
            case "max-age":
                if let seconds = Self.deltaSeconds(value) {
                    maxAgeExpiryUs = seconds <= 0 ? Int64.min : nowUs &+ Self.virtualUs(seconds)
                }
            case "domain":
                // An empty Domain is ignored (5.2.3); a leading dot is dropped.
                let domain = value.hasPrefix(".") ? String(value.dropFirst()) : value
                if !domain.isEmpty { self.domain = domain.lowercased() }
            case "path":
                path = value.hasPrefix("/") ? value : nil
            case "secure": secure = true
            case "httponly": httpOnly = true
            case "samesite":
                sameSite = SameSite.allCases.first { $0.rawValue.lowercased() == value.lowercased() }
            default: break
            }
        }

        /// 5.2.2: an optional `-` then digits, nothing else; saturated to a bounded number of seconds.
        static func deltaSeconds(_ value: String) -> Int64? {
            let digits = value.hasPrefix("-") ? value.dropFirst() : value[...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let magnitude = digits.count > 12 ? maxSeconds : min(maxSeconds, Int64(digits)!)
            return value.hasPrefix("-") ? -magnitude : magnitude
        }

        /// Lifetimes are capped at 400 days (RFC 6265bis 5.5), so no expiry overflows.
        static let maxSeconds: Int64 = 400 * 86_400

        static func virtualUs(_ seconds: Int64) -> Int64 {
            seconds.multipliedReportingOverflow(by: VirtualTime.second).overflow
                ? (seconds < 0 ? Int64.min : Int64.max) : seconds * VirtualTime.second
        }
    }
}

extension Cookie.SameSite: CaseIterable {}
