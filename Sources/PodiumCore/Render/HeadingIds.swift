import CCmark
import Foundation

/// Stable ids for headings, made from the heading's text as libcmark renders it: letters and
/// digits of any script, lower-cased ASCII, spaces as '-', punctuation, tags and entities left
/// out (an image counts by its alt text); numbered from the second use of the same id on.
enum HeadingIds {
    /// Headings as custom blocks holding their own HTML with the id (`<hN id="…">…</hN>`), for
    /// HTML that may hold `<hN>` tags of its own (raw HTML kept; `MarkerSplice` finds the
    /// headings of safe HTML). Each id is made from the heading rendered alone, so both ways give
    /// the same ids and the same bytes.
    static func apply(_ headings: [OpaquePointer], options: Int32, mem: UnsafeMutablePointer<cmark_mem>) {
        var counts = SlugCounts()
        for heading in headings {
            guard let rendered = cmark_render_html(heading, options) else { continue }
            let html = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
            defer { mem.pointee.free(rendered) }
            // `<hN>` … `</hN>\n`
            guard html.count >= 10 else { continue }
            let inner = UnsafeRawBufferPointer(rebasing: html[4..<(html.count - 6)])
            var id: [UInt8] = []
            Slug.append(html: inner, to: &id)
            counts.number(&id, from: 0)
            // A custom block holding the whole heading, as safe mode writes it: `<hN id="…">…</hN>`.
            let level = cmark_node_get_heading_level(heading)
            var block = Array("<h\(level) id=\"".utf8) + id + Array("\">".utf8)
            block += inner
            block += Array("</h\(level)>".utf8) + [0]
            guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem) else { continue }
            block.withUnsafeBufferPointer { cmark_node_set_on_enter(custom, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
            cmark_node_replace(heading, custom)
            cmark_node_free(heading)
        }
    }
}

/// A heading id from the heading's HTML: letters and digits of any script, lower-cased ASCII,
/// spaces as '-'; punctuation dropped (by code range: no Unicode property lookups); tags and
/// entities skipped, except an image's alt text. Kept bytes are copied a run at a time.
enum Slug {
    static func append(html: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        var i = 0
        let n = html.count
        while i < n {
            let tag = html.offset(of: 0x3C, from: i) ?? n
            text(UnsafeRawBufferPointer(rebasing: html[i..<tag]), into: &out, start: start)
            guard tag < n else { break }
            // A tag: skipped, but an image's alt text counts.
            let end = html.offset(of: 0x3E, from: tag) ?? n
            let body = UnsafeRawBufferPointer(rebasing: html[tag..<end])
            if body.starts(with: "<img ".utf8), let alt = attribute(" alt=\"", in: body) { text(alt, into: &out, start: start) }
            i = end + 1
        }
        if out.count > start && out.last == 0x2D { out.removeLast() }
        if out.count == start { out.append(contentsOf: "section".utf8) }
    }

    /// The value after `key` (` name="`) in a tag, to the next '"' (libcmark escapes '"' in values).
    private static func attribute(_ key: StaticString, in tag: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let k = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        guard tag.count > k.count else { return nil }
        for i in 0...(tag.count - k.count) where memcmp(tag.baseAddress! + i, k.baseAddress!, k.count) == 0 {
            let from = i + k.count
            return UnsafeRawBufferPointer(rebasing: tag[from..<(tag.offset(of: 0x22, from: from) ?? tag.count)])
        }
        return nil
    }

    /// Escaped text: entities (`&amp;` `&lt;` `&gt;` `&quot;`, all punctuation) are skipped.
    private static func text(_ s: UnsafeRawBufferPointer, into out: inout [UInt8], start: Int) {
        var i = 0, run = 0
        let n = s.count
        func flush(to end: Int) {
            if end > run { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[run..<end])) }
        }
        while i < n {
            let b = s[i]
            switch b {
            case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F:   // kept as they are
                i += 1
                continue
            case 0x41...0x5A:
                flush(to: i); out.append(b + 32)
                i += 1
            case 0x09, 0x0A, 0x20:
                flush(to: i); space(&out, start)
                i += 1
            case 0x26:   // an entity, to its ';'
                flush(to: i)
                i = (s.offset(of: 0x3B, from: i) ?? n - 1) + 1
            case 0x00...0x7F:   // other ASCII: punctuation
                flush(to: i)
                i += 1
            case 0xE2, 0xE3, 0xEF:   // the blocks that hold the punctuation dropped
                let width = min(3, n - i)
                var v: UInt32 = UInt32(b & 0x0F)
                for k in 1..<width { v = v << 6 | UInt32(s[i + k] & 0x3F) }
                switch v {
                case 0x3000:
                    flush(to: i); space(&out, start)
                case 0x2000...0x206F, 0x3001...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
                    flush(to: i)
                default:
                    i += width
                    continue
                }
                i += width
            default:   // letters of other scripts, kept
                i += 1
                continue
            }
            run = i
        }
        flush(to: n)
    }

    private static func space(_ out: inout [UInt8], _ start: Int) {
        if out.count > start && out.last != 0x2D { out.append(0x2D) }
    }
}
