extension String {
    /// Whether the text ends with these bytes, compared as bytes (a `String`'s own `hasSuffix`
    /// compares characters: slow on the tens of thousands of paths a plan holds).
    func hasUTF8Suffix(_ suffix: StaticString) -> Bool {
        let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        return utf8.count >= tail.count && utf8.suffix(tail.count).elementsEqual(tail)
    }
}

/// Text appended to bytes as UTF-8: what the downloads and the search index are written into
/// (appending to a `String` checks its form and grows it at every step).
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func append(text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A whole number in decimal digits, as `String(value)` writes it.
    mutating func append(decimal value: Int) {
        if value < 0 { append(0x2D) }
        append(decimal: UInt64(value.magnitude))
    }

    /// A whole number of up to 20 digits, as `String(value)` writes it.
    mutating func append(decimal value: UInt64) {
        var v = value
        guard v >= 10 else { append(0x30 + UInt8(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        let count = Swift.withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var n = 0
            while v > 0 {
                buffer[23 - n] = 0x30 + UInt8(v % 10)
                v /= 10
                n += 1
            }
            return n
        }
        Swift.withUnsafeBytes(of: &digits) { append(contentsOf: $0[(24 - count)...]) }
    }
}
