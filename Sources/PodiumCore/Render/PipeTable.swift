import CCmark
import Foundation

/// GitHub-style pipe tables for libcmark, which has none: a paragraph whose lines are a header
/// row, a delimiter row (`|---|:--:|`) and body rows is a table. `find` reads them from the
/// source; each is then replaced, in libcmark's own tree, by a custom block (see `Markdown`),
/// and `TableHTML` writes it, each cell's inline Markdown rendered by libcmark too.
enum PipeTable {
    enum Alignment { case none, left, center, right }

    /// The tables of one document: their rows as byte ranges of its source.
    struct Layout {
        struct Table {
            let paragraph: OpaquePointer
            let rows: Range<Int>
            let alignments: Range<Int>
        }
        var tables: [Table] = []
        var rows: [Range<Int>] = []
        var alignments: [Alignment] = []
        /// The bytes of all tables' rows, to size the output.
        var rowBytes = 0
    }

    /// The paragraphs that are pipe tables, with their rows.
    static func find(_ paragraphs: [OpaquePointer], in bytes: UnsafeBufferPointer<UInt8>) -> Layout {
        var layout = Layout()
        var lines = LineCursor(bytes)
        for paragraph in paragraphs {
            let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
            guard start >= 1, end - start >= 1 else { continue }
            // Cheap test first: the first line holds a pipe, the second a dash.
            guard lines.line(start).contains(0x7C), lines.line(start + 1).contains(0x2D) else { continue }
            // The paragraph's own lines, less the indentation of any container (list, quote).
            let indent = Int(cmark_node_get_start_column(paragraph)) - 1
            let firstRow = layout.rows.count, firstAlignment = layout.alignments.count
            for n in start...end {
                let line = lines.line(n)
                var drop = 0
                while drop < indent && drop < line.count && (line[drop] == 0x20 || line[drop] == 0x3E) { drop += 1 }
                let from = bytes.baseAddress!.distance(to: line.baseAddress!) + drop
                layout.rows.append(from..<(from + line.count - drop))
            }
            let header = UnsafeBufferPointer(rebasing: bytes[layout.rows[firstRow]])
            let delimiter = UnsafeBufferPointer(rebasing: bytes[layout.rows[firstRow + 1]])
            var headerCells = 0
            cells(header) { _, _, _ in headerCells += 1 }
            guard delimiterRow(delimiter, into: &layout.alignments),
                  layout.alignments.count - firstAlignment == headerCells else {
                layout.rows.removeSubrange(firstRow...)
                layout.alignments.removeSubrange(firstAlignment...)
                continue
            }
            layout.rowBytes += layout.rows[firstRow...].reduce(0) { $0 + $1.count }
            layout.tables.append(.init(paragraph: paragraph, rows: firstRow..<layout.rows.count,
                                       alignments: firstAlignment..<layout.alignments.count))
        }
        return layout
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

        private func newline(from i: Int) -> Int? { UnsafeRawBufferPointer(bytes).offset(of: 0x0A, from: i) }

        /// Line `n` (from 1) without its line ending; empty past the end.
        mutating func line(_ n: Int) -> UnsafeBufferPointer<UInt8> {
            guard let start = offset(ofLine: n) else { return UnsafeBufferPointer(rebasing: bytes[bytes.count...]) }
            var end = newline(from: start) ?? bytes.count
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
    }

    /// `| --- | :-: | --: |` → alignments appended; false when the line is not a delimiter row.
    static func delimiterRow(_ line: UnsafeBufferPointer<UInt8>, into alignments: inout [Alignment]) -> Bool {
        var valid = true, count = 0
        cells(line) { p, _, _ in
            let left = p.first == 0x3A, right = p.count > 1 && p.last == 0x3A
            let dashes = p.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard valid, !dashes.isEmpty, dashes.allSatisfy({ $0 == 0x2D }) else { valid = false; return }
            alignments.append(left && right ? .center : right ? .right : left ? .left : .none)
            count += 1
        }
        return valid && count > 0
    }

    /// Spaces and tabs trimmed from both ends.
    static func trimmed(_ s: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var from = 0, to = s.count
        while from < to && (s[from] == 0x20 || s[from] == 0x09) { from += 1 }
        while to > from && (s[to - 1] == 0x20 || s[to - 1] == 0x09) { to -= 1 }
        return UnsafeBufferPointer(rebasing: s[from..<to])
    }

    /// Each cell of a row, trimmed, split at unescaped pipes (`\|` is a literal pipe, also inside
    /// code spans, as in GFM), with whether it holds an escaped pipe and whether it holds Markdown
    /// syntax (or an HTML-special character).
    static func cells(_ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ escapedPipe: Bool, _ syntax: Bool) -> Void) {
        var row = trimmed(line)
        if row.first == 0x7C { row = UnsafeBufferPointer(rebasing: row[1...]) }
        if row.last == 0x7C && !(row.count >= 2 && row[row.count - 2] == 0x5C) { row = UnsafeBufferPointer(rebasing: row[..<(row.count - 1)]) }
        var start = 0
        while true {
            var end = start, escapedPipe = false, syntax = false
            while end < row.count {
                let b = row[end]
                if b == 0x7C { break }
                if b == 0x5C, end + 1 < row.count, row[end + 1] == 0x7C { escapedPipe = true; end += 2; continue }
                if isSyntax(b) { syntax = true }
                end += 1
            }
            body(trimmed(UnsafeBufferPointer(rebasing: row[start..<end])), escapedPipe, syntax)
            guard end < row.count else { return }
            start = end + 1
        }
    }

    /// Markdown syntax or an HTML-special character (* _ ` [ ] < > & \): a cell holding one goes
    /// through libcmark; other cells are copied as they are.
    static func isSyntax(_ b: UInt8) -> Bool {
        switch b {
        case 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x26, 0x5C: true
        default: false
        }
    }
}
