import Foundation

/// One event as received, its row parsed.
public struct ReceivedEvent: Sendable {
    public var seq: Int64
    public var entity: String
    public var key: String
    public var hlc: Int64
    public var committedUs: Int64
    public var blob: String?
    /// The row, a JSON object.
    public var row: JSONValue
}
