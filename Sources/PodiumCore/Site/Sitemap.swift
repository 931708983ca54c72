/// `sitemap.xml` (sitemaps.org): every page's absolute address, no dates (no wall clock).
enum Sitemap {
    static func xml(baseURL: String, pages: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        out.reserveCapacity(pages.count * (baseURL.utf8.count + 48))
        for page in pages {
            out += "<url><loc>"
            out += XMLText.escape(page == Routes.home ? baseURL : baseURL + Routes.link(page, from: ""))
            out += "</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}
