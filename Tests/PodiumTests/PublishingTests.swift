import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PodiumCore

@Suite("What gets published")
struct PublishingTests {
    @Test("hostile strings are escaped everywhere and phone numbers never reach public/")
    func escapingAndPrivacy() throws {
        let site = try TestSite(site: ["title": "站点 <b>&</b>", "asOf": "2021-05-01"])   // final: award names are shown too
        defer { site.remove() }
        let hostile = "<script>alert(\"x\")</script> & 'q'"
        try site.campaign("c", ["title": hostile, "description": "<script>bad()</script>\n\n[x](javascript:alert(1)) [ok](https://example.org/)",
                                "organizationAwards": [["name": hostile, "count": 1]]], entries: [
            entry("a", likes: 3, ["title": hostile, "author": hostile, "union": hostile, "phone": "13812345678",
                                   "organizations": [hostile], "summary": "<img src=x onerror=alert(1)>**好**"]),
            entry("b", likes: 1, ["phone": "+86 139-0000-1111", "person": "p-b"]),
        ])
        try site.build()
        let files = site.snapshot()
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            // In any form: as written, digits only, or hashed.
            for form in ["13812345678", "139-0000-1111", "13900001111", "8613900001111", Hashing.sha256Hex("13812345678"), Hashing.sha256Hex("+86 139-0000-1111")] {
                #expect(!text.contains(form), "a phone number (\(form)) leaked into \(path)")
            }
            if path.hasSuffix(".html") {
                // The theme has scripts of its own (certificate check, notice filter); content's never runs.
                #expect(!text.contains("<script>alert"), "unescaped script in \(path)")
                #expect(!text.contains("javascript:"), "javascript: link in \(path)")
                #expect(!text.contains("onerror"), "raw HTML in \(path)")
            }
        }
        let page = try site.read("campaigns/c/entries/a.html")
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        #expect(page.contains("<strong>好</strong>"))
        let overview = try site.read("campaigns/c/index.html")
        #expect(overview.contains("<a href=\"https://example.org/\">ok</a>"))
        #expect(try site.read("index.html").contains("站点 &lt;b&gt;&amp;&lt;/b&gt;"))
        // JSON keeps the text as data, correctly quoted.
        #expect(try site.record("c", "a")["title"] as? String == hostile)
    }

    @Test("two builds of the same content are byte-identical")
    func deterministic() throws {
        let site = try TestSite()
        defer { site.remove() }
        var entries: [[String: Any]] = []
        for i in 0..<130 { entries.append(entry("e\(i)", likes: (i * 37) % 101, scores: [Double(60 + i % 40), 80, 75], ["organizations": ["组织\(i % 7)"]])) }
        try site.campaign("c", scoring30_70.merging(["awards": [["name": "一等奖", "count": 3]]]) { a, _ in a }, entries: entries)
        try site.build()
        let first = site.snapshot()
        try site.build()
        #expect(site.snapshot() == first)
        #expect(first["campaigns/c/leaderboard/3.html"] != nil)   // 130 entries at 50 a page
        #expect(first["campaigns/c/leaderboard/4.html"] == nil)
    }

    @Test("downloads follow contract §9: CSV with a BOM, JSON with every field")
    func downloads() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", scoring30_70.merging(["divisions": ["河北"]]) { a, _ in a }, entries: [
            entry("a", likes: 2, scores: [90], ["title": "=SUM(A1), \"引号\"", "division": "河北", "group": nil as String? as Any]),
        ])
        try site.build()
        let csv = try Data(contentsOf: site.root.appendingPathComponent("public/campaigns/c/leaderboard.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "rank,id,title,author,union,division,group,likes,views,likesPoints,expertPoints,composite,eligible,award")
        #expect(lines[1] == "1,a,\"'=SUM(A1), \"\"引号\"\"\",作者a,,河北,,2,0,30.00,63.00,93.00,true,")
        let record = try site.record("c", "a")
        #expect(Set(record.keys) == ["rank", "id", "title", "author", "union", "division", "group", "likes", "views",
                                     "likesPoints", "expertPoints", "composite", "eligible", "award"])
        #expect(site.exists("campaigns/c/divisions.json") && site.exists("campaigns/c/organizations.json"))
    }

    @Test("pages: overview explains the composite with this campaign's weights; entry pages break scores down")
    func pages() throws {
        let site = try TestSite(site: ["asOf": "2021-03-15"])
        defer { site.remove() }
        try site.campaign("c", scoring30_70.merging(["phases": [["name": "点赞", "start": "2021-03-10", "end": "2021-03-20"]]]) { a, _ in a },
                          entries: (1...60).map { entry("e\($0)", likes: $0, scores: [80, 90, 70]) })
        try site.build()
        let overview = try site.read("campaigns/c/index.html")
        #expect(overview.contains("点赞积分 = 30 × 作品点赞数 ÷ 有效作品中的最高点赞数（目前为 60）"))
        #expect(overview.contains("专家评分 = 70 × 评委平均分 ÷ 100"))
        #expect(overview.contains("当前阶段"))
        #expect(overview.contains("lang=\"zh-CN\""))
        let top = overview.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
        #expect(top.components(separatedBy: "<tr").count - 1 == 10)
        let page2 = try site.read("campaigns/c/leaderboard/2.html")
        #expect(page2.contains("<th scope=\"col\" class=\"num\">名次</th>") && page2.contains("<caption>"))
        #expect(page2.contains("href=\"../../../\(try site.stylesheet())\""))
        let entryPage = try site.read("campaigns/c/entries/e60.html")
        #expect(entryPage.contains("30 × 60 ÷ 60 = 30.00"))
        #expect(entryPage.contains("70 × 80 ÷ 100 = 56.00"))
        #expect(entryPage.contains("评委 2：90（去掉）"))
    }

    @Test("a rebuild writes only files whose bytes changed, drops files no longer produced, and equals a fresh build")
    func incrementalRebuild() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["divisions": ["河北"]], entries: (1...60).map { entry("e\($0)", likes: $0, ["division": "河北"]) })
        try site.campaign("gone", entries: [entry("x")])
        try site.build()
        func inode(_ path: String) -> UInt64 {
            var info = stat()
            _ = stat(site.root.appendingPathComponent("public/" + path).path, &info)
            return UInt64(info.st_ino)
        }
        let unchangedBefore = inode("campaigns/c/entries/e1.html"), changedBefore = inode("campaigns/c/entries/e60.html")
        // One entry's title changes; the second campaign is removed.
        try site.campaign("c", ["divisions": ["河北"]], entries: (1...60).map { entry("e\($0)", likes: $0, ["division": "河北", "title": $0 == 60 ? "新标题" : "作品 e\($0)"]) })
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/campaigns/gone"))
        let report = try site.build()
        #expect(report.kept > 0 && report.written > 0 && report.written < report.files)
        #expect(inode("campaigns/c/entries/e1.html") == unchangedBefore, "an unchanged page was written again")
        #expect(inode("campaigns/c/entries/e60.html") != changedBefore)
        #expect(!site.exists("campaigns/gone/index.html"))
        // Byte-identical to a build into an empty folder.
        let fresh = site.root.appendingPathComponent("fresh")
        _ = try SiteBuilder.build(BuildOptions(site: site.root, output: fresh)).get()
        #expect(site.snapshot() == site.snapshot(of: "fresh"))
    }
}
