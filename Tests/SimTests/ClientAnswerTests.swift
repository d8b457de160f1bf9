import Foundation
import HTTPTypes
import Testing

@testable import Sim
@testable import Verticals

/// The client reads a write's timestamp from `ETag` as it always has (quotes trimmed from both
/// ends, then an integer), without building a character set per answer.
@Suite("Client answers")
struct ClientAnswerTests {
    @Test(arguments: [
        "\"12\"", "12", "\"\"", "\"\"\"5\"\"\"", "\"-3\"", "\"+4\"", "\"1 2\"", "\"é\"", "é5", "\"5\"x", "x\"5\"",
        "\"9223372036854775807\"", "\"9223372036854775808\"", "\"", "", "\"0x10\"",
    ])
    func timestampIsTheTrimmedETagsNumber(etag: String) {
        var head = HTTPResponse(status: .ok)
        head.headerFields[.eTag] = etag
        let response = APIResponse(head: head)
        let expected = response.head.headerFields[.eTag].flatMap {
            Int64($0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        #expect(ClientAnswer.timestamp(response) == expected, "\(etag)")
    }

    @Test func noETagNoTimestamp() {
        #expect(ClientAnswer.timestamp(APIResponse(head: HTTPResponse(status: .ok))) == nil)
    }
}
