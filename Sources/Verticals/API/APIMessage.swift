import HTTPTypes

/// Header names the platform uses.
extension HTTPField.Name {
    public static let gbPlatform = HTTPField.Name("x-gb-platform")!
    public static let gbEnvironment = HTTPField.Name("x-gb-environment")!
    public static let gbVertical = HTTPField.Name("x-gb-vertical")!
    public static let gbRequestID = HTTPField.Name("x-gb-request-id")!
}

/// Who a vertical is: what every response says about where it was served.
public struct VerticalIdentity: Sendable, Equatable {
    public var id: String
    public var platform: String
    public var environment: String
    public var region: String
    public var database: String
    public var bucket: String
    /// The API core's version string.
    public var version: String

    public init(
        id: String, platform: String, environment: String, region: String, database: String,
        bucket: String, version: String = APICore.version
    ) {
        self.id = id; self.platform = platform; self.environment = environment; self.region = region
        self.database = database; self.bucket = bucket; self.version = version
    }
}
