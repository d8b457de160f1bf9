import Foundation
import GRDB
import Mechanisms

/// The receiving half of sync: verifies an envelope (signature, timestamp tolerance, origin),
/// then applies its events in one transaction, in seq order, idempotently, together with the
/// `(origin, applied_seq)` watermark, with the consumer flag set so nothing re-enters the outbox.
public final class SyncConsumer {
    public let vertical: String
    let database: VerticalDatabase
    let bucket: Bucket
    /// Keys shared with each origin, by origin id.
    public var keyrings: [String: SyncKeyring]
    /// Largest difference between an envelope's timestamp and local time.
    public let toleranceUs: Int64
    /// The Unix time of virtual time zero: `webhook-timestamp` is Unix seconds on this epoch (the
    /// one tokens use), so any Standard Webhooks verifier accepts it.
    public var epochUnixSeconds: Int64 = 0
    /// Whether envelopes' HMAC signatures are verified: the `signature-check` mechanism, off only
    /// when it is ablated.
    public let verifiesSignatures: Bool
    /// Test hook (not a mechanism of the design): store the metadata but drop the attachment bytes.
    var dropsAttachmentBytes = false
    public private(set) var counters = SyncConsumerCounters()

    public init(
        vertical: String, database: VerticalDatabase, bucket: Bucket, keyrings: [String: SyncKeyring],
        toleranceUs: Int64, disabled: DisabledMechanisms = .none
    ) {
        self.vertical = vertical
        self.database = database
        self.bucket = bucket
        self.keyrings = keyrings
        self.toleranceUs = toleranceUs
        verifiesSignatures = !disabled.removes(.signatureCheck)
    }

    /// The highest seq from `origin` applied here.
    public func appliedSeq(from origin: String) throws -> Int64 {
        try database.read { db in try Self.watermark(db, origin: origin) }
    }

    static func watermark(_ db: Database, origin: String) throws -> Int64 {
        let statement = try TypedStatement(db, sql: "SELECT applied_seq FROM sync_watermark WHERE origin = ?")
        statement.bind(1, origin)
        return try statement.fetchOne { $0.int64(0) } ?? 0
    }

    /// Handles one envelope that arrived from `sender` at local time `nowUs`; `clock` is the
    /// vertical's HLC, advanced past every applied event.
    public func receive(
        _ envelope: SyncEnvelope, from sender: String, nowUs: Int64,
        clock: inout HybridLogicalClock
    ) -> SyncReceipt {
        counters.envelopes += 1
        func reject(_ reason: SyncRejection) -> SyncReceipt {
            counters.rejected[reason, default: 0] += 1
            // The watermark of a refusal is informational (the sender ignores it); one that cannot
            // be read is a storage error, reported with the receipt like a failed apply.
            var storageError: String?
            let watermark: Int64
            do {
                watermark = try appliedSeq(from: sender)
            } catch {
                watermark = 0
                storageError = "\(error)"
            }
            var receipt = SyncReceipt(
                ack: SyncAck(from: vertical, origin: sender, appliedSeq: watermark, rejection: reason))
            receipt.storageError = storageError
            return receipt
        }
        guard abs((envelope.timestampSeconds - epochUnixSeconds) * 1_000_000 - nowUs) <= toleranceUs else {
            return reject(.expired)
        }
        guard let keyring = keyrings[sender] else { return reject(.badSignature) }
        if verifiesSignatures {
            guard
                SyncSignature.verify(
                    id: envelope.webhookID, timestampSeconds: envelope.timestampSeconds,
                    body: envelope.body, header: envelope.signature, keyring: keyring)
            else {
                return reject(.badSignature)
            }
        }
        guard let batch = SyncBatch.parse(envelope.body), batch.origin == sender,
            let last = batch.events.last, envelope.webhookID == SyncEvent.id(origin: sender, seq: last.seq)
        else {
            return reject(.malformed)
        }
        if batch.events.contains(where: { HybridLogicalClock.physicalMs($0.hlc) * 1_000 > nowUs + toleranceUs }) {
            return reject(.futureTimestamp)
        }
        do {
            var receipt = try apply(batch, nowUs: nowUs, clock: &clock)
            counters.applied += receipt.applied.count
            counters.duplicates += receipt.duplicates
            counters.emittedDuringApply += receipt.emittedDuringApply
            if receipt.gap { counters.gaps += 1 }
            receipt.ack.rejection = nil
            return receipt
        } catch is SyncApplyError {
            // A batch this vertical cannot apply (unknown entity, attachment bytes missing).
            return reject(.unavailable)
        } catch {
            var receipt = reject(.unavailable)
            receipt.storageError = "\(error)"
            return receipt
        }
    }

