import Foundation

/// The built-in link check: every internal link and asset a page names must be a file the build
/// writes. Absolute URLs (http, https, mailto…) and fragments are not checked.
enum LinkCheck {
    /// The `href` and `src` values of a page, found in its bytes (` href="…"`, ` src="…"`).
    static func targets(in html: [UInt8]) -> [String] {
        var found: [String] = []
        html.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i + 6 < n {
                // Look for '="' and check what precedes it.
                guard b[i] == 0x3D, b[i + 1] == 0x22 else { i += 1; continue }
                let isHref = i >= 5 && b[i - 5] == 0x20 && b[i - 4] == 0x68 && b[i - 3] == 0x72 && b[i - 2] == 0x65 && b[i - 1] == 0x66
                let isSrc = i >= 4 && b[i - 4] == 0x20 && b[i - 3] == 0x73 && b[i - 2] == 0x72 && b[i - 1] == 0x63
                i += 2
                guard isHref || isSrc else { continue }
                let start = i
                while i < n && b[i] != 0x22 { i += 1 }
                found.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
        }
        return found
    }

    /// The output path a relative link from `page` leads to, or nil when it is not internal.
    /// (Byte slices, not strings: a build resolves hundreds of thousands of links.)
    static func resolve(_ link: String, from page: String) -> String? {
        var link = link, page = page
        return link.withUTF8 { l -> String? in
            let end = l.firstIndex { $0 == 0x23 || $0 == 0x3F } ?? l.count   // '#' or '?'
            guard end > 0 else { return nil }
            let target = UnsafeBufferPointer(rebasing: l[..<end])
            // A scheme (not any colon: `附件1:报名表.docx` is relative), or from the root.
            if target[0] == 0x2F || (target.contains(0x3A) && URLScheme.of(String(decoding: target, as: UTF8.self)) != nil) { return nil }
            return page.withUTF8 { p -> String in
                var parts: [Range<Int>] = []   // ranges in p (page) or, offset by p.count, in target
                var start = 0
                for i in 0..<p.count where p[i] == 0x2F { parts.append(start..<i); start = i + 1 }
                start = 0
                for i in 0...target.count where i == target.count || target[i] == 0x2F {
                    let segment = start..<i
                    start = i + 1
                    if segment.count == 2, target[segment.lowerBound] == 0x2E, target[segment.lowerBound + 1] == 0x2E {
                        if parts.isEmpty { return "../" + String(decoding: target, as: UTF8.self) }
                        parts.removeLast()
                    } else if segment.isEmpty || (segment.count == 1 && target[segment.lowerBound] == 0x2E) {
                        continue
                    } else {
                        parts.append((segment.lowerBound + p.count)..<(segment.upperBound + p.count))
                    }
                }
                let last = target[target.count - 1]
                let isFolder = last == 0x2F || (target.count == 1 && last == 0x2E)
                var out: [UInt8] = []
                out.reserveCapacity(p.count + target.count + 11)
                for (n, part) in parts.enumerated() {
                    if n > 0 { out.append(0x2F) }
                    if part.lowerBound >= p.count {
                        out.append(contentsOf: target[(part.lowerBound - p.count)..<(part.upperBound - p.count)])
                    } else {
                        out.append(contentsOf: p[part])
                    }
                }
                if isFolder { out.append(contentsOf: (parts.isEmpty ? "index.html" : "/index.html").utf8) }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// A link's path as the file it names: HTML character references, then percent-encoding, undone.
    static func decoded(_ path: String) -> String {
        var text = path
        for (entity, char) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: char)
        }
        return text.removingPercentEncoding ?? text
    }

    /// Problems for one page: links to files the site does not have. `known` remembers, per
    /// folder and link, that a link resolved to an existing file (pages of a folder share most links).
    static func check(_ html: [UInt8], page: String, template: String, files: Set<String>, known: inout Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        for link in targets(in: html) {
            let key = folder + "\u{0}" + link
            if known.contains(key) { continue }
            guard let path = resolve(link, from: page), !files.contains(path), !files.contains(decoded(path)) else { known.insert(key); continue }
            problems.append(Diagnostic(.error, path: page, message: "links to \"\(link)\", which the site does not have (template \"\(template)\")"))
        }
        return problems
    }
}
