import Crypto
import Foundation
import Testing

@testable import Verticals

/// The login route's passkey step end to end: sign-up registers the passkey for an rpId, the
/// password step hands out the challenge, and the assertion a ``WebAuthnAuthenticator`` builds
/// is checked by ``WebAuthnVerifier`` for rpId, origin, challenge, flags and counter.
@Suite("Passkey login")
struct PasskeyLoginTests {
    static let key = WebAuthnAuthenticator(
        privateKey: try! P256.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32)))
    static let otherKey = WebAuthnAuthenticator(
        privateKey: try! P256.Signing.PrivateKey(rawRepresentation: Data(repeating: 9, count: 32)))

    /// Signs alice up through `host`; returns the rpId the answer names.
    func signup(_ vertical: Vertical, via host: String) throws -> String {
        let response = vertical.call(
            .post, "/api/auth/signup", user: nil,
            json: [
                "email": "alice@example.test", "password": "correct horse", "webauthn_key": Self.key.publicKeyBase64,
            ],
            authority: host)
        #expect(response.status == 201)
        return try #require(response.json["webauthn_rp_id"] as? String)
    }

    /// One change to an honest assertion.
    enum Tamper: String, CaseIterable {
        case none, wrongRPID, wrongOrigin, lyingOrigin, wrongChallenge, noUserPresence, noUserVerification,
            staleCounter, badSignature
    }

    /// The password step on `host`, then an assertion (changed by `tamper`) on the same host.
    func login(
        _ vertical: Vertical, via host: String, rpID: String, count: UInt32, tamper: Tamper = .none,
        nowUs: Int64 = 3_000_000
    ) throws -> APIResponse {
        let step = vertical.call(
            .post, "/api/auth/login", user: nil, json: ["email": "alice@example.test", "password": "correct horse"],
            nowUs: nowUs, authority: host)
        let mfa = try #require(step.json["mfa_token"] as? String)
        let options = try #require(step.json["webauthn"] as? [String: Any])
        #expect(options["rp_id"] as? String == rpID)
        let challengeText = try #require(options["challenge"] as? String)
        var challenge = try #require(WebAuthnVerifier.base64URLDecoded(challengeText))
        var origin = WebAuthnPolicy.origin(host: host)
        var assertingRPID = rpID
        var flags = WebAuthnVerifier.userPresent | WebAuthnVerifier.userVerified
        var signer = Self.key
        switch tamper {
        case .none, .staleCounter: break
        case .wrongRPID: assertingRPID = "glass-break.com"
        case .wrongOrigin: origin = "https://glass-break.com"
        case .lyingOrigin: origin = "https://evil.example"
        case .wrongChallenge: challenge[0] ^= 1
        case .noUserPresence: flags = WebAuthnVerifier.userVerified
        case .noUserVerification: flags = WebAuthnVerifier.userPresent
        case .badSignature: signer = Self.otherKey
        }
        let assertion = try signer.assert(
            rpID: assertingRPID, challenge: challenge, origin: origin, signCount: count, flags: flags)
        return vertical.call(
            .post, "/api/auth/login/webauthn", user: nil,
            json: [
                "mfa_token": mfa,
                "authenticator_data": WebAuthnVerifier.base64URL(assertion.authenticatorData),
                "client_data_json": WebAuthnVerifier.base64URL(assertion.clientDataJSON),
                "signature": WebAuthnVerifier.base64URL(assertion.signature),
            ], nowUs: nowUs, authority: host)
    }

    @Test func signupRegistersThePasskeyForTheSurfaceUsed() throws {
        let aws = try makeVertical("aws")
        #expect(try signup(aws, via: "glassbreak.cloud") == "glassbreak.cloud")
        let ok = try login(aws, via: "glassbreak.cloud", rpID: "glassbreak.cloud", count: 1)
        #expect(ok.status == 200)
        #expect(ok.json["access_token"] is String)
        #expect(aws.authCounters.logins(.passkey) == 1)
    }

    static let refusals: [(Tamper, WebAuthnVerifier.Failure)] = [
        (.wrongRPID, .rpID), (.wrongOrigin, .origin), (.lyingOrigin, .origin), (.wrongChallenge, .challenge),
        (.noUserPresence, .userPresence), (.noUserVerification, .userVerification), (.staleCounter, .counter),
        (.badSignature, .signature),
    ]

    @Test(arguments: refusals)
    func eachRelyingPartyCheckRefusesThroughTheRoute(tamper: Tamper, failure: WebAuthnVerifier.Failure) throws {
        let aws = try makeVertical("aws")
        let rpID = try signup(aws, via: "glassbreak.io")
        #expect(try login(aws, via: "glassbreak.io", rpID: rpID, count: 3).status == 200)
        let count: UInt32 = tamper == .staleCounter ? 3 : 4
        let refused = try login(aws, via: "glassbreak.io", rpID: rpID, count: count, tamper: tamper)
        #expect(refused.status == 401)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("passkey refused: \(failure.rawValue)"))
        #expect(aws.authCounters.passkeyRefusals == [failure: 1])
        #expect(aws.authCounters.passkeyWrongOrigin == (failure == .origin ? ["glassbreak.io": 1] : [:]))
        #expect(try login(aws, via: "glassbreak.io", rpID: rpID, count: 5).status == 200, "the honest one still works")
    }

    @Test func aPasskeyOfOneDomainIsRefusedOnTheOthersAndCountedPerSurface() throws {
        let aws = try makeVertical("aws")
        let rpID = try signup(aws, via: "glassbreak.io")
        for (host, count) in [("glassbreak.cloud", UInt32(1)), ("glass-break.com", 2), ("glassbreak.cloud", 3)] {
            let refused = try login(aws, via: host, rpID: rpID, count: count)
            #expect(refused.status == 401)
        }
        #expect(aws.authCounters.passkeyWrongOrigin == ["glassbreak.cloud": 2, "glass-break.com": 1])
        #expect(try login(aws, via: "glassbreak.io", rpID: rpID, count: 4).status == 200)
    }

    @Test func relatedOriginsMakeOnePasskeyWorkOnEveryListedDomain() throws {
        var auth = testAuth
        auth.webauthn = WebAuthnPolicy(rpID: "glassbreak.io", relatedOrigins: ["https://glassbreak.cloud"])
        let aws = try makeVertical("aws", auth: auth)
        #expect(try signup(aws, via: "glassbreak.cloud") == "glassbreak.io", "registered for the policy's rpId")
        #expect(try login(aws, via: "glassbreak.cloud", rpID: "glassbreak.io", count: 1).status == 200)
        #expect(try login(aws, via: "glassbreak.io", rpID: "glassbreak.io", count: 2).status == 200)
        #expect(try login(aws, via: "glass-break.com", rpID: "glassbreak.io", count: 3).status == 401, "not listed")
        #expect(aws.authCounters.passkeyWrongOrigin == ["glass-break.com": 1])
        let document = aws.call(.get, "/.well-known/webauthn", user: nil, authority: "glassbreak.io")
        #expect(document.status == 200)
        #expect(document.json["origins"] as? [String] == ["https://glassbreak.cloud"])
        #expect(aws.call(.get, "/.well-known/webauthn", user: nil, authority: "glassbreak.cloud").status == 404)
    }

    @Test func aSignupOnAnUnrelatedDomainKeepsItsOwnRPID() throws {
        var auth = testAuth
        auth.webauthn = WebAuthnPolicy(rpID: "glassbreak.io", relatedOrigins: ["https://glassbreak.cloud"])
        let aws = try makeVertical("aws", auth: auth)
        #expect(try signup(aws, via: "glass-break.com") == "glass-break.com")
    }

    @Test func malformedAssertionsAndKeysAreBadRequests() throws {
        let aws = try makeVertical("aws")
        let badKey = aws.call(
            .post, "/api/auth/signup", user: nil,
            json: ["email": "bob@example.test", "password": "correct horse", "webauthn_key": "bm90IGEga2V5"])
        #expect(badKey.status == 400)
        _ = try signup(aws, via: "glassbreak.io")
        let step = aws.call(
            .post, "/api/auth/login", user: nil, json: ["email": "alice@example.test", "password": "correct horse"])
        let mfa = try #require(step.json["mfa_token"] as? String)
        let missing = aws.call(
            .post, "/api/auth/login/webauthn", user: nil, json: ["mfa_token": mfa, "signature": "AA"])
        #expect(missing.status == 400)
        let garbage = aws.call(
            .post, "/api/auth/login/webauthn", user: nil,
            json: ["mfa_token": mfa, "authenticator_data": "AA", "client_data_json": "AA", "signature": "AA"])
        #expect(garbage.status == 401)
        #expect(aws.authCounters.passkeyRefusals == [.malformed: 1])
    }

    @Test func wrongOriginCountsKeepABoundedNumberOfHosts() {
        var counters = AuthCounters()
        for index in 0..<70 { counters.countWrongOrigin(host: "h\(index).example") }
        counters.countWrongOrigin(host: "h0.example")
        #expect(counters.passkeyWrongOrigin.count == AuthCounters.maxCountedHosts)
        #expect(counters.passkeyWrongOrigin["h0.example"] == 2)
        #expect(counters.passkeyWrongOrigin[AuthCounters.otherHosts] == 7)
    }
}
