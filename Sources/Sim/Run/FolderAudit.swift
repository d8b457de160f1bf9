import Foundation
import GRDB
import Verticals

/// `simctl audit RUN_FOLDER`: re-opens the verticals of a finished run folder, digests each
/// one's replicated state (``StateDigest``: every replicated table, every bucket object) and
/// lists every row or object on which they differ.
///
/// The folder is only read: each `ID.sqlite` is copied into a private temporary folder and opened
/// there (SQLite may write `-wal`/`-shm` files beside a database it opens, even to read), and the
/// `ID-bucket/` folders are read in place.
public struct FolderAudit: Sendable {
    /// One vertical's digest.
    public struct VerticalDigest: Sendable {
        public let vertical: String
        public let digest: StateDigest

        /// `vertical`'s digest.
        public init(vertical: String, digest: StateDigest) {
            self.vertical = vertical
            self.digest = digest
        }
    }

    /// Why a folder cannot be audited: bad input (exit 2), or a read that failed (exit 3).
    public enum Failure: Error, CustomStringConvertible {
        case badInput(String)
        case readFailed(String)

        public var description: String {
            switch self {
            case .badInput(let message), .readFailed(let message): return message
            }
        }
    }

    public let folder: String
    /// The verticals in id order, each with its digest.
    public let verticals: [VerticalDigest]
    /// Every differing row and object, in the digest's canonical order.
    public let differences: [StateDifference]

    /// Whether every vertical holds the same replicated state.
    public var identical: Bool { differences.isEmpty }

    /// Audits the run folder at `folder`.
    public static func run(folder: String) throws(Failure) -> FolderAudit {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let ids = try verticalIDs(url, folder: folder)
        let scratch = try scratchFolder()
        defer { _ = try? FileManager.default.removeItem(atPath: scratch) }  // try?-ok: our own scratch copy
        var verticals: [VerticalDigest] = []
        for id in ids {
            let source = url.appendingPathComponent("\(id).sqlite").path
            let copy = scratch + "/\(id).sqlite"
            do {
                try FileManager.default.copyItem(atPath: source, toPath: copy)
                let queue = try DatabaseQueue(path: copy)
                let digest = try queue.read { db in
                    try StateDigest.read(db, bucketRoot: url.appendingPathComponent("\(id)-bucket"))
                }
                try queue.close()
                verticals.append(VerticalDigest(vertical: id, digest: digest))
            } catch {
                throw .readFailed("simctl: audit: reading vertical \(id) in \(folder) failed: \(error)")
            }
        }
        let differences = StateDifference.between(verticals.map { ($0.vertical, $0.digest) })
        return FolderAudit(folder: folder, verticals: verticals, differences: differences)
    }

