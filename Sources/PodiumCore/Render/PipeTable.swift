import CCmark

/// GitHub-style pipe tables for libcmark, which has none: a paragraph whose lines are a header
/// row, a delimiter row (`|---|:--:|`) and body rows is replaced, in libcmark's own tree, by a
/// custom block holding the table; each cell's inline Markdown is rendered by libcmark too.
enum PipeTable {
    enum Alignment { case none, left, center, right }

    static func replaceTables(in document: OpaquePointer, source: String, unsafe: Bool) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for paragraph in Markdown.nodes(of: CMARK_NODE_PARAGRAPH, in: document) {
            let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
            guard start >= 1, end <= lines.count, end - start >= 1 else { continue }
            // The paragraph's own text: its lines, less the indentation of any container (list, quote).
            let column = Int(cmark_node_get_start_column(paragraph))
            let rows = lines[(start - 1)...(end - 1)].map { line -> Substring in
                let drop = min(column - 1, line.prefix { $0 == " " || $0 == ">" }.count)
                return line.dropFirst(drop)
            }
            guard let html = table(rows, unsafe: unsafe), let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, html)
            cmark_node_replace(paragraph, block)
            cmark_node_free(paragraph)
        }
    }

    /// The table's HTML, or nil when the lines are not a pipe table.
    static func table(_ rows: [Substring], unsafe: Bool) -> String? {
        guard rows.count >= 2, rows[0].contains("|"), let alignments = delimiterRow(rows[1]) else { return nil }
        let header = cells(rows[0])
        guard header.count == alignments.count else { return nil }
        var html = "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n"
        for (cell, alignment) in zip(header, alignments) { html += "<th\(attribute(alignment))>\(Markdown.inlineHTML(cell, unsafe: unsafe))</th>\n" }
        html += "</tr>\n</thead>\n"
        if rows.count > 2 {
            html += "<tbody>\n"
            for row in rows.dropFirst(2) {
                var values = cells(row)
                values = Array(values.prefix(alignments.count)) + Array(repeating: "", count: max(0, alignments.count - values.count))
                html += "<tr>\n"
                for (cell, alignment) in zip(values, alignments) { html += "<td\(attribute(alignment))>\(Markdown.inlineHTML(cell, unsafe: unsafe))</td>\n" }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table></div>\n"
    }

    static func attribute(_ a: Alignment) -> String {
        switch a {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }

    /// `| --- | :-: | --: |` → alignments; nil when the line is not a delimiter row.
    static func delimiterRow(_ line: Substring) -> [Alignment]? {
        let parts = cells(line)
        guard !parts.isEmpty, line.contains("-") else { return nil }
        var result: [Alignment] = []
        for part in parts {
            let p = part.trimmingCharacters(in: .whitespaces)
            let left = p.hasPrefix(":"), right = p.hasSuffix(":")
            let dashes = p.dropFirst(left ? 1 : 0).dropLast(right && p.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return result
    }

    /// Splits a row at unescaped pipes (`\|` is a literal pipe; pipes inside `code` spans split too, as in GFM).
    static func cells(_ line: Substring) -> [String] {
        var row = line.trimmingCharacters(in: .whitespaces)
        if row.hasPrefix("|") { row.removeFirst() }
        if row.hasSuffix("|") && !row.hasSuffix("\\|") { row.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for c in row {
            if escaped {
                current.append(c == "|" ? "|" : "\\")
                if c != "|" { current.append(c) }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }
}

/// Stable ids for headings: the heading's text (spaces as '-'), numbered when repeated. Marked in
/// the tree with a custom inline carrying U+0001, then moved onto the tag after rendering.
enum HeadingIds {
    static func mark(_ document: OpaquePointer) -> [String] {
        var ids: [String] = []
        var used: [String: Int] = [:]
        for heading in Markdown.nodes(of: CMARK_NODE_HEADING, in: document) {
            var text = ""
            let iterator = cmark_iter_new(heading)
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                if let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                   let literal = cmark_node_get_literal(node) {
                    text += String(cString: literal)
                }
            }
            cmark_iter_free(iterator)
            var id = ""
            for c in text.trimmingCharacters(in: .whitespaces) {
                if c.isWhitespace { if !id.hasSuffix("-") { id.append("-") } }
                else if c.isLetter || c.isNumber || c == "-" || c == "_" { id.append(contentsOf: c.lowercased()) }
            }
            if id.isEmpty { id = "section" }
            let n = used[id, default: 0] + 1
            used[id] = n
            if n > 1 { id += "-\(n)" }
            ids.append(id)
            guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(marker, "\u{1}\(ids.count - 1)\u{1}")
            cmark_node_prepend_child(heading, marker)
        }
        return ids
    }

    static func apply(_ ids: [String], to html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + ids.count * 16)
        var rest = html[...]
        while let start = rest.range(of: ">\u{1}") {
            guard let end = rest[start.upperBound...].range(of: "\u{1}"), let index = Int(rest[start.upperBound..<end.lowerBound]) else { break }
            // `<hN` + `>`: put the id inside the tag.
            out += rest[..<start.lowerBound]
            out += " id=\"\(ids[index])\">"
            rest = rest[end.upperBound...]
        }
        out += rest
        return out
    }
}
