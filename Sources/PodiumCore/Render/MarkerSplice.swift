import Foundation

/// The last copy of libcmark's output puts in what Podium adds, in one pass: each table, left in
/// libcmark's tree as a one-byte marker (so libcmark never copies the table), becomes the table's
/// HTML; each heading's `<hN>` gets its id, made from the heading's HTML up to `</hN>`.
/// Headings are found this way in safe HTML only: there, every `<hN>` is a heading's (raw HTML is
/// dropped, tables' cells are inline, everything else is escaped).
enum MarkerSplice {
    /// A byte that never occurs in UTF-8, and libcmark's output is UTF-8 (it replaces invalid
    /// input, and a character reference to an invalid code point, with U+FFFD).
    static let table: UInt8 = 0xF8
    static func marker(_ byte: UInt8) -> [CChar] { [CChar(bitPattern: byte), 0] }
    private static let tableOrTag: [CChar] = [CChar(bitPattern: table), 0x3C, 0]

    /// The page's HTML; nil when the tables or headings found are not as many as expected (not
    /// expected: the caller then renders without markers).
    static func splice(_ html: UnsafePointer<CChar>, count n: Int, tables: inout TableHTML, headings: Int) -> HTMLBuffer? {
        let base = UnsafeRawPointer(html)
        let output = UnsafeRawBufferPointer(start: base, count: n)
        func byte(_ i: Int) -> UInt8 { i < n ? base.load(fromByteOffset: i, as: UInt8.self) : 0 }
        var out = HTMLBuffer(capacity: n + tables.layout.rowBytes * 8 + headings * 48)
        func run(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + from, count: to - from) }
        var ids = SlugCounts()
        var id: [UInt8] = []
        var copied = 0, scanned = 0, tablesDone = 0, headingsDone = 0
        // With no headings to find, only tables are looked for.
        func next() -> Int? {
            guard headings > 0 else { return output.offset(of: table, from: scanned) }
            return strpbrk(html + scanned, tableOrTag).map { html.distance(to: $0) }
        }
        while let at = next() {
            if byte(at) == table {
                guard tablesDone < tables.layout.tables.count else { return nil }
                out.append(run(copied, at))
                tables.write(tablesDone, into: &out)
                tablesDone += 1
                // libcmark ends the custom block's line after the marker; the table's HTML has ended it.
                copied = byte(at + 1) == 0x0A ? at + 2 : at + 1
                scanned = copied
                continue
            }
            scanned = at + 1
            guard byte(at + 1) == 0x68, byte(at + 2) >= 0x31, byte(at + 2) <= 0x36, byte(at + 3) == 0x3E else { continue }
            // A heading: its content runs to the next `</h`.
            guard headingsDone < headings else { return nil }
            var close = at + 4
            while true {
                guard let tag = output.offset(of: 0x3C, from: close) else { return nil }
                close = tag
                if byte(close + 1) == 0x2F && byte(close + 2) == 0x68 { break }
                close += 1
            }
            id.removeAll(keepingCapacity: true)
            Slug.append(html: UnsafeRawBufferPointer(start: base + at + 4, count: close - at - 4), to: &id)
            ids.number(&id, from: 0)
            out.append(run(copied, at + 3))
            out.append(" id=\"")
            out.append(id)
            out.append(0x22)
            copied = at + 3
            scanned = close
            headingsDone += 1
        }
        out.append(run(copied, n))
        guard tablesDone == tables.layout.tables.count && headingsDone == headings else { return nil }
        return out
    }
}
