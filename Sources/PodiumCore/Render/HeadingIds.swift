import CCmark
import Foundation

/// Stable ids for headings, made from the heading's text as libcmark renders it: letters and
/// digits of any script, lower-cased ASCII, spaces as '-', punctuation, tags and entities left
/// out (an image counts by its alt text); numbered from the second use of the same id on.
enum HeadingIds {
    /// libcmark's safe HTML with ` id="…"` put in each `<h1>`…`<h6>`; nil unless it holds exactly
    /// `count` of them. (Safe HTML has no raw tags, and table cells hold inline HTML only, so its
    /// `<hN>` are the document's headings, in order.)
    static func insert(into html: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
        guard let base = html.baseAddress, count > 0 else { return count == 0 ? Array(html) : nil }
        let n = html.count
        // First pass: where each id goes, and the ids themselves, one after another in `ids`.
        var places: [(at: Int, end: Int)] = []
        places.reserveCapacity(count)
        var ids: [UInt8] = []
        var counts = SlugCounts()
        var i = 0
        while let open = nextTag(html, from: i) {
            i = open + 1
            guard isHeadingStart(html, open) else { continue }
            guard places.count < count else { return nil }
            var close = open + 4
            while true {
                guard let t = nextTag(html, from: close) else { return nil }
                close = t
                if t + 4 < n, html[t + 1] == 0x2F, html[t + 2] == 0x68, html[t + 4] == 0x3E { break }
                close += 1
            }
            let start = ids.count
            Slug.append(html: UnsafeRawBufferPointer(rebasing: html[(open + 4)..<close]), to: &ids)
            counts.number(&ids, from: start)
            places.append((open + 3, ids.count))
            i = close
        }
        guard places.count == count else { return nil }
        // Second pass: one allocation; runs of libcmark's output with the ids between them.
        let total = n + places.count * 6 + ids.count
        return [UInt8](unsafeUninitializedCapacity: total) { out, written in
            var o = out.baseAddress!
            var copied = 0, idStart = 0
            ids.withUnsafeBufferPointer { id in
                for place in places {
                    o.update(from: (base + copied).assumingMemoryBound(to: UInt8.self), count: place.at - copied)
                    o += place.at - copied
                    for b in " id=\"".utf8 { o.pointee = b; o += 1 }
                    o.update(from: id.baseAddress! + idStart, count: place.end - idStart)
                    o += place.end - idStart
                    o.pointee = 0x22; o += 1
                    copied = place.at
                    idStart = place.end
                }
            }
            o.update(from: (base + copied).assumingMemoryBound(to: UInt8.self), count: n - copied)
            written = total
        }
    }

    /// The offset of the next '<' at or after `from`.
    private static func nextTag(_ html: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < html.count, let hit = memchr(html.baseAddress! + from, 0x3C, html.count - from) else { return nil }
        return html.baseAddress!.distance(to: UnsafeRawPointer(hit))
    }

    /// Whether `<hN>` (N in 1…6) starts at `i`.
    private static func isHeadingStart(_ html: UnsafeRawBufferPointer, _ i: Int) -> Bool {
        i + 3 < html.count && html[i + 1] == 0x68 && html[i + 2] >= 0x31 && html[i + 2] <= 0x36 && html[i + 3] == 0x3E
    }

    /// Headings as custom blocks `<hN id="…">` … `</hN>` holding the heading's own inlines, for
    /// HTML that may hold raw `<hN>` tags of its own (raw HTML kept). Each id is made from the
    /// heading rendered alone, so both ways give the same ids.
    static func apply(_ headings: [OpaquePointer], options: Int32) {
        var counts = SlugCounts()
        for heading in headings {
            var id: [UInt8] = []
            if let rendered = cmark_render_html(heading, options) {
                let html = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
                // `<hN>` … `</hN>\n`
                if html.count >= 10 { Slug.append(html: UnsafeRawBufferPointer(rebasing: html[4..<(html.count - 6)]), to: &id) }
                free(rendered)
            }
            counts.number(&id, from: 0)
            // A custom block that holds the heading's own inlines: libcmark renders them between
            // our opening and closing tags, in the same pass as the rest of the page.
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let level = cmark_node_get_heading_level(heading)
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(String(decoding: id, as: UTF8.self))\">")
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
}

/// A heading id from the heading's HTML: letters and digits of any script, lower-cased ASCII,
/// spaces as '-'; punctuation dropped (by code range: no Unicode property lookups); tags and
/// entities skipped, except an image's alt text.
enum Slug {
    static func append(html: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        var i = 0
        let n = html.count
        while i < n {
            let b = html[i]
            if b == 0x3C {   // a tag: skipped, but an image's alt text counts
                let end = (i..<n).first { html[$0] == 0x3E } ?? n
                if end - i > 4, html[i + 1] == 0x69, html[i + 2] == 0x6D, html[i + 3] == 0x67, html[i + 4] == 0x20,
                   let alt = attribute("alt", in: UnsafeRawBufferPointer(rebasing: html[i..<end])) {
                    text(alt, into: &out, start: start)
                }
                i = end + 1
                continue
            }
            let runEnd = (i..<n).first { html[$0] == 0x3C } ?? n
            text(UnsafeRawBufferPointer(rebasing: html[i..<runEnd]), into: &out, start: start)
            i = runEnd
        }
        if out.count > start && out.last == 0x2D { out.removeLast() }
        if out.count == start { out.append(contentsOf: "section".utf8) }
    }

    /// The value of `name="…"` in a tag (values are escaped by libcmark: no '"' inside).
    private static func attribute(_ name: String, in tag: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let key = Array(" \(name)=\"".utf8)
        guard tag.count > key.count else { return nil }
        for i in 0...(tag.count - key.count) where tag[i] == 0x20 && tag[i..<(i + key.count)].elementsEqual(key) {
            let from = i + key.count
            guard let to = (from..<tag.count).first(where: { tag[$0] == 0x22 }) else { return nil }
            return UnsafeRawBufferPointer(rebasing: tag[from..<to])
        }
        return nil
    }

    /// Escaped text: entities (`&amp;` `&lt;` `&gt;` `&quot;`, all punctuation) are skipped.
    private static func text(_ s: UnsafeRawBufferPointer, into out: inout [UInt8], start: Int) {
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            if b == 0x26 {
                while i < n && s[i] != 0x3B { i += 1 }
                i += 1
                continue
            }
            let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard i + width <= n else { return }
            var v = UInt32(width == 1 ? b : width == 2 ? b & 0x1F : width == 3 ? b & 0x0F : b & 0x07)
            for k in 1..<max(width, 1) { v = v << 6 | UInt32(s[i + k] & 0x3F) }
            switch v {
            case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F: out.append(b)
            case 0x41...0x5A: out.append(b + 32)
            case 0x09, 0x0A, 0x20, 0x3000: if out.count > start && out.last != 0x2D { out.append(0x2D) }
            case 0...0x7F, 0x2000...0x206F, 0x3001...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: break
            default: out.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[i..<(i + width)]))
            }
            i += width
        }
    }
}
