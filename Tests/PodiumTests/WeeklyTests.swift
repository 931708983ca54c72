import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PodiumCore

@Suite("Weekly snapshots (contract §6)")
struct WeeklyTests {
    func weekSite() throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", ["divisions": ["河北", "山西"]], entries: [
            entry("a", ["division": "河北", "organizations": ["甲"]]), entry("b", ["division": "河北"]),
            entry("c", ["division": "山西", "organizations": ["甲"]]), entry("d", ["division": "山西"]),
            entry("p", ["status": "pending"]),
        ])
        try site.writeJSON("content/campaigns/c/weeks/2024-08-11.json", ["entries": [
            ["id": "a", "likes": 10, "views": 100], ["id": "b", "likes": 10, "views": 100], ["id": "c", "likes": 30, "views": 5],
            ["id": "p", "likes": 99, "views": 1],
        ]])
        try site.writeJSON("content/campaigns/c/weeks/2024-08-18.json", ["entries": [
            ["id": "a", "likes": 50, "views": 200], ["id": "b", "likes": 12, "views": 100], ["id": "c", "likes": 30, "views": 9],
            ["id": "d", "likes": 40, "views": 1],
        ]])
        return site
    }

    func week(_ site: TestSite, _ date: String) throws -> [[String: Any]] {
        let data = try Data(site.read("campaigns/c/weeks/\(date).json").utf8)
        return try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test("ranks by likes then views with shared ranks; movement, deltas and new entries against the previous week")
    func rankingAndMovement() throws {
        let site = try weekSite()
        defer { site.remove() }
        try site.build()
        let first = try week(site, "2024-08-11")
        #expect(first.map { $0["id"] as? String } == ["c", "a", "b"])   // the pending entry is not ranked
        #expect(first.map { $0["rank"] as? Int } == [1, 2, 2])          // a and b tie on likes and views
        #expect(first.allSatisfy { $0["previousRank"] is NSNull })
        #expect(first.map { $0["likesDelta"] as? Int } == [30, 10, 10])

        let second = try week(site, "2024-08-18")
        #expect(second.map { $0["id"] as? String } == ["a", "d", "c", "b"])
        #expect(second.map { $0["rank"] as? Int } == [1, 2, 3, 4])
        #expect(second.map { $0["previousRank"] as? Int } == [2, nil, 1, 2])
        #expect(second.map { $0["likesDelta"] as? Int } == [40, 40, 0, 2])

        let page = try site.read("campaigns/c/weeks/2024-08-18.html")
        #expect(page.contains(">▲ 1<") && page.components(separatedBy: ">▼ 2<").count - 1 == 2 && page.contains(">新<"))   // c 1→3, b 2→4
        #expect(page.contains("本期新上榜"))
        #expect(page.contains("<th scope=\"row\">河北</th><td class=\"num\">2</td><td class=\"num\">62</td><td class=\"num gain\">+42</td>"))
        #expect(page.contains("rel=\"prev\"") && !page.contains("rel=\"next\""))
        // asOf defaults to the newest snapshot: the overview points to it.
        #expect(try site.read("campaigns/c/index.html").contains("weeks/2024-08-18.html"))
        #expect(try site.read("campaigns/c/weeks/index.html").contains("本期"))
    }

    @Test("a week's table is the same ranked at once or when first read, whatever the order weeks are read in")
    func tablesRankedLater() throws {
        let site = try weekSite()
        defer { site.remove() }
        try site.writeJSON("content/campaigns/c/weeks/2024-08-25.json", ["entries": [
            ["id": "a", "likes": 50, "views": 300], ["id": "b", "likes": 60, "views": 100], ["id": "c", "likes": 31, "views": 9],
            ["id": "d", "likes": 40, "views": 2],
        ]])
        let campaign = try #require(SiteLoader.load(site: site.root).0?.campaigns.first)
        func facts(_ t: WeeklyTable) -> String {
            var likes = [Int](repeating: -1, count: campaign.entries.count)
            t.likes(into: &likes)
            let rows = t.rows.map { "\($0.entryIndex):\($0.rank):\($0.previousRank ?? 0):\($0.likes):\($0.views):\($0.likesDelta)" }
            let totals = (t.divisions + t.organizations).map { "\($0.name):\($0.entries):\($0.likes):\($0.likesDelta)" }
            return "\(t.date) \(t.previousDate?.description ?? "-") \(t.count) \(t.totalLikes) \(t.totalLikesDelta) \(likes) \(rows) \(totals)"
        }
        let atOnce = WeeklyProgress.tables(campaign)
        #expect(atOnce.count == 3 && atOnce[1].rows.map(\.previousRank) == [2, nil, 1, 2])
        for ranked in [[false, false, false], [false, true, false], [true, false, true]] {
            let later = WeeklyProgress.tables(campaign) { ranked[$0] }
            // The figures and the likes come before the rows are ranked, then the weeks newest first.
            var likes = [Int](repeating: -1, count: campaign.entries.count)
            later[2].likes(into: &likes)
            #expect(likes == [50, 60, 31, 40, -1])
            #expect(later.map(\.count) == atOnce.map(\.count) && later.map(\.totalLikesDelta) == atOnce.map(\.totalLikesDelta))
            for i in later.indices.reversed() { #expect(facts(later[i]) == facts(atOnce[i]), "week \(i), ranked at once: \(ranked)") }
        }
    }

    @Test("the growth chart is well-formed XML drawn without any content string")
    func chartIsXML() throws {
        let site = try weekSite()
        defer { site.remove() }
        try site.write("content/campaigns/c/entries.json", #"[{"id": "a", "title": "<&\"标题\">"}, {"id": "b", "title": "b"}]"#)
        try site.writeJSON("content/campaigns/c/weeks/2024-08-11.json", ["entries": [["id": "a", "likes": 3], ["id": "b", "likes": 1]]])
        try site.writeJSON("content/campaigns/c/weeks/2024-08-18.json", ["entries": [["id": "a", "likes": 7], ["id": "b", "likes": 1200]]])
        try site.build()
        let page = try site.read("campaigns/c/weeks/2024-08-18.html")
        let svg = try #require(page.range(of: "<svg").flatMap { start in page.range(of: "</svg>").map { String(page[start.lowerBound..<$0.upperBound]) } })
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG does not parse: \(String(describing: parser.parserError))")
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(!svg.contains("标题"))
        #expect(page.contains("&lt;&amp;&quot;标题&quot;&gt;"))   // in the legend, escaped
    }

    @Test("bad snapshots: unknown id, likes going down, a file not named by its date")
    func badSnapshots() throws {
        let site = try weekSite()
        defer { site.remove() }
        try site.writeJSON("content/campaigns/c/weeks/2024-08-25.json", ["entries": [["id": "a", "likes": 49], ["id": "zz", "likes": 1]]])
        try site.write("content/campaigns/c/weeks/week-3.json", "{}")
        try site.write("content/campaigns/c/weeks/2024-02-30.json", "{}")
        let errors = site.failingBuild()
        #expect(errors.contains { $0.path.hasSuffix("weeks/2024-08-25.json") && $0.field == "entries[1].id" && $0.message.contains("no entry has the id \"zz\"") && $0.line != nil })
        #expect(errors.contains { $0.path.hasSuffix("weeks/2024-08-25.json") && $0.message.contains("\"a\" has 49 likes, fewer than the 50 of 2024-08-18") && $0.line != nil })
        #expect(errors.contains { $0.path.hasSuffix("weeks/week-3.json") && $0.message.contains("YYYY-MM-DD.json") })
        #expect(errors.contains { $0.path.hasSuffix("weeks/2024-02-30.json") })
        #expect(!site.exists("index.html"))
    }

    @Test("check warns where entries.json has fewer likes or views than the latest snapshot not after asOf, naming both files")
    func countsBehindSnapshot() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", likes: 5, ["views": 100]), entry("b", likes: 50, ["views": 500]), entry("c", likes: 9)])
        try site.writeJSON("content/campaigns/c/weeks/2021-03-07.json", ["entries": [["id": "a", "likes": 10, "views": 90], ["id": "b", "likes": 40, "views": 600]]])
        try site.writeJSON("content/campaigns/c/weeks/2021-03-14.json", ["entries": [["id": "a", "likes": 10, "views": 90], ["id": "c", "likes": 99, "views": 1]]])
        try site.writeJSON("content/site.json", ["title": "t", "baseURL": "https://example.org/", "asOf": "2021-03-10"])
        let warnings = site.check().warnings.filter { $0.category == "counts behind the latest weekly snapshot" }
        #expect(warnings.count == 2, "\(warnings)")   // c's 99 is in a snapshot after asOf
        #expect(warnings.contains { $0.path.hasSuffix("entries.json") && $0.field == "[0]" && $0.line != nil
            && $0.message.contains("likes 5 < 10") && $0.message.contains("weeks/2021-03-07.json") })
        #expect(warnings.contains { $0.field == "[1]" && $0.message.contains("views 500 < 600") && !$0.message.contains("likes") })
    }
}
