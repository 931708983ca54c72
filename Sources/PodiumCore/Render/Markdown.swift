import CCmark
import Foundation

/// CommonMark to HTML through libcmark. Safe by default: raw HTML is dropped (libcmark's own
/// safe mode) and links or images whose scheme is not http, https, mailto or relative are
/// unwrapped to their text. Two additions: GitHub-style pipe tables (a paragraph that is a table
/// becomes a custom block in libcmark's own tree; each cell's inline Markdown rendered by libcmark)
/// and stable ids on headings. libcmark allocates in an arena (`CmarkArena`); tables and ids are
/// put in while its output is copied (`MarkerSplice`).
public enum Markdown {
    public static func html(_ text: String, unsafe: Bool = false, headingIds: Bool = false) -> String {
        render(text, unsafe: unsafe, headingIds: headingIds).description
    }

    /// The HTML as bytes, in the buffer it was written in, never checked again as a Swift string
    /// (pages are written as bytes; the input was a valid string, so is the output).
    public static func render(_ text: String, unsafe: Bool = false, headingIds: Bool = false) -> HTMLFragment {
        render(text, unsafe: unsafe, headingIds: headingIds, reference: false)
    }

    /// - Parameter reference: libcmark used the plain way: its own allocator, tables as custom
    ///   blocks holding their HTML, headings as custom blocks holding their tags. Slower; the same
    ///   page (tests compare the two), and the way taken if the splice does not find what it expects.
    package static func render(_ text: String, unsafe: Bool, headingIds: Bool, reference: Bool) -> HTMLFragment {
        var source = text
        let traits = source.withUTF8 { SourceTraits($0) }
        // Control characters never belong in a notice.
        if traits.control { source = String(text.unicodeScalars.map { $0.value < 0x09 ? "\u{FFFD}" : Character($0) }) }
        let html = source.withUTF8 { bytes in
            reference ? render(bytes, traits, unsafe: unsafe, headingIds: headingIds, reference: true, mem: cmark_get_default_mem_allocator())
                      : CmarkArena.use { render(bytes, traits, unsafe: unsafe, headingIds: headingIds, reference: false, mem: $0) }
        }
        return html ?? render(text, unsafe: unsafe, headingIds: headingIds, reference: true)
    }

    /// The steps, in libcmark's tree: parse; unsafe links unwrapped; tables and headings found;
    /// tables marked (or replaced by their HTML); render; tables and heading ids put in.
    private static func render(_ source: UnsafeBufferPointer<UInt8>, _ traits: SourceTraits, unsafe: Bool, headingIds: Bool,
                               reference: Bool, mem: UnsafeMutablePointer<cmark_mem>) -> HTMLFragment? {
        guard let start = source.baseAddress else { return HTMLFragment([]) }
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let parser = cmark_parser_new_with_mem(options, mem)
        cmark_parser_feed(parser, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), source.count)
        let parsed = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document = parsed else { return HTMLFragment([]) }
        // An arena gives back the whole tree at once when the rendering ends.
        defer { if reference { cmark_node_free(document) } }
        // Links are looked for only where there may be some (`[…](…)`, `<…>`).
        var tree = Tree(document, links: !unsafe && traits.linkSyntax, paragraphs: traits.pipe)
        dropUnsafeLinks(tree.links)
        let layout = traits.pipe ? PipeTable.find(tree.paragraphs, in: source, mem: mem) : PipeTable.Layout()
        // A setext heading that was all table is no heading.
        if !layout.removed.isEmpty {
            let removed = Set(layout.removed.map { UnsafeRawPointer($0) })
            tree.headings.removeAll { removed.contains(UnsafeRawPointer($0)) }
        }
        var tables = TableHTML(layout, source: source, unsafe: unsafe)
        let ids = headingIds && !tree.headings.isEmpty
        // Safe HTML has no `<hN>` but the headings', so their ids are put in while it is copied.
        let spliced = !reference && !(ids && unsafe)
        if spliced {
            let marker = MarkerSplice.marker(MarkerSplice.table)
            for table in layout.tables { cmark_node_set_on_enter(table.anchor, marker) }
        } else {
            var html = HTMLBuffer(capacity: 1024)
            for (i, table) in layout.tables.enumerated() {
                html.removeAll()
                tables.write(i, into: &html)
                html.append(0)
                html.withUnsafeBytes { _ = cmark_node_set_on_enter(table.anchor, $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            }
            if ids { HeadingIds.apply(tree.headings, options: options, mem: mem) }
        }
        guard let rendered = cmark_render_html(document, options) else { return HTMLFragment([]) }
        let count = strlen(rendered)
        // libcmark's output is the page's HTML as it is, unless tables or ids are to be put in: kept
        // where libcmark wrote it if that memory can be taken, else copied out of the arena.
        if !spliced || (layout.tables.isEmpty && !ids) {
            if reference { return HTMLFragment(owning: rendered, count: count) }
            if let (base, offset) = CmarkArena.adopt(rendered) { return HTMLFragment(owning: base, offset: offset, count: count) }
            return HTMLFragment(UnsafeRawBufferPointer(start: rendered, count: count))
        }
        defer { mem.pointee.free(rendered) }
        guard let html = MarkerSplice.splice(rendered, count: count, tables: &tables, headings: ids ? tree.headings.count : 0) else { return nil }
        return HTMLFragment(html)
    }

    /// Inline Markdown of one table cell (or the lines before a table), as HTML without a surrounding paragraph. The cell is
    /// read after an escaped `!`, so it can only be a paragraph (`# x` in a cell is text, not a
    /// heading) and it starts as it would inside a row.
    /// - Parameter definitions: the document's link reference definitions (`LinkDefinitions`).
    static func inlineHTML(_ cell: UnsafeBufferPointer<UInt8>, unsafe: Bool, definitions: [UInt8] = []) -> [UInt8] {
        var text = "\\!"
        text.append(String(decoding: cell, as: UTF8.self))
        text.append(String(decoding: definitions, as: UTF8.self))
        let html = render(text, unsafe: unsafe).bytes
        let open = Array("<p>!".utf8), close = Array("</p>\n".utf8)
        guard html.count >= open.count + close.count, html.starts(with: open), html.suffix(close.count).elementsEqual(close) else {
            var escaped: [UInt8] = []   // not expected: the cell's text, escaped
            HTMLEscape.append(String(decoding: cell, as: UTF8.self), to: &escaped)
            return escaped
        }
        return Array(html[open.count..<(html.count - close.count)])
    }

    /// Whether a link destination may be published: http, https, mailto, or relative (no scheme:
    /// `附件1:报名表.docx` is relative, see `URLScheme`).
    public static func isSafeDestination(_ url: String) -> Bool {
        guard let scheme = URLScheme.of(url.trimmingCharacters(in: .whitespaces)) else { return true }
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }

    private static func dropUnsafeLinks(_ links: [OpaquePointer]) {
        guard !links.isEmpty else { return }
        let unsafeNodes = links.filter {
            !isSafeDestination(cmark_node_get_url($0).map { String(cString: $0) } ?? "")
        }
        // Replace each unsafe link by its children (its text stays, the link goes).
        for node in unsafeNodes {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            cmark_node_free(node)
        }
    }
}
