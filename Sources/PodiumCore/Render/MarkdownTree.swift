import CCmark
import Foundation

extension Markdown {
    /// What a source holds that decides which passes it needs, found in one scan of its bytes.
    struct SourceTraits {
        var control = false, pipe = false, linkSyntax = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            func has(_ b: UInt8) -> Bool { UnsafeRawBufferPointer(bytes).offset(of: b, from: 0) != nil }
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
    /// of paragraphs and headings, for links). Paragraphs and setext headings are kept only when
    /// asked (they matter only to a text with pipes, which may hold tables).
    struct Tree {
        var links: [OpaquePointer] = []
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []

        init(_ document: OpaquePointer, links findLinks: Bool, paragraphs keepParagraphs: Bool) {
            CmarkWalk.nodes(document) { node in
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    let heading = cmark_node_get_type(node) == CMARK_NODE_HEADING
                    if heading { headings.append(node) }
                    // A setext heading (more than one line) may be a table followed by `---` or `===`.
                    if keepParagraphs && (!heading || cmark_node_get_end_line(node) > cmark_node_get_start_line(node)) { paragraphs.append(node) }
                    // Inlines are visited only for links (outer ones first).
                    return findLinks
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    links.append(node)
                default: break
                }
                return true
            }
        }
    }
}
