import Foundation

/// The built-in link check: every internal link and asset a page names must be a file the build
/// writes. Absolute URLs (http, https, mailto…) and fragments are not checked.
enum LinkCheck {
    /// The `href` and `src` values of a page, found in its bytes (` href="…"`, ` src="…"`):
    /// `memchr` finds each `=` (rare outside attributes), then what precedes it is checked.
    static func targets(in html: [UInt8]) -> [String] {
        var found: [String] = []
        html.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let n = b.count
            var i = 0
            while i + 6 < n {
                guard let hit = memchr(base + i, 0x3D, n - 6 - i) else { break }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard b[i + 1] == 0x22 else { i += 1; continue }
                let isHref = i >= 5 && b[i - 5] == 0x20 && b[i - 4] == 0x68 && b[i - 3] == 0x72 && b[i - 2] == 0x65 && b[i - 1] == 0x66
                let isSrc = i >= 4 && b[i - 4] == 0x20 && b[i - 3] == 0x73 && b[i - 2] == 0x72 && b[i - 1] == 0x63
                i += 2
                guard isHref || isSrc else { continue }
                let start = i
                i = memchr(base + start, 0x22, n - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                found.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
        }
        return found
    }

    /// The output path an internal link from `page` leads to when `files` holds no such file (as
    /// written or percent-decoded); nil when the link is fine or not internal.
    static func missing(_ link: String, from page: String, in files: Set<String>) -> String? {
        guard let path = RelativeLink.resolve(link, from: page), !files.contains(path), !files.contains(RelativeLink.decoded(path)) else { return nil }
        return path
    }

    /// The links of one folder known to lead to files: pages of a folder share most links, and a
    /// worker renders a folder's pages one after another.
    struct Known {
        private var folder = ""
        private var links: Set<String> = []

        /// Starts over when `page` is in another folder than the pages before it.
        mutating func enter(_ page: String) {
            let slash = page.utf8.lastIndex(of: 0x2F) ?? page.utf8.startIndex
            guard !page.utf8[..<slash].elementsEqual(folder.utf8) else { return }
            folder = String(page[..<slash])
            links.removeAll(keepingCapacity: true)
        }

        func contains(_ link: String) -> Bool { links.contains(link) }
        mutating func insert(_ link: String) { links.insert(link) }
    }

    /// Problems for one page: links to files the site does not have.
    static func check(_ html: [UInt8], page: String, template: String, files: Set<String>, known: inout Known) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        known.enter(page)
        for link in targets(in: html) {
            if known.contains(link) { continue }
            guard missing(link, from: page, in: files) != nil else { known.insert(link); continue }
            problems.append(Diagnostic(.error, path: page, message: "links to \"\(link)\", which the site does not have (template \"\(template)\")"))
        }
        return problems
    }
}
