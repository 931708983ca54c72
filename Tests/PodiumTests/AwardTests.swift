import Foundation
import Testing
@testable import PodiumCore

/// The day after the test campaigns end (2021-04-30): with no announcement, the results are final
/// and every award is published (contract §12).
var finalResults: [String: Any] { ["asOf": "2021-05-01"] }

@Suite("Awards and eligibility (contract §5)")
struct AwardTests {
    @Test("a shared rank at a tier's last place awards everyone in it, and the build warns")
    func sharedBoundary() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["tieBreak": [], "awards": [["name": "一等奖", "count": 2], ["name": "二等奖", "count": 1]]], entries: [
            entry("a", likes: 100), entry("b", likes: 80), entry("c", likes: 80), entry("d", likes: 80), entry("e", likes: 70), entry("f", likes: 60),
        ])
        try site.build()
        let awards = try site.leaderboard("c").map { $0["award"] as? String }
        #expect(awards == ["一等奖", "一等奖", "一等奖", "一等奖", "二等奖", nil])
        let warnings = site.check().warnings.map(\.message)
        #expect(warnings.contains { $0.contains("\"一等奖\"") && $0.contains("rank 2 is shared") && $0.contains("4 are awarded instead of 2") })
    }

    @Test("perGroup selects per group; a short group gets what it has and the build warns")
    func perGroup() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        var entries: [[String: Any]] = []
        for i in 1...5 { entries.append(entry("s\(i)", likes: 10 * i, ["group": "国有企业"])) }
        entries.append(entry("f1", likes: 5, ["group": "外资企业"]))
        try site.campaign("c", ["groups": ["label": "工会类型", "values": ["国有企业", "外资企业"]],
                                "awards": [["name": "特色成果", "perGroup": 3]]], entries: entries)
        try site.build()
        let board = try site.leaderboard("c")
        let awarded = Set(board.filter { $0["award"] as? String == "特色成果" }.map { $0["id"] as! String })
        #expect(awarded == ["s5", "s4", "s3", "f1"])
        #expect(site.check().warnings.contains { $0.message.contains("工会类型 \"外资企业\": only 1 eligible entries for 3 places") })
        let group2 = try site.read("campaigns/c/groups/2.html")
        #expect(group2.contains("作品 f1") && !group2.contains("作品 s5"))
    }

    @Test("a person's third entry is ineligible even when it scores highest")
    func thirdEntryOfOnePerson() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        let same: [String: Any] = ["phone": "13900001111"]
        try site.campaign("c", ["rules": ["maxEntriesPerPerson": 2], "awards": [["name": "一等奖", "count": 1]]], entries: [
            entry("third", likes: 999, same.merging(["submitted": "2021-03-20"]) { a, _ in a }),
            entry("first", likes: 5, same.merging(["submitted": "2021-03-02"]) { a, _ in a }),
            entry("second", likes: 4, same.merging(["submitted": "2021-03-10"]) { a, _ in a }),
            entry("other", likes: 50),
        ])
        try site.build()
        let third = try site.record("c", "third")
        #expect(third["rank"] as? Int == 1)
        #expect(third["eligible"] as? Bool == false)
        #expect(third["award"] is NSNull)
        #expect(try site.record("c", "other")["award"] as? String == "一等奖")
        #expect(try site.read("campaigns/c/leaderboard/index.html").contains("超过每人限报 2 件"))
        #expect(site.check().warnings.contains { $0.message.contains("\"third\" is not eligible") && $0.message.contains("first, second") })
    }

    @Test("winners.json is published as the decision and every difference is reported")
    func winnersOverride() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 1], ["name": "二等奖", "count": 1]]], entries: [
            entry("a", likes: 30), entry("b", likes: 20), entry("c", likes: 10),
        ], winners: [["id": "a", "award": "一等奖"], ["id": "c", "award": "二等奖"]])
        try site.build()
        #expect(try site.record("c", "b")["award"] is NSNull)
        #expect(try site.record("c", "c")["award"] as? String == "二等奖")
        let warnings = site.check().warnings
        let differences = warnings.filter { $0.message.contains("winners.json says") }
        #expect(differences.count == 2)
        #expect(differences.contains { $0.message.contains("\"b\": winners.json says no award, the rules give \"二等奖\"") })
        #expect(differences.contains { $0.message.contains("\"c\": winners.json says \"二等奖\", the rules give no award") && $0.path.hasSuffix("winners.json") && $0.line != nil })
        #expect(try site.read("campaigns/c/entries/b.html").contains("按规则计算的奖项为“二等奖”"))
    }

    @Test("an award in winners.json that is none of the campaign's awards is an error with a hint; nothing is published")
    func strictWinners() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 1]], "organizationAwards": [["name": "优秀组织奖", "count": 1]]],
                          entries: [entry("a", likes: 30), entry("b", likes: 20), entry("c", likes: 10)],
                          winners: [["id": "a", "award": "一等将"], ["id": "b", "award": "优秀组织奖"], ["id": "c", "award": "特等奖"]])
        let errors = site.failingBuild().filter { $0.path.hasSuffix("winners.json") }
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.field == "[0].award" && $0.line == 3 && $0.message.contains("did you mean \"一等奖\"?") })
        #expect(errors.contains { $0.field == "[2].award" && $0.message.contains("\"特等奖\" is not one of the campaign's awards") })
        #expect(!site.exists("index.html"))
    }

    @Test("organizations rank by entries then likes, share ranks, and win by count with the tie rule")
    func organizations() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["organizationAwards": [["name": "优秀组织奖", "count": 1]]], entries: [
            entry("a", likes: 5, ["organizations": ["甲公司", "乙公司"]]),
            entry("b", likes: 5, ["organizations": ["乙公司"]]),
            entry("c", likes: 5, ["organizations": ["甲公司"]]),   // 甲 and 乙: 2 entries, 10 likes each
            entry("d", likes: 1, ["organizations": ["丙公司"], "status": "pending"]),
        ])
        try site.build()
        let data = try Data(site.read("campaigns/c/organizations.json").utf8)
        let orgs = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(orgs.map { $0["name"] as? String } == ["乙公司", "甲公司"])
        #expect(orgs.map { $0["rank"] as? Int } == [1, 1])
        #expect(orgs.map { $0["award"] as? String } == ["优秀组织奖", "优秀组织奖"])
    }

    @Test("divisions: entries, likes and views each with their own competition rank")
    func divisions() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["divisions": ["河北", "山西", "北京"]], entries: [
            entry("a", likes: 5, ["division": "河北", "views": 100]),
            entry("b", likes: 50, ["division": "山西", "views": 10]),
            entry("c", likes: 5, ["division": "河北", "views": 1]),
        ])
        try site.build()
        let data = try Data(site.read("campaigns/c/divisions.json").utf8)
        let rows = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["河北", "山西"])
        #expect(rows.map { $0["entriesRank"] as? Int } == [1, 2])
        #expect(rows.map { $0["likesRank"] as? Int } == [2, 1])
        #expect(rows.map { $0["viewsRank"] as? Int } == [1, 2])
    }
}