    /// The verticals of a complete run folder: the `ID.sqlite` entries of its marker.
    private static func verticalIDs(_ url: URL, folder: String) throws(Failure) -> [String] {
        guard RunFolder.kind(of: url) == .directory else {
            throw .badInput("\(folder): not a folder (expected a run folder written by simctl run)")
        }
        guard let marker = RunMarker.read(in: url) else {
            throw .badInput(
                "\(folder): not a run folder (no \(RunMarker.fileName) marker written by simctl; expected a folder written by simctl run)"
            )
        }
        if marker.scenario == ServeDataFolder.markerScenario { return try serveVerticalIDs(url, folder: folder) }
        guard marker.complete else {
            throw .badInput(
                "\(folder): the run that writes this folder has not completed (its \(RunMarker.fileName) marker says so): it is still running, or was interrupted; audit a finished run folder"
            )
        }
        let ids = marker.entries.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(".sqlite".count)) }
        guard !ids.isEmpty else {
            throw .badInput("\(folder): the run folder holds no vertical database (no ID.sqlite among its entries)")
        }
        return try checkedDatabases(ids, in: url)
    }

    /// The verticals of a `simctl serve` data folder (``ServeDataFolder``): its `ID.sqlite` files.
    /// Serve keeps no list of entries (a folder is served again and again), and its marker never
    /// says complete; a stopped serve checkpoints and closes every database, so a write-ahead log
    /// with content beside one means a serve is still running on the folder.
    private static func serveVerticalIDs(_ url: URL, folder: String) throws(Failure) -> [String] {
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .readFailed("simctl: audit: cannot list \(folder) (\(FileOperationError.describe(error)))")
        }
        let ids = contents.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(".sqlite".count)) }
        guard !ids.isEmpty else {
            throw .badInput("\(folder): the serve data folder holds no vertical database yet (no ID.sqlite)")
        }
        return try checkedDatabases(ids, in: url)
    }

    /// `ids`, sorted, once each `ID.sqlite` is a regular file with no write-ahead log in use.
    private static func checkedDatabases(_ ids: [String], in url: URL) throws(Failure) -> [String] {
        for id in ids {
            let database = url.appendingPathComponent("\(id).sqlite")
            guard RunFolder.kind(of: database) == .file else {
                throw .badInput("\(database.path): missing or not a regular file (the run folder's marker lists it)")
            }
            let wal = url.appendingPathComponent("\(id).sqlite-wal").path
            var info = stat()
            if lstat(wal, &info) == 0, info.st_size > 0 {
                throw .badInput(
                    "\(wal): a write-ahead log is open beside the database: something is still writing it; audit a finished run folder"
                )
            }
        }
        return ids.sorted()
    }

    private static func scratchFolder() throws(Failure) -> String {
        var template = Array((NSTemporaryDirectory() + "/simctl-audit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .readFailed("simctl: audit: cannot create a temporary folder in \(NSTemporaryDirectory())")
        }
        return String(cString: made)
    }

    /// The human report: one line per vertical, then each difference, then the verdict.
    public func human() -> String {
        (["audit \(folder): \(verticals.count) verticals"]
            + Self.comparisonLines(verticals, differences: differences, limit: nil)).joined(separator: "\n")
    }

    /// The comparison as `simctl audit` prints it: one line per vertical (its state digest, rows
    /// and objects), then the verdict and every difference (at most `limit` of them, then a count
    /// of the rest; all when `limit` is nil). `simctl serve`'s stop summary prints the same.
    public static func comparisonLines(
        _ verticals: [VerticalDigest], differences: [StateDifference], limit: Int?
    ) -> [String] {
        var lines: [String] = []
        for vertical in verticals {
            lines.append(
                "  \(vertical.vertical): state digest \(vertical.digest.sha256Hex) (\(vertical.digest.rowCount) rows, \(vertical.digest.objectCount) objects)"
            )
        }
        if differences.isEmpty {
            lines.append("identical: every replicated table and bucket object is the same on every vertical")
            return lines
        }
        lines.append("\(differences.count) difference\(differences.count == 1 ? "" : "s"):")
        let shown = limit.map { min($0, differences.count) } ?? differences.count
        for difference in differences.prefix(shown) { lines.append("  \(difference)") }
        if shown < differences.count { lines.append("  ... and \(differences.count - shown) more") }
        return lines
    }

    /// The report as one JSON object: `folder`, `identical`, `verticals` (`id`, `digest`, `rows`,
    /// `objects`), `differences` (`table` and `key`, or `object`; `holders`: `vertical`, `digest`
    /// and `version`, or `absent: true`).
    public func json() -> String {
        let differenceValues: [JSONValue] = differences.map { difference in
            var fields: [(String, JSONValue)] = []
            switch difference.item {
            case .row(let table, let key):
                let columns = ReplicatedTable.all.first { $0.name == table }?.keyColumns ?? []
                fields.append(("table", .string(table)))
                fields.append(
                    (
                        "key",
                        .object(key.indices.map { ($0 < columns.count ? columns[$0] : "key\($0)", .string(key[$0])) })
                    ))
            case .object(let key):
                fields.append(("object", .string(key)))
            }
            fields.append(
                (
                    "holders",
                    .array(
                        difference.holdings.map { holding in
                            guard let entry = holding.entry else {
                                return .object([("vertical", .string(holding.vertical)), ("absent", .bool(true))])
                            }
                            return .object([
                                ("vertical", .string(holding.vertical)), ("digest", .string(entry.sha256Hex)),
                                ("version", .string(entry.version)),
                            ])
                        })
                ))
            return .object(fields)
        }
        let verticalValues: [JSONValue] = verticals.map { vertical in
            .object([
                ("id", .string(vertical.vertical)), ("digest", .string(vertical.digest.sha256Hex)),
                ("rows", .int(Int64(vertical.digest.rowCount))), ("objects", .int(Int64(vertical.digest.objectCount))),
            ])
        }
        return JSONValue.object([
            ("folder", .string(folder)), ("identical", .bool(identical)), ("verticals", .array(verticalValues)),
            ("differences", .array(differenceValues)),
        ]).serialized()
    }
}
