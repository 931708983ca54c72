import Crypto
import Foundation

/// SHA-256 and HMAC-SHA256, from swift-crypto: published names that change with their bytes
/// (assets, divisions' and organizations' addresses), the verification index, certificate codes.
public enum Hashing {
    public static func sha256(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Data(text.utf8))) }

    /// Lower-case hexadecimal SHA-256 of the text's UTF-8 bytes (what the verification page's
    /// `crypto.subtle.digest` computes in the browser).
    public static func sha256Hex(_ text: String) -> String { hex(sha256(text)) }

    /// HMAC-SHA256 (RFC 2104) of the message's UTF-8 bytes under the key's.
    public static func hmacSHA256(key: String, _ message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
