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
    let body: Data
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
        let fields = response.head.headerFields
        vertical = fields[.gbVertical]
        platform = fields[.gbPlatform]
        environment = fields[.gbEnvironment]
    }
}

extension ClientAnswer {
    /// The write or read timestamp in a response's `ETag`.
    static func timestamp(_ response: APIResponse) -> Int64? {
        response.head.headerFields[.eTag].flatMap { Int64($0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
    }
}
