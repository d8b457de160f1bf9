import Foundation
import Logging
import Verticals

/// The handler bound to one vertical's sink.
public struct VerticalLogHandler: LogHandler {
    let sink: JSONLinesLogSink
    let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    /// A handler writing `label`'s records to `sink`.
    public init(sink: JSONLinesLogSink, label: String) {
        self.sink = sink
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        sink.write(level: event.level, message: "\(event.message)", label: label, metadata: merged)
    }
}

/// One line of a vertical's access log: what the runtime did with one request.
struct AccessLogRecord: Equatable {
    var tUs: Int64
    var requestID: String
    var method: String
    var route: String
    var status: Int
    var latencyUs: Int64
    var coldStart: Bool

    /// The record as swift-log metadata (what the logger path writes).
    var metadata: Logger.Metadata {
        [
            "t_us": "\(tUs)", "request_id": "\(requestID)", "method": "\(method)", "route": "\(route)",
            "status": "\(status)", "latency_us": "\(latencyUs)", "cold_start": "\(coldStart)",
        ]
    }
}
