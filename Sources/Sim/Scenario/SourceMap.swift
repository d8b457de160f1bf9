/// Where each value of a scenario came from, by its dotted path (`workload.rate`,
/// `topology.verticals[0].runtime.max_payload`), so that checks spanning several fields (work
/// budgets, attachment size against max payload) point at the value to change.
final class SourceMap {
    private var locations: [String: SourceLocation] = [:]

    func record(_ path: String, _ location: SourceLocation) {
        locations[path] = location
    }

    /// Where the value at `path` was written, if it was read.
    subscript(path: String) -> SourceLocation? { locations[path] }

    /// Where the first of `paths` that was read from the user's text is.
    func first(of paths: [String]) -> SourceLocation? {
        paths.lazy.compactMap { self[$0] }.first
    }
}
