import CCmark
import Foundation

/// Stable ids for headings: the heading's text (spaces as '-'), numbered when repeated;
/// each heading becomes a custom block `<hN id="…">` … `</hN>` holding the heading's own inlines.
enum HeadingIds {
    /// Each heading's id, in document order: its text's slug, numbered from the second use on.
    static func ids(_ headings: [OpaquePointer]) -> [String] {
        var used: [String: Int] = [:]
        return headings.map { heading in
            var builder = SlugBuilder()
            func add(_ node: OpaquePointer) {
                var child = cmark_node_first_child(node)
                while let c = child {
                    if let literal = cmark_node_get_literal(c) { builder.add(literal) }
                    add(c)
                    child = cmark_node_next(c)
                }
            }
            add(heading)
            var id = builder.slug
            let n = used[id, default: 0] + 1
            used[id] = n
            if n > 1 { id += "-\(n)" }
            return id
        }
    }

    /// libcmark's HTML with ` id="…"` in each `<h1>`…`<h6>`, or nil when the tags and the ids
    /// are not as many.
    static func insert(_ ids: [String], into html: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let base = html.baseAddress else { return ids.isEmpty ? [] : nil }
        let n = html.count
        var out: [UInt8] = []
        out.reserveCapacity(n + ids.count * 24)
        var next = 0, copied = 0, i = 0
        while i + 3 < n, let hit = memchr(base + i, 0x3C, n - i - 3) {   // the next '<'
            i = base.distance(to: UnsafeRawPointer(hit))
            guard html[i + 1] == 0x68, html[i + 2] >= 0x31, html[i + 2] <= 0x36, html[i + 3] == 0x3E else { i += 1; continue }
            guard next < ids.count else { return nil }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: html[copied..<(i + 3)]))
            out.append(contentsOf: " id=\"".utf8)
            out.append(contentsOf: ids[next].utf8)
            out.append(0x22)
            next += 1
            copied = i + 3
            i += 4
        }
        guard next == ids.count else { return nil }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: html[copied..<n]))
        return out
    }

    /// Headings as custom blocks `<hN id="…">` … `</hN>` (used when raw HTML is kept).
    static func apply(_ headings: [OpaquePointer], options: Int32) {
        for (heading, id) in zip(headings, ids(headings)) {
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
