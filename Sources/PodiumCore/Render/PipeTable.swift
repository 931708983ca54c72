import CCmark
import Foundation

/// GitHub-style pipe tables for libcmark, which has none, found as GitHub's table extension
/// (cmark-gfm) finds them: a header row followed by a delimiter row (`|---|:--:|`) with as many
/// cells starts a table, also in the middle of a paragraph (the lines before it stay a paragraph);
/// the following lines are its rows, up to a lone pipe (a row of no cells), where the rest of the
/// paragraph starts again. libcmark reads a table followed by `---` or `===` as a setext heading:
/// such a heading holds a table too, with a rule after it (`---`) or one more row (`===`), as
/// cmark-gfm has it. `find` reads the rows from the source and puts an empty custom block where
/// each table goes in libcmark's own tree (see `Markdown`); `TableHTML` writes it, each cell's
/// inline Markdown rendered by libcmark too. A block whose lines are not parted by line breaks
/// at the top level of its inlines (an inline span crossing a line) keeps no table.
enum PipeTable {
    enum Alignment { case none, left, center, right }

    /// The tables of one document: their rows as byte ranges of its source.
    struct Layout {
        struct Table {
            /// The custom block standing where the table goes.
            let anchor: OpaquePointer
            let rows: Range<Int>
            let alignments: Range<Int>
            /// A thematic break after the table (a setext `---` underline).
            let rule: Bool
        }
        var tables: [Table] = []
        var rows: [Range<Int>] = []
        var alignments: [Alignment] = []
        /// The bytes of all tables' rows, to size the output.
        var rowBytes = 0
        /// Blocks that were all table, taken out of the tree (headings among them are none now).
        var removed: [OpaquePointer] = []
    }

    /// The paragraphs and setext headings that hold pipe tables, with their rows. `blocks` are in
    /// document order.
    static func find(_ blocks: [OpaquePointer], in bytes: UnsafeBufferPointer<UInt8>, mem: UnsafeMutablePointer<cmark_mem>) -> Layout {
        var layout = Layout()
        var lines = LineCursor(bytes)
        for block in blocks {
            let heading = cmark_node_get_type(block) == CMARK_NODE_HEADING
            let start = Int(cmark_node_get_start_line(block))
            // libcmark may end a block on the line after it (column 0 after a blank line; a setext
            // heading where the next block starts).
            var end = Int(cmark_node_get_end_line(block)) - (cmark_node_get_end_column(block) == 0 ? 1 : 0)
            // The block's own lines, less the indentation of any container (list, quote): on its
            // first line, everything before the column it starts at; on the others, as much of it
            // as is spaces or '>' (a lazy line has none).
            let indent = Int(cmark_node_get_start_column(block)) - 1
            func own(_ n: Int) -> Range<Int> {
                let line = lines.line(n)
                var drop = 0
                if n == start { drop = min(indent, line.count) } else {
                    while drop < indent && drop < line.count && (line[drop] == 0x20 || line[drop] == 0x3E) { drop += 1 }
                }
                let from = bytes.baseAddress!.distance(to: line.baseAddress!) + drop
                return from..<(from + line.count - drop)
            }
            // A setext heading's last line is its underline: the last line of `=` or `-` alone.
            if heading {
                while end > start + 1 && !isUnderline(UnsafeBufferPointer(rebasing: bytes[own(end)])) { end -= 1 }
            }
            let last = heading ? end - 1 : end
            guard start >= 1, last - start >= 1 else { continue }
            let content = (start...last).map(own)
            func row(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[content[i]]) }
            // Lines before `from` have left the block; its inlines are its remaining lines.
            var from = 0
            while let header = header(in: content.indices.dropFirst(from), row, into: &layout.alignments) {
                let firstAlignment = layout.alignments.count - cellCount(row(header))
                guard breaks(in: block) == content.count - from - 1 else {
                    layout.alignments.removeSubrange(firstAlignment...)
                    break
                }
                var stop = header + 2
                while stop < content.count && cellCount(row(stop)) > 0 { stop += 1 }
                // The lines before the header stay a paragraph, before the table.
                if header > from, let paragraph = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH, mem) {
                    for child in take(lines: header - from, of: block) { cmark_node_append_child(paragraph, child) }
                    cmark_node_insert_before(block, paragraph)
                }
                guard let anchor = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem) else { break }
                cmark_node_insert_before(block, anchor)
                let firstRow = layout.rows.count
                layout.rows += content[header..<stop]
                var rule = false
                if stop == content.count {
                    // The table ends the block: a heading's underline is a row (`===`) or a rule (`---`).
                    if heading {
                        let underline = own(end)
                        if trimmed(UnsafeBufferPointer(rebasing: bytes[underline])).first == 0x3D { layout.rows.append(underline) } else { rule = true }
                        // cmark-gfm makes a list loose where an item holds a table of a header alone and its rule.
                        if rule, stop == header + 2, let item = cmark_node_parent(anchor), cmark_node_get_type(item) == CMARK_NODE_ITEM,
                           let list = cmark_node_parent(item) {
                            cmark_node_set_list_tight(list, 0)
                        }
                    }
                    cmark_node_free(block)
                    layout.removed.append(block)
                } else {
                    for child in take(lines: stop - header, of: block) { cmark_node_free(child) }
                }
                layout.rowBytes += layout.rows[firstRow...].reduce(0) { $0 + $1.count }
                layout.tables.append(.init(anchor: anchor, rows: firstRow..<layout.rows.count,
                                           alignments: firstAlignment..<layout.alignments.count, rule: rule))
                guard stop < content.count else { break }
                from = stop
            }
        }
        return layout
    }

    /// The first line of `lines` that is a table's header row: the next line is a delimiter row
    /// with as many cells (its alignments appended).
    private static func header(in lines: Range<Int>.SubSequence, _ row: (Int) -> UnsafeBufferPointer<UInt8>,
                               into alignments: inout [Alignment]) -> Int? {
        for i in lines.dropFirst() where row(i).contains(0x2D) {
            let mark = alignments.count
            if delimiterRow(row(i), into: &alignments), alignments.count - mark == cellCount(row(i - 1)) { return i - 1 }
            alignments.removeSubrange(mark...)
        }
        return nil
    }

    /// `===` or `---` (spaces around).
    private static func isUnderline(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let t = trimmed(line)
        guard let first = t.first, first == 0x3D || first == 0x2D else { return false }
        return t.allSatisfy { $0 == first }
    }

    static func cellCount(_ row: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        cells(row) { _, _, _ in n += 1 }
        return n
    }

    /// The line breaks (soft or hard) at the top level of a block's inlines.
    private static func breaks(in block: OpaquePointer) -> Int {
        var n = 0
        var node = cmark_node_first_child(block)
        while let child = node {
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { n += 1 }
            node = cmark_node_next(child)
        }
        return n
    }

    /// Takes the inlines of a block's first `lines` lines out of it (the break after them freed).
    private static func take(lines: Int, of block: OpaquePointer) -> [OpaquePointer] {
        var taken: [OpaquePointer] = []
        var seen = 0
        while seen < lines, let child = cmark_node_first_child(block) {
            cmark_node_unlink(child)
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                seen += 1
                if seen == lines { cmark_node_free(child); break }
            }
            taken.append(child)
        }
        return taken
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
        if row.first == 0x7C {
            row = UnsafeBufferPointer(rebasing: row[1...])
            // A lone pipe is a row of no cells (as in cmark-gfm).
            if trimmed(row).isEmpty { return }
        }
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
