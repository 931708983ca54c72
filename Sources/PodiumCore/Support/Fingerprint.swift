/// 128 bits that stand for some bytes: equal inputs give equal fingerprints, different inputs
/// differ except by accident (about 2⁻¹²⁸). Not a defence against someone forging inputs: it only
/// decides whether the previous build's file for a page can be kept without rendering it again.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public var description: String {
        let h = String(high, radix: 16), l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The fingerprint of several values in order (each is length-prefixed, so ("ab","c") ≠ ("a","bc")).
    static func of(_ parts: Fingerprint...) -> Fingerprint {
        var h = FingerprintHasher()
        for p in parts { h.add(p) }
        return h.finish()
    }
}

/// Two 64-bit multiply–rotate lanes over 8-byte words, mixed at the end (about 1 GB/s here).
struct FingerprintHasher {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var length: UInt64 = 0

    private mutating func word(_ w: UInt64) {
        a = ((a ^ w) &* 0x9E37_79B9_7F4A_7C15).rotateLeft(31)
        b = ((b ^ w) &* 0xC2B2_AE3D_27D4_EB4F).rotateLeft(27) &+ a
    }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        word(UInt64(bytes.count))
        let words = bytes.count / 8
        for i in 0..<words { word(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
        var tail: UInt64 = 0
        for i in (words * 8)..<bytes.count { tail = (tail << 8) | UInt64(bytes[i]) }
        word(tail)
        length &+= UInt64(bytes.count)
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add(bytes: $0) } }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ n: Int) { word(UInt64(bitPattern: Int64(n))); word(0xA5) }
    mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }
    mutating func add(_ f: Fingerprint) { word(f.high); word(f.low) }

    func finish() -> Fingerprint {
        func mix(_ x: UInt64) -> UInt64 {   // MurmurHash3's finalizer
            var x = x
            x ^= x >> 33; x &*= 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33; x &*= 0xC4CE_B9FE_1A85_EC53
            return x ^ (x >> 33)
        }
        return Fingerprint(high: mix(a ^ length), low: mix(b &+ a.rotateLeft(17)))
    }
}

private extension UInt64 {
    func rotateLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}

extension Fingerprint {
    /// The running executable's identity (size, modification time, inode) and the incremental
    /// format's version, worked out once: a new Podium renders every page again and reads no cache
    /// that an older one wrote.
    static let program: Fingerprint = {
        var h = FingerprintHasher()
        h.add("podium incremental format 3")
        let info = (try? FileSystem.info("/proc/self/exe")) ?? (try? FileSystem.info(CommandLine.arguments[0])) ?? nil
        if let identity = info?.identity {
            h.add(identity.size)
            h.add(identity.seconds)
            h.add(identity.nanoseconds)
            h.add(Int(bitPattern: UInt(identity.inode)))
        } else {
            h.add(Int.random(in: 0...Int.max))   // unknown program: never reuse
        }
        return h.finish()
    }()
}
