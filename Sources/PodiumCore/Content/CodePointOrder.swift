extension String {
    /// The contract's tie order for ids and names (§5): Unicode code points, not the locale's
    /// collation, so the order is the same on every machine.
    public func precedesInCodePoints(_ other: String) -> Bool {
        unicodeScalars.lexicographicallyPrecedes(other.unicodeScalars)
    }
}
