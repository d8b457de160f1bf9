import Crypto
import Foundation
import Testing

@testable import Verticals

/// The relying party's assertion check against a real browser assertion (Chrome, rpId
/// `localhost`, origin `http://localhost:3000`, challenge "444" in base64url, flags UP|UV,
/// counter 0; ES256 key as SPKI), verified independently with Python's `cryptography`.
@Suite("WebAuthn verifier")
struct WebAuthnVerifierTests {
    static func b64url(_ text: String) -> Data {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        s = s.replacingOccurrences(of: "=", with: "")
        s += String(repeating: "=", count: (4 - s.count % 4) % 4)
        return Data(base64Encoded: s)!
    }

    static let publicKey = b64url(
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQ2gszRvnpF1j17un_sxLi6T9FJ_OtnkUrV77mlqYKn2FnnyIB79RXt9d41FY4xJ4Q1Vkrsi9WigsWi-wZ_8QOg"
    )
    static let authenticatorData = b64url("SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAA")
    static let clientDataJSON = b64url(
        "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiNDQ0Iiwib3JpZ2luIjoiaHR0cDovL2xvY2FsaG9zdDozMDAwIiwiY3Jvc3NPcmlnaW4iOmZhbHNlLCJvdGhlcl9rZXlzX2Nhbl9iZV9hZGRlZF9oZXJlIjoiZG8gbm90IGNvbXBhcmUgY2xpZW50RGF0YUpTT04gYWdhaW5zdCBhIHRlbXBsYXRlLiBTZWUgaHR0cHM6Ly9nb28uZ2wveWFiUGV4In0"
    )
    static let signature = b64url(
        "MEQCICEHhoUCeXV0kvtaNaBO6z5yYB4J93bU3E7YWTvZVR48AiAh_qzZU60iPJDOdyVR8NdWZpdEbiU7eMtb9a4j6asOiQ")

    static func verify(
        rpID: String = "localhost", origins: [String] = ["http://localhost:3000"], challenge: Data = b64url("444"),
        authenticatorData: Data = authenticatorData, stored: UInt32 = 0
    ) throws -> Result<UInt32, WebAuthnVerifier.Failure> {
        WebAuthnVerifier.verify(
            authenticatorData: authenticatorData, clientDataJSON: clientDataJSON, signatureDER: signature,
            publicKey: try P256.Signing.PublicKey(derRepresentation: publicKey), challenge: challenge, rpID: rpID,
            allowedOrigins: origins, requireUserVerification: true, storedSignCount: stored)
    }

    @Test func theRealBrowserAssertionVerifies() throws {
        #expect(try Self.verify() == .success(0))
    }

    @Test func eachRelyingPartyCheckRefusesWhatItGuards() throws {
        #expect(try Self.verify(rpID: "glassbreak.io") == .failure(.rpID))
        #expect(try Self.verify(origins: ["https://glassbreak.io"]) == .failure(.origin))
        #expect(try Self.verify(challenge: Data("445".utf8)) == .failure(.challenge))
        var tampered = Self.authenticatorData
        tampered[36] = 1  // counter 1: the signature no longer matches
        #expect(try Self.verify(authenticatorData: tampered) == .failure(.signature))
        var noPresence = Self.authenticatorData
        noPresence[32] = 0x04
        #expect(try Self.verify(authenticatorData: noPresence) == .failure(.userPresence))
        #expect(try Self.verify(stored: 5) == .failure(.counter))
    }
}
