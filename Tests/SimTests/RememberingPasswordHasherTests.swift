import Testing
import Verticals

@testable import Sim

/// The simulator's remembering password hasher answers exactly as libargon2 does, runs Argon2id
/// only for what it has not computed before, and stays within its bound.
@Suite("Remembering password hasher")
struct RememberingPasswordHasherTests {
    /// Cheap parameters: libargon2's minimum memory, one pass.
    static let parameters = Argon2id.Parameters(memoryKiB: 8, iterations: 1, parallelism: 1)
    static let salt: [UInt8] = Array(0..<16)

    struct Case: Sendable, CustomTestStringConvertible {
        let stored: String
        let tried: String
        var testDescription: String { "\(stored) / \(tried)" }
    }

    static let cases: [Case] = [
        Case(stored: "correct horse battery", tried: "correct horse battery"),
        Case(stored: "correct horse battery", tried: "correct horse batterz"),
        Case(stored: "correct horse battery", tried: ""),
        Case(stored: "pässwörd-ünïcode", tried: "pässwörd-ünïcode"),
        Case(stored: "pässwörd-ünïcode", tried: "passwort-unicode"),
    ]

    @Test("the same answers as libargon2, first and second time", arguments: cases)
    func answersAsLibargon2(_ item: Case) throws {
        let hasher = RememberingPasswordHasher()
        let encoded = try hasher.hashEncoded(password: item.stored, salt: Self.salt, parameters: Self.parameters)
        #expect(
            encoded == (try Argon2id.hashEncoded(password: item.stored, salt: Self.salt, parameters: Self.parameters)))
        let expected = Argon2id.verify(encoded: encoded, password: item.tried)
        #expect(hasher.verify(encoded: encoded, password: item.tried) == expected)
        #expect(hasher.verify(encoded: encoded, password: item.tried) == expected)
        // The match is answered from memory both times; a mismatch is computed each time.
        #expect(hasher.computed == (expected ? 1 : 3))
        #expect(hasher.remembered == (expected ? 2 : 0))
    }

    @Test func aHashItDidNotComputeIsCheckedThenRemembered() throws {
        let encoded = try Argon2id.hashEncoded(password: "hunter22", salt: Self.salt, parameters: Self.parameters)
        let hasher = RememberingPasswordHasher()
        #expect(hasher.verify(encoded: encoded, password: "hunter22"))
        #expect(hasher.computed == 1 && hasher.remembered == 0)
        #expect(hasher.verify(encoded: encoded, password: "hunter22"))
        #expect(hasher.computed == 1 && hasher.remembered == 1)
        #expect(!hasher.verify(encoded: encoded, password: "hunter23"))
        #expect(hasher.computed == 2)
    }

    @Test func aChangedPasswordKeepsTheOldHashValidForItsOwnPassword() throws {
        let hasher = RememberingPasswordHasher()
        let old = try hasher.hashEncoded(password: "old password", salt: Self.salt, parameters: Self.parameters)
        let new = try hasher.hashEncoded(password: "new password", salt: Array(16..<32), parameters: Self.parameters)
        #expect(hasher.verify(encoded: old, password: "old password"))
        #expect(!hasher.verify(encoded: old, password: "new password"))
        #expect(hasher.verify(encoded: new, password: "new password"))
        #expect(!hasher.verify(encoded: new, password: "old password"))
    }

    @Test func forgetsEverythingWhenFull() throws {
        let hasher = RememberingPasswordHasher(capacity: 2)
        var hashes: [String] = []
        for index in 0..<3 {
            hashes.append(
                try hasher.hashEncoded(
                    password: "password \(index)", salt: Array(repeating: UInt8(index), count: 16),
                    parameters: Self.parameters))
        }
        // The third hash cleared the first two.
        #expect(hasher.verify(encoded: hashes[2], password: "password 2"))
        #expect(hasher.remembered == 1)
        #expect(hasher.verify(encoded: hashes[0], password: "password 0"))
        #expect(hasher.computed == 4)
    }
}
