/// A decimal number held exactly as `units / 10^scale`, read from a JSON literal without
/// ever passing through binary floating point (so `0.015` stays 0.015).
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let units: Int128
    public let scale: Int

    public init(units: Int128, scale: Int) {
        self.units = units
        self.scale = scale
    }

    public init(_ integer: Int) { self.init(units: Int128(integer), scale: 0) }

    /// Parses a JSON number literal exactly; nil when it has more precision than Podium keeps
    /// (18 decimal places, 30 significant digits).
    public init?(literal: String) {
        var text = Substring(literal)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exp = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")), abs(exp) < 40 else { return nil }
            exponent = exp
            text = text[..<e]
        }
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var digits = ""
        var fraction = 0
        if let dot = text.firstIndex(of: ".") {
            digits = String(text[..<dot]) + text[text.index(after: dot)...]
            fraction = text.distance(from: text.index(after: dot), to: text.endIndex)
        } else {
            digits = String(text)
        }
        var scale = fraction - exponent
        while scale < 0 { digits += "0"; scale += 1 }
        let trimmed = digits.drop { $0 == "0" }
        guard trimmed.count <= 30, scale <= 18, var value = Int128(trimmed.isEmpty ? "0" : String(trimmed)) else { return nil }
        // Normalized: no trailing zeros after the point (`70.00` is held as 70).
        while scale > 0 && value % 10 == 0 { value /= 10; scale -= 1 }
        self.init(units: negative ? -value : value, scale: scale)
    }

    /// The value as `units` at a given scale (exact; the scale must not be smaller than ours).
    func units(atScale target: Int) -> Int128 {
        var u = units
        for _ in 0..<(target - scale) { u *= 10 }
        return u
    }

    public var isInteger: Bool { units % Self.power(scale) == 0 }
    public var integerValue: Int? {
        guard isInteger else { return nil }
        let v = units / Self.power(scale)
        return v <= Int128(Int.max) && v >= Int128(Int.min) ? Int(v) : nil
    }

    public static func power(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.units(atScale: s) < b.units(atScale: s)
    }

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        let s = max(a.scale, b.scale)
        return a.units(atScale: s) == b.units(atScale: s)
    }

    public func hash(into hasher: inout Hasher) {
        var u = units, s = scale
        while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
        hasher.combine(u)
        hasher.combine(s)
    }

    /// Plain decimal text without exponent or trailing zeros: `62.125`, `30`.
    public var description: String {
        let p = Self.power(scale)
        let whole = (units < 0 ? -units : units) / p
        var frac = String((units < 0 ? -units : units) % p)
        if scale > 0 {
            frac = String(repeating: "0", count: scale - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
        }
        return (units < 0 ? "-" : "") + String(whole) + (frac.isEmpty || scale == 0 ? "" : "." + frac)
    }
}
