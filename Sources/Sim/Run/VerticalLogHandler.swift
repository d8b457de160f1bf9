import Foundation
import Logging
import Verticals

/// The handler bound to one vertical's sink.
struct VerticalLogHandler: LogHandler {
    let sink: JSONLinesLogSink
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        sink.write(level: event.level, message: "\(event.message)", label: label, metadata: merged)
    }
}
