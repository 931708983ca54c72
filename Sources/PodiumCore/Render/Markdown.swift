import CCmark
import Foundation

/// CommonMark to HTML through libcmark. Safe by default: raw HTML is dropped (libcmark's own
/// safe mode) and links or images whose scheme is not http, https, mailto or relative are
/// unwrapped to their text. Two additions, both made in libcmark's own tree: GitHub-style pipe
/// tables (a paragraph that is a table becomes a custom block holding the escaped table) and
/// stable ids on headings.
public enum Markdown {
    public static func html(_ text: String, unsafe: Bool = false, headingIds: Bool = false) -> String {
        // Control characters never belong in a notice; U+0001 also marks heading ids below.
        let source = text.contains(where: { $0.asciiValue.map { $0 < 0x09 } ?? false })
            ? String(text.unicodeScalars.map { $0.value < 0x09 ? "\u{FFFD}" : Character($0) }) : text
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let length = source.utf8.count
        guard let document = source.withCString({ cmark_parse_document($0, length, options | CMARK_OPT_SOURCEPOS) }) else { return "" }
        defer { cmark_node_free(document) }
        if !unsafe { dropUnsafeLinks(document) }
        if source.contains("|") { PipeTable.replaceTables(in: document, source: source, unsafe: unsafe) }
        let ids = headingIds ? HeadingIds.mark(document) : []
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        let html = String(cString: rendered)
        return ids.isEmpty ? html : HeadingIds.apply(ids, to: html)
    }

    /// Inline Markdown of one table cell (no surrounding paragraph).
    static func inlineHTML(_ text: String, unsafe: Bool) -> String {
        var html = self.html(text, unsafe: unsafe)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") { html = String(html.dropFirst(3).dropLast(5)) }
        return html.trimmingCharacters(in: .newlines)
    }

    /// Whether a link destination may be published: http, https, mailto, or relative.
    public static func isSafeDestination(_ url: String) -> Bool {
        let trimmed = url.trimmingCharacters(in: .whitespaces).lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        // A colon after the first '/', '?' or '#' is part of a relative path, not a scheme.
        if let slash = trimmed.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash < colon { return true }
        let scheme = trimmed[..<colon]
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }

    /// Every node of a type, in document order.
    static func nodes(of type: cmark_node_type, in document: OpaquePointer) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == type {
                found.append(node)
            }
        }
        return found
    }

    private static func dropUnsafeLinks(_ document: OpaquePointer) {
        let unsafeNodes = (nodes(of: CMARK_NODE_LINK, in: document) + nodes(of: CMARK_NODE_IMAGE, in: document)).filter {
            !isSafeDestination(cmark_node_get_url($0).map { String(cString: $0) } ?? "")
        }
        // Replace each unsafe link by its children (its text stays, the link goes).
        for node in unsafeNodes {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            cmark_node_free(node)
        }
    }
}
