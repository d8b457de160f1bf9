import Foundation
import Logging
import TestSupport
import Testing

@testable import Sim

/// The access log's direct path writes the bytes the vertical's logger writes for the same record.
@Suite("Access log")
struct AccessLogTests {
    @Test(arguments: [
        AccessLogRecord(
            tUs: 0, requestID: "req-1", method: "GET", route: "/api/runbooks/{id}", status: 200, latencyUs: 12_345,
            coldStart: false),
        AccessLogRecord(
            tUs: 9_000_000_000, requestID: "42", method: "PUT", route: "/api/runbooks/{id}/attachments/{name}",
            status: 503, latencyUs: 0, coldStart: true),
        AccessLogRecord(
            tUs: 7, requestID: "r \"q\"\n", method: "DELETE", route: "/odd path/é", status: 429, latencyUs: -1,
            coldStart: false),
    ])
    func directPathWritesTheLoggersBytes(record: AccessLogRecord) throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let direct = try JSONLinesLogSink(url: folder.url.appendingPathComponent("direct.jsonl"))
        direct.write(record, label: "aws")
        direct.close()
        let sink = try JSONLinesLogSink(url: folder.url.appendingPathComponent("logger.jsonl"))
        let logger = Logger(label: "aws") { label in VerticalLogHandler(sink: sink, label: label) }
        logger.info("request", metadata: record.metadata)
        sink.close()
        let directBytes = try Data(contentsOf: folder.url.appendingPathComponent("direct.jsonl"))
        let loggerBytes = try Data(contentsOf: folder.url.appendingPathComponent("logger.jsonl"))
        #expect(String(decoding: directBytes, as: UTF8.self) == String(decoding: loggerBytes, as: UTF8.self))
    }
}
