/// Why a report could not be drawn; every case is the user's to fix (exit status 2).
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A file of the run folder is missing or unreadable.
    case unreadable(String, String)
    /// The folder is not a run folder (no `trace.jsonl` / `result.json`).
    case notARunFolder(String, String)
    /// A line of the trace is not valid.
    case malformedTrace(file: String, line: Int, column: Int, message: String)
    /// `result.json` or `run.json` is not what simctl writes.
    case malformedResult(String, String)
    /// The output cannot be written.
    case output(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let why): return "\(path): \(why)"
        case .notARunFolder(let path, let why): return "\(path): \(why)"
        case .malformedTrace(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message) (expected one JSON object per line, as simctl writes)"
        case .malformedResult(let path, let why): return "\(path): \(why)"
        case .output(let path, let why): return "\(path): \(why)"
        }
    }
}
