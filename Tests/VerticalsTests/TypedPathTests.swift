import Foundation
import HTTPTypes
import Testing

@testable import Verticals

/// The typed in-process path: a client that hands the API core typed values (``APIInput``) gets
/// the answer a client sending their JSON gets, the size counted as those bytes, and the typed
/// result (``APIResult``) is the body an HTTP client reads.
@Suite("Typed in-process request path")
struct TypedPathTests {
    /// The runbook inputs the simulated clients send, with every escape and non-ASCII text.
    static let inputs: [RunbookInput] = APIJSONTests.texts.flatMap { text in
        [
            RunbookInput(id: "r-1", title: text, body: text + "!"), RunbookInput(title: text, body: "b"),
            RunbookInput(body: text), RunbookInput(id: text, title: "t", body: "b", version: -3),
            RunbookInput(),
        ]
    }

    @Test(arguments: inputs)
    func inputsJSONIsWhatTheClientsWroteAndReadsBack(input: RunbookInput) throws {
        var pairs: [(String, JSONValue)] = []
        if let id = input.id { pairs.append(("id", .string(id))) }
        if let title = input.title { pairs.append(("title", .string(title))) }
        if let body = input.body { pairs.append(("body", .string(body))) }
        if let version = input.version { pairs.append(("version", .int(version))) }
        let typed = APIInput.runbook(input)
        #expect(typed.json() == Data(JSONValue.object(pairs).serialized().utf8))
        #expect(typed.jsonByteCount == typed.json().count)
        #expect(RunbookInput(json: typed.json()) == input)
    }

    /// The auth inputs' JSON is what the clients wrote with `JSONSerialization` (sorted keys).
    @Test(arguments: APIJSONTests.texts)
    func authInputsJSONIsJSONSerializationsBytes(text: String) throws {
        let inputs = [
            AuthInput(email: text, password: "p/w", webauthnKey: "ab+/="),
            AuthInput(mfaToken: text, code: "123456"),
            AuthInput(
                mfaToken: "m", authenticatorData: text, clientDataJSON: "c", signature: "s" + text),
            AuthInput(password: text, newPassword: text + "-next"), AuthInput(refreshToken: text), AuthInput(),
        ]
        for input in inputs {
            var object: [String: Any] = [:]
            for member in input.members { object[member.name.description] = member.value }
            let expected = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let typed = APIInput.auth(input)
            #expect(typed.json() == expected, "\(input)")
            #expect(typed.jsonByteCount == expected.count)
            #expect(try JSONDecoder().decode(AuthInput.self, from: expected) == input)
        }
    }

    /// The same calls sent typed and as JSON bytes to two verticals in the same state: the same
    /// statuses, headers and bodies, including the payload limit's 413 (counted on the JSON size).
    @Test(arguments: [6_000_000, 60])
    func typedAndJSONCallsGetTheSameAnswers(maxPayloadBytes: Int) throws {
        let typed = try makeVertical("aws", maxPayloadBytes: maxPayloadBytes)
        let bytes = try makeVertical("aws", maxPayloadBytes: maxPayloadBytes)
        let calls: [(HTTPRequest.Method, String, RunbookInput)] = [
            (.post, "/api/runbooks", RunbookInput(id: "r1", title: "Runbook 1", body: "Steps")),
            (.post, "/api/runbooks", RunbookInput(id: "r1", title: "again", body: "conflict")),
            (.put, "/api/runbooks/r1", RunbookInput(title: "Runbook 1", body: "Steps, then more steps \"quoted\"")),
            (.put, "/api/runbooks/r1", RunbookInput(body: "é € 😀")),
            (.post, "/api/runbooks", RunbookInput(title: "no id")),
            (.post, "/api/runbooks", RunbookInput(id: "r2", title: String(repeating: "t", count: 201))),
            (.put, "/api/runbooks/r1", RunbookInput(body: "v", version: 99)),
        ]
        var nowUs: Int64 = 1_000_000
        for (method, path, input) in calls {
            nowUs += 1_000
            let headers: HTTPFields = [
                .authorization: "Bearer \(accessToken("alice"))", .contentType: "application/json",
            ]
            let viaInput = typed.handle(
                APIRequest(method, path, headers: headers, input: .runbook(input)), nowUs: nowUs, requestID: "t")
            let viaBytes = bytes.handle(
                APIRequest(method, path, headers: headers, body: APIInput.runbook(input).json()), nowUs: nowUs,
                requestID: "t")
            #expect(viaInput.head == viaBytes.head, "\(method) \(path) \(input)")
            #expect(viaInput.body == viaBytes.body, "\(method) \(path) \(input)")
            #expect(viaInput.result == viaBytes.result)
        }
        #expect(try typed.stateDigest() == bytes.stateDigest())
    }

