import Crypto
import Foundation
import GRDB
import Testing

@testable import Verticals

@Suite("Signed sync")
struct SyncTests {
    /// RFC 4231 §4.2 and §4.3, HMAC-SHA-256, through the same swift-crypto calls the signer uses.
    @Test(arguments: [
        (
            [UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
    ])
    func hmacMatchesRFC4231(key: [UInt8], data: [UInt8], expected: String) {
        let mac = HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key))
        #expect(Bucket.hex(mac) == expected)
    }

    @Test func signaturesVerifyAndRotationAcceptsEitherKey() {
        let old = SyncKeyring.derivedKey("old"), new = SyncKeyring.derivedKey("new")
        let body = Data("{}".utf8)
        let header = SyncSignature.sign(
            id: "aws:1", timestampSeconds: 10, body: body, keyring: SyncKeyring(keys: [new, old]))
        #expect(header.split(separator: " ").count == 2)
        #expect(header.hasPrefix("v1,"))
        #expect(
            SyncSignature.verify(
                id: "aws:1", timestampSeconds: 10, body: body, header: header, keyring: SyncKeyring(keys: [old])))
        #expect(
            SyncSignature.verify(
                id: "aws:1", timestampSeconds: 10, body: body, header: header, keyring: SyncKeyring(keys: [new])))
        #expect(
            !SyncSignature.verify(
                id: "aws:2", timestampSeconds: 10, body: body, header: header, keyring: SyncKeyring(keys: [new])))
        #expect(
            !SyncSignature.verify(
                id: "aws:1", timestampSeconds: 11, body: body, header: header, keyring: SyncKeyring(keys: [new])))
    }

    @Test func aWriteReplicatesToThePeerAndAppliesOnce() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T", "body": "B"])
        let receipts = try aws.replicate(to: scaleway)
        #expect(receipts.first?.applied.count == 1)
        #expect(scaleway.call(.get, "/api/runbooks/r1").json["title"] as? String == "T")
        // Nothing replayed into the peer's outbox.
        #expect(try scaleway.publisher.latestSeq() == 0)
        #expect(scaleway.consumer.counters.emittedDuringApply == 0)
    }

    @Test func duplicatedDeliveryAppliesOnce() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        let (envelope, _) = try #require(try aws.publisher.envelope(to: "scaleway", afterSeq: 0, timestampSeconds: 2))
        let first = scaleway.receiveSync(envelope, from: "aws", nowUs: 2_000_000)
        let second = scaleway.receiveSync(envelope, from: "aws", nowUs: 2_000_000)
        #expect(first.applied.count == 1)
        #expect(second.applied.isEmpty)
        #expect(second.duplicates == 1)
        #expect(second.ack.appliedSeq == 1)
    }

    @Test func outOfOrderDeliveryWaitsForTheGapToBeFilled() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        aws.call(.post, "/api/runbooks", json: ["id": "r2", "title": "T"])
        let (later, _) = try #require(try aws.publisher.envelope(to: "scaleway", afterSeq: 1, timestampSeconds: 2))
        let early = scaleway.receiveSync(later, from: "aws", nowUs: 2_000_000)
        #expect(early.gap && early.ack.gap)
        #expect(early.applied.isEmpty)
        #expect(early.ack.appliedSeq == 0)
        try aws.replicate(to: scaleway)
        #expect(try scaleway.consumer.appliedSeq(from: "aws") == 2)
    }

    enum Tampering: String, CaseIterable {
        case body, wrongKey, expired, wrongOrigin
    }

    @Test(arguments: Tampering.allCases)
    func tamperedExpiredAndWronglySignedEnvelopesAreRejectedAndCounted(tampering: Tampering) throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        let wrong = SyncKeyring(keys: [SyncKeyring.derivedKey("attacker")])
        var (envelope, _) = try #require(
            try aws.publisher.envelope(
                to: "scaleway", afterSeq: 0, timestampSeconds: 2, signingKeyring: tampering == .wrongKey ? wrong : nil))
        var nowUs: Int64 = 2_000_000
        var sender = "aws"
        let expected: SyncRejection
        switch tampering {
        case .body:
            envelope.body = Data(
                String(decoding: envelope.body, as: UTF8.self).replacingOccurrences(of: "T", with: "X").utf8)
            expected = .badSignature
        case .wrongKey: expected = .badSignature
        case .expired:
            nowUs += 301_000_000
            expected = .expired
        case .wrongOrigin:
            sender = "fly"
            expected = .badSignature
        }
        let receipt = scaleway.receiveSync(envelope, from: sender, nowUs: nowUs)
        #expect(receipt.ack.rejection == expected)
        #expect(receipt.applied.isEmpty)
        #expect(scaleway.consumer.counters.rejectedCount(expected) == 1)
        #expect(scaleway.call(.get, "/api/runbooks/r1").status == 404)
    }

    @Test func concurrentWritesToOneRunbookConvergeEverywhere() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "v0"], nowUs: 1_000_000)
        try aws.replicate(to: scaleway)
        // Both update during a partition; scaleway's write is later.
        aws.call(.put, "/api/runbooks/r1", json: ["title": "from aws"], nowUs: 5_000_000)
        scaleway.call(.put, "/api/runbooks/r1", json: ["title": "from scaleway"], nowUs: 5_000_500)
        try aws.replicate(to: scaleway, nowUs: 6_000_000)
        try scaleway.replicate(to: aws, nowUs: 6_000_000)
        let onAws = aws.call(.get, "/api/runbooks/r1").json, onScaleway = scaleway.call(.get, "/api/runbooks/r1").json
        #expect(onAws["title"] as? String == "from scaleway")
        #expect(onScaleway["title"] as? String == "from scaleway")
        #expect(onAws["hlc"] as? Int64 == onScaleway["hlc"] as? Int64)
    }

    @Test func deletesAreTombstonesThatReplicate() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        #expect(aws.call(.delete, "/api/runbooks/r1", nowUs: 1_500_000).status == 204)
        try aws.replicate(to: scaleway)
        #expect(scaleway.call(.get, "/api/runbooks/r1").status == 404)
        let row = try scaleway.database.read { try RunbookRow.find($0, id: "r1") }
        #expect(row?.deleted == 1)
    }

    @Test func attachmentBytesTravelWithTheSync() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        let bytes = Data((0..<3000).map { UInt8($0 % 251) })
        #expect(aws.call(.put, "/api/runbooks/r1/attachments/plan.pdf", body: bytes).status == 201)
        try aws.replicate(to: scaleway)
        let download = scaleway.call(.get, "/api/runbooks/r1/attachments/plan.pdf")
        #expect(download.status == 200)
        #expect(download.body == bytes)
    }
}
