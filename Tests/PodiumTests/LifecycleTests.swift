import Foundation
import Testing
@testable import PodiumCore

/// Contract §12: which award pages exist on the day the site describes (live, announced, final),
/// decided by the page catalogue alone.
@Suite("Results lifecycle: live, announced, final")
struct LifecycleTests {
    func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test("the state follows the day: live to the end and before the announcement, announced in its period, final after")
    func states() throws {
        var campaign = Campaign(slug: "c", title: "t", organizer: "o", start: day("2021-03-01"), end: day("2021-04-30"), timezone: .beijing,
                                phases: [], divisions: nil, groups: nil, scoring: nil, tieBreak: [], awards: [], organizationAwards: [],
                                rules: Campaign.EntryRules(), likeRules: Campaign.LikeRules(), description: nil, publishAudit: false)
        #expect(ResultsState.of(campaign, on: day("2021-04-30")) == .live)
        #expect(ResultsState.of(campaign, on: day("2021-05-01")) == .final)   // no announcement: final after the end
        campaign.announcement = Campaign.Announcement(start: day("2021-05-20"), end: day("2021-05-26"), workingDays: 5, notice: nil,
                                                      noticePosition: nil, methods: [], contacts: [], date: day("2021-05-20"))
        #expect(ResultsState.of(campaign, on: day("2021-05-19")) == .live)
        #expect(ResultsState.of(campaign, on: day("2021-05-20")) == .announced)
        #expect(ResultsState.of(campaign, on: day("2021-05-26")) == .announced)
        #expect(ResultsState.of(campaign, on: day("2021-05-27")) == .final)
        // An announcement that starts before the end: live until the end.
        campaign.announcement!.start = day("2021-04-20")
        #expect(ResultsState.of(campaign, on: day("2021-04-25")) == .live)
    }

