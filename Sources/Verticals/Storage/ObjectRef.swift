import Foundation

/// A typed reference to one replicated object a user can write and read: a runbook, or one
/// attachment of a runbook. The workload builds these, the checkers key their bookkeeping by them,
/// and ``VerticalDatabase/storedTimestamps(of:)`` looks them up, so no code builds or parses a
/// key string by hand.
///
/// Its ``description`` is the spelling the trace and the checks' details use: `runbook:ID` and
/// `attachment:ID/NAME` (an attachment name never holds a `/`, a runbook id may not either: both
/// are single path segments of the API). ``init(parsing:)`` reads that spelling back.
public enum ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The runbook `id` (a row of ``ReplicatedTable/runbook``).
    case runbook(id: String)
    /// The attachment `name` of runbook `runbookID` (a row of ``ReplicatedTable/attachment``).
    case attachment(runbookID: String, name: String)

    /// The replicated table the object is a row of.
    public var table: ReplicatedTable {
        switch self {
        case .runbook: return .runbook
        case .attachment: return .attachment
        }
    }

    /// The row's primary key, one value per column of the table's ``ReplicatedTable/keyColumns``.
    public var key: [String] {
        switch self {
        case .runbook(let id): return [id]
        case .attachment(let runbookID, let name): return [runbookID, name]
        }
    }

    /// `runbook:ID` or `attachment:ID/NAME`.
    public var description: String {
        switch self {
        case .runbook(let id): return "runbook:\(id)"
        case .attachment(let runbookID, let name): return "attachment:\(runbookID)/\(name)"
        }
    }

    /// The API path that reads the object: `/api/runbooks/ID` or `/api/runbooks/ID/attachments/NAME`.
    public var apiPath: String {
        switch self {
        case .runbook(let id): return "/api/runbooks/\(id)"
        case .attachment(let runbookID, let name): return "/api/runbooks/\(runbookID)/attachments/\(name)"
        }
    }

    /// Reads the ``description`` spelling back (the trace's `object` field); nil for anything else.
    public init?(parsing text: String) {
        if text.hasPrefix("runbook:") {
            let id = String(text.dropFirst("runbook:".count))
            guard !id.isEmpty else { return nil }
            self = .runbook(id: id)
        } else if text.hasPrefix("attachment:") {
            let rest = text.dropFirst("attachment:".count)
            guard let slash = rest.lastIndex(of: "/"), slash != rest.startIndex,
                rest.index(after: slash) != rest.endIndex
            else { return nil }
            self = .attachment(runbookID: String(rest[..<slash]), name: String(rest[rest.index(after: slash)...]))
        } else {
            return nil
        }
    }

    /// Ordered by ``description`` (code points), the order the lost-writes audit visits objects in.
    public static func < (lhs: ObjectRef, rhs: ObjectRef) -> Bool {
        lhs.description < rhs.description
    }
}
