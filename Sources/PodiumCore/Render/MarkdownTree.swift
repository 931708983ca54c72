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
    /// of paragraphs and headings, for links). Paragraphs are kept only when asked (they matter
    /// only to a text with pipes, which may hold tables).
    struct Tree {
        var links: [OpaquePointer] = []
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        private let keepsParagraphs: Bool

        init(_ document: OpaquePointer, links: Bool, paragraphs: Bool) {
            keepsParagraphs = paragraphs
            walkBlocks(document, links: links)
        }

        private mutating func walkBlocks(_ parent: OpaquePointer, links: Bool) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH:
                    if keepsParagraphs { paragraphs.append(node) }
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
}
