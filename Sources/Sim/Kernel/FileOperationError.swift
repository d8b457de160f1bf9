import Foundation

/// A file-system operation that failed, with the path and the system's reason: one line for
/// the user, never a raw `NSError` dump.
public struct FileOperationError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var path: String
    public var reason: String

    public init(_ operation: String, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// The error for a POSIX call that returned `result` (-1 with `errno` set on failure).
    static func check(_ result: Int32, _ operation: String, _ path: String) throws(FileOperationError) {
        guard result == 0 else {
            throw FileOperationError(operation, path, reason: String(cString: strerror(errno)))
        }
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }

    /// A one-line description of any error met while touching files or databases.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? FileOperationError { return error.description }
        if let error = error as? CocoaError {
            let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path
            var reason = error.localizedDescription
            if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
                underlying.domain == NSPOSIXErrorDomain
            {
                reason += " (\(String(cString: strerror(Int32(underlying.code)))))"
            }
            return path.map { "\(reason) [\($0)]" } ?? reason
        }
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > 400 ? String(text.prefix(400)) + "…" : text
    }
}
