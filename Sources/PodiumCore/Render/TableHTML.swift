/// Writes the pipe tables `PipeTable.find` found as HTML: plain cells (most cells: numbers,
/// names) copied as they are, cells with any Markdown syntax or HTML-special character rendered
/// by libcmark as inline Markdown.
struct TableHTML {
    let layout: PipeTable.Layout
    let source: UnsafeBufferPointer<UInt8>
    let unsafe: Bool
    private var unescaped: [UInt8] = []

    init(_ layout: PipeTable.Layout, source: UnsafeBufferPointer<UInt8>, unsafe: Bool) {
        self.layout = layout
        self.source = source
        self.unsafe = unsafe
    }

    /// Appends table `index`'s HTML.
    mutating func write(_ index: Int, into html: inout HTMLBuffer) {
        let table = layout.tables[index]
        let alignments = layout.alignments[table.alignments]
        add("<div class=\"table-wrap\"><table>\n<thead>\n", &html)
        row(table.rows.lowerBound, header: true, alignments, &html)
        add("</thead>\n", &html)
        if table.rows.count > 2 {
            add("<tbody>\n", &html)
            for r in (table.rows.lowerBound + 2)..<table.rows.upperBound { row(r, header: false, alignments, &html) }
            add("</tbody>\n", &html)
        }
        add("</table></div>\n", &html)
    }

    private func add(_ s: StaticString, _ html: inout HTMLBuffer) { html.append(s) }

    /// One row: as many cells as the header has (missing ones empty, extra ones dropped). Cells
    /// end at unescaped pipes, as `PipeTable.cells` splits them; the same scan notes whether a cell
    /// holds Markdown syntax.
    private mutating func row(_ r: Int, header: Bool, _ alignments: ArraySlice<PipeTable.Alignment>, _ html: inout HTMLBuffer) {
        html.append("<tr>\n")
        var line = PipeTable.trimmed(UnsafeBufferPointer(rebasing: source[layout.rows[r]]))
        if line.first == 0x7C { line = UnsafeBufferPointer(rebasing: line[1...]) }
        if line.last == 0x7C && !(line.count >= 2 && line[line.count - 2] == 0x5C) { line = UnsafeBufferPointer(rebasing: line[..<(line.count - 1)]) }
        let close: StaticString = header ? "</th>\n" : "</td>\n"
        var column = alignments.startIndex
        var start = 0
        while column < alignments.endIndex {
            var end = start, escapedPipe = false, syntax = false
            while end < line.count {
                let b = line[end]
                if b == 0x7C { break }
                if b == 0x5C, end + 1 < line.count, line[end + 1] == 0x7C { escapedPipe = true; end += 2; continue }
                if Self.isSyntax(b) { syntax = true }
                end += 1
            }
            let cell = PipeTable.trimmed(UnsafeBufferPointer(rebasing: line[start..<end]))
            if escapedPipe || syntax {
                html.append(Self.open(header, alignments[column]))
                self.cell(cell, escapedPipe, &html)
                html.append(close)
            } else {
                html.append(Self.open(header, alignments[column]), UnsafeRawBufferPointer(cell), close)
            }
            column += 1
            guard end < line.count else { break }
            start = end + 1
        }
        while column < alignments.endIndex {
            html.append(Self.open(header, alignments[column]), UnsafeRawBufferPointer(start: nil, count: 0), close)
            column += 1
        }
        html.append("</tr>\n")
    }

    private static func open(_ header: Bool, _ alignment: PipeTable.Alignment) -> StaticString {
        switch (header, alignment) {
        case (true, .none): "<th>"
        case (true, .left): "<th style=\"text-align: left\">"
        case (true, .center): "<th style=\"text-align: center\">"
        case (true, .right): "<th style=\"text-align: right\">"
        case (false, .none): "<td>"
        case (false, .left): "<td style=\"text-align: left\">"
        case (false, .center): "<td style=\"text-align: center\">"
        case (false, .right): "<td style=\"text-align: right\">"
        }
    }

    private mutating func cell(_ bytes: UnsafeBufferPointer<UInt8>, _ escapedPipe: Bool, _ html: inout HTMLBuffer) {
        guard escapedPipe else { return inline(bytes, &html) }
        // `\|` is a literal pipe.
        unescaped.removeAll(keepingCapacity: true)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, i + 1 < bytes.count, bytes[i + 1] == 0x7C { unescaped.append(0x7C); i += 2 } else { unescaped.append(bytes[i]); i += 1 }
        }
        let text = unescaped
        text.withUnsafeBufferPointer { inline($0, &html) }
    }

    private func inline(_ text: UnsafeBufferPointer<UInt8>, _ html: inout HTMLBuffer) {
        guard text.contains(where: Self.isSyntax) else { return html.append(UnsafeRawBufferPointer(text)) }
        html.append(Markdown.inlineHTML(text, unsafe: unsafe))
    }

    private static func isSyntax(_ b: UInt8) -> Bool {
        switch b {
        case 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x26, 0x5C: true   // * _ ` [ ] < > & \
        default: false
        }
    }
}
