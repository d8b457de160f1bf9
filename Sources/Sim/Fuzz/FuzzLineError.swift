/// What is wrong with one JSON line of a campaign's output, before `simctl fuzz merge` names
/// the file and line (``FuzzMergeError``): the field and what was expected of it.
public struct FuzzLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Column of the problem within the line (1-based; 1 when it is about a whole field).
    public var column: Int
    public var message: String

    public init(column: Int = 1, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { message }
}
