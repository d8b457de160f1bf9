import Mechanisms
import Verticals

/// The outbox publisher's settings.
public struct SyncSpec: Sendable {
    public var batch: Int
    public var publishDelayUs: Int64
    public var retryInitialUs: Int64
    public var retryMaxUs: Int64
    public var toleranceUs: Int64
    /// How long a sent envelope waits for its acknowledgement before it counts as failed.
    public var ackTimeoutUs: Int64
    /// Most envelopes in flight to one peer at once.
    public var window: Int
}

extension SyncSpec {
    /// The settings of every pair's ``SyncSender``, with the mechanisms `disabled` removes.
    func sender(disabled: DisabledMechanisms) -> SyncSender.Configuration {
        SyncSender.Configuration(
            batchSize: batch, window: window, publishDelayUs: publishDelayUs, ackTimeoutUs: ackTimeoutUs,
            retryInitialUs: retryInitialUs, retryMaxUs: retryMaxUs, disabled: disabled)
    }
}
