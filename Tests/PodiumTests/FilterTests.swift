import Foundation
import Testing
@testable import PodiumCore

/// The search page and the notices filter are JavaScript: tested as they ship, in a real browser,
/// on a built site served over HTTP.
@Suite("Search and the notices filter, in a browser")
struct FilterTests {
    func filterSite() throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", entries: [entry("a", ["title": "车间里的读书角", "author": "李秀英", "organizations": ["纺织集团"]]),
                                         entry("b", ["title": "夜班后的半小时"])])
        try site.write("content/notices/n.md", "---\ntitle: 关于举办读书活动的通知\ndocNumber: 冀工字〔2021〕3号\ndate: 2021-02-25\n---\n正文。\n")
        try site.write("content/notices/ten.md", "---\ntitle: 关于评选结果的通报\ndocNumber: 冀工字〔2021〕10号\ndate: 2021-05-25\n---\n正文。\n")
        try site.build()
        return site
    }

    func query(_ q: String) -> String { "?q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// The search page's result links for a query.
    func search(_ server: StaticServer, _ q: String) throws -> [String] {
        let dom = try Browser.dom(server.base + "search.html" + query(q))
        let results = try #require(dom.components(separatedBy: "<ol id=\"results\"").dropFirst().first?.components(separatedBy: "</ol>").first)
        return results.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The notices the archive's filter leaves visible for a query (the year list).
    func visibleNotices(_ server: StaticServer, _ q: String) throws -> [String] {
        let dom = try Browser.dom(server.base + "notices/" + query(q))
        #expect(dom.contains("data-search"), "the archive did not load")
        return dom.components(separatedBy: "<li data-search=\"").dropFirst().compactMap { item in
            let tag = item.prefix { $0 != ">" }
            guard !tag.contains("hidden") else { return nil }
            // "../notices/n.html": the notice's file name
            return item.components(separatedBy: "<a href=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }.split(separator: "/").last!) }
        }
    }

    @Test("search: a two-character Chinese query finds titles; a document number and a person's name find theirs; every word must match")
    func search() throws {
        let site = try filterSite()
        defer { site.remove() }
        let server = try StaticServer(site.root.appendingPathComponent("public"))
        defer { server.stop() }
        #expect(Set(try search(server, "读书")) == ["campaigns/c/entries/a.html", "notices/n.html"])
        #expect(Set(try search(server, "冀工字 2021")) == ["notices/n.html", "notices/ten.html"])
        #expect(try search(server, "李秀英") == ["campaigns/c/entries/a.html"])
        #expect(try search(server, "读书 夜班") == [])
        let organization = try search(server, "纺织集团")   // the organization's own page (its member's entry lists its union)
        #expect(organization.count == 1 && organization.allSatisfy { $0.hasPrefix("campaigns/c/organizations/o-") })
    }

    @Test("notices filter: brackets of any kind and 号 ignored, numbers whole, other words in part")
    func noticesFilter() throws {
        let site = try filterSite()
        defer { site.remove() }
        let server = try StaticServer(site.root.appendingPathComponent("public"))
        defer { server.stop() }
        for q in ["冀工字 2021 3", "冀工字〔2021〕3号", "冀工字〖2021〗3号", "冀工字[2021]3号", "2021 3号", "读书"] {
            #expect(try visibleNotices(server, q) == ["n.html"], "\(q)")
        }
        #expect(try visibleNotices(server, "冀工字 2021 30") == [])
        #expect(try visibleNotices(server, "冀工字 2021 1") == [])   // 1 is not 10
        #expect(try visibleNotices(server, "秦工 2021") == [])
        #expect(Set(try visibleNotices(server, "冀工")) == ["n.html", "ten.html"])
    }
}
