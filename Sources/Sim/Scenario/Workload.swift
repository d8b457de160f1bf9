/// Generated traffic: Poisson arrivals at `ratePerSecond`, spread over `users`.
public struct Workload: Sendable {
    public var users: Int
    public var ratePerSecond: Double
    /// Operation weights, in the fixed order of ``WorkloadOperation/allCases``; they sum to 1.
    public var mix: [(WorkloadOperation, Double)]
    /// Surface (domain) weights in the order written; they sum to 1.
    public var surfaces: [(String, Double)]
    /// Payload size of an attachment upload, in bytes.
    public var attachmentBytes: Int
    /// Fraction of users who opted in to the footer indicator (each of their page views calls
    /// `/api/public/status`).
    public var footerIndicator: Double = Workload.defaultFooterIndicator

    /// The footer indicator's share of users when `footer_indicator` is not given (10 %).
    public static let defaultFooterIndicator = 0.1

    /// The upload size when `attachment_size` is not given (2 KiB).
    public static let defaultAttachmentBytes = 2048

    /// The mix when `mix` is not given: every operation, in ``WorkloadOperation/allCases`` order.
    public static let defaultMix: [(WorkloadOperation, Double)] = [
        (.create, 0.2), (.update, 0.1), (.read, 0.5), (.list, 0.05), (.upload, 0.1), (.download, 0.05),
        (.delete, 0),
    ]
}
