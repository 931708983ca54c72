/// A compact binary form for the build's caches (`EntriesCache`): integers as zigzag LEB128,
/// strings as their length and UTF-8 bytes, optionals behind a flag byte, lists behind their count.
///
/// The reader never traps: any read past the end, any count larger than the bytes left, any
/// malformed integer or flag makes it `failed`, after which every read returns a neutral value,
/// and the cache treats the whole file as a miss.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { bytes.append(0); return }
        bytes.append(1)
        write(&self, value)
    }

    mutating func list<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for v in values { write(&self, v) }
    }

    mutating func strings(_ values: [String]) { list(values) { $0.string($1) } }
    mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }
    mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }
}

struct ByteReader {
    private let bytes: [UInt8]
    private var at: Int
    private(set) var failed = false

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        at = offset
    }

    var isAtEnd: Bool { at == bytes.count }
    /// Marks what was read as not what the writer wrote (a value out of its range).
    mutating func fail() { failed = true }
    var offset: Int { at }

    mutating func int() -> Int {
        var v: UInt64 = 0, shift: UInt64 = 0
        while !failed {
            guard at < bytes.count, shift < 64 else { failed = true; break }
            let b = bytes[at]
            at += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)) }
            shift += 7
        }
        return 0
    }

    /// A count of things each taking at least a byte: never more than the bytes left.
    mutating func count() -> Int {
        let n = int()
        guard n >= 0, n <= bytes.count - at else { failed = true; return 0 }
        return n
    }

    mutating func bool() -> Bool {
        guard !failed, at < bytes.count, bytes[at] <= 1 else { failed = true; return false }
        at += 1
        return bytes[at - 1] == 1
    }

    mutating func string() -> String {
        let n = count()
        guard !failed else { return "" }
        defer { at += n }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[at..<at + n]), as: UTF8.self) }
    }

    mutating func optional<T>(_ read: (inout ByteReader) -> T) -> T? {
        bool() ? read(&self) : nil
    }

    mutating func list<T>(_ read: (inout ByteReader) -> T) -> [T] {
        let n = count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n where !failed { out.append(read(&self)) }
        return out
    }

    mutating func strings() -> [String] { list { $0.string() } }
    mutating func optionalString() -> String? { optional { $0.string() } }
    mutating func optionalInt() -> Int? { optional { $0.int() } }
}
