import Foundation
import HTTPTypes

/// A response body the API writes by hand, byte for byte as Foundation's `JSONEncoder` with
/// `.sortedKeys` writes it (the form the API has always answered in), without `Codable`'s cost
/// on every simulated request. Conformers stay `Encodable`, so a test compares the two forms.
protocol APIJSONBody: Encodable {
    /// Appends the value's JSON, keys in sorted order, to `out`.
    func writeJSON(into out: inout APIJSON)
}

/// The bytes of a JSON document as `JSONEncoder` writes them: compact, strings with its escapes
/// (`\/`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as lower-case `\u00xx`, non-ASCII
/// as UTF-8), integers in decimal.
struct APIJSON {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    /// Opens an object; `fields` writes its members with ``field(_:_:first:)``.
    mutating func object(_ fields: (inout APIJSON) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        fields(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `"key":` (after a comma unless `first`).
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): bytes.append(contentsOf: #"\/"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The size in bytes of `text` as ``string(_:)`` writes it (quotes included).
    static func stringByteCount(_ text: String) -> Int {
        var count = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), 0x08, 0x0C, 0x0A, 0x0D, 0x09: count += 2
            case 0..<0x20: count += 6
            default: count += 1
            }
        }
        return count
    }

    mutating func int(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// An array of `values`.
    mutating func array<T: APIJSONBody>(_ values: some Sequence<T>) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            value.writeJSON(into: &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The document of `value`.
    static func encode(_ value: some APIJSONBody) -> Data {
        var writer = APIJSON()
        value.writeJSON(into: &writer)
        return Data(writer.bytes)
    }
}

extension APICore {
    /// A JSON response whose body is the typed `result` (written only if someone asks for the bytes).
    func answer(_ status: HTTPResponse.Status, _ result: APIResult, etag: Int64? = nil) -> APIResponse {
        APIResponse(status, contentType: "application/json", eTag: etag, result: result)
    }
}

/// `{"error": message}`, the body of every refusal.
struct APIErrorBody: APIJSONBody {
    var error: String

    func writeJSON(into out: inout APIJSON) {
        out.object { out in
            out.key("error", first: true)
            out.string(error)
        }
    }
}
