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

    /// The output path an internal link from `page` leads to when `files` holds no such file (as
    /// written or percent-decoded); nil when the link is fine or not internal.
    static func missing(_ link: String, from page: String, in files: Set<String>) -> String? {
        guard let path = RelativeLink.resolve(link, from: page), !files.contains(path), !files.contains(RelativeLink.decoded(path)) else { return nil }
        return path
    }

    /// Problems for one page: links to files the site does not have. `known` remembers, per
    /// folder and link, that a link resolved to an existing file (pages of a folder share most links).
    static func check(_ html: [UInt8], page: String, template: String, files: Set<String>, known: inout Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        for link in targets(in: html) {
            let key = folder + "\u{0}" + link
            if known.contains(key) { continue }
            guard missing(link, from: page, in: files) != nil else { known.insert(key); continue }
            problems.append(Diagnostic(.error, path: page, message: "links to \"\(link)\", which the site does not have (template \"\(template)\")"))
        }
        return problems
    }
}
