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
            var lines = LineCursor(bytes)
            var rows: [UnsafeBufferPointer<UInt8>] = []
            var writer = Writer(unsafe: unsafe)
            for paragraph in paragraphs {
                let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
                guard start >= 1, end - start >= 1 else { continue }
                // Cheap test first: the first line holds a pipe, the second a dash.
                guard lines.line(start).contains(0x7C), lines.line(start + 1).contains(0x2D) else { continue }
                // The paragraph's own lines, less the indentation of any container (list, quote).
                let indent = Int(cmark_node_get_start_column(paragraph)) - 1
                rows.removeAll(keepingCapacity: true)
                for n in start...end {
                    let line = lines.line(n)
                    var drop = 0
                    while drop < indent && drop < line.count && (line[drop] == 0x20 || line[drop] == 0x3E) { drop += 1 }
                    rows.append(UnsafeBufferPointer(rebasing: line[drop...]))
                }
                guard writer.table(rows), let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
                _ = writer.html.withUnsafeBufferPointer {
                    cmark_node_set_on_enter(block, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self))
                }
                cmark_node_replace(paragraph, block)
                cmark_node_free(paragraph)
            }
        }
    }

    /// Lines of a text by number, for paragraphs that come in document order: a cursor moves a
    /// few lines at a time, forward with memchr, back (to a table's first row) byte by byte.
    struct LineCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var cursorLine = 1, cursorOffset = 0
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        private mutating func offset(ofLine n: Int) -> Int? {
            while cursorLine > n {
                var i = cursorOffset - 2   // before the newline that ends the previous line
                while i >= 0 && bytes[i] != 0x0A { i -= 1 }
                cursorOffset = i + 1
                cursorLine -= 1
            }
            while cursorLine < n {
                guard let next = newline(from: cursorOffset) else { return nil }
                cursorOffset = next + 1
                cursorLine += 1
            }
            return cursorOffset
        }

        private func newline(from i: Int) -> Int? {
            guard i < bytes.count, let hit = memchr(bytes.baseAddress! + i, 0x0A, bytes.count - i) else { return nil }
            return bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        /// Line `n` (from 1) without its line ending; empty past the end.
        mutating func line(_ n: Int) -> UnsafeBufferPointer<UInt8> {
            guard let start = offset(ofLine: n) else { return UnsafeBufferPointer(rebasing: bytes[bytes.count...]) }
            var end = newline(from: start) ?? bytes.count
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
    }

    /// Writes tables as HTML into one buffer, reused from table to table.
    struct Writer {
        let unsafe: Bool
        /// The last table's HTML, NUL-terminated for libcmark.
        private(set) var html: [UInt8] = []
        private var alignments: [Alignment] = []
        private var unescaped: [UInt8] = []

        init(unsafe: Bool) { self.unsafe = unsafe }

        /// Writes the table made of `rows` into `html`; false when they are not a pipe table.
        mutating func table(_ rows: [UnsafeBufferPointer<UInt8>]) -> Bool {
            guard rows.count >= 2, delimiterRow(rows[1]) else { return false }
            var headerCells = 0
            PipeTable.cells(rows[0]) { _, _ in headerCells += 1 }
            guard headerCells == alignments.count else { return false }
            html.removeAll(keepingCapacity: true)
            add("<div class=\"table-wrap\"><table>\n<thead>\n")
            row(rows[0], "th")
            add("</thead>\n")
            if rows.count > 2 {
                add("<tbody>\n")
                for r in rows.dropFirst(2) { row(r, "td") }
                add("</tbody>\n")
            }
            add("</table></div>\n")
            html.append(0)
            return true
        }

        private mutating func add(_ s: StaticString) { s.withUTF8Buffer { html.append(contentsOf: $0) } }

        /// One row: as many cells as the header has (missing ones empty, extra ones dropped).
        private mutating func row(_ line: UnsafeBufferPointer<UInt8>, _ tag: StaticString) {
            add("<tr>\n")
            var i = 0
            PipeTable.cells(line) { cell, escapedPipe in
                guard i < alignments.count else { return }
                open(tag, alignments[i])
                self.cell(cell, escapedPipe)
                close(tag)
                i += 1
            }
            while i < alignments.count { open(tag, alignments[i]); close(tag); i += 1 }
            add("</tr>\n")
        }

        private mutating func open(_ tag: StaticString, _ alignment: Alignment) {
            add("<"); add(tag)
            switch alignment {
            case .none: break
            case .left: add(" style=\"text-align: left\"")
            case .center: add(" style=\"text-align: center\"")
            case .right: add(" style=\"text-align: right\"")
            }
            add(">")
        }

        private mutating func close(_ tag: StaticString) { add("</"); add(tag); add(">\n") }

        /// A cell's HTML: plain text (most cells: numbers, names) is copied as it is; a cell with
        /// any Markdown syntax (or HTML-special character) goes through libcmark.
        private mutating func cell(_ bytes: UnsafeBufferPointer<UInt8>, _ escapedPipe: Bool) {
            if escapedPipe {
                // `\|` is a literal pipe.
                unescaped.removeAll(keepingCapacity: true)
                var i = 0
                while i < bytes.count {
                    if bytes[i] == 0x5C, i + 1 < bytes.count, bytes[i + 1] == 0x7C { unescaped.append(0x7C); i += 2 } else { unescaped.append(bytes[i]); i += 1 }
                }
                let text = unescaped
                return text.withUnsafeBufferPointer { inline($0) }
            }
            inline(bytes)
        }

        private mutating func inline(_ text: UnsafeBufferPointer<UInt8>) {
            guard text.contains(where: isSyntax) else { return html.append(contentsOf: text) }
            html.append(contentsOf: Markdown.inlineHTML(text, unsafe: unsafe))
        }

        private func isSyntax(_ b: UInt8) -> Bool {
            switch b {
            case 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x26, 0x5C: true   // * _ ` [ ] < > & \
            default: false
            }
        }

        /// `| --- | :-: | --: |` → `alignments`; false when the line is not a delimiter row.
        private mutating func delimiterRow(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            alignments.removeAll(keepingCapacity: true)
            var valid = true
            PipeTable.cells(line) { p, _ in
                let left = p.first == 0x3A, right = p.count > 1 && p.last == 0x3A
                let dashes = p.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
                guard !dashes.isEmpty, dashes.allSatisfy({ $0 == 0x2D }) else { valid = false; return }
                alignments.append(left && right ? .center : right ? .right : left ? .left : .none)
            }
            return valid && !alignments.isEmpty
        }
    }

    /// Spaces and tabs trimmed from both ends.
    static func trimmed(_ s: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var from = 0, to = s.count
        while from < to && (s[from] == 0x20 || s[from] == 0x09) { from += 1 }
        while to > from && (s[to - 1] == 0x20 || s[to - 1] == 0x09) { to -= 1 }
        return UnsafeBufferPointer(rebasing: s[from..<to])
    }

    /// Each cell of a row, trimmed, split at unescaped pipes (`\|` is a literal pipe, also inside
    /// code spans, as in GFM), with whether it holds an escaped pipe.
    static func cells(_ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var row = trimmed(line)
        if row.first == 0x7C { row = UnsafeBufferPointer(rebasing: row[1...]) }
        if row.last == 0x7C && !(row.count >= 2 && row[row.count - 2] == 0x5C) { row = UnsafeBufferPointer(rebasing: row[..<(row.count - 1)]) }
        var i = 0, start = 0
        var escapedPipe = false
        while i < row.count {
            let b = row[i]
            if b == 0x5C, i + 1 < row.count, row[i + 1] == 0x7C {
                escapedPipe = true
                i += 2
                continue
            }
            if b == 0x7C {
                body(trimmed(UnsafeBufferPointer(rebasing: row[start..<i])), escapedPipe)
                escapedPipe = false
                start = i + 1
            }
            i += 1
        }
        body(trimmed(UnsafeBufferPointer(rebasing: row[start..<row.count])), escapedPipe)
    }
}