    func awardSite() throws -> TestSite {
        let site = try TestSite(site: ["certificateKey": "k"])
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 1]], "organizationAwards": [["name": "优秀组织奖", "count": 1]],
                                "announcement": ["start": "2021-05-20", "workingDays": 5]],
                          entries: [entry("top", likes: 9, ["organizations": ["甲"], "video": "https://example.org/v.mp4"]), entry("b", likes: 1)])
        return site
    }

    func build(_ site: TestSite, asOf: String) throws {
        if case .failure(let failure) = SiteBuilder.build(BuildOptions(site: site.root, asOf: day(asOf))) { throw failure }
    }

    func navigation(_ site: TestSite) throws -> String {
        let page = try site.read("campaigns/c/leaderboard/index.html")
        let start = try #require(page.range(of: "<nav aria-label=\"活动导航\">"))
        return String(page[start.lowerBound...].prefix(800))
    }

    func status(_ site: TestSite) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(site.read("campaigns/c/status.json").utf8)) as? [String: Any])
    }

    @Test("live: no gallery, 公示, certificates or verification, and no link to them; announced: gallery and 公示, no certificates; final: all")
    func pagesPerState() throws {
        let site = try awardSite()
        defer { site.remove() }
        let award = ["winners/index.html", "winners/announcement.html", "winners.json", "winners.csv"]
        let certificates = ["certificates/index.html", "certificates/e-top.html", "certificates.json"]

        try build(site, asOf: "2021-04-30")
        #expect(try status(site)["state"] as? String == "live" && status(site)["asOf"] as? String == "2021-04-30")
        for path in award + certificates { #expect(!site.exists("campaigns/c/" + path), "live: \(path) was published") }
        #expect(!(try navigation(site)).contains("获奖名单"))

        try build(site, asOf: "2021-05-20")
        #expect(try status(site)["state"] as? String == "announced" && status(site)["announcementEnd"] as? String == "2021-05-26")
        for path in award { #expect(site.exists("campaigns/c/" + path), "announced: \(path) is missing") }
        for path in certificates { #expect(!site.exists("campaigns/c/" + path), "announced: \(path) was published") }
        let gallery = try site.read("campaigns/c/winners/index.html")
        #expect(gallery.contains("拟表彰作品（公示中）") && !gallery.contains("certificates/") && gallery.contains("公示期满后颁发"))
        #expect(try navigation(site).contains("获奖名单"))

        try build(site, asOf: "2021-05-27")
        #expect(try status(site)["state"] as? String == "final")
        for path in award + certificates { #expect(site.exists("campaigns/c/" + path), "final: \(path) is missing") }
        #expect(try site.read("campaigns/c/winners/index.html").contains("certificates/e-top.html"))
    }

    @Test("a rebuild on another day never keeps a page of the earlier state: the same bytes as a fresh build")
    func rebuildAcrossStates() throws {
        let site = try awardSite()
        defer { site.remove() }
        for (from, to) in [("2021-04-30", "2021-05-27"), ("2021-05-27", "2021-05-21"), ("2021-05-21", "2021-04-01")] {
            try build(site, asOf: from)
            try build(site, asOf: to)
            let rebuilt = site.snapshot()
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("public"))
            try? FileManager.default.removeItem(at: site.root.appendingPathComponent(".public.podium-manifest"))
            try build(site, asOf: to)
            let fresh = site.snapshot()
            #expect(rebuilt.keys.sorted() == fresh.keys.sorted(), "\(from) → \(to)")
            for (path, bytes) in fresh where rebuilt[path] != bytes { Issue.record("\(from) → \(to): \(path) differs from a fresh build") }
        }
    }

    @Test("live: no award in any page or download, every campaign page says the figures are live; announced: awards marked 拟; final: plain")
    func awardsPerState() throws {
        let site = try awardSite()
        defer { site.remove() }
        func awards(_ file: String) throws -> [String?] {
            let data = Data(try site.read("campaigns/c/" + file).utf8)
            return try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]]).map { $0["award"] as? String }
        }
        try build(site, asOf: "2021-04-30")
        #expect(try awards("leaderboard.json") == [nil, nil] && awards("organizations.json") == [nil])
        #expect(!(try site.read("campaigns/c/leaderboard.csv")).contains("一等奖"))
        for page in ["leaderboard/index.html", "entries/top.html", "organizations/index.html", "index.html"] {
            let html = try site.read("campaigns/c/" + page)
            #expect(!html.contains("class=\"award\""), "live: an award in \(page)")
            #expect(html.contains("活动进行中，排名为") && html.contains("实时数据，不代表最终评选结果"), "live: \(page) does not say so")
        }
        #expect(try site.read("campaigns/c/index.html").contains("截至<span class=\"nb\">2021年4月30日</span>的实时数据"))
        #expect(try site.read("index.html").contains("实时排名"))

        try build(site, asOf: "2021-05-21")
        #expect(try awards("leaderboard.json") == ["一等奖", nil] && awards("organizations.json") == ["优秀组织奖"])
        #expect(try site.read("campaigns/c/leaderboard/index.html").contains("<span class=\"award\">一等奖（拟）</span>"))
        #expect(try site.read("campaigns/c/organizations/index.html").contains("优秀组织奖（拟）"))
        #expect(try site.read("campaigns/c/entries/top.html").contains("所示奖项为拟表彰"))
        #expect(try site.read("index.html").contains("评选结果公示中"))

        try build(site, asOf: "2021-05-27")
        let board = try site.read("campaigns/c/leaderboard/index.html")
        #expect(board.contains("<span class=\"award\">一等奖</span>") && !board.contains("（拟）") && !board.contains("results-notice"))
        #expect(try site.read("index.html").contains("评选结果已公布"))
    }

    @Test("check shows the awards while the site withholds them: live results are reviewed before they are published")
    func checkShowsAwardsInEveryState() throws {
        let site = try awardSite()
        defer { site.remove() }
        let (diagnostics, reviews) = SiteBuilder.review(BuildOptions(site: site.root, asOf: day("2021-04-30")))
        #expect(!diagnostics.hasErrors)
        let text = AwardReview.text(reviews)
        #expect(text.contains("c (live)") && text.contains("一等奖 (1): top") && text.contains("优秀组织奖 (1): 甲"), "\(text)")
        try build(site, asOf: "2021-04-30")
        #expect(!(try site.read("campaigns/c/leaderboard.json")).contains("一等奖"))
    }
}
