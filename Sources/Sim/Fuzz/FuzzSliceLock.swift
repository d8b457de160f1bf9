import Foundation

/// An exclusive `flock` on a file, held until this object goes away (or the process ends).
final class FuzzSliceLock: Sendable {
    let descriptor: Int32

    init(_ url: URL, holder: String) throws(FuzzRequestError) {
        descriptor = open(url.path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw .outputFolder("\(url.path): cannot open the lock file") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .outputFolder("another simctl fuzz is running \(holder); wait for it or use another --out")
        }
    }

    deinit {
        close(descriptor)
    }
}
