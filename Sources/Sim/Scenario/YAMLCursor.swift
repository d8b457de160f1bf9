import Yams

/// A position in a composed YAML document: a node, the dotted path that led to it and the best
/// source location known for it. Decoding walks cursors so that every type or value error points
/// at the line and column of the text that caused it (Yams itself marks syntax errors only).
struct YAMLCursor {
    let node: Node
    let path: String
    let location: SourceLocation
    /// Where each value read so far came from, for checks that span several fields.
    let sourceMap: SourceMap

    init(node: Node, path: String, file: String, fallback: SourceLocation? = nil, sourceMap: SourceMap) {
        self.node = node
        self.path = path
        self.sourceMap = sourceMap
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
        return YAMLCursor(
            node: node, path: childPath, file: location.file, fallback: location, sourceMap: sourceMap)
    }

    /// A short description of what the node holds, for "found …" in messages.
    var found: String {
        switch node {
        case .scalar(let scalar):
            return node.null != nil ? "nothing" : "\"\(Quote.short(scalar.string))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether the node is a mapping.
    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    // MARK: Collections

    /// This node as a mapping whose keys must all be in `allowed`.
    func mapping(allowed: [String]) throws -> YAMLMapping {
        guard case .mapping = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(found)")
        }
        let entries = try openMapping()
        if let entry = entries.first(where: { !allowed.contains($0.key) }) {
            throw unknownKey(entry, allowed: allowed)
        }
        return YAMLMapping(cursor: self, entries: entries)
    }

    /// This node as a mapping; every key not in `allowed` is recorded in `issues` (not only the
    /// first) and left out, so decoding can go on with the known ones.
    func mapping(allowed: [String], issues: DecodeIssues) throws -> YAMLMapping {
        guard case .mapping = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(found)")
        }
        let entries = try openMapping()
        var known: [YAMLMapping.Entry] = []
        for entry in entries {
            if allowed.contains(entry.key) {
                known.append(entry)
            } else {
                issues.record(unknownKey(entry, allowed: allowed))
            }
        }
        return YAMLMapping(cursor: self, entries: known)
    }

    private func unknownKey(_ entry: YAMLMapping.Entry, allowed: [String]) -> ScenarioError {
        let where_ = path.isEmpty ? "at the top level" : "in \(path)"
        return ScenarioError(
            entry.keyCursor.location,
            "unknown key \"\(Quote.short(entry.key))\" \(where_) (expected one of: \(allowed.joined(separator: ", ")))"
        )
    }

    /// This node as a mapping with keys chosen by the caller (surfaces, mix, links).
    func openMapping() throws -> [YAMLMapping.Entry] {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping, found \(found)")
        }
        var entries: [YAMLMapping.Entry] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let keyCursor = child(keyNode, "")
            guard case .scalar(let scalar) = keyNode else {
                throw keyCursor.error("expected a plain key, found \(keyCursor.found)")
            }
            // The prescan refuses duplicates in the user's text; this guards merged built-ins.
            guard seen.insert(scalar.string).inserted else {
                throw ScenarioError(
                    keyCursor.location,
                    "duplicate key \"\(Quote.short(scalar.string))\"\(path.isEmpty ? "" : " in \(path)")")
            }
            entries.append(
                YAMLMapping.Entry(key: scalar.string, keyCursor: keyCursor, value: child(valueNode, scalar.string)))
        }
        return entries
    }

    /// This node as a list of at most `bound.maximum` entries.
    func sequence(of what: String, bound: FieldBound? = nil) throws -> [YAMLCursor] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list of \(what), found \(found)")
        }
        if let bound, !bound.contains(Double(sequence.count)) {
            throw error("\(sequence.count) \(what) (expected \(bound.rangeText))")
        }
        return sequence.enumerated().map { child($0.element, "[\($0.offset)]") }
    }
}
