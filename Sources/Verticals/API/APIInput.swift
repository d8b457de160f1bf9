import Foundation

/// A request body as a typed value: what an in-process client (the simulator) hands the API core
/// instead of JSON bytes. The core reads it as it would have read its JSON (``json()``, the bytes
/// an HTTP client sends), and counts its size as those bytes (the payload limit applies alike).
public enum APIInput: Sendable, Equatable {
    /// The body of `POST /api/runbooks` and `PUT /api/runbooks/{id}`.
    case runbook(RunbookInput)
    /// The body of the auth routes.
    case auth(AuthInput)

    /// The JSON document, compact, absent members left out, as the simulator's clients have always
    /// written it: a runbook's members in the order id, title, body, version (``JSONValue``'s
    /// escapes); the auth members sorted by name, strings escaped as `JSONSerialization` escapes
    /// them (`\/` too).
    public func json() -> Data {
        switch self {
        case .auth(let input):
            var writer = APIJSON()
            writer.object { writer in
                for (index, member) in input.members.enumerated() {
                    writer.key(member.name, first: index == 0)
                    writer.string(member.value)
                }
            }
            return Data(writer.bytes)
        case .runbook(let input):
            var out: [UInt8] = []
            out.reserveCapacity(jsonByteCount)
            out.append(UInt8(ascii: "{"))
            for (index, member) in input.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
            return Data(out)
        }
    }

    /// The size of ``json()`` in bytes, counted without writing it.
    public var jsonByteCount: Int {
        switch self {
        case .runbook(let input):
            let members = input.members
            var count = 2 + max(0, members.count - 1)
            for member in members {
                count += JSONValue.stringByteCount(member.name) + 1 + member.value.byteCount
            }
            return count
        case .auth(let input):
            let members = input.members
            var count = 2 + max(0, members.count - 1)
            for member in members {
                count += member.name.utf8CodeUnitCount + 3 + APIJSON.stringByteCount(member.value)
            }
            return count
        }
    }
}

extension RunbookInput {
    /// A member of the JSON document: a string or an integer.
    struct Member {
        enum Value {
            case text(String)
            case number(Int64)

            func write(into out: inout [UInt8]) {
                switch self {
                case .text(let text): JSONValue.writeString(text, into: &out)
                case .number(let number): out.append(contentsOf: String(number).utf8)
                }
            }

            var byteCount: Int {
                switch self {
                case .text(let text): return JSONValue.stringByteCount(text)
                case .number(let number): return String(number).utf8.count
                }
            }
        }

        var name: String
        var value: Value
    }

    /// The present members in document order.
    var members: [Member] {
        var members: [Member] = []
        if let id { members.append(Member(name: "id", value: .text(id))) }
        if let title { members.append(Member(name: "title", value: .text(title))) }
        if let body { members.append(Member(name: "body", value: .text(body))) }
        if let version { members.append(Member(name: "version", value: .number(version))) }
        return members
    }
}