    private func apply(
        _ batch: (origin: String, events: [ReceivedEvent]), nowUs: Int64,
        clock: inout HybridLogicalClock
    ) throws -> SyncReceipt {
        var localClock = clock
        let receipt = try database.consumerWrite { db -> SyncReceipt in
            // The outbox head including this transaction's inserts, followed by the update hook
            // (``VerticalDatabase/pendingOutboxHead``): no read of `sqlite_sequence` per apply.
            let outboxBefore = database.pendingOutboxHead
            var applied = try Self.watermark(db, origin: batch.origin)
            var receipt = SyncReceipt(
                ack: SyncAck(from: vertical, origin: batch.origin, appliedSeq: applied, rejection: nil))
            for event in batch.events {
                if event.seq <= applied {
                    receipt.duplicates += 1
                    continue
                }
                if event.seq > applied + 1 {
                    receipt.gap = true
                    receipt.ack.gap = true
                    break
                }
                try applyEvent(event, db: db)
                localClock.observe(event.hlc, physicalUs: nowUs, toleranceUs: toleranceUs)
                applied = event.seq
                receipt.applied.append(
                    AppliedEvent(
                        origin: batch.origin, seq: event.seq, committedUs: event.committedUs,
                        entity: event.entity, key: event.key))
            }
            if !receipt.applied.isEmpty {
                let statement = try TypedStatement(
                    db,
                    sql: """
                        INSERT INTO sync_watermark (origin, applied_seq) VALUES (?, ?)
                        ON CONFLICT(origin) DO UPDATE SET applied_seq = excluded.applied_seq
                        """)
                statement.bind(1, batch.origin)
                statement.bind(2, applied)
                try statement.execute()
            }
            receipt.ack.appliedSeq = applied
            receipt.emittedDuringApply = Int(database.pendingOutboxHead - outboxBefore)
            return receipt
        }
        clock = localClock
        return receipt
    }

    /// The highest seq the outbox ever assigned. Read from `sqlite_sequence` (the outbox is
    /// AUTOINCREMENT), since acknowledged rows are pruned and the table may be empty.
    static func outboxHead(_ db: Database) throws -> Int64 {
        // Naming `outbox` makes a missing table an error (a storage failure), not a head of 0.
        try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), (SELECT MAX(seq) FROM outbox), 0)
                    """)) ?? 0
    }

    private func applyEvent(_ event: ReceivedEvent, db: Database) throws {
        guard let table = ReplicatedTable.named(event.entity) else { throw SyncApplyError.unknownEntity(event.entity) }
        if table.entity == ReplicatedTable.attachment.entity {
            try storeAttachmentBytes(event)
        }
        try table.apply(db, row: event.row)
    }

    /// Writes an attachment's bytes (content-addressed, so idempotent) before its metadata.
    private func storeAttachmentBytes(_ event: ReceivedEvent) throws {
        guard event.row["deleted"]?.int64Value == 0, !dropsAttachmentBytes,
            let sha = event.row["sha256"]?.stringValue
        else { return }
        let key = Bucket.objectKey(sha256: sha)
        guard !bucket.contains(key) else { return }
        guard let blob = event.blob, let bytes = Data(base64Encoded: blob), Bucket.sha256Hex(bytes) == sha else {
            throw SyncApplyError.attachmentBytesMissing(key: event.key)
        }
        try bucket.put(key, bytes)
    }
}
