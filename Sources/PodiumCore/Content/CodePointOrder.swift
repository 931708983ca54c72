import Foundation

extension String {
    /// The contract's tie order for ids and names (§5): Unicode code points, not the locale's
    /// collation, so the order is the same on every machine. UTF-8 bytes sort as their code
    /// points do, so the bytes are compared (in place, with `memcmp`: rankings sort tens of
    /// thousands of ids, and decoding scalars for it was a visible share of a rebuild).
    public func precedesInCodePoints(_ other: String) -> Bool {
        let inPlace = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let shared = Swift.min(a.count, b.count)
                let order = shared == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, shared)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        if let inPlace, let result = inPlace { return result }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}
