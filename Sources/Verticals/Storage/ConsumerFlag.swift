import Foundation
import GRDB
import Mechanisms

/// Whether the current transaction applies replicated changes (PostgreSQL's
/// `SET LOCAL sync.is_consumer = on`). Read by the outbox triggers through the SQL function
/// `sync_is_consumer()`; set for one transaction at a time by ``VerticalDatabase/consumerWrite(_:)``.
final class ConsumerFlag: @unchecked Sendable {
    // Only touched from the single simulation thread, inside a write transaction.
    var isSet = false
}
