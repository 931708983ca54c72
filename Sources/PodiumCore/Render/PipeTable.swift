import CCmark
import Foundation

/// GitHub-style pipe tables for libcmark, which has none: a paragraph whose lines are a header
/// row, a delimiter row (`|---|:--:|`) and body rows is replaced, in libcmark's own tree, by a
/// custom block holding the table; each cell's inline Markdown is rendered by libcmark too.
enum PipeTable {
    enum Alignment { case none, left, center, right }

    static func replaceTables(_ paragraphs: [OpaquePointer], source: String, unsafe: Bool) {
        var source = source
        source.withUTF8 { bytes in
            // Paragraphs come in document order, so a cursor finds their lines by moving a few lines
            // at a time: forward with memchr, back (to a table's first row) byte by byte.
            var cursorLine = 1, cursorOffset = 0
            func offset(ofLine n: Int) -> Int? {
                while cursorLine > n {
                    var i = cursorOffset - 2   // before the newline that ends the previous line
                    while i >= 0 && bytes[i] != 0x0A { i -= 1 }
                    cursorOffset = i + 1
                    cursorLine -= 1
                }
                while cursorLine < n {
                    guard cursorOffset < bytes.count,
                          let hit = memchr(bytes.baseAddress! + cursorOffset, 0x0A, bytes.count - cursorOffset) else { return nil }
                    cursorOffset = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    cursorLine += 1
                }
                return cursorOffset
            }
            func line(_ n: Int) -> UnsafeBufferPointer<UInt8> {
                guard let start = offset(ofLine: n) else { return UnsafeBufferPointer(rebasing: bytes[bytes.count...]) }
                var end = start
                if start < bytes.count, let hit = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                    end = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                } else { end = bytes.count }
                if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                return UnsafeBufferPointer(rebasing: bytes[start..<end])
            }
            for paragraph in paragraphs {
                let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
                guard start >= 1, end - start >= 1 else { continue }
                // Cheap test first: the first line holds a pipe, the second a dash.
                guard line(start).contains(0x7C), line(start + 1).contains(0x2D) else { continue }
                // The paragraph's own text: its lines, less the indentation of any container (list, quote).
                let column = Int(cmark_node_get_start_column(paragraph))
                let firstLine = line(start)
                let last = line(end)
                // One copy of the paragraph's bytes; rows are slices of it.
                let base = bytes.baseAddress!.distance(to: firstLine.baseAddress ?? bytes.baseAddress!)
                let text = Array(bytes[base..<(bytes.baseAddress!.distance(to: last.baseAddress ?? bytes.baseAddress!) + last.count)])
                var rows: [ArraySlice<UInt8>] = []
                var rowStart = 0
                for i in 0...text.count where i == text.count || text[i] == 0x0A {
                    var row = text[rowStart..<(i > rowStart && text[i - 1] == 0x0D ? i - 1 : i)]
                    row = row.dropFirst(min(column - 1, row.prefix { $0 == 0x20 || $0 == 0x3E }.count))
                    rows.append(row)
                    rowStart = i + 1
                }
                guard let html = table(rows, unsafe: unsafe), let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
                cmark_node_set_on_enter(block, html)
                cmark_node_replace(paragraph, block)
                cmark_node_free(paragraph)
            }
        }
    }

    /// The table's HTML, or nil when the lines are not a pipe table.
    static func table(_ rows: [ArraySlice<UInt8>], unsafe: Bool) -> String? {
        guard rows.count >= 2, let alignments = delimiterRow(rows[1]) else { return nil }
        let header = cells(rows[0])
        guard header.count == alignments.count else { return nil }
        var html: [UInt8] = []
        html.reserveCapacity(rows.reduce(64) { $0 + $1.count * 2 })
        func add(_ s: StaticString) { s.withUTF8Buffer { html.append(contentsOf: $0) } }
        func row(_ values: [ArraySlice<UInt8>], _ tag: StaticString) {
            add("<tr>\n")
            for (i, alignment) in alignments.enumerated() {
                add("<"); add(tag); add(attribute(alignment)); add(">")
                if i < values.count { inline(values[i], unsafe: unsafe, into: &html) }
                add("</"); add(tag); add(">\n")
            }
            add("</tr>\n")
        }
        add("<div class=\"table-wrap\"><table>\n<thead>\n")
        row(header, "th")
        add("</thead>\n")
        if rows.count > 2 {
            add("<tbody>\n")
            for r in rows.dropFirst(2) { row(cells(r), "td") }
            add("</tbody>\n")
        }
        add("</table></div>\n")
        return String(decoding: html, as: UTF8.self)
    }

    static let syntax: [Bool] = (0..<256).map { "*_`[]<>&\\".utf8.contains(UInt8($0)) }

    /// A cell's HTML: plain text (most cells: numbers, names) is copied as it is; a cell with any
    /// Markdown syntax (or HTML-special character) goes through libcmark.
    static func inline(_ cell: ArraySlice<UInt8>, unsafe: Bool, into html: inout [UInt8]) {
        guard cell.contains(where: { syntax[Int($0)] }) else { return html.append(contentsOf: cell) }
        html.append(contentsOf: Markdown.inlineHTML(String(decoding: cell, as: UTF8.self), unsafe: unsafe).utf8)
    }

    static func attribute(_ a: Alignment) -> StaticString {
        switch a {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }

    /// `| --- | :-: | --: |` → alignments; nil when the line is not a delimiter row.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        let parts = cells(line)
        guard !parts.isEmpty else { return nil }
        var result: [Alignment] = []
        for p in parts {
            let left = p.first == 0x3A, right = p.count > 1 && p.last == 0x3A
            let dashes = p.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == 0x2D }) else { return nil }
            result.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return result
    }

    /// Spaces and tabs trimmed from both ends.
    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = s.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return [] }
        return s[first...s.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!]
    }

    /// Splits a row at unescaped pipes; `\|` is a literal pipe (also inside code spans, as in GFM).
    static func cells(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var row = trimmed(line)
        if row.first == 0x7C { row = row.dropFirst() }
        if row.last == 0x7C && !(row.count >= 2 && row[row.endIndex - 2] == 0x5C) { row = row.dropLast() }
        var cells: [ArraySlice<UInt8>] = []
        var current: [UInt8] = []
        var i = row.startIndex
        var escapedPipe = false
        var start = i
        while i < row.endIndex {
            let b = row[i]
            if b == 0x5C, i + 1 < row.endIndex, row[i + 1] == 0x7C {
                escapedPipe = true
                i += 2
                continue
            }
            if b == 0x7C {
                cells.append(cell(row[start..<i], escapedPipe, &current))
                escapedPipe = false
                start = i + 1
            }
            i += 1
        }
        cells.append(cell(row[start..<row.endIndex], escapedPipe, &current))
        return cells
    }

    private static func cell(_ bytes: ArraySlice<UInt8>, _ escapedPipe: Bool, _ scratch: inout [UInt8]) -> ArraySlice<UInt8> {
        guard escapedPipe else { return trimmed(bytes) }
        scratch.removeAll(keepingCapacity: true)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x5C, i + 1 < bytes.endIndex, bytes[i + 1] == 0x7C { scratch.append(0x7C); i += 2 } else { scratch.append(bytes[i]); i += 1 }
        }
        return trimmed(scratch[...])
    }
}
