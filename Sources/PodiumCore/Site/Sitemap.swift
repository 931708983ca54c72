/// `sitemap.xml` (sitemaps.org): every page's absolute address, no dates (no wall clock).
enum Sitemap {
    /// Written as bytes: a line for each of tens of thousands of pages.
    static func xml(baseURL: String, pages: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * (baseURL.utf8.count + 60) + 128)
        out.append(text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" as StaticString)
        let base = XMLText.escape(baseURL)
        let index = Array("/index.html".utf8)
        for page in pages {
            out.append(text: "<url><loc>" as StaticString)
            out.append(text: base)
            if page != Routes.home {
                var page = page
                page.withUTF8 { b in
                    // An index page by its folder (`Routes.link`); the path escaped as XML text.
                    let link = b.count > index.count && b.suffix(index.count).elementsEqual(index) ? UnsafeBufferPointer(rebasing: b.dropLast(index.count - 1)) : b
                    if link.contains(where: XMLText.needsEscape) {
                        out.append(text: XMLText.escape(String(decoding: link, as: UTF8.self)))
                    } else {
                        out.append(contentsOf: link)
                    }
                }
            }
            out.append(text: "</loc></url>\n" as StaticString)
        }
        out.append(text: "</urlset>\n" as StaticString)
        return out
    }
}
