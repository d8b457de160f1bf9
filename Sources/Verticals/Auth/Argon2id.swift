import CArgon2

/// Argon2id password hashing through the system's libargon2 (RFC 9106).
///
/// ```swift
/// let parameters = Argon2id.Parameters(memoryKiB: 19 * 1024, iterations: 2, parallelism: 1)
/// let stored = try Argon2id.hashEncoded(password: "hunter2", salt: salt, parameters: parameters)
/// Argon2id.verify(encoded: stored, password: "hunter2")  // true
/// ```
public enum Argon2id {
    /// Cost parameters; libargon2 needs at least 8 KiB per lane.
    public struct Parameters: Sendable, Equatable {
        public var memoryKiB: Int
        public var iterations: Int
        public var parallelism: Int
        public var tagLength: Int

        public init(memoryKiB: Int, iterations: Int, parallelism: Int, tagLength: Int = 32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
            self.tagLength = tagLength
        }
    }

    /// A libargon2 failure, with its message.
    public struct Failure: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { String(cString: argon2_error_message(code)) }
    }

    /// The raw tag for `password` and `salt`, with optional secret and associated data (the
    /// inputs of RFC 9106's test vectors).
    public static func hash(
        password: [UInt8], salt: [UInt8], secret: [UInt8] = [], associatedData: [UInt8] = [],
        parameters: Parameters
    ) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: parameters.tagLength)
        var password = password, salt = salt, secret = secret, associatedData = associatedData
        let code = out.withUnsafeMutableBufferPointer { outBuffer in
            password.withUnsafeMutableBufferPointer { pwd in
                salt.withUnsafeMutableBufferPointer { saltBuffer in
                    secret.withUnsafeMutableBufferPointer { secretBuffer in
                        associatedData.withUnsafeMutableBufferPointer { adBuffer in
                            var context = argon2_context(
                                out: outBuffer.baseAddress, outlen: UInt32(outBuffer.count),
                                pwd: pwd.baseAddress, pwdlen: UInt32(pwd.count),
                                salt: saltBuffer.baseAddress, saltlen: UInt32(saltBuffer.count),
                                secret: secretBuffer.baseAddress, secretlen: UInt32(secretBuffer.count),
                                ad: adBuffer.baseAddress, adlen: UInt32(adBuffer.count),
                                t_cost: UInt32(parameters.iterations), m_cost: UInt32(parameters.memoryKiB),
                                lanes: UInt32(parameters.parallelism), threads: UInt32(parameters.parallelism),
                                version: UInt32(ARGON2_VERSION_13.rawValue),
                                allocate_cbk: nil, free_cbk: nil, flags: 0)  // ARGON2_DEFAULT_FLAGS
                            return argon2_ctx(&context, Argon2_id)
                        }
                    }
                }
            }
        }
        guard code == ARGON2_OK.rawValue else { throw Failure(code: code) }
        return out
    }

    /// The PHC-encoded hash (`$argon2id$v=19$m=...,t=...,p=...$salt$tag`) of `password`.
    public static func hashEncoded(password: String, salt: [UInt8], parameters: Parameters) throws -> String {
        let length = argon2_encodedlen(
            UInt32(parameters.iterations), UInt32(parameters.memoryKiB),
            UInt32(parameters.parallelism), UInt32(salt.count),
            UInt32(parameters.tagLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let bytes = Array(password.utf8)
        let code = argon2id_hash_encoded(
            UInt32(parameters.iterations), UInt32(parameters.memoryKiB),
            UInt32(parameters.parallelism), bytes, bytes.count, salt, salt.count,
            parameters.tagLength, &encoded, length)
        guard code == ARGON2_OK.rawValue else { throw Failure(code: code) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the PHC-encoded hash `encoded` (constant-time in libargon2).
    public static func verify(encoded: String, password: String) -> Bool {
        let bytes = Array(password.utf8)
        return argon2id_verify(encoded, bytes, bytes.count) == ARGON2_OK.rawValue
    }
}
