/// Dates never break across lines. A browser may break Chinese text between any two characters,
/// so 「2021年4月30日」 could end a line at 「2021年4月30」. After a page is rendered, every date written
/// 「YYYY年M月D日」 in its text (never inside a tag, a script, a style or the title) is wrapped in
/// `<span class="nb">` (`white-space: nowrap` in the theme). Dates are digits and 年月日 only, so
/// wrapping one cannot change what the page says. Found by the bytes of 「年」, so a page without
/// one costs one scan.
enum UnbrokenDates {
    private static let year: [UInt8] = Array("年".utf8), month: [UInt8] = Array("月".utf8), day: [UInt8] = Array("日".utf8)
    private static let open = Array("<span class=\"nb\">".utf8), close = Array("</span>".utf8)

    static func apply(_ html: [UInt8]) -> [UInt8] {
        // Where the dates are: (start, end) byte ranges in text.
        var dates: [(Int, Int)] = []
        html.withUnsafeBytes { b in
            var from = 0
            while let i = b.offset(of: year[0], from: from) {
                from = i + 1
                guard i + 3 <= b.count, b[i + 1] == year[1], b[i + 2] == year[2], i >= 4,
                      (0..<4).allSatisfy({ isDigit(b[i - 4 + $0]) }), i == 4 || !isDigit(b[i - 5]) else { continue }
                var j = i + 3
                func digits() -> Bool { let s = j; while j < b.count, isDigit(b[j]), j - s < 2 { j += 1 }; return j > s }
                func word(_ w: [UInt8]) -> Bool {
                    guard j + 3 <= b.count, b[j] == w[0], b[j + 1] == w[1], b[j + 2] == w[2] else { return false }
                    j += 3
                    return true
                }
                guard digits(), word(month), digits(), word(day), isText(b, at: i - 4) else { continue }
                dates.append((i - 4, j))
                from = j
            }
        }
        guard !dates.isEmpty else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + dates.count * (open.count + close.count))
        var at = 0
        for (start, end) in dates {
            out += html[at..<start]
            out += open
            out += html[start..<end]
            out += close
            at = end
        }
        out += html[at...]
        return out
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether `offset` is in the page's text: after the last `>` rather than a `<`, and not inside
    /// `<script>`, `<style>`, `<title>` or `<textarea>` (looking back to the element that holds it).
    private static func isText(_ b: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0, b[i] != 0x3C, b[i] != 0x3E { i -= 1 }
        guard i >= 0, b[i] == 0x3E else { return false }   // inside a tag (or before any)
        // The nearest opening tag before the text decides: a raw-text element holds no markup.
        var k = i
        while k >= 0 {
            if b[k] == 0x3C {
                let name = tagName(b, at: k + 1)
                if name.hasPrefix("/") { return true }
                return !["script", "style", "title", "textarea"].contains(name)
            }
            k -= 1
        }
        return true
    }

    private static func tagName(_ b: UnsafeRawBufferPointer, at start: Int) -> String {
        var end = start
        while end < b.count, end - start < 10, b[end] != 0x20, b[end] != 0x3E, b[end] != 0x0A { end += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<end]), as: UTF8.self).lowercased()
    }
}
