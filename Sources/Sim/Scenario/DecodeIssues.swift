/// The errors of one scenario file collected while decoding goes on past them, so that
/// `simctl validate` reports every independent problem at once instead of only the first.
///
/// Decoding stops at the first error inside one value (a fault, a script step, a topology
/// section), then carries on with the next independent value; values that depend on a broken
/// one (faults on a topology that did not decode) are skipped rather than reported twice.
final class DecodeIssues {
    /// The file, for errors that carry no location of their own.
    let file: String
    private(set) var errors: [ScenarioError] = []

    init(file: String) {
        self.file = file
    }

    /// Whether nothing has gone wrong so far.
    var isEmpty: Bool { errors.isEmpty }

    func record(_ error: ScenarioError) {
        errors.append(error)
    }

    /// Thrown by a decoder that has recorded its own errors here and cannot produce its value.
    struct Recorded: Error {}

    /// Runs `body`; an error is recorded and `nil` returned so the caller can go on.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch is Recorded {
            // already recorded by the decoder that threw it
        } catch let error as ScenarioError {
            record(error)
        } catch {
            record(ScenarioError(SourceLocation(file: file, line: 1, column: 1), "\(error)"))
        }
        return nil
    }

    /// Throws the first error recorded since `count` errors had been (for callers without a
    /// collector of their own), or ``Recorded`` when this collector is the caller's.
    func fail(since count: Int, owned: Bool) throws -> Never {
        if owned { throw errors[count] }
        throw Recorded()
    }

    /// The errors in the order of the file (line, then column), each once.
    var sorted: [ScenarioError] {
        var seen: [ScenarioError] = []
        for error in errors where !seen.contains(error) { seen.append(error) }
        return seen.enumerated().sorted { a, b in
            let (l, r) = (a.element.location, b.element.location)
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
