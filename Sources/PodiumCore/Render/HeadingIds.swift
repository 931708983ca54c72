import CCmark
import Foundation

/// Stable ids for headings: the heading's text (spaces as '-'), numbered when repeated;
/// each heading becomes a custom block `<hN id="…">` … `</hN>` holding the heading's own inlines.
enum HeadingIds {
    static func apply(_ headings: [OpaquePointer], options: Int32) {
        var used: [String: Int] = [:]
        for heading in headings {
            var builder = SlugBuilder()
            let iterator = cmark_iter_new(heading)
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                if let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                   let literal = cmark_node_get_literal(node) {
                    builder.add(literal)
                }
            }
            cmark_iter_free(iterator)
            var id = builder.slug
            let n = used[id, default: 0] + 1
            used[id] = n
            if n > 1 { id += "-\(n)" }
            // A custom block that holds the heading's own inlines: libcmark renders them between
            // our opening and closing tags, in the same pass as the rest of the page.
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let level = cmark_node_get_heading_level(heading)
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(block, "</h\(level)>\n")
            var moved = true
            while let child = cmark_node_first_child(heading) {
                if cmark_node_append_child(block, child) == 0 { moved = false; break }
            }
            guard moved else { cmark_node_free(block); continue }
            cmark_node_replace(heading, block)
            cmark_node_free(heading)
        }
    }

    static func slug(_ text: String) -> String {
        var builder = SlugBuilder()
        text.withCString { builder.add($0) }
        return builder.slug
    }
}

/// Builds a heading id from libcmark's C strings: letters and digits of any script, lower-cased
/// ASCII, spaces as '-'; punctuation dropped (by code range: no Unicode property lookups).
struct SlugBuilder {
    private var bytes: [UInt8] = []

    mutating func add(_ text: UnsafePointer<CChar>) {
        var p = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            let b = p.pointee
            let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var v = UInt32(width == 1 ? b : width == 2 ? b & 0x1F : width == 3 ? b & 0x0F : b & 0x07)
            for k in 1..<max(width, 1) where p[k] != 0 { v = v << 6 | UInt32(p[k] & 0x3F) }
            switch v {
            case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F: bytes.append(b)
            case 0x41...0x5A: bytes.append(b + 32)
            case 0x09, 0x0A, 0x20, 0x3000: if !bytes.isEmpty && bytes.last != 0x2D { bytes.append(0x2D) }
            case 0...0x7F, 0x2000...0x206F, 0x3001...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: break
            default: bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: width))
            }
            p += width
        }
    }

    var slug: String {
        var b = bytes
        if b.last == 0x2D { b.removeLast() }
        return b.isEmpty ? "section" : String(decoding: b, as: UTF8.self)
    }
}
