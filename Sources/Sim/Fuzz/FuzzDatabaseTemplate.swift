import Foundation
import Mechanisms
import Verticals

/// A vertical's database as a fresh run opens it (migrated, with the outbox triggers of the
/// campaign's ablations), made once per campaign and written into each seed's run folder, so a
/// seed opens a ready file instead of running the migrations and creating the triggers again
/// (about 5 % of a small seed's instructions). ``VerticalDatabase`` still checks the file: it
/// migrates only what is missing and keeps the triggers only when they are exactly the ones it
/// would create, so a copy opens to the same database as an empty folder.
final class FuzzDatabaseTemplate: @unchecked Sendable {
    // `files` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    /// Where templates are made (the campaign's work folder); each is removed once read.
    let folder: URL

    init(folder: URL) {
        self.folder = folder
    }

    /// The bytes of a closed, checkpointed database file for `disabled`.
    func bytes(for disabled: DisabledMechanisms) throws -> Data {
        let key = disabled.names.joined(separator: ",")
        return try lock.withLock {
            if let bytes = files[key] { return bytes }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = folder.appendingPathComponent("template-\(files.count).sqlite")
            let database = try VerticalDatabase(path: url.path, disabled: disabled)
            try database.checkpointAndClose()
            let bytes = try Data(contentsOf: url)
            try FileManager.default.removeItem(at: url)
            files[key] = bytes
            return bytes
        }
    }

    /// Writes the template into `folder` for each vertical of `scenario` (`ID.sqlite`, the name
    /// ``Vertical`` opens).
    func seed(_ folder: URL, for scenario: Scenario) throws {
        let bytes = try bytes(for: scenario.ablations)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for spec in scenario.topology.verticals {
            try bytes.write(to: folder.appendingPathComponent("\(spec.id).sqlite"))
        }
    }
}