    /// Sign-up and the password step, typed and as JSON bytes: the same answers (and the same 413
    /// under a small payload limit).
    @Test(arguments: [6_000_000, 80])
    func typedAndJSONAuthCallsGetTheSameAnswers(maxPayloadBytes: Int) throws {
        let typed = try makeVertical("aws", maxPayloadBytes: maxPayloadBytes)
        let bytes = try makeVertical("aws", maxPayloadBytes: maxPayloadBytes)
        let calls: [(String, AuthInput)] = [
            ("/api/auth/signup", AuthInput(email: "alice@example.test", password: "correct horse")),
            ("/api/auth/signup", AuthInput(email: "alice@example.test", password: "correct horse")),
            ("/api/auth/signup", AuthInput(email: "bob", password: "short")),
            ("/api/auth/login", AuthInput(email: "alice@example.test", password: "correct horse")),
            ("/api/auth/login", AuthInput(email: "alice@example.test", password: "wrong password")),
            ("/api/auth/refresh", AuthInput(refreshToken: "not-a-token")),
        ]
        var nowUs: Int64 = 1_000_000
        for (path, input) in calls {
            nowUs += 1_000
            let headers: HTTPFields = [.contentType: "application/json"]
            let viaInput = typed.handle(
                APIRequest(.post, path, headers: headers, input: .auth(input)), nowUs: nowUs, requestID: "t")
            let viaBytes = bytes.handle(
                APIRequest(.post, path, headers: headers, body: APIInput.auth(input).json()), nowUs: nowUs,
                requestID: "t")
            #expect(viaInput.head == viaBytes.head, "\(path) \(input)")
            #expect(Self.canonical(viaInput.result) == Self.canonical(viaBytes.result), "\(path) \(input)")
            #expect(viaInput.passwordHashes == viaBytes.passwordHashes)
        }
        #expect(try typed.stateDigest() == bytes.stateDigest())
    }

    /// `result` with each token replaced by its claims, keys sorted: jwt-kit writes a token's
    /// claims in an order of its own, which may differ from one signing to the next.
    static func canonical(_ result: APIResult?) -> APIResult? {
        func claims(_ token: String) -> String {
            let parts = token.split(separator: ".")
            guard parts.count == 3, let payload = WebAuthnVerifier.base64URLDecoded(String(parts[1])),
                let object = try? JSONSerialization.jsonObject(with: payload),
                let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            else { return token }
            return String(decoding: sorted, as: UTF8.self)
        }
        func pair(_ tokens: TokenPair) -> TokenPair {
            var tokens = tokens
            tokens.accessToken = claims(tokens.accessToken)
            tokens.refreshToken = claims(tokens.refreshToken)
            return tokens
        }
        switch result {
        case .mfaChallenge(var challenge)?:
            challenge.mfaToken = claims(challenge.mfaToken)
            return .mfaChallenge(challenge)
        case .enrolment(var enrolment)?:
            enrolment.tokens = pair(enrolment.tokens)
            return .enrolment(enrolment)
        case .tokens(let tokens)?: return .tokens(pair(tokens))
        default: return result
        }
    }

    @Test func aRequestsBodyIsItsInputsJSONAndSettingBytesDropsTheInput() {
        let input = APIInput.runbook(RunbookInput(id: "r1", title: "t"))
        var request = APIRequest(.post, "/api/runbooks", input: input)
        #expect(request.body == input.json())
        #expect(request.bodyByteCount == input.json().count)
        request.body = Data("{}".utf8)
        #expect(request.input == nil)
        #expect(request.bodyByteCount == 2)
    }

    /// The typed results' JSON: the members a browser or the live mode's clients read.
    @Test func resultsJSONHasTheDocumentedMembers() throws {
        let pair = TokenPair(
            accessToken: "a", refreshToken: "r", accessExpiresUnix: 10, refreshExpiresUnix: 20, accountID: "u")
        #expect(
            String(decoding: APIResult.tokens(pair).json(), as: UTF8.self)
                == #"{"access_expires_unix":10,"access_token":"a","account_id":"u","refresh_expires_unix":20,"refresh_token":"r"}"#
        )
        let enrolment = Enrolment(
            accountID: "u", totpSecret: "ab", recoveryCodes: ["c1"], webauthnRPID: nil, tokens: pair)
        #expect(
            String(decoding: APIResult.enrolment(enrolment).json(), as: UTF8.self)
                == #"{"account_id":"u","recovery_codes":["c1"],"tokens":{"access_expires_unix":10,"access_token":"a","account_id":"u","refresh_expires_unix":20,"refresh_token":"r"},"totp_secret":"ab"}"#
        )
        let challenge = MFAChallenge(
            mfaToken: "m", webauthn: MFAChallenge.PasskeyOptions(challenge: "c", rpID: "glassbreak.io"))
        #expect(
            String(decoding: APIResult.mfaChallenge(challenge).json(), as: UTF8.self)
                == #"{"mfa_token":"m","webauthn":{"challenge":"c","rp_id":"glassbreak.io"}}"#)
        #expect(String(decoding: APIResult.error("a/b").json(), as: UTF8.self) == #"{"error":"a\/b"}"#)
        var response = APIResponse(head: HTTPResponse(status: .ok), result: .error("x"))
        response.body = Data("raw".utf8)
        #expect(response.result == nil)
        #expect(response.body == Data("raw".utf8))
    }
}
