import Verticals

/// The fields of one trace line as they are written: each call appends `,"key":value` to the
/// trace's buffer, in the order of the calls, with exactly the bytes ``JSONValue`` writes for
/// the same value (strings escaped the same way, integers in decimal, absent values as `null`).
/// Handed to the closure of ``TraceWriter/record(timeUs:event:writing:)``,
/// so a frequent event costs no array of pairs and no `JSONValue` per field.
public struct TraceLine {
    /// The trace's buffer, lent to the line while it is written.
    var bytes: [UInt8]

    /// Appends `,"key":`. The keys are the trace format's own names, plain ASCII that needs no
    /// escape (checked in debug builds), so they are copied as they are.
    @inline(__always)
    private mutating func key(_ key: StaticString) {
        assert(
            key.withUTF8Buffer { $0.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } },
            "trace key \(key) needs escaping")
        bytes.append(contentsOf: #",""#.utf8)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: #"":"#.utf8)
    }

    /// A string field.
    public mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        JSONValue.writeString(value, into: &bytes)
    }

    /// A string field, `null` when absent.
    public mutating func string(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { JSONValue.writeString(value, into: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// An integer field.
    public mutating func int(_ key: StaticString, _ value: Int64) {
        self.key(key)
        JSONValue.writeInteger(value, into: &bytes)
    }

    /// An integer field.
    public mutating func int(_ key: StaticString, _ value: Int) {
        int(key, Int64(value))
    }

    /// An integer field, `null` when absent.
    public mutating func int(_ key: StaticString, _ value: Int64?) {
        self.key(key)
        if let value { JSONValue.writeInteger(value, into: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// An integer field, `null` when absent.
    public mutating func int(_ key: StaticString, _ value: Int?) {
        int(key, value.map(Int64.init))
    }

    /// A Boolean field.
    public mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A field of any JSON value (nested objects, the rare events).
    public mutating func value(_ key: StaticString, _ value: JSONValue) {
        self.key(key)
        value.write(into: &bytes)
    }

    /// A field whose key is computed (the array form of ``TraceWriter/record(timeUs:event:_:)``):
    /// the key is escaped like any JSON string.
    public mutating func field(_ key: String, _ value: JSONValue) {
        bytes.append(UInt8(ascii: ","))
        JSONValue.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        value.write(into: &bytes)
    }
}
