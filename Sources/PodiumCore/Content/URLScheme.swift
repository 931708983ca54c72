/// Whether a link is absolute: it starts with a scheme (RFC 3986: a letter, then letters, digits,
/// `+`, `-` or `.`) and a colon, before any `/`, `?` or `#`. `附件1:报名表.docx` and `foo):` are
/// relative: what comes before their colon is no scheme.
public enum URLScheme {
    /// The scheme, lower-cased; nil for a relative link.
    public static func of(_ url: some StringProtocol) -> String? {
        var scheme = ""
        for c in url.unicodeScalars {
            switch c {
            case ":": return scheme.isEmpty ? nil : scheme.lowercased()
            case "a"..."z", "A"..."Z": scheme.unicodeScalars.append(c)
            case "0"..."9", "+", "-", ".": if scheme.isEmpty { return nil }; scheme.unicodeScalars.append(c)
            default: return nil
            }
        }
        return nil
    }
}
