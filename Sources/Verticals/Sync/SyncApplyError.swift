import Foundation
import GRDB
import Mechanisms

/// Why an event could not be applied.
public enum SyncApplyError: Error, Equatable {
    case unknownEntity(String)
    case malformedPayload(String)
    case attachmentBytesMissing(key: String)
}
