import Crypto
import Foundation

/// Time-based one-time passwords, RFC 6238: HMAC-SHA1 over the 30-second time step, dynamic
/// truncation (RFC 4226 §5.3), 6 digits, accepted one step either side.
public enum TOTP {
    /// Seconds per time step.
    public static let stepSeconds: Int64 = 30
    /// Steps accepted either side of the current one (clock drift).
    public static let window: Int64 = 1

    /// The time step containing Unix time `unixSeconds`.
    public static func step(unixSeconds: Int64) -> Int64 { unixSeconds / stepSeconds }

    /// The code for `step` under `secret`, with `digits` digits (6 in the product, 8 in RFC 6238's
    /// test vectors).
    public static func code(secret: [UInt8], step: Int64, digits: Int = 6) -> String {
        var counter = UInt64(step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The step `code` belongs to if it is valid at `unixSeconds` (within the window) and its step
    /// is after `lastUsedStep` (a code is single-use, RFC 6238 §5.2); nil otherwise.
    public static func verify(_ code: String, secret: [UInt8], unixSeconds: Int64, lastUsedStep: Int64) -> Int64? {
        let current = step(unixSeconds: unixSeconds)
        for candidate in (current - window)...(current + window) where candidate > lastUsedStep {
            if constantTimeEqual(Self.code(secret: secret, step: candidate), code) { return candidate }
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
