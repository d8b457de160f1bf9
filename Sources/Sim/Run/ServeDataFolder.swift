import Foundation

/// The data folder of `simctl serve` (`--data DIR`): each vertical's SQLite file, bucket folder
/// and JSON log, kept between runs so a topology served again resumes where it stopped.
///
/// The run-folder rules apply (``RunFolder``): simctl writes only into a folder it created. A
/// missing or empty folder is adopted and marked (``RunMarker``, scenario `simctl serve`, with the
/// seed that derives the sync keys and the JWT secret); a folder carrying that mark is served
/// again with its seed; anything else (a user's folder, a `simctl run` folder, a symbolic link, a
/// file) is refused before anything is touched.
public struct ServeDataFolder: Sendable, Equatable {
    /// The scenario name the marker of a serve data folder carries.
    public static let markerScenario = "simctl serve"

    /// The folder.
    public let url: URL
    /// The seed the sync keys and the JWT secret derive from (kept in the marker).
    public let seed: UInt64
    /// Whether the folder held an earlier serve's data.
    public let resumed: Bool

    /// Checks and prepares `path`: adopts a missing or empty folder with a fresh `seed`, or reopens
    /// one an earlier `simctl serve` marked. Throws, touching nothing, when the folder is not
    /// simctl's to use. `seed` is at most ``RunMarker/maxSeed``.
    public static func prepare(path: String, freshSeed seed: UInt64) throws(RunRequestError) -> ServeDataFolder {
        precondition(seed <= RunMarker.maxSeed, "a serve data folder's seed is at most 2^53 - 1 (RunMarker.maxSeed)")
        let url = URL(fileURLWithPath: path).standardizedFileURL
        switch RunFolder.kind(of: url) {
        case .missing:
            try RunFolder.probeWritable(parentOf: url)
            return try adopt(url, seed: seed, create: true)
        case .link:
            throw .outputFolder("--data \(url.path): is a symbolic link; refusing to use it as a data folder")
        case .file, .other:
            throw .outputFolder("--data \(url.path): exists and is not a folder (expected a data folder)")
        case .directory:
            break
        }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .outputFolder("--data \(url.path): cannot list it (\(FileOperationError.describe(error)))")
        }
        if contents.isEmpty { return try adopt(url, seed: seed, create: false) }
        guard let marker = RunMarker.read(in: url) else {
            throw .outputFolder(
                "--data \(url.path): exists and was not written by simctl (no \(RunMarker.fileName) marker); refusing to touch it (choose another --data, or remove it yourself)"
            )
        }
        guard marker.scenario == markerScenario else {
            throw .outputFolder(
                "--data \(url.path): is the run folder of scenario '\(marker.scenario)', not a serve data folder; refusing to write into it (choose another --data)"
            )
        }
        return ServeDataFolder(url: url, seed: marker.seed, resumed: true)
    }

    private static func adopt(_ url: URL, seed: UInt64, create: Bool) throws(RunRequestError) -> ServeDataFolder {
        do {
            if create { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
            try RunMarker(scenario: markerScenario, seed: seed).write(in: url)
        } catch {
            throw .outputFolder("--data \(url.path): cannot prepare it (\(FileOperationError.describe(error)))")
        }
        return ServeDataFolder(url: url, seed: seed, resumed: false)
    }
}
