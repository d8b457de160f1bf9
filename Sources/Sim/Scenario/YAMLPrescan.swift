import CYaml

/// A pass over libyaml's event stream (the same parser Yams composes with) that enforces
/// ``LoaderLimits`` and the format's rules on keys before Yams builds a single node.
///
/// Yams expands aliases and checks duplicate keys while composing, hashing whole subtrees: a
/// 500-byte "billion laughs" chain used as a key kept it busy for minutes, and its duplicate-key
/// error carried no location of its own. Here every event carries its mark, so each problem is
/// reported at its own line and column: syntax errors, a second document, nesting too deep, a
/// scalar too long, too many anchors or aliases, an alias (or a mapping or list) used as a key, an
/// undefined alias, a duplicate key, and a document whose aliases would expand past the limits
/// (sizes are summed per anchor, never expanded).
struct YAMLPrescan {
    let source: SourceText
    let limits: LoaderLimits

    /// What an anchored node stands for once expanded.
    private struct Extent {
        var nodes = 0
        var scalarBytes = 0

        mutating func add(_ other: Extent) {
            nodes += other.nodes
            scalarBytes += other.scalarBytes
        }
    }

    /// An open mapping or list.
    private struct Frame {
        let isMapping: Bool
        let anchor: String?
        var extent: Extent
        /// In a mapping: whether the next node is a key.
        var expectsKey = true
        /// In a mapping: the keys seen so far and where.
        var keys: [String: SourceLocation] = [:]

        init(isMapping: Bool, anchor: String?, extent: Extent) {
            self.isMapping = isMapping
            self.anchor = anchor
            self.extent = extent
        }
    }

    private var frames: [Frame] = []
    private var anchors: [String: Extent] = [:]
    private var anchorCount = 0
    private var aliasCount = 0
    private var total = Extent()
    private var documents = 0

    init(source: SourceText, limits: LoaderLimits) {
        self.source = source
        self.limits = limits
    }

    /// Scans the whole stream; throws the first problem found.
    static func scan(_ source: SourceText, limits: LoaderLimits) throws(ScenarioError) {
        var scan = YAMLPrescan(source: source, limits: limits)
        try scan.run()
    }

    private mutating func run() throws(ScenarioError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ScenarioError(location(line: 0, column: 0), "cannot start the YAML parser (out of memory)")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var bytes = source.bytes
        let count = bytes.count
        let result = bytes.withUnsafeMutableBufferPointer { buffer -> ScenarioError? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                do throws(ScenarioError) {
                    try handle(event)
                } catch {
                    return error
                }
            }
        }
        if let result { throw result }
    }

    // MARK: Events

    private mutating func handle(_ event: yaml_event_t) throws(ScenarioError) {
        let here = location(line: event.start_mark.line, column: event.start_mark.column)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw ScenarioError(here, "a second YAML document (a scenario file holds exactly one)")
            }
        case YAML_SCALAR_EVENT:
            let length = event.data.scalar.length
            if length > limits.scalarBytes {
                throw ScenarioError(
                    here,
                    "a scalar of \(length) bytes; the limit is \(FieldBound.formatSize(limits.scalarBytes)) per key or value"
                )
            }
            if isKeyPosition {
                let key = String(
                    decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: length), as: UTF8.self)
                try noteKey(key, at: here)
            }
            let extent = Extent(nodes: 1, scalarBytes: length)
            try count(extent, at: here)
            addToInnermost(extent)
            if let anchor = string(event.data.scalar.anchor) {
                try countAnchor(at: here)
                anchors[anchor] = extent
            }
            valueDone()
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            if isKeyPosition {
                throw ScenarioError(here, "an alias (*\(name)) used as a mapping key (expected a plain key)")
            }
            aliasCount += 1
            if aliasCount > limits.aliases {
                throw ScenarioError(here, "more than \(limits.aliases) aliases in one file")
            }
            guard let extent = anchors[name] else {
                throw ScenarioError(here, "undefined alias *\(name) (expected an anchor &\(name) defined before it)")
            }
            try count(extent, at: here, alias: name)
            addToInnermost(extent)
            valueDone()
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if isKeyPosition {
                throw ScenarioError(
                    here, "a \(isMapping ? "mapping" : "list") used as a mapping key (expected a plain key)")
            }
            if frames.count + 1 > limits.depth {
                throw ScenarioError(here, "mappings and lists nested deeper than \(limits.depth) levels")
            }
            let anchor = string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
            if anchor != nil { try countAnchor(at: here) }
            let itself = Extent(nodes: 1, scalarBytes: 0)
            try count(itself, at: here)
            frames.append(Frame(isMapping: isMapping, anchor: anchor, extent: itself))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { return }
            if let anchor = frame.anchor { anchors[anchor] = frame.extent }
            addToInnermost(frame.extent)
            valueDone()
        default:
            break
        }
    }

    /// Whether the next node of the innermost collection is a mapping key.
    private var isKeyPosition: Bool {
        guard let frame = frames.last else { return false }
        return frame.isMapping && frame.expectsKey
    }

    private mutating func noteKey(_ key: String, at here: SourceLocation) throws(ScenarioError) {
        let index = frames.count - 1
        if let first = frames[index].keys[key] {
            throw ScenarioError(
                here,
                "duplicate key \"\(Quote.short(key))\" (first at line \(first.line), column \(first.column))")
        }
        frames[index].keys[key] = here
    }

    /// Counts `extent` into the document's total (aliases as what they stand for) and checks it.
    private mutating func count(_ extent: Extent, at here: SourceLocation, alias: String? = nil)
        throws(ScenarioError)
    {
        total.add(extent)
        guard total.nodes <= limits.nodes, total.scalarBytes <= limits.expandedScalarBytes else {
            let what = alias.map { "alias *\($0) brings the document to" } ?? "the document reaches"
            throw ScenarioError(
                here,
                total.nodes > limits.nodes
                    ? "\(what) \(total.nodes) nodes; the limit is \(limits.nodes), aliases counted as what they stand for"
                    : "\(what) \(total.scalarBytes) bytes of text; the limit is \(FieldBound.formatSize(limits.expandedScalarBytes)), aliases counted as what they stand for"
            )
        }
    }

    /// Adds a finished node's extent to the innermost open collection.
    private mutating func addToInnermost(_ extent: Extent) {
        if let last = frames.indices.last { frames[last].extent.add(extent) }
    }

    private mutating func countAnchor(at here: SourceLocation) throws(ScenarioError) {
        anchorCount += 1
        if anchorCount > limits.anchors {
            throw ScenarioError(here, "more than \(limits.anchors) anchors in one file")
        }
    }

    /// A key or value of the innermost mapping is complete.
    private mutating func valueDone() {
        guard let last = frames.indices.last, frames[last].isMapping else { return }
        frames[last].expectsKey.toggle()
    }

    // MARK: Helpers

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: source.file, line: line + 1, column: column + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> ScenarioError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            return ScenarioError(source.location(ofByte: parser.problem_offset), "YAML error: \(problem)")
        }
        if problem.hasPrefix("Maximum nesting level") {
            // libyaml's own guard (1000 levels) fires before our events when its scanner has
            // looked far ahead into a run of brackets; its mark is where that run starts.
            return ScenarioError(
                location(line: parser.problem_mark.line, column: parser.problem_mark.column),
                "mappings and lists nested deeper than \(limits.depth) levels (far deeper, from here on)")
        }
        let context = parser.context.map { String(cString: $0) + " " } ?? ""
        return ScenarioError(
            location(line: parser.problem_mark.line, column: parser.problem_mark.column),
            "YAML syntax error: \(context)\(problem)")
    }
}
