import Foundation

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `from` (memchr), or nil.
    func offset(of byte: UInt8, from i: Int) -> Int? {
        guard i < count, let base = baseAddress, let hit = memchr(base + i, Int32(byte), count - i) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }
}
