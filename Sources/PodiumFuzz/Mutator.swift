import PodiumCore

/// Inputs made from seed files by small random edits, reproducible from a number: input `n` of a
/// run with seed `s` is always the same bytes, so a crash found at input n is replayed exactly.
struct Mutator {
    typealias Random = SplitMix64

    /// Bytes that matter to Podium's formats: JSON and YAML syntax, Markdown containers and tables,
    /// Mustache tags, numbers at and past the limits, odd encodings.
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u0000", "\\ud800", "null", "true", "-", "1e308", "-0", "0.00001",
        "99999999999999999999", "1000000000000", "1000000000001", "9223372036854775807", "-9223372036854775808",
        "> ", "- ", "1. ", "|", "| --- |", "\n", "\r\n", "\r", "\t", "---\n", "```", "[a][1]\n\n[1]: x", "<script>", "&#0;",
        "{{", "}}", "{{>", "{{<", "{{#", "{{/", "{{^", "{{&", "{{=<% %>=}}", "{{!", "{{$", "{{.}}", "{{#items}}", "{{/items}}", "{{^flag}}", "{{/flag}}", "{{> pagination}}", "{{$main}}x{{/main}}",
        "\u{FEFF}", "\u{0}", "名", "\u{200B}", "2024-02-30", "2024-08-11T25:00:00+08:00", "+08:00", "\"id\"", "\"likes\"",
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

    static func make(_ seeds: [[UInt8]], index: UInt64, seed: UInt64) -> [UInt8] {
        var r = Random(state: seed &* 0x2545_F491_4F6C_DD1D ^ index)
        var bytes = seeds[r.below(seeds.count)]
        for _ in 0..<(1 + r.below(8)) {
            let at = r.below(bytes.count + 1)
            switch r.below(9) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << r.below(8))
            case 1 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: r.next())
            case 2, 3: bytes.insert(contentsOf: tokens[r.below(tokens.count)], at: at)
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + 1 + r.below(16)))
            case 5:   // a run of the same token: deep nesting, long lines
                let token = tokens[r.below(tokens.count)]
                bytes.insert(contentsOf: Array([[UInt8]](repeating: token, count: 1 + r.below(r.below(2) == 0 ? 64 : 20_000)).joined()), at: at)
            case 6 where !bytes.isEmpty:   // a piece of the input copied elsewhere
                let from = r.below(bytes.count), length = min(bytes.count - from, 1 + r.below(64))
                bytes.insert(contentsOf: Array(bytes[from..<(from + length)]), at: at)
            case 7:   // digits replaced by a large number
                if let digit = bytes[at...].firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                    bytes.insert(contentsOf: Array(String(r.next()).utf8), at: digit)
                }
            default:   // splice with another seed
                let other = seeds[r.below(seeds.count)]
                let cut = r.below(other.count + 1)
                bytes = Array(bytes[..<at]) + Array(other[cut...])
            }
        }
        return bytes
    }
}
