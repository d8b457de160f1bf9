/// Ending a run cleanly, so its folder can be moved into place.
extension Simulation {
    /// Closes every vertical's database: SQLite checkpoints the write-ahead log into the
    /// `.sqlite` file and removes it, so each file is complete by itself and nothing holds the
    /// run folder open when it is renamed. Call once, after ``run()``; the simulation cannot run
    /// again afterwards.
    public func close() throws {
        for node in nodes {
            // Checkpoint explicitly (TRUNCATE), then close: each `.sqlite` holds every row by itself.
            try node.vertical.database.checkpointAndClose()
        }
    }
}
