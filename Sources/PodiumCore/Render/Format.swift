extension Entry {
    /// Who made it, as pages show it: the author and the union, the union left out when it is the author (unit entries).
    var credits: [String] { [author, union == author ? nil : union].compactMap { $0 } }
}

/// Numbers and dates as the pages show them (pre-formatted: templates never format).
public enum Format {
    /// `12,345`.
    public static func integer(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    public static func points(_ p: Points?) -> String { p.map(\.description) ?? "—" }
}
