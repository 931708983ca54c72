import Foundation
import Testing
@testable import PodiumCore

/// The page catalogue decides which files exist; the navigation, the overview's lists and the
/// sitemap follow it, so none can link a page the build did not write or miss one it did.
@Suite("The page catalogue")
struct CatalogueTests {
    /// Links of the campaign navigation on a page: (label, href, current).
    func navigation(_ html: String) -> [(label: String, href: String, current: Bool)] {
        guard let start = html.range(of: "<nav aria-label=\"活动导航\">"),
              let end = html[start.upperBound...].range(of: "</nav>") else { return [] }
        let nav = html[start.upperBound..<end.lowerBound]
        return nav.components(separatedBy: "<li><a href=\"").dropFirst().map { item in
            let href = String(item.prefix { $0 != "\"" })
            let label = item.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
            return (label, href, item.contains("aria-current=\"page\""))
        }
    }

    func htmlFiles(_ site: TestSite) -> Set<String> {
        Set(site.snapshot().keys.filter { $0.hasSuffix(".html") })
    }

    @Test("a family whose condition fails has no file, no navigation entry and no link; one that holds has all three")
    func familiesFollowTheirConditions() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("plain", entries: [entry("a", likes: 3), entry("b", likes: 1)])
        try site.campaign("rich", ["divisions": ["河北", "山西"]], entries: [
            entry("a", likes: 3, ["division": "河北", "organizations": ["甲"]]), entry("b", likes: 1, ["division": "山西"]),
        ])
        try site.writeJSON("content/campaigns/rich/weeks/2021-03-07.json", ["entries": [["id": "a", "likes": 1, "views": 2]]])
        try site.build()

        let plain = navigation(try site.read("campaigns/plain/index.html"))
        #expect(plain.map(\.label) == ["概览", "排行榜"])
        for absent in ["weeks/index.html", "divisions.html", "organizations/index.html", "divisions.json", "winners/index.html", "audit/index.html"] {
            #expect(!site.exists("campaigns/plain/" + absent), "campaigns/plain/\(absent) was written")
        }
        // An entry with no organization: the organizations family still exists for "rich" (one has 甲).
        let rich = navigation(try site.read("campaigns/rich/leaderboard/index.html"))
        #expect(rich.map(\.label) == ["概览", "排行榜", "每周进展", "赛区排名", "组织排名"])
        #expect(rich.filter(\.current).map(\.label) == ["排行榜"])
        for link in rich {
            let target = "campaigns/rich/leaderboard/" + link.href
            let path = URL(fileURLWithPath: "/" + target).standardized.path.dropFirst()
            #expect(site.exists(path.hasSuffix("/") ? path + "index.html" : String(path)), "the navigation links \(link.href), which was not written")
        }
        let overview = try site.read("campaigns/rich/index.html")
        #expect(overview.contains("divisions.json") && overview.contains("divisions.html"))
        #expect(!(try site.read("campaigns/plain/index.html")).contains("divisions.json"))
    }

    @Test("the sitemap lists every page written but the 404, each once, in plan order: home first")
    func sitemapIsThePlan() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["divisions": ["河北"]], entries: (1...60).map { entry("e\($0)", likes: $0, ["division": "河北"]) })
        try site.write("content/notices/n.md", "---\ntitle: 通知\ndate: 2021-03-02\n---\n正文\n")
        try site.build()
        let sitemap = try site.read("sitemap.xml")
        let listed = sitemap.components(separatedBy: "<loc>https://example.org/").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        #expect(listed.first == "")
        #expect(Set(listed).count == listed.count)
        let written = htmlFiles(site).subtracting(["404.html"]).map { $0 == "index.html" ? "" : ($0.hasSuffix("/index.html") ? String($0.dropLast(10)) : $0) }
        #expect(Set(listed) == Set(written))
        #expect(listed.contains("campaigns/c/leaderboard/2.html"))   // 60 entries: two pages
    }
}
