import Verticals

/// The patterns of the format's units, and the schemas of expectations and faults.
extension ScenarioSchema {
    enum Patterns {
        static let number = "[0-9]+(\\.[0-9]+)?"
        /// `1m30s`, `250ms`: numbers with units, largest first (the order is the loader's).
        static let duration = "(\(number)(ms|us|d|h|m|s))+"
        static let size = "^\(number)(B|KB|MB|GB|KiB|MiB|GiB)$"
        static let rate = "^\(number)/(s|m|h)$"
        static let domain = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
        static let relation = "^((<=|>=) *)?"
    }

    static func string(pattern: String) -> JSONValue {
        .object([("type", .string("string")), ("pattern", .string(pattern))])
    }

    static func described(_ schema: JSONValue, _ text: String) -> JSONValue {
        guard case .object(let pairs) = schema else { return schema }
        return .object(pairs + [("description", .string(text))])
    }

    static func integer(_ minimum: Int64, _ maximum: Int64) -> JSONValue {
        .object([("type", .string("integer")), ("minimum", .int(minimum)), ("maximum", .int(maximum))])
    }

    static func expectation(_ kind: ExpectValueKind) -> JSONValue {
        let relation = Patterns.relation
        switch kind {
        case .percentage:
            return described(
                string(pattern: "\(relation)\(Patterns.number)%$"),
                "A percentage like 99.9% (a minimum; `<=` or `>=` may be written).")
        case .count:
            return .object([
                (
                    "anyOf",
                    .array([
                        integer(0, Int64(ScenarioBounds.expectCount.maximum)),
                        string(pattern: "\(relation)[0-9]+$"),
                    ])
                ),
                ("description", .string("A count like 0 (a maximum; `<=` or `>=` may be written).")),
            ])
        case .bool:
            return .object([("type", .string("boolean"))])
        case .duration:
            return .object([
                (
                    "anyOf",
                    .array([string(pattern: "\(relation)(0|\(Patterns.duration))$"), .object([("const", .int(0))])])
                ),
                ("description", .string("A duration like 30s (a maximum; `<=` or `>=` may be written).")),
            ])
        case .percentiles:
            return .object([
                ("type", .string("object")),
                ("propertyNames", .object([("enum", .array(ExpectationDecoder.percentiles.map { .string($0) }))])),
                ("additionalProperties", expectation(.duration)),
                ("description", .string("Durations by percentile: p50, p90, p99, p999, max.")),
            ])
        case .perSurface:
            return .object([
                ("type", .string("object")), ("additionalProperties", expectation(.percentage)),
                ("description", .string("Percentages by surface (a domain of the topology).")),
            ])
        case .countPerSurface:
            return .object([
                (
                    "anyOf",
                    .array([
                        expectation(.count),
                        .object([("type", .string("object")), ("additionalProperties", expectation(.count))]),
                    ])
                ),
                (
                    "description",
                    .string("A count over every surface, or counts by surface (a domain of the topology)."),
                ),
            ])
        }
    }

    /// One fault kind: `at`, `for`, `kind`, its target, and its own fields, nothing else.
    static func fault(_ kind: FaultKind) -> JSONValue {
        let targetKey = kind.targetKind == .link ? "between" : "target"
        let target: JSONValue =
            kind.targetKind == .link
            ? .object([
                ("description", .string("The two verticals of the link, like [aws, scaleway].")),
                ("type", .string("array")), ("items", schema(.identifier(maxLength: 63))),
                ("minItems", .int(2)), ("maxItems", .int(2)),
            ])
            : .object([
                ("description", .string("The \(kind.targetKind.rawValue) it aims at.")),
                ("type", .string("string")),
            ])
        var properties: [(String, JSONValue)] = [
            (
                "at",
                property(FormatField("at", .duration(ScenarioBounds.at), "When the fault starts (inside duration)."))
            ),
            (
                "for",
                property(
                    FormatField(
                        "for", .duration(ScenarioBounds.faultFor), "How long it lasts.",
                        default: "to the end of the chaos phase"))
            ),
            ("kind", .object([("const", .string(kind.rawValue)), ("description", .string(kind.summary))])),
            (targetKey, target),
        ]
        for field in kind.requiredFields + kind.optionalFields {
            properties.append((field.rawValue, property(FormatField(field.rawValue, field.format, field.summary))))
        }
        let required = ["at", "kind", targetKey] + kind.requiredFields.map(\.rawValue)
        return .object([
            ("properties", .object(properties)), ("required", .array(required.map { .string($0) })),
            ("additionalProperties", .bool(false)),
        ])
    }
}

/// Pretty JSON: two-space indentation, keys in the order given, short arrays of scalars on one line.
enum SchemaPrinter {
    static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let pairs) where !pairs.isEmpty:
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                out += pad + "  " + JSONValue.string(pair.0).serialized() + ": "
                write(pair.1, indent: indent + 1, into: &out)
                out += index < pairs.count - 1 ? ",\n" : "\n"
            }
            out += pad + "}"
        case .array(let items) where items.contains(where: isContainer):
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad + "  "
                write(item, indent: indent + 1, into: &out)
                out += index < items.count - 1 ? ",\n" : "\n"
            }
            out += pad + "]"
        case .array(let items):
            out += "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
        default:
            out += value.serialized()
        }
    }

    static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let pairs): return !pairs.isEmpty
        case .array: return true
        default: return false
        }
    }
}
