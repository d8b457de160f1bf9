import Foundation

/// The library side of `simctl init`: the text of a new scenario, checked by the loader, and a
/// write that never replaces an existing file.
public enum ScenarioInit {
    /// A refusal that is the user's to fix (exit 2): nothing was written.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// The text for a new scenario called `name` at `file`, from the starter or from the
    /// scenario at `from`; throws the loader's errors (or a ``Refusal``) if it would not load.
    public static func text(name: String, file: URL, from: String?) throws -> String {
        guard !name.isEmpty, name.utf8.count <= ScenarioLoader.maxNameLength,
            name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 })
        else {
            throw Refusal(
                description:
                    "simctl init: \"\(Quote.short(name))\" is not a scenario name (expected [a-z0-9-]+, at most \(ScenarioLoader.maxNameLength) characters)"
            )
        }
        let schema = ScenarioTemplate.schemaPath(for: file)
        let text: String
        if let from {
            _ = try ScenarioLoader.loadReportingAll(path: from)
            guard let source = try? String(contentsOfFile: from, encoding: .utf8) else {  // try?-ok: just loaded
                throw Refusal(description: "\(from):1:1: cannot read the file")
            }
            text = ScenarioTemplate.copy(of: source, name: name, schemaPath: schema)
        } else {
            text = ScenarioTemplate.starter(name: name, schemaPath: schema)
        }
        _ = try ScenarioLoader.parseReportingAll(yaml: text, file: file.relativePath)
        return text
    }

    /// Writes `text` to a new file at `url`, failing if anything is there (O_EXCL).
    public static func writeNew(_ text: String, to url: URL) throws {
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == EEXIST {
                throw Refusal(description: "simctl init: \(url.relativePath) exists; refusing to overwrite it")
            }
            throw Refusal(description: "simctl init: cannot create \(url.relativePath): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            unlink(url.path)
            throw FileOperationError("write", url.path, reason: FileOperationError.describe(error))
        }
    }
}
