import Foundation
import HTTPTypes
import Verticals

/// What came back for a ``ClientCall``.
struct ClientAnswer {
    let status: Int?
    let outcome: RequestOutcome
    /// The vertical that produced the answer, if one did.
    let vertical: String?
    /// The write or read timestamp from `ETag`.
    let hlc: Int64?
    /// The API's answer as a typed value (nil without one: no vertical answered, an attachment's
    /// bytes, an empty 204).
    let result: APIResult?
    /// Why it failed when no vertical answered (`dns`, `connect`, `edge`, ...).
    let reason: String?
    /// What the response's headers claimed about where it was served (nil without a response).
    var served: ServedBy? = nil
}

/// What a response said about where it was served: the `x-gb-vertical`, `x-gb-platform` and
/// `x-gb-environment` headers the simulated browser reads.
struct ServedBy: Equatable {
    var vertical: String?
    var platform: String?
    var environment: String?

    init(_ response: APIResponse) {
        vertical = response.servedVertical
        platform = response.servedPlatform
        environment = response.servedEnvironment
    }
}

extension ClientAnswer {
    /// The write or read timestamp in a response's `ETag`.
    static func timestamp(_ response: APIResponse) -> Int64? {
        // The typed timestamp is what its field would read back as.
        if let hlc = response.eTag { return hlc }
        guard let etag = response.eTagField else { return nil }
        // The quotes trimmed from both ends (as `trimmingCharacters(in: ["\""])` does, without
        // building a character set per answer), then the number.
        let bytes = etag.utf8
        // Non-ASCII text is never a number (nor would it be once its quotes were trimmed).
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let quote = UInt8(ascii: "\"")
        guard let first = bytes.firstIndex(where: { $0 != quote }), let last = bytes.lastIndex(where: { $0 != quote })
        else { return Int64("") }
        return Int64(etag[first...last])
    }
}
