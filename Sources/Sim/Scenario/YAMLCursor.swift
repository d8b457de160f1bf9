import Foundation
import Yams

/// A position in a composed YAML document: a node, the dotted path that led to it and the best
/// source location known for it. Decoding walks cursors so that every type or value error points
/// at the line and column of the text that caused it (Yams itself marks syntax errors only).
struct YAMLCursor {
    let node: Node
    let path: String
    let location: SourceLocation

    init(node: Node, path: String, file: String, fallback: SourceLocation? = nil) {
        self.node = node
        self.path = path
        if let mark = node.mark {
            location = SourceLocation(file: file, line: mark.line, column: mark.column)
        } else {
            location = fallback ?? SourceLocation(file: file, line: 1, column: 1)
        }
    }

    /// An error at this node: `path: message`.
    func error(_ message: String) -> ScenarioError {
        ScenarioError(location, path.isEmpty ? message : "\(path): \(message)")
    }

    func child(_ node: Node, _ segment: String) -> YAMLCursor {
        let childPath =
            path.isEmpty || segment.isEmpty
            ? path + segment
            : segment.hasPrefix("[") ? path + segment : "\(path).\(segment)"
        return YAMLCursor(node: node, path: childPath, file: location.file, fallback: location)
    }

    /// A short description of what the node holds, for "found …" in messages.
    var found: String {
        switch node {
        case .scalar(let scalar):
            return node.null != nil ? "nothing" : "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Collections

    /// This node as a mapping whose keys must all be in `allowed`.
    func mapping(allowed: [String]) throws -> YAMLMapping {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(found)")
        }
        var entries: [(key: String, keyCursor: YAMLCursor, value: YAMLCursor)] = []
        for (keyNode, valueNode) in mapping {
            let keyCursor = child(keyNode, "")
            guard case .scalar(let scalar) = keyNode else {
                throw keyCursor.error("expected a plain key, found \(keyCursor.found)")
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                let where_ = path.isEmpty ? "at the top level" : "in \(path)"
                throw ScenarioError(
                    keyCursor.location,
                    "unknown key \"\(key)\" \(where_) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            if entries.contains(where: { $0.key == key }) {
                throw ScenarioError(keyCursor.location, "duplicate key \"\(key)\"\(path.isEmpty ? "" : " in \(path)")")
            }
            entries.append((key, keyCursor, child(valueNode, key)))
        }
        return YAMLMapping(cursor: self, entries: entries)
    }

    /// This node as a mapping with keys chosen by the caller (surfaces, mix, links).
    func openMapping() throws -> [(key: String, keyCursor: YAMLCursor, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, found \(found)")
        }
        var entries: [(key: String, keyCursor: YAMLCursor, value: YAMLCursor)] = []
        for (keyNode, valueNode) in mapping {
            let keyCursor = child(keyNode, "")
            guard case .scalar(let scalar) = keyNode else {
                throw keyCursor.error("expected a plain key, found \(keyCursor.found)")
            }
            if entries.contains(where: { $0.key == scalar.string }) {
                throw ScenarioError(keyCursor.location, "duplicate key \"\(scalar.string)\" in \(path)")
            }
            entries.append((scalar.string, keyCursor, child(valueNode, scalar.string)))
        }
        return entries
    }

    /// This node as a list.
    func sequence(of what: String) throws -> [YAMLCursor] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list of \(what), found \(found)")
        }
        return sequence.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    // MARK: Scalars

    /// The scalar's text; nil for a mapping, list or nothing.
    var scalarText: String? {
        guard case .scalar(let scalar) = node, node.null == nil else { return nil }
        return scalar.string
    }

    func scalar(_ expected: String) throws -> String {
        guard let text = scalarText else { throw error("expected \(expected), found \(found)") }
        return text
    }

    func string() throws -> String {
        try scalar("a string")
    }

    /// A `[a-z0-9-]+` identifier.
    func identifier() throws -> String {
        let text = try scalar("a name made of a-z, 0-9 and -")
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
        else {
            throw error("expected a name made of a-z, 0-9 and -, found \"\(text)\"")
        }
        return text
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        let text = try scalar("a whole number")
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected a whole number, found \"\(text)\"")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range (expected \(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }

    func double(in range: ClosedRange<Double>) throws -> Double {
        let text = try scalar("a number")
        guard let value = Double(text), value.isFinite else { throw error("expected a number, found \"\(text)\"") }
        guard range.contains(value) else {
            throw error("\(text) is out of range (expected \(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }

    func bool() throws -> Bool {
        let text = try scalar("true or false")
        switch text {
        case "true", "True", "yes": return true
        case "false", "False", "no": return false
        default: throw error("expected true or false, found \"\(text)\"")
        }
    }

    func duration(allowNegative: Bool = false, minimumUs: Int64 = 0) throws -> Int64 {
        let text = try scalar("a duration like 250ms, 30s, 5m or 1h")
        guard let value = Units.parseDuration(text) else {
            throw error("expected a duration like 250ms, 30s, 5m or 1h (units: ms, s, m, h, d), found \"\(text)\"")
        }
        if !allowNegative, value < minimumUs {
            throw error("duration \(text) is too small (expected at least \(VirtualTime.formatDuration(minimumUs)))")
        }
        return value
    }

    func size() throws -> Int {
        let text = try scalar("a size like 6MB or 64KiB")
        guard let value = Units.parseSize(text) else {
            throw error(
                "expected a size like 512B, 6MB or 64KiB (units: B, KB, MB, GB, KiB, MiB, GiB), found \"\(text)\"")
        }
        return value
    }

    func rate() throws -> Double {
        let text = try scalar("a rate like 20/s")
        guard let value = Units.parseRate(text) else {
            throw error("expected a rate like 20/s, 300/m or 2/h, found \"\(text)\"")
        }
        return value
    }

    /// A probability written as a number in 0...1.
    func fraction() throws -> Double {
        try double(in: 0...1)
    }
}

/// A mapping whose keys have been checked; hands out its values by key.
struct YAMLMapping {
    let cursor: YAMLCursor
    let entries: [(key: String, keyCursor: YAMLCursor, value: YAMLCursor)]

    func optional(_ key: String) -> YAMLCursor? {
        entries.first { $0.key == key }?.value
    }

    func required(_ key: String) throws -> YAMLCursor {
        guard let value = optional(key) else {
            throw cursor.error("missing required key \"\(key)\"")
        }
        return value
    }

    func has(_ key: String) -> Bool { optional(key) != nil }
}
