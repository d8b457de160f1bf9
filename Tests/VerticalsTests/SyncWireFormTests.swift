import Crypto
import Foundation
import Testing

@testable import Verticals

/// The sync path writes and reads its wire form without intermediate trees and copies; these pin
/// the bytes to the forms they replaced (a signed body must never change by a byte).
@Suite("Sync wire form")
struct SyncWireFormTests {
    /// The body as the `JSONValue` tree wrote it before the batch was written straight to bytes.
    static func treeEncoding(_ batch: SyncBatch) -> Data {
        let value = JSONValue.object([
            ("origin", .string(batch.origin)),
            (
                "events",
                .array(
                    batch.events.map { event in
                        .object([
                            ("seq", .int(event.seq)), ("entity", .string(event.entity)), ("key", .string(event.key)),
                            ("hlc", .int(event.hlc)), ("committed_us", .int(event.committedUs)),
                            ("blob", event.blob.map { .string($0) } ?? .null), ("row", .raw(event.payload)),
                        ])
                    })
            ),
        ])
        return Data(value.serialized().utf8)
    }

    static let batches: [SyncBatch] = [
        SyncBatch(origin: "aws", events: []),
        SyncBatch(
            origin: "aws",
            events: [
                SyncEvent(
                    seq: 1, entity: "runbook", key: "r1", payload: #"{"id":"r1","title":"T"}"#,
                    hlc: 123_456_789_012_345_678, committedUs: 0, blob: nil),
                SyncEvent(
                    seq: 2, entity: "attachment", key: "r1/a.bin", payload: #"{"runbook_id":"r1","deleted":0}"#,
                    hlc: Int64.max, committedUs: -1, blob: "WlpaWg=="),
            ]),
        SyncBatch(
            origin: "sca\"le\\way\n",
            events: [
                SyncEvent(
                    seq: Int64.min, entity: "é\u{01}", key: "k/\t", payload: "{}", hlc: -42, committedUs: 9,
                    blob: "")
            ]),
    ]

    @Test(arguments: batches)
    func batchesEncodeToTheTreesBytes(batch: SyncBatch) throws {
        #expect(batch.encoded() == Self.treeEncoding(batch))
        let parsed = try #require(SyncBatch.parse(batch.encoded()))
        #expect(parsed.origin == batch.origin)
        #expect(parsed.events.map(\.seq) == batch.events.map(\.seq))
        #expect(parsed.events.map(\.blob) == batch.events.map(\.blob))
    }

    /// Signing feeds `id.timestamp.` and the body to the MAC in two parts: the same code as the
    /// MAC of the concatenation, for one key and for two.
    @Test func signaturesAreTheMACOfTheConcatenation() {
        let keys = [SyncKeyring.derivedKey("a"), SyncKeyring.derivedKey("b")]
        let body = Data(#"{"origin":"aws","events":[]}"#.utf8)
        let header = SyncSignature.sign(
            id: "aws:7", timestampSeconds: 1_700_000_000, body: body, keyring: .init(keys: keys))
        var content = Data("aws:7.1700000000.".utf8)
        content.append(body)
        let expected = keys.map {
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: $0)).base64EncodedString()
        }
        #expect(header == expected.joined(separator: " "))
        // Any listed signature under any key verifies; a header of unknown versions does not.
        #expect(
            SyncSignature.verify(
                id: "aws:7", timestampSeconds: 1_700_000_000, body: body, header: "v2,xx " + expected[1],
                keyring: .init(keys: [keys[1]])))
        #expect(
            !SyncSignature.verify(
                id: "aws:7", timestampSeconds: 1_700_000_000, body: body, header: "v2,xx", keyring: .init(keys: keys)))
    }

    /// A keyring whose keys are replaced signs with the new keys (its keyed MACs follow them).
    @Test func replacingKeysReplacesTheKeyedMACs() {
        let old = SyncKeyring.derivedKey("old"), new = SyncKeyring.derivedKey("new")
        var keyring = SyncKeyring(keys: [old])
        keyring.keys = [new]
        let body = Data("{}".utf8)
        #expect(
            SyncSignature.sign(id: "aws:1", timestampSeconds: 5, body: body, keyring: keyring)
                == SyncSignature.sign(id: "aws:1", timestampSeconds: 5, body: body, keyring: SyncKeyring(keys: [new])))
        #expect(
            !SyncSignature.verify(
                id: "aws:1", timestampSeconds: 5, body: body,
                header: SyncSignature.sign(
                    id: "aws:1", timestampSeconds: 5, body: body, keyring: SyncKeyring(keys: [old])),
                keyring: keyring))
    }

    /// Integers are read without building their text: the same values `Int64(text)` gives, and
    /// doubles past its range.
    @Test(arguments: [
        "0", "-0", "7", "007", "-12", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890",
    ])
    func integersReadAsInt64ReadsThem(text: String) throws {
        let value = try JSONValue.parse(Array(text.utf8))
        if let integer = Int64(text) {
            #expect(value == .int(integer))
            guard case .int = value else { Issue.record("\(text) read as \(value)"); return }
        } else {
            #expect(value == .double(Double(text)!))
        }
    }

    /// Bytes that are not contiguous in memory are read too (copied first).
    @Test func nonContiguousBytesParse() throws {
        let text = #"{"a":[1,-2,true,null,"x"]}"#
        #expect(try JSONValue.parse(text.utf8.lazy.map { $0 }).serialized() == text)
        #expect(try JSONValue.parse(Data(text.utf8)).serialized() == text)
    }

    /// The one integer writer (trace, logs, sync bodies) appends `String(value)`'s digits, at both
    /// ends of the range too, after what the buffer already holds.
    @Test(arguments: [
        Int64.min, Int64.min + 1, -1_000_000_007, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_700_000_000_000_000, Int64.max,
    ])
    func integersWriteAsStringDoes(value: Int64) {
        var bytes: [UInt8] = [UInt8(ascii: ",")]
        JSONValue.writeInteger(value, into: &bytes)
        #expect(bytes == [UInt8(ascii: ",")] + Array(String(value).utf8))
        #expect(JSONValue.int(value).serialized() == String(value))
    }
}
