/// The raw bytes of a scenario file, with the checks that come before YAML parsing (size, UTF-8,
/// characters YAML forbids) and the mapping from a byte offset to a line and column counted the
/// way libyaml counts them (characters, not bytes; `\r\n`, `\r`, `\n`, U+0085, U+2028 and U+2029
/// each end a line), so every message points where an editor would.
struct SourceText {
    let file: String
    let bytes: [UInt8]

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    init(file: String, text: String) {
        self.init(file: file, bytes: Array(text.utf8))
    }

    /// The line and column (both from 1) of the character starting at byte `offset`.
    func location(ofByte offset: Int) -> SourceLocation {
        let (line, column) = bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
            var line = 1
            var column = 1
            var index = 0
            let end = min(offset, buffer.count)
            while index < end {
                let byte = buffer[index]
                if byte >= 0x20 && byte < 0x80 || byte == 0x09 {
                    column += 1
                    index += 1
                } else if byte == 0x0A || (byte == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A)) {
                    line += 1
                    column = 1
                    index += 1
                } else if byte == 0x0D {
                    index += 1
                } else if Self.isUnicodeBreak(buffer, at: index) {
                    line += 1
                    column = 1
                    index += Self.width(of: byte)
                } else {
                    column += 1
                    index += Self.width(of: byte)
                }
            }
            return (line, column)
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// U+0085, U+2028 or U+2029 at `index`.
    private static func isUnicodeBreak(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte == 0xC2 { return index + 1 < bytes.count && bytes[index + 1] == 0x85 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
            return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
        }
        return false
    }

    /// Bytes in the UTF-8 sequence that starts with `byte` (1 for a stray continuation byte).
    static func width(of byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }

    /// Refuses a file larger than `limits.fileBytes`, one that is not UTF-8, and characters that
    /// YAML does not allow in a document (C0 and C1 controls other than tab and line breaks,
    /// DEL, U+FFFE and U+FFFF), each at its own line and column.
    func checkCharacters(limits: LoaderLimits) throws(ScenarioError) {
        if bytes.count > limits.fileBytes {
            throw ScenarioError(
                location(ofByte: limits.fileBytes),
                "a scenario file may hold at most \(FieldBound.formatSize(limits.fileBytes)); this one is larger (here is its first byte past the limit)"
            )
        }
        if let (index, scalar) = Self.firstForbidden(bytes) {
            guard let scalar else {
                throw ScenarioError(
                    location(ofByte: index), "the file is not valid UTF-8 here (byte 0x\(hex(bytes[index])))")
            }
            throw forbidden(scalar, at: index)
        }
    }

    /// The offset of the first character YAML forbids, with its scalar (nil: invalid UTF-8).
    private static func firstForbidden(_ bytes: [UInt8]) -> (Int, UInt32?)? {
        bytes.withUnsafeBufferPointer { buffer -> (Int, UInt32?)? in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte >= 0x20 && byte < 0x7F || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    index += 1
                    continue
                }
                if byte < 0x80 { return (index, UInt32(byte)) }
                guard let scalar = decode(buffer, at: index) else { return (index, nil) }
                if (scalar >= 0x80 && scalar <= 0x9F && scalar != 0x85) || scalar == 0xFFFE || scalar == 0xFFFF {
                    return (index, scalar)
                }
                index += width(of: byte)
            }
            return nil
        }
    }

    private func forbidden(_ scalar: UInt32, at index: Int) -> ScenarioError {
        let code = String(scalar, radix: 16, uppercase: true)
        return ScenarioError(
            location(ofByte: index),
            "control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code) is not allowed in a scenario file (YAML allows tab and line breaks only)"
        )
    }

    /// The Unicode scalar of the well-formed multi-byte sequence at `index`, or nil.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        let width = width(of: bytes[index])
        guard width > 1, index + width <= bytes.count else { return nil }
        var value = UInt32(bytes[index]) & (0xFF >> (width + 1))
        for offset in 1..<width {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        let minimum: UInt32 = width == 2 ? 0x80 : width == 3 ? 0x800 : 0x10000
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return value
    }

    private func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
