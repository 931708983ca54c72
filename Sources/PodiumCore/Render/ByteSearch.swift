import Foundation

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `from` (memchr), or nil.
    func offset(of byte: UInt8, from i: Int) -> Int? {
        guard i < count, let base = baseAddress, let hit = memchr(base + i, Int32(byte), count - i) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// How many times `byte` occurs.
    func count(of byte: UInt8) -> Int {
        var n = 0, i = 0
        while let hit = offset(of: byte, from: i) { n += 1; i = hit + 1 }
        return n
    }
}
