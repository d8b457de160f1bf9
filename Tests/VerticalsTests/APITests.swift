import Foundation
import HTTPTypes
import Testing

@testable import Verticals

@Suite("API core")
struct APITests {
    @Test func statusReportsWhereTheRequestWasServed() throws {
        let aws = try makeVertical("aws")
        let response = aws.call(.get, "/api/public/status", user: nil)
        #expect(response.status == 200)
        #expect(response.json["vertical"] as? String == "aws")
        #expect(response.json["platform"] as? String == "aws-lambda")
        #expect(response.json["version"] as? String == APICore.version)
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/api/public/status"), (.post, "/api/runbooks"), (.get, "/api/runbooks"),
        (.get, "/api/runbooks/missing"), (.put, "/api/runbooks/missing"), (.delete, "/api/runbooks/missing"),
        (.get, "/nowhere"), (.get, "/api/runbooks/r/attachments/../x"),
    ])
    func everyResponseCarriesThePlatformHeaders(method: HTTPRequest.Method, path: String) throws {
        let scaleway = try makeVertical("scaleway")
        let response = scaleway.call(method, path, json: method == .post ? [:] : nil)
        #expect(response.head.headerFields[.gbPlatform] == "scaleway-functions")
        #expect(response.head.headerFields[.gbEnvironment] == "production")
        #expect(response.head.headerFields[.gbVertical] == "scaleway")
        #expect(response.head.headerFields[.gbRequestID] == "t")
    }

    @Test func runbookLifecycleAndStatusCodes() throws {
        let aws = try makeVertical("aws")
        #expect(aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"]).status == 201)
        #expect(aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"]).status == 409)
        #expect(aws.call(.post, "/api/runbooks", body: Data("{not json".utf8)).status == 400)
        #expect(aws.call(.post, "/api/runbooks", json: ["title": "no id"]).status == 400)
        #expect(aws.call(.get, "/api/runbooks/r1", user: nil).status == 401)
        #expect(
            aws.call(.get, "/api/runbooks/r1", user: "mallory").status == 404, "runbooks are private to their owner")
        #expect(aws.call(.put, "/api/runbooks/r1", json: ["title": "T2", "version": 7]).status == 409)
        let updated = aws.call(.put, "/api/runbooks/r1", json: ["title": "T2", "version": 1])
        #expect(updated.status == 200)
        #expect(updated.json["version"] as? Int == 2)
        #expect(updated.head.headerFields[.eTag] != nil)
        #expect(aws.call(.delete, "/api/runbooks/r1").status == 204)
        #expect(aws.call(.get, "/api/runbooks/r1").status == 404)
        #expect(aws.call(.patch, "/api/runbooks/r1").status == 405)
    }

    @Test func listingIsPaginatedAndOrdered() throws {
        let aws = try makeVertical("aws")
        for index in 1...5 { aws.call(.post, "/api/runbooks", json: ["id": "r\(index)", "title": "T"]) }
        let first = aws.call(.get, "/api/runbooks?limit=2").json
        #expect((first["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["r1", "r2"])
        #expect(first["next"] as? String == "r2")
        let second = aws.call(.get, "/api/runbooks?limit=2&after=r2").json
        #expect((second["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["r3", "r4"])
        #expect(aws.call(.get, "/api/runbooks?limit=0").status == 400)
    }

    @Test func payloadsOverTheRuntimeLimitAre413() throws {
        let aws = try makeVertical("aws", maxPayloadBytes: 1_000)
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        #expect(aws.call(.put, "/api/runbooks/r1/attachments/big.bin", body: Data(count: 1_001)).status == 413)
    }

    @Test(arguments: ["..", "%2E%2E", "a%2Fb", "nul%00", "%2Fetc"])
    func hostileAttachmentNamesAre400AndCounted(name: String) throws {
        let aws = try makeVertical("aws")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        #expect(aws.call(.put, "/api/runbooks/r1/attachments/\(name)", body: Data("x".utf8)).status == 400)
        #expect(aws.bucket.rejectedKeys == 1 || name == "a%2Fb")
    }

    @Test func dependenciesDownAnswer503() throws {
        let aws = try makeVertical("aws")
        aws.call(.post, "/api/runbooks", json: ["id": "r1", "title": "T"])
        var health = DependencyHealth()
        health.bucketUp = false
        #expect(
            aws.call(.put, "/api/runbooks/r1/attachments/a.bin", body: Data("x".utf8), health: health).status == 503)
        #expect(aws.call(.get, "/api/runbooks/r1", health: health).status == 200)
        health.databaseUp = false
        #expect(aws.call(.get, "/api/runbooks/r1", health: health).status == 503)
        #expect(
            aws.call(.get, "/api/public/status", user: nil, health: health).json["database"] as? String == "down")
    }

    /// The status endpoint checks the database with a query and reports the bucket: 503 only when
    /// the database is down; a bucket outage alone is `degraded` with 200.
    @Test func statusReportsItsDependencies() throws {
        let aws = try makeVertical("aws")
        let healthy = aws.call(.get, "/api/public/status", user: nil)
        #expect(healthy.status == 200)
        #expect(healthy.json["status"] as? String == "ok")
        #expect(healthy.json["database"] as? String == "up")
        var health = DependencyHealth()
        health.bucketUp = false
        let degraded = aws.call(.get, "/api/public/status", user: nil, health: health)
        #expect(degraded.status == 200)
        #expect(degraded.json["status"] as? String == "degraded")
        #expect(degraded.json["bucket"] as? String == "down")
        health.databaseUp = false
        let down = aws.call(.get, "/api/public/status", user: nil, health: health)
        #expect(down.status == 503)
        #expect(down.json["status"] as? String == "unavailable")
    }
}

@Suite("Argon2id")
struct Argon2Tests {
    /// RFC 9106 §5.3: the Argon2id test vector.
    @Test func matchesRFC9106() throws {
        let tag = try Argon2id.hash(
            password: [UInt8](repeating: 0x01, count: 32), salt: [UInt8](repeating: 0x02, count: 16),
            secret: [UInt8](repeating: 0x03, count: 8),
            associatedData: [UInt8](repeating: 0x04, count: 12),
            parameters: .init(memoryKiB: 32, iterations: 3, parallelism: 4))
        #expect(Bucket.hex(tag) == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659")
    }

    @Test func encodedHashesVerify() throws {
        let parameters = Argon2id.Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)
        let encoded = try Argon2id.hashEncoded(
            password: "correct horse", salt: Array("saltsaltsalt".utf8), parameters: parameters)
        #expect(encoded.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$"))
        #expect(Argon2id.verify(encoded: encoded, password: "correct horse"))
        #expect(!Argon2id.verify(encoded: encoded, password: "wrong"))
    }
}
