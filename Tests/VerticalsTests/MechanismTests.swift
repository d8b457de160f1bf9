import Foundation
import GRDB
import HTTPTypes
import Mechanisms
import Testing

@testable import Verticals

/// Each mechanism a vertical owns, with and without it: the option set reaches the one place
/// the mechanism lives, and removing it breaks exactly what it prevents.
@Suite("Mechanisms of a vertical")
struct MechanismTests {
    func outboxRows(_ vertical: Vertical) throws -> Int {
        try vertical.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    @Test func withoutTheConsumerFlagAReplayedRowReentersTheOutbox() throws {
        for disabled in [DisabledMechanisms.none, [.consumerFlag]] {
            let aws = try makeVertical("aws")
            let scaleway = try makeVertical("scaleway", disabled: disabled)
            aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
            let receipts = try aws.replicate(to: scaleway)
            #expect(receipts.reduce(0) { $0 + $1.emittedDuringApply } == (disabled.isEmpty ? 0 : 1))
            #expect(try outboxRows(scaleway) == (disabled.isEmpty ? 0 : 1))
        }
    }

    @Test func withoutTheOutboxTransactionTheRowWaitsAndACrashLosesIt() throws {
        let aws = try makeVertical("aws", disabled: [.outboxTransaction])
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        #expect(try outboxRows(aws) == 0, "committed without its outbox row")
        #expect(aws.database.deferredOutboxRows == 1)
        #expect(try aws.relayDeferredOutbox() == 1)
        #expect(try outboxRows(aws) == 1)
        aws.call(.post, "/api/runbooks", json: ["id": "r2", "title": "T"])
        #expect(try aws.crash() == 1, "the crash between commit and relay loses the row")
        #expect(try aws.relayDeferredOutbox() == 0)
        #expect(try aws.database.read { try RunbookRow.find($0, id: "r2") } != nil, "the change itself committed")
    }

    @Test func withoutTheSignatureCheckAWronglySignedEnvelopeIsApplied() throws {
        for disabled in [DisabledMechanisms.none, [.signatureCheck]] {
            let aws = try makeVertical("aws")
            let scaleway = try makeVertical("scaleway", disabled: disabled)
            aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
            let (envelope, _) = try #require(
                try aws.publisher.envelope(
                    to: "scaleway", afterSeq: 0, timestampSeconds: 2,
                    signingKeyring: SyncKeyring(keys: [SyncKeyring.derivedKey("wrong")])))
            let receipt = scaleway.receiveSync(envelope, from: "aws", nowUs: 2_000_000)
            #expect(receipt.applied.count == (disabled.isEmpty ? 0 : 1))
        }
    }

    @Test func withoutGapFillSendingResumesPastTheLastEventSent() throws {
        for disabled in [DisabledMechanisms.none, [.gapFill]] {
            var sender = SyncSender(
                configuration: SyncSender.Configuration(
                    batchSize: 10, window: 4, publishDelayUs: 0, ackTimeoutUs: 1_000, retryInitialUs: 1_000,
                    retryMaxUs: 10_000, disabled: disabled),
                ackedSeq: 0)
            _ = sender.outboxGrew(headSeq: 40)
            _ = sender.publishDue()
            _ = sender.ackTimedOut(draw: 1 << 63)
            #expect(sender.resumePoint == (disabled.isEmpty ? 0 : 40))
        }
    }

    @Test func withoutTheHybridClockAnUpdateStampedEarlierIsAcknowledgedAndDiscarded() throws {
        for disabled in [DisabledMechanisms.none, [.hybridClock]] {
            let aws = try makeVertical("aws", disabled: disabled)
            aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "first"], nowUs: 60_000_000)
            // The clock is stepped back 30 s: the update's physical reading is older.
            let update = aws.call(.put, "/api/runbooks/r1", json: ["title": "second"], nowUs: 40_000_000)
            #expect(update.status == 200)
            let title = try aws.database.read { try RunbookRow.find($0, id: "r1")?.title }
            #expect(title == (disabled.isEmpty ? "second" : "first"))
        }
    }

    @Test func withoutTombstonesADeleteRemovesTheRowAndNothingReplicates() throws {
        for disabled in [DisabledMechanisms.none, [.tombstones]] {
            let aws = try makeVertical("aws", disabled: disabled)
            let scaleway = try makeVertical("scaleway", disabled: disabled)
            aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
            try aws.replicate(to: scaleway)
            #expect(aws.call(.delete, "/api/runbooks/r1", nowUs: 3_000_000).status == 204)
            try aws.replicate(to: scaleway, nowUs: 4_000_000)
            #expect(scaleway.call(.get, "/api/runbooks/r1", nowUs: 5_000_000).status == (disabled.isEmpty ? 404 : 200))
        }
    }

    @Test func withoutTheSharedSecretAPeerRefusesTheToken() throws {
        for disabled in [DisabledMechanisms.none, [.sharedJWTSecret]] {
            let aws = try makeVertical("aws", disabled: disabled)
            let scaleway = try makeVertical("scaleway", disabled: disabled)
            let signup = aws.call(
                .post, "/api/auth/signup", user: nil, json: ["email": "a@example.test", "password": "password1"])
            let tokens = try #require(signup.json["tokens"] as? [String: Any])
            let token = try #require(tokens["access_token"] as? String)
            let list = scaleway.call(.get, "/api/runbooks", user: nil, bearer: token)
            #expect(list.status == (disabled.isEmpty ? 200 : 401))
            #expect(aws.call(.get, "/api/runbooks", user: nil, bearer: token).status == 200)
        }
    }

    @Test func replicationAblationsDropExactlyTheirTriggers() {
        func dropped(_ ablation: Ablation) -> [String] {
            ReplicatedTable.all.flatMap { table in
                ["INSERT", "UPDATE"].filter { table.triggerSQL($0, disabled: DisabledMechanisms(ablation)) == nil }
                    .map { "\(table.entity) \($0)" }
            }
        }
        #expect(dropped(.revocationSync) == ["account UPDATE", "revoked_token INSERT", "revoked_token UPDATE"])
        #expect(dropped(.singleUseSync) == ["totp_state UPDATE", "recovery_code UPDATE"])
        for ablation in Ablation.allCases where ![.revocationSync, .singleUseSync].contains(ablation) {
            #expect(dropped(ablation).isEmpty, "\(ablation.rawValue) replicates every table")
        }
    }
}
