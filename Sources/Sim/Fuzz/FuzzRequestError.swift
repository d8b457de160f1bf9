/// Bad input to a fuzz campaign (exit status 2).
public enum FuzzRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case seeds(String)
    case shard(String)
    case jobs(String)
    case unknownAblation(String)
    case outputFolder(String)
    case shrinkRuns(String)

    public var description: String {
        switch self {
        case .seeds(let text):
            return
                "--seeds \(text): expected a range FIRST..LAST of whole numbers, FIRST <= LAST, at most \(SeedSelection.maximumSeeds) seeds (both ends included, e.g. 1..1000)"
        case .shard(let text):
            return "--shard \(text): expected K/N with 1 <= K <= N <= \(SeedSelection.maximumShards) (e.g. 2/8)"
        case .jobs(let text): return "--jobs \(text): expected a number of parallel jobs from 1 to 256"
        case .unknownAblation(let message): return message
        case .outputFolder(let message): return message
        case .shrinkRuns(let text): return "--shrink-runs \(text): expected a number of runs from 0 to 100000"
        }
    }
}
