import Foundation
import Testing

@testable import Verticals

/// The API's hand-written JSON bodies are the bytes `JSONEncoder` (`.sortedKeys`) writes, and the
/// hand-read runbook input accepts and refuses what `JSONDecoder` does.
@Suite("API JSON by hand")
struct APIJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Every ASCII byte, escapes, slashes, quotes and non-ASCII text.
    static let texts: [String] = [
        "", "plain", "a/b", "quote \" backslash \\", String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }),
        "é € 😀 \u{2028}\u{2029}", "tab\tnew\nline\r\u{8}\u{C}",
    ]

    @Test(arguments: texts)
    func runbookViewIsJSONEncodersBytes(text: String) throws {
        let view = RunbookView(
            RunbookRow(
                id: "id-\(text)", owner: "u1", title: text, body: text + "!", version: -7, hlc: 1_234_567_890_123,
                origin: "aws", deleted: false, updatedUs: 5))
        #expect(APIJSON.encode(view) == (try Self.encoder.encode(view)))
        for next in [nil, text] {
            let page = RunbookPage(items: [view, view], next: next)
            #expect(APIJSON.encode(page) == (try Self.encoder.encode(page)))
        }
        #expect(APIJSON.encode(RunbookPage(items: [], next: nil)) == (try Self.encoder.encode(RunbookPage(items: []))))
        let stored = StoredAttachment(runbook: text, name: "a.bin", sha256: "ab", size: 12)
        #expect(APIJSON.encode(stored) == (try Self.encoder.encode(stored)))
        #expect(APIJSON.encode(APIErrorBody(error: text)) == (try Self.encoder.encode(["error": text])))
    }

    @Test(arguments: [
        #"{"id":"r1","title":"t","body":"b"}"#, #"{"version": 3.0}"#, #"{"version": 3.5}"#, #"{"version": true}"#,
        #"{"title": 5}"#, "[1]", #"{"version": 1e2}"#, #"{"version": -0}"#,
        #"{"version": 99999999999999999999}"#, #"{"title": null, "body": null, "version": null}"#, #"{"x": [1]}"#,
        #"{"title":"\u00e9\ud83d\ude00 a\/b"}"#, "{\"title\":\"a\u{0}b\"}", "", "{", #"{"id": {}}"#, "\"text\"",
    ])
    func runbookInputReadsAsJSONDecoderDoes(text: String) {
        let decoded = try? JSONDecoder().decode(RunbookInput.self, from: Data(text.utf8))
        let read = RunbookInput(json: Data(text.utf8))
        #expect(read?.id == decoded?.id)
        #expect(read?.title == decoded?.title)
        #expect(read?.body == decoded?.body)
        #expect(read?.version == decoded?.version)
        #expect((read == nil) == (decoded == nil), "\(text)")
    }
}
