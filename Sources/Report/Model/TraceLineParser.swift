/// Parses one trace line (a flat JSON object starting with `t_us` and `ev`) without building a
/// general JSON tree: the report reads traces of millions of lines, so this is the hot path.
public enum TraceLineParser {
    /// Why a line could not be read, and at which byte (0-based).
    public struct Failure: Error, Equatable {
        public var offset: Int
        public var message: String
    }

    /// The event on `line` (without its newline).
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> TraceEvent {
        var cursor = Cursor(bytes: line)
        cursor.skipSpace()
        try cursor.expect(UInt8(ascii: "{"), "expected a JSON object")
        var fields: [(String, TraceValue)] = []
        fields.reserveCapacity(12)
        var timeUs: Int64?
        var kind: String?
        cursor.skipSpace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipSpace()
                let key = try cursor.string()
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"), "expected ':' after a key")
                cursor.skipSpace()
                let value = try cursor.value()
                switch (key, value) {
                case ("t_us", .int(let time)): timeUs = time
                case ("ev", .string(let name)): kind = name
                default: fields.append((key, value))
                }
                cursor.skipSpace()
                if cursor.peek == UInt8(ascii: ",") {
                    cursor.index += 1
                    continue
                }
                try cursor.expect(UInt8(ascii: "}"), "expected ',' or '}'")
                break
            }
        }
        guard let timeUs, let kind else {
            throw Failure(offset: 0, message: "a trace line needs an integer t_us and a string ev")
        }
        return TraceEvent(timeUs: timeUs, kind: kind, fields: fields)
    }

    /// Parses a line given as text (tests).
    public static func parse(_ text: String) throws(Failure) -> TraceEvent {
        var bytes = Array(text.utf8)
        let result: Result<TraceEvent, Failure> = bytes.withUnsafeMutableBufferPointer { buffer in
            do throws(Failure) {
                return .success(try parse(UnsafeBufferPointer(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func failure(_ message: String) -> Failure { Failure(offset: index, message: message) }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws(Failure) {
            guard peek == byte else { throw failure(message) }
            index += 1
        }

        mutating func value() throws(Failure) -> TraceValue {
            guard let byte = peek else { throw failure("expected a value") }
            switch byte {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipNested()
                return .other
            default: return try number()
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count else { throw failure("expected \(word)") }
            for offset in expected.indices where bytes[index + offset] != expected[offset] {
                throw failure("expected \(word)")
            }
            index += expected.count
        }

        mutating func number() throws(Failure) -> TraceValue {
            let start = index
            var negative = false
            if peek == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var integer: Int64 = 0
            var digits = 0
            var overflow = false
            while let byte = peek, byte >= 0x30, byte <= 0x39 {
                let (times, o1) = integer.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int64(byte - 0x30))
                overflow = overflow || o1 || o2
                integer = plus
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw Failure(offset: start, message: "expected a value") }
            var isDouble = overflow
            while let byte = peek,
                byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39)
            {
                isDouble = true
                index += 1
            }
            if !isDouble { return .int(negative ? -integer : integer) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text) else { throw Failure(offset: start, message: "malformed number") }
            return .double(value)
        }

        mutating func string() throws(Failure) -> String {
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a string") }
            index += 1
            let start = index
            var simple = true
            while let byte = peek, byte != UInt8(ascii: "\"") {
                if byte == UInt8(ascii: "\\") {
                    simple = false
                    index += 1
                }
                index += 1
            }
            guard index < bytes.count else { throw Failure(offset: start - 1, message: "unterminated string") }
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            if simple { return String(decoding: raw, as: UTF8.self) }
            return try unescape(raw, at: start)
        }

        func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Failure) -> String {
            var output: [UInt8] = []
            output.reserveCapacity(raw.count)
            var position = 0
            var pendingHigh: UInt32?
            func appendScalar(_ value: UInt32) {
                if let scalar = Unicode.Scalar(value) { output.append(contentsOf: Array(String(scalar).utf8)) }
            }
            while position < raw.count {
                let byte = raw[position]
                guard byte == UInt8(ascii: "\\") else {
                    output.append(byte)
                    position += 1
                    continue
                }
                guard position + 1 < raw.count else { throw Failure(offset: offset + position, message: "bad escape") }
                let escaped = raw[position + 1]
                position += 2
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard position + 4 <= raw.count,
                        let code = UInt32(
                            String(
                                decoding: UnsafeBufferPointer(rebasing: raw[position..<position + 4]), as: UTF8.self),
                            radix: 16)
                    else { throw Failure(offset: offset + position, message: "bad \\u escape") }
                    position += 4
                    if (0xD800..<0xDC00).contains(code) {
                        pendingHigh = code
                        continue
                    }
                    if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                        appendScalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    } else {
                        appendScalar(code)
                    }
                    pendingHigh = nil
                default: output.append(escaped)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }

        mutating func skipNested() throws(Failure) {
            var depth = 0
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    _ = try string()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                default: break
                }
                index += 1
            }
            throw failure("unterminated array or object")
        }
    }
}
