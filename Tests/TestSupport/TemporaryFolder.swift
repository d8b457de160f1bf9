import Foundation

/// A fresh temporary folder for a test, `NAME` inside a uniquely named parent; `cleanup()`
/// removes the parent. Shared by every test target (one copy).
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init(_ name: String = "run") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("glassbreak-sim-tests-\(UUID().uuidString)")
            .appendingPathComponent(name)
    }

    public func cleanup() {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())  // try?-ok: a test's scratch folder
    }
}
