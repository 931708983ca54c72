/// A score in hundredths of a point: what every component and composite is rounded to.
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public static let zero = Points(hundredths: 0)

    public static func + (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths + b.hundredths) }
    public static func < (a: Points, b: Points) -> Bool { a.hundredths < b.hundredths }

    /// Rounds `numerator / denominator` half-up to hundredths, exactly (both ≥ 0, denominator > 0).
    public static func roundingHalfUp(_ numerator: Int128, over denominator: Int128) -> Points {
        precondition(numerator >= 0 && denominator > 0)
        let scaled = numerator * 200 + denominator
        return Points(hundredths: Int(scaled / (denominator * 2)))
    }

    /// Always two decimals: `62.13`, `0.00`.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let v = abs(hundredths)
        let cents = v % 100
        return "\(sign)\(v / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
