/// `sitemap.xml` (sitemaps.org): every page's absolute address, no dates (no wall clock).
enum Sitemap {
    /// Written as bytes: a line for each of tens of thousands of pages.
    static func xml(baseURL: String, pages: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * (baseURL.utf8.count + 60) + 128)
        out.append(text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" as StaticString)
        let base = XMLText.escape(baseURL)
        for page in pages {
            out.append(text: "<url><loc>" as StaticString)
            out.append(text: base)
            // An index page by its folder (`Routes.link`); the path escaped as XML text (most need nothing).
            if page != Routes.home { out.append(text: XMLText.escape(Routes.link(page, from: ""))) }
            out.append(text: "</loc></url>\n" as StaticString)
        }
        out.append(text: "</urlset>\n" as StaticString)
        return out
    }
}
