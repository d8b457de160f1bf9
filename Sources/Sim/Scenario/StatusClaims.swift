/// What a `status` step expects the status endpoint to report; nil fields are not checked.
public struct StatusClaims: Sendable, Equatable {
    public var vertical: String?
    public var platform: String?
    public var environment: String?

    public init(vertical: String? = nil, platform: String? = nil, environment: String? = nil) {
        self.vertical = vertical
        self.platform = platform
        self.environment = environment
    }
}
