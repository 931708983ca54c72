import CCmark
import Foundation

/// CommonMark to HTML through libcmark. Safe by default: raw HTML is dropped (libcmark's own
/// safe mode) and links or images whose scheme is not http, https, mailto or relative are
/// unwrapped to their text. Two additions, both made in libcmark's own tree: GitHub-style pipe
/// tables (a paragraph that is a table becomes a custom block holding the escaped table) and
/// stable ids on headings.
public enum Markdown {
    public static func html(_ text: String, unsafe: Bool = false, headingIds: Bool = false) -> String {
        render(text, unsafe: unsafe, headingIds: headingIds).description
    }

    /// The HTML as bytes, copied from libcmark's buffer without a second pass to validate them as
    /// a Swift string (pages are written as bytes; the input was a valid string, so is the output).
    public static func render(_ text: String, unsafe: Bool = false, headingIds: Bool = false) -> HTMLFragment {
        render(text, unsafe: unsafe, headingIds: headingIds, blockIds: false)
    }

    static func render(_ text: String, unsafe: Bool, headingIds: Bool, blockIds: Bool) -> HTMLFragment {
        // Control characters never belong in a notice.
        var hasControl = false, hasPipe = false
        var copy = text
        copy.withUTF8 { for b in $0 { if b < 0x09 { hasControl = true } else if b == 0x7C { hasPipe = true } } }
        let source = hasControl ? String(text.unicodeScalars.map { $0.value < 0x09 ? "\u{FFFD}" : Character($0) }) : text
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let length = source.utf8.count
        guard let document = source.withCString({ cmark_parse_document($0, length, options | CMARK_OPT_SOURCEPOS) }) else { return HTMLFragment([]) }
        defer { cmark_node_free(document) }
        let tree = Tree(document)
        if !unsafe { dropUnsafeLinks(tree.links) }
        if hasPipe { PipeTable.replaceTables(tree.paragraphs, source: source, unsafe: unsafe) }
        // Safe HTML has no raw tags, so its `<hN>` are the headings, in order: their ids are put in
        // while the output is copied. Otherwise (raw HTML kept) the headings become custom blocks.
        let ids = headingIds && !unsafe ? HeadingIds.ids(tree.headings) : nil
        if blockIds || (headingIds && unsafe) { HeadingIds.apply(tree.headings, options: options) }
        guard let rendered = cmark_render_html(document, options) else { return HTMLFragment([]) }
        defer { free(rendered) }
        let output = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
        if let ids, !ids.isEmpty {
            if let withIds = HeadingIds.insert(ids, into: output) { return HTMLFragment(withIds) }
            // A heading's tag made elsewhere (a table cell holding `# …`): fall back to the blocks.
            return render(text, unsafe: unsafe, headingIds: false, blockIds: true)
        }
        return HTMLFragment(Array(output))
    }

    /// The nodes Podium changes, found in one walk of the tree.
    struct Tree {
        var links: [OpaquePointer] = []
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []

        init(_ document: OpaquePointer) {
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
                case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
                case CMARK_NODE_HEADING: headings.append(node)
                default: break
                }
            }
        }
    }

    /// Inline Markdown of one table cell (no surrounding paragraph).
    static func inlineHTML(_ text: String, unsafe: Bool) -> String {
        var html = render(text, unsafe: unsafe).description
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

    private static func dropUnsafeLinks(_ links: [OpaquePointer]) {
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

/// HTML made by Podium (Markdown through libcmark): pages copy its bytes as they are in `{{{ }}}`.
public struct HTMLFragment: Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
