/// Which rpId a relying party registers passkeys for and which origins it accepts for each rpId.
///
/// WebAuthn binds a passkey to its rpId: an assertion carries SHA-256 of the rpId and the origin
/// of the page that asked for it, and a relying party accepts it only from an origin allowed for
/// that rpId, by default the rpId's own `https://` origin. A site on several domains
/// (`glassbreak.io`, `glassbreak.cloud`, `glass-break.com`) that registers each passkey for the
/// domain the user signed up on therefore cannot use it on the others. WebAuthn Level 3 *related
/// origin requests* are the fix: one rpId for every passkey, and the other origins listed in the
/// rpId's `/.well-known/webauthn` document (`{"origins": [...]}`), so that a browser on a related
/// origin may use it and the relying party accepts it from there.
public struct WebAuthnPolicy: Sendable, Equatable {
    /// The rpId every passkey is registered for when the sign-up page's origin is allowed for it;
    /// nil: each passkey gets the host of the surface the user signed up on.
    public var rpID: String?
    /// Origins (`https://host`) accepted for ``rpID`` besides its own; listed in its
    /// `/.well-known/webauthn` document. At most ``maxRelatedOrigins``.
    public var relatedOrigins: [String]

    /// Most related origins a policy lists (WebAuthn Level 3 asks browsers to support at least
    /// five registrable-domain labels; the topology's bound is 16).
    public static let maxRelatedOrigins = 16

    public init(rpID: String? = nil, relatedOrigins: [String] = []) {
        precondition(relatedOrigins.count <= Self.maxRelatedOrigins, "at most 16 related origins")
        precondition(rpID != nil || relatedOrigins.isEmpty, "related origins belong to an rpId")
        self.rpID = rpID
        self.relatedOrigins = relatedOrigins
    }

    /// The origin of a page served on `host`: `https://host`, the host lower-cased and without a port.
    public static func origin(host: String) -> String {
        "https://" + Self.host(host)
    }

    /// `host` lower-cased and without a port (an HTTP authority's host part).
    public static func host(_ authority: String) -> String {
        String(authority.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
    }

    /// Origins accepted for passkeys of `rpID`: its own origin, and for the policy's rpId its
    /// related origins, in that order.
    public func allowedOrigins(rpID: String) -> [String] {
        let own = Self.origin(host: rpID)
        guard rpID == self.rpID else { return [own] }
        return [own] + relatedOrigins.filter { $0 != own }
    }

    /// The rpId a passkey created on a page of `host` is registered for: the policy's rpId when
    /// that page's origin may use it, else the host itself (a browser refuses an rpId the page
    /// may not use, so the site asks for its own).
    public func registrationRPID(host: String) -> String {
        let host = Self.host(host)
        if let rpID, allowedOrigins(rpID: rpID).contains(Self.origin(host: host)) { return rpID }
        return host
    }
}
