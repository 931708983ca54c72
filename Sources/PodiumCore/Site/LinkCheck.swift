/// The built-in link check: every internal link and asset a page names must be a file the build
/// writes. Absolute URLs (http, https, mailto…) and fragments are not checked.
enum LinkCheck {
    /// The `href` and `src` values of a page.
    static func targets(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let attr = rest.range(of: "=\"") {
            let before = rest[..<attr.lowerBound]
            rest = rest[attr.upperBound...]
            guard before.hasSuffix(" href") || before.hasSuffix(" src") else { continue }
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return found
    }

    /// The output path a relative link from `page` leads to, or nil when it is not internal.
    static func resolve(_ link: String, from page: String) -> String? {
        var target = link
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
        if target.isEmpty { return nil }
        if target.contains(":") || target.hasPrefix("//") || target.hasPrefix("/") { return nil }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for segment in target.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "..": if parts.isEmpty { return "../" + target } else { parts.removeLast() }
            case ".", "": continue
            default: parts.append(String(segment))
            }
        }
        if target.hasSuffix("/") || target == "." || target == "./" { parts.append("index.html") }
        return parts.joined(separator: "/")
    }

    /// Problems for one page: links to files the site does not have.
    static func check(_ html: String, page: String, template: String, files: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for link in targets(in: html) where seen.insert(link).inserted {
            guard let path = resolve(link, from: page), !files.contains(path) else { continue }
            problems.append(Diagnostic(.error, path: page, message: "links to \"\(link)\", which the site does not have (template \"\(template)\")"))
        }
        return problems
    }
}

/// `sitemap.xml` (sitemaps.org): every page's absolute address, no dates (no wall clock).
enum Sitemap {
    static func xml(baseURL: String, pages: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            let address = page == Routes.home ? baseURL : baseURL + Routes.link(page, from: "")
            out += "<url><loc>\(XMLText.escape(address))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}
