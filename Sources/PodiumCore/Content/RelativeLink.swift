import Foundation

/// Where a relative link of a published page leads, as a path in `public/`: the one resolver of
/// the build's link check, of the check of notice bodies' links, and of the files a notice body
/// links to (which are published).
enum RelativeLink {
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

}
