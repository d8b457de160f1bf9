import Crypto
import Foundation

/// Why a bucket key was refused.
public enum BucketKeyError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLong(bytes: Int)
    case forbiddenCharacter
    case traversal
    case absolute

    public var description: String {
        switch self {
        case .empty: return "empty key"
        case .tooLong(let bytes): return "key is \(bytes) bytes long (at most \(Bucket.maxKeyBytes))"
        case .forbiddenCharacter: return "key contains a NUL or control character"
        case .traversal: return "key contains a . or .. segment"
        case .absolute: return "key starts with /"
        }
    }
}
