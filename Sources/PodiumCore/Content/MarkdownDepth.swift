import CCmark

/// How deeply a Markdown text nests block quotes and lists. Notices and entry summaries are
/// refused past `limit` levels: no real document comes near it, and a text 250,000 `> ` deep
/// would otherwise reach every walk of the tree and every browser that opens the page.
enum MarkdownDepth {
    static let limit = 32

    /// The line where the text first nests deeper than `limit`, or nil.
    static func tooDeep(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            // A line opens at most one container per byte (or four columns for a tab) of its
            // prefix, so a text whose every line has a short prefix cannot be deep: most texts
            // are settled by this scan alone.
            var deepest = 0, prefix = 0, inPrefix = true
            for b in bytes {
                if b == 0x0A { deepest = max(deepest, prefix); prefix = 0; inPrefix = true; continue }
                guard inPrefix else { continue }
                switch b {
                case 0x20, 0x3E, 0x2D, 0x2A, 0x2B, 0x2E, 0x29, 0x30...0x39: prefix += 1
                case 0x09: prefix += 4
                default: inPrefix = false
                }
            }
            deepest = max(deepest, prefix)
            guard deepest > limit, let base = bytes.baseAddress else { return nil }
            guard let document = cmark_parse_document(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), bytes.count, CMARK_OPT_DEFAULT) else { return nil }
            defer { cmark_node_free(document) }
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            var depth = 0
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { return nil }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
                    if event == CMARK_EVENT_ENTER {
                        depth += 1
                        if depth > limit { return Int(cmark_node_get_start_line(node)) }
                    } else if event == CMARK_EVENT_EXIT {
                        depth -= 1
                    }
                default: break
                }
            }
        }
    }
}
