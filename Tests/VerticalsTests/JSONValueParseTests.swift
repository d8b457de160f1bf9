import Foundation
import Testing

@testable import Verticals

/// The product path's one JSON reader: RFC 8259 values, objects in the order written, bounded
/// depth, and round trips through the writer.
@Suite("JSON reading")
struct JSONValueParseTests {
    @Test(arguments: [
        (#"{"a":1,"b":[true,false,null],"c":"x"}"#, #"{"a":1,"b":[true,false,null],"c":"x"}"#),
        (#" { "z" : -12 , "a" : 1.5e3 } "#, #"{"z":-12,"a":1500}"#),
        (#"["\u00e9\ud83d\ude00","a\/b","tab\there"]"#, "[\"é😀\",\"a/b\",\"tab\\there\"]"),
        (#"{"k":1,"k":2}"#, #"{"k":2}"#),
        ("9223372036854775807", "9223372036854775807"),
        ("0.25", "0.25"),
    ])
    func parsesAndWritesBack(text: String, expected: String) throws {
        #expect(try JSONValue.parse(Array(text.utf8)).serialized() == expected)
    }

    @Test(arguments: [
        "", "{", #"{"a"}"#, "[1,]", "01x", #""unterminated"#, "tru", #""\ud800""#, "{} x", "\"a\u{01}\"",
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    /// The same values JSONSerialization gave the sync path before (integers, booleans as 0/1).
    @Test func readsOutboxRowsAsTheConsumerNeedsThem() throws {
        let row = try JSONValue.parse(
            Array(#"{"id":"r1","version":3,"deleted":0,"sha256":"ab","flag":true,"title":null}"#.utf8))
        #expect(row["id"]?.stringValue == "r1")
        #expect(row["version"]?.int64Value == 3)
        #expect(row["deleted"]?.int64Value == 0)
        #expect(row["flag"]?.int64Value == 1)
        #expect(row["title"] == .null)
        #expect(row["missing"] == nil)
        #expect(row.setting("version", .int(4))["version"]?.int64Value == 4)
    }
}
