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

    /// Appends table `index`'s HTML, and the rule after it if it has one.
    mutating func write(_ index: Int, into html: inout HTMLBuffer) {
        let table = layout.tables[index]
        let alignments = layout.alignments[table.alignments]
        defer { if table.rule { html.append("<hr />\n") } }
        html.append("<div class=\"table-wrap\"><table>\n<thead>\n")
        row(table.rows.lowerBound, header: true, alignments, &html)
        html.append("</thead>\n")
        if table.rows.count > 2 {
            html.append("<tbody>\n")
            for r in (table.rows.lowerBound + 2)..<table.rows.upperBound { row(r, header: false, alignments, &html) }
            html.append("</tbody>\n")
        }
        html.append("</table></div>\n")
    }

    /// One row: as many cells as the header has (missing ones empty, extra ones dropped).
    private mutating func row(_ r: Int, header: Bool, _ alignments: ArraySlice<PipeTable.Alignment>, _ html: inout HTMLBuffer) {
        html.append("<tr>\n")
        let close: StaticString = header ? "</th>\n" : "</td>\n"
        var column = alignments.startIndex
        PipeTable.cells(UnsafeBufferPointer(rebasing: source[layout.rows[r]])) { cell, escapedPipe, syntax in
            guard column < alignments.endIndex else { return }
            if escapedPipe || syntax {
                html.append(Self.open(header, alignments[column]))
                self.cell(cell, escapedPipe, &html)
                html.append(close)
            } else {
                html.append(Self.open(header, alignments[column]), UnsafeRawBufferPointer(cell), close)
            }
            column += 1
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

    private mutating func inline(_ text: UnsafeBufferPointer<UInt8>, _ html: inout HTMLBuffer) {
        guard text.contains(where: PipeTable.isSyntax) else { return html.append(UnsafeRawBufferPointer(text)) }
        html.append(Markdown.inlineHTML(text, unsafe: unsafe, definitions: definitions))
    }

    /// The document's link reference definitions (`[1]: https://…`), so that a cell rendered alone
    /// resolves `[通知][1]` as the document does; found once, when first needed.
    private lazy var definitions: [UInt8] = LinkDefinitions.lines(in: source)
}
