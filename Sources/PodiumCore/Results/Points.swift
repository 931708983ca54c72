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
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `description`'s bytes, appended (the downloads write thousands of these).
    func write(into out: inout [UInt8]) {
        if hundredths < 0 { out.append(0x2D) }
        let v = Int(hundredths.magnitude)
        out.append(decimal: v / 100)
        out.append(0x2E)
        out.append(0x30 + UInt8(v % 100 / 10))
        out.append(0x30 + UInt8(v % 10))
    }
}