@Suite("Ranking pages")
struct RankingPageTests {
    @Test("the leaderboard by likes, each division's and organization's own list, and a 404 page")
    func memberPages() throws {
        let site = try TestSite(site: finalResults)
        defer { site.remove() }
        try site.campaign("c", ["divisions": ["河北", "山西"], "tieBreak": ["views"]], entries: [
            entry("a", likes: 5, ["division": "河北", "organizations": ["甲公司"], "views": 9]),
            entry("b", likes: 9, ["division": "山西", "organizations": ["甲公司", "乙公司"]]),
            entry("c", likes: 5, ["division": "河北", "views": 1]),
        ])
        try site.build()
        let likes = try site.read("campaigns/c/leaderboard/likes/index.html")
        let order = ["作品 b", "作品 a", "作品 c"].compactMap { likes.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        let hebei = try site.read(Routes.division("c", "河北"))
        #expect(hebei.contains("作品 a") && hebei.contains("作品 c") && !hebei.contains("作品 b"))
        let jia = try site.read(Routes.organization("c", "甲公司"))
        #expect(jia.contains("作品 a") && jia.contains("作品 b") && !jia.contains("作品 c"))
        #expect(try site.read("campaigns/c/divisions.html").contains(Routes.key("河北")))
        let notFound = try site.read("404.html")
        #expect(notFound.contains("href=\"/\(try site.stylesheet())\"") && notFound.contains("页面不存在"))
    }
}
