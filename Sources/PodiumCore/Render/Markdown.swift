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
        var source = text
        let traits = source.withUTF8 { SourceTraits($0) }
        // Control characters never belong in a notice.
        if traits.control { source = String(text.unicodeScalars.map { $0.value < 0x09 ? "\u{FFFD}" : Character($0) }) }
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let length = source.utf8.count
        guard let document = source.withCString({ cmark_parse_document($0, length, options) }) else { return HTMLFragment([]) }
        defer { cmark_node_free(document) }
        // Links are looked for only where there may be some (`[…](…)`, `<…>`).
        let tree = Tree(document, links: !unsafe && traits.linkSyntax)
        dropUnsafeLinks(tree.links)
        if traits.pipe { PipeTable.replaceTables(tree.paragraphs, source: source, unsafe: unsafe) }
        // Safe HTML has no raw tags, so its `<hN>` are the headings, in order: their ids are put in
        // while the output is copied. Otherwise (raw HTML kept) the headings become custom blocks.
        if blockIds || (headingIds && unsafe) { HeadingIds.apply(tree.headings, options: options) }
        guard let rendered = cmark_render_html(document, options) else { return HTMLFragment([]) }
        defer { free(rendered) }
        let output = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
        if headingIds && !unsafe && !blockIds && !tree.headings.isEmpty {
            if let withIds = HeadingIds.insert(into: output, count: tree.headings.count) { return HTMLFragment(withIds) }
            // Never expected; the custom blocks give the same ids.
            return render(text, unsafe: unsafe, headingIds: false, blockIds: true)
        }
        return HTMLFragment(Array(output))
    }

    /// What a source holds that decides which passes it needs, found in one scan of its bytes.
    struct SourceTraits {
        var control = false, pipe = false, linkSyntax = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            func has(_ b: UInt8) -> Bool { memchr(base, Int32(b), bytes.count) != nil }
            pipe = has(0x7C)
            linkSyntax = has(0x5B) || has(0x3C)
            // A byte below 0x09, eight at a time: (x - 0x09…) & ~x & 0x80… is nonzero if one is.
            let raw = UnsafeRawPointer(base)
            var i = 0, found: UInt64 = 0
            while i + 8 <= bytes.count {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                found |= (x &- 0x0909_0909_0909_0909) & ~x & 0x8080_8080_8080_8080
                i += 8
            }
            while i < bytes.count { if bytes[i] < 0x09 { found = 1 }; i += 1 }
            control = found != 0
        }
    }

    /// The nodes Podium changes, found in one walk of the blocks (and, when asked, of the inlines
    /// of paragraphs and headings, for links).
    struct Tree {
        var links: [OpaquePointer] = []
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []

        init(_ document: OpaquePointer, links: Bool) {
            walkBlocks(document, links: links)
        }

        private mutating func walkBlocks(_ parent: OpaquePointer, links: Bool) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH:
                    paragraphs.append(node)
                    if links { walkInlines(node) }
                case CMARK_NODE_HEADING:
                    headings.append(node)
                    if links { walkInlines(node) }
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK:
                    walkBlocks(node, links: links)
                default: break
                }
                child = cmark_node_next(node)
            }
        }

        /// Links and images, outer ones first.
        private mutating func walkInlines(_ parent: OpaquePointer) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    links.append(node)
                    walkInlines(node)
                case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_CUSTOM_INLINE:
                    walkInlines(node)
                default: break
                }
                child = cmark_node_next(node)
            }
        }
    }

    /// Inline Markdown of one table cell, as HTML without a surrounding paragraph. The cell is
    /// read after an escaped `!`, so it can only be a paragraph (`# x` in a cell is text, not a
    /// heading) and it starts as it would inside a row.
    static func inlineHTML(_ cell: UnsafeBufferPointer<UInt8>, unsafe: Bool) -> [UInt8] {
        var text = "\\!"
        text.append(String(decoding: cell, as: UTF8.self))
        let html = render(text, unsafe: unsafe).bytes
        let open = Array("<p>!".utf8), close = Array("</p>\n".utf8)
        guard html.count >= open.count + close.count, html.starts(with: open), html.suffix(close.count).elementsEqual(close) else {
            var escaped: [UInt8] = []   // not expected: the cell's text, escaped
            HTMLEscape.append(String(decoding: cell, as: UTF8.self), to: &escaped)
            return escaped
        }
        return Array(html[open.count..<(html.count - close.count)])
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

/// HTML made by Podium (Markdown through libcmark): pages copy its bytes as they are in `{{{ }}}`.
public struct HTMLFragment: Sendable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
