import Yams

/// Decodes `topology:`: a built-in name, an inline mapping, or an inline mapping that starts from
/// a built-in with `use:` (mappings merge key by key, lists replace whole).
enum TopologyDecoder {
    /// The sections of an inline topology (``ScenarioFormat/topology`` without `use`).
    static var sections: [String] { ScenarioFormat.topology.keys.filter { $0 != "use" } }

    /// With `issues`, unknown keys and the errors of independent sections are all recorded there
    /// (and ``DecodeIssues/Recorded`` thrown); without, the first error is thrown.
    static func decode(_ cursor: YAMLCursor, issues: DecodeIssues? = nil) throws -> Topology {
        if let name = cursor.scalarText {
            guard let node = try builtinNode(name) else {
                throw cursor.error(
                    "unknown topology \"\(Quote.short(name))\" (expected one of: \(BuiltinTopologies.names.joined(separator: ", ")), or an inline mapping)"
                )
            }
            return try decodeSections(
                YAMLCursor(
                    node: node, path: cursor.path, file: cursor.location.file,
                    fallback: cursor.location, sourceMap: cursor.sourceMap), issues: issues)
        }
        let keys =
            try issues.map { try cursor.mapping(allowed: ["use"] + sections, issues: $0) }
            ?? cursor.mapping(allowed: ["use"] + sections)
        var merged = cursor.node
        if let use = keys.optional("use") {
            let name = try use.identifier()
            guard let base = try builtinNode(name) else {
                throw use.error(
                    "unknown topology \"\(name)\" (expected one of: \(BuiltinTopologies.names.joined(separator: ", ")))"
                )
            }
            merged = merge(base: base, override: removingKey("use", from: cursor.node))
        } else {
            // A standalone topology names its verticals and domains; the rest defaults to standard's.
            _ = try keys.required("verticals")
            _ = try keys.required("domains")
            let base = try builtinNode("standard")!
            merged = merge(
                base: removingKey("verticals", from: removingKey("domains", from: removingKey("edge", from: base))),
                override: cursor.node)
        }
        if issues != nil {
            // Unknown keys are recorded above; the merge keeps the known ones only.
            for key in keysIn(merged) where !sections.contains(key) && key != "use" {
                merged = removingKey(key, from: merged)
            }
        }
        return try decodeSections(
            YAMLCursor(
                node: merged, path: cursor.path, file: cursor.location.file,
                fallback: cursor.location, sourceMap: cursor.sourceMap), issues: issues)
    }

    static func keysIn(_ node: Node) -> [String] {
        guard case .mapping(let mapping) = node else { return [] }
        return mapping.compactMap { $0.key.string }
    }

    /// The built-in's node, with its marks removed so that errors fall back to the user's text.
    static func builtinNode(_ name: String) throws -> Node? {
        guard let yaml = BuiltinTopologies.yaml(name) else { return nil }
        guard let node = try Yams.compose(yaml: yaml) else { return nil }
        return strippingMarks(node)
    }

    static func strippingMarks(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            return .scalar(Node.Scalar(scalar.string, scalar.tag, scalar.style, nil))
        case .mapping(let mapping):
            return .mapping(
                Node.Mapping(
                    mapping.map { (strippingMarks($0.key), strippingMarks($0.value)) },
                    mapping.tag, mapping.style, nil))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(strippingMarks), sequence.tag, sequence.style, nil))
        case .alias:
            return node
        }
    }

    /// Mappings merge key by key (the override's keys win, recursively); anything else replaces.
    static func merge(base: Node, override: Node) -> Node {
        guard case .mapping(let baseMapping) = base, case .mapping(let overMapping) = override else {
            return override
        }
        var pairs = baseMapping.map { ($0.key, $0.value) }
        for (key, value) in overMapping {
            if let index = pairs.firstIndex(where: { $0.0.string == key.string }) {
                pairs[index] = (key, merge(base: pairs[index].1, override: value))
            } else {
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs, overMapping.tag, overMapping.style, overMapping.mark))
    }

    static func removingKey(_ key: String, from node: Node) -> Node {
        guard case .mapping(let mapping) = node else { return node }
        let pairs = mapping.filter { $0.key.string != key }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }
}
