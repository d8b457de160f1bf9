import Foundation
import GRDB
import HTTPTypes
import Mechanisms

/// An API failure with its HTTP status and a message the caller can act on.
public enum APIError: Error, Equatable {
    case badRequest(String)
    case unauthorized(String)
    case notFound(String)
    case methodNotAllowed
    case conflict(String)
    case payloadTooLarge(bytes: Int, limit: Int)
    case unavailable(String)

    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: return .badRequest
        case .unauthorized: return .unauthorized
        case .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .conflict: return .conflict
        case .payloadTooLarge: return .contentTooLarge
        case .unavailable: return .serviceUnavailable
        }
    }

    var message: String {
        switch self {
        case .badRequest(let text), .unauthorized(let text), .notFound(let text), .conflict(let text),
            .unavailable(let text):
            return text
        case .methodNotAllowed: return "method not allowed"
        case .payloadTooLarge(let bytes, let limit): return "payload of \(bytes) bytes exceeds the limit of \(limit)"
        }
    }

    /// The refusal as a response: its status and `{"error": message}`.
    var response: APIResponse {
        APIResponse(status, contentType: "application/json", result: .error(message))
    }
}
