/// Limits on the shape of a scenario file, checked on the raw text and on libyaml's event stream
/// before anything is composed or expanded, so that no file can make the loader slow or large.
///
/// The defaults leave ample room for real scenarios (the library's largest is a few KB and six
/// levels deep) while keeping the worst accepted file to a fraction of a second.
public struct LoaderLimits: Sendable, Equatable {
    /// Largest file, in bytes.
    public var fileBytes = 1 << 20
    /// Deepest nesting of mappings and lists (the document's root collection is level 1).
    public var depth = 16
    /// Longest single scalar (a key or a value), in UTF-8 bytes.
    public var scalarBytes = 16 * 1024
    /// Most nodes, counting each alias as the size of what it stands for.
    public var nodes = 200_000
    /// Most bytes of scalar text, counting each alias as the size of what it stands for.
    public var expandedScalarBytes = 4 << 20
    /// Most anchors (`&name`).
    public var anchors = 1_000
    /// Most aliases (`*name`).
    public var aliases = 1_000

    public init() {}

    /// The limits every scenario file is held to.
    public static let standard = LoaderLimits()

    /// The docs' table of these limits.
    public func markdownTable() -> String {
        [
            "| limit | value |", "|---|---|",
            "| file size | \(FieldBound.formatSize(fileBytes)) |",
            "| nesting of mappings and lists | \(depth) levels |",
            "| one scalar (key or value) | \(FieldBound.formatSize(scalarBytes)) |",
            "| nodes, each alias counted as what it stands for | \(nodes) |",
            "| scalar text, each alias counted as what it stands for | \(FieldBound.formatSize(expandedScalarBytes)) |",
            "| anchors (`&name`) | \(anchors) |",
            "| aliases (`*name`) | \(aliases) |",
        ].joined(separator: "\n")
    }
}
