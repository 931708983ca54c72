/// Contexts of a campaign's pages: overview, leaderboard pages, per-group lists and rankings.
/// A class: every page of the campaign keeps one reference to it until it is made (not a copy of its fields).
final class CampaignPages: @unchecked Sendable {
    let chrome: PageChrome
    let results: CampaignResults
    /// Likes per entry index in each snapshot (-1: not in it), for the growth charts (built once, not per page).
    let likesLookup: [[Int]]
    /// Position of each entry id in `Campaign.entries` (where the ledger's counts are kept).
    let entryIndex: [String: Int]

    /// The site's notices, for the overview's related notices.
    let notices: NoticePages?
    /// The leaderboard by likes, sorted once for all its pages.
    let likesOrderCache: (rows: [Int], ranks: [Int])
    /// Row indices per division and per organization, grouped once for all their pages.
    let members: Members
    /// The campaign's navigation and lists of links, from the page catalogue (set once, before any page is made).
    var links = CampaignLinks()

    init(chrome: PageChrome, results: CampaignResults, notices: NoticePages? = nil) {
        self.chrome = chrome
        self.results = results
        self.notices = notices
        let count = results.campaign.entries.count
        likesLookup = results.weeks.map { t in
            var likes = [Int](repeating: -1, count: count)
            for row in t.rows { likes[row.entryIndex] = row.likes }
            return likes
        }
        entryIndex = Dictionary(results.campaign.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        likesOrderCache = Self.likesOrder(results.rows)
        members = Self.members(results)
    }
    var campaign: Campaign { results.campaign }
    var slug: String { campaign.slug }
    var hasScoring: Bool { campaign.scoring != nil }
    var showDivision: Bool { results.hasDivisions }
    var showGroup: Bool { campaign.groups != nil }

    /// One leaderboard line, as every ranking table shows it.
    func row(_ row: LeaderboardRow, root: String, rank: Int? = nil) -> [String: Any] {
        let e = row.entry
        return [
            "rank": String(rank ?? row.rank),
            "id": e.id,
            "url": Routes.link(Routes.entry(slug, e.id), from: root),
            "title": e.title,
            "author": e.author ?? "",
            "who": e.credits.joined(separator: " · "),
            "union": e.union ?? "",
            "division": e.division ?? "",
            "group": e.group ?? "",
            "likes": Format.integer(e.likes),
            "views": Format.integer(e.views),
            "likesPoints": Format.points(row.score.likesPoints),
            "expertPoints": row.score.unreviewed && hasScoring ? "未评" : Format.points(row.score.expertPoints),
            "composite": hasScoring ? row.score.composite.description : Format.integer(e.likes),
            "award": awardLabel(row.award),
            "ineligible": row.eligible ? false : row.reasons.map(\.label).joined(separator: "；"),
            "badges": e.badges.map { ["name": $0] },
            "hasBadges": !e.badges.isEmpty,
        ]
    }

    /// Awards shown are winners.json's decision (from the announcement on): the pages say so.
    var officialResults: Bool { campaign.winners != nil && results.state.publishesAwards }

    /// An award as pages show it: proposed awards (公示中) are marked 拟 (contract §12).
    func awardLabel(_ award: String?) -> Any {
        guard let award else { return false }
        return results.state == .announced ? award + "（拟）" : award
    }

    func columns() -> [String: Any] {
        ["hasScoring": hasScoring, "showDivision": showDivision, "showGroup": showGroup,
         // No award column while the results are live (contract §12).
         "showsAwards": results.state.publishesAwards,
         "groupLabel": campaign.groups?.label ?? "分组"]
    }

    func overview(path: String) -> PageContext {
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: campaign.title, campaign: self, current: "overview", dated: true)
        let status = CampaignTimeline.status(of: campaign, on: chrome.asOf)
        let currentPhase: String? = if case .inPhase(let name) = status { name } else { nil }
        let eligible = results.rows.reduce(0) { $0 + ($1.eligible ? 1 : 0) }
        v["title"] = campaign.title
        v["organizer"] = campaign.organizer
        v["dates"] = "\(campaign.start.chinese) 至 \(campaign.end.chinese)"
        v["status"] = status.label
        v["resultsState"] = results.state.label
        v["descriptionHTML"] = campaign.description.map { Markdown.render($0, unsafe: chrome.site.unsafeMarkdown) } ?? false
        v["phases"] = campaign.phases.map {
            ["name": $0.name, "dates": "\($0.start.chinese) 至 \($0.end.chinese)", "current": $0.name == currentPhase]
        }
        var totals: [[String: String]] = [
            ["label": "参评作品", "value": Format.integer(results.rows.count)],
            ["label": "符合评奖条件", "value": Format.integer(eligible)],
            ["label": "点赞总数", "value": Format.integer(results.rows.reduce(0) { $0 + $1.entry.likes })],
            ["label": "浏览总数", "value": Format.integer(results.rows.reduce(0) { $0 + $1.entry.views })],
        ]
        if showDivision { totals.append(["label": "赛区", "value": Format.integer(results.divisions.count)]) }
        if !results.organizations.isEmpty { totals.append(["label": "参与组织", "value": Format.integer(results.organizations.count)]) }
        v["totals"] = totals
        v["top"] = results.rows.prefix(10).map { row($0, root: root) }
        v["hasEntries"] = !results.rows.isEmpty
        v["leaderboardURL"] = Routes.link(Routes.leaderboard(slug), from: root)
        v["rules"] = RuleText.rules(campaign).map { ["text": $0] }
        v["scoring"] = RuleText.scoring(results).map { ["text": $0] }
        v["awards"] = RuleText.awards(campaign)
        v["officialResults"] = officialResults
        v["downloads"] = downloads(root: root)
        v["latestWeek"] = latestWeek(root: root)
        let related = notices?.related(to: slug, root: root) ?? []
        v["relatedNotices"] = related
        v["hasRelatedNotices"] = !related.isEmpty
        let rankings = rankingLinks(root: root)
        v["rankings"] = rankings
        v["hasRankings"] = !rankings.isEmpty
        v["hasPhases"] = !campaign.phases.isEmpty
        v.merge(columns()) { a, _ in a }
        return PageContext(v)
    }

    func downloads(root: String) -> [[String: String]] {
        links.downloads.map { ["url": root + $0.path, "label": $0.label, "name": String($0.path.split(separator: "/").last!)] }
    }

    func rankingLinks(root: String) -> [[String: String]] {
        links.rankings.map { ["label": $0.label, "url": Routes.link($0.path, from: root)] }
    }

    func leaderboard(page: Int) -> (path: String, context: PageContext) {
        let path = Routes.leaderboard(slug, page: page)
        let root = Routes.root(of: path)
        let count = Routes.pageCount(results.rows.count)
        var v = chrome.values(path: path, title: "\(campaign.title) · 排行榜" + (page > 1 ? "（第 \(page) 页）" : ""), campaign: self, current: "leaderboard")
        v["heading"] = "排行榜"
        v["boardLinks"] = [["label": "综合榜", "url": Routes.link(Routes.leaderboard(slug), from: root), "current": true],
                           ["label": "点赞榜", "url": Routes.link(Routes.byLikes(slug), from: root), "current": false]]
        v["caption"] = "\(campaign.title)排行榜，共 \(Format.integer(results.rows.count)) 件作品" + (count > 1 ? "，第 \(page) / \(count) 页" : "")
        v["rows"] = results.rows[Routes.pageRange(page, of: results.rows.count)].map { row($0, root: root) }
        v["pagination"] = Pagination.context(current: page, count: count, root: root) { Routes.leaderboard(slug, page: $0) }
        v["groupLinks"] = [Any]()
        v["hasGroupLinks"] = false
        v["officialResults"] = officialResults
        v.merge(columns()) { a, _ in a }
        return (path, PageContext(v))
    }

    /// One group's list (per-group awards): entries of that group with their rank inside it.
    func group(number: Int) -> (path: String, context: PageContext) {
        let groups = campaign.groups!
        let value = groups.values[number - 1]
        let path = Routes.group(slug, number)
        let root = Routes.root(of: path)
        let members = results.rows.filter { $0.entry.group == value }
        let ranks = Ranking.competitionRanks(count: members.count) { members[$0].rank == members[$0 - 1].rank }
        var v = chrome.values(path: path, title: "\(campaign.title) · \(groups.label)：\(value)", campaign: self, current: "groups")
        v["heading"] = "\(groups.label)：\(value)"
        v["caption"] = "\(groups.label)“\(value)”共 \(Format.integer(members.count)) 件，名次为组内名次"
        v["rows"] = members.indices.map { row(members[$0], root: root, rank: ranks[$0]) }
        v["groupLinks"] = groups.values.enumerated().map {
            ["label": $0.element, "url": Routes.link(Routes.group(slug, $0.offset + 1), from: root), "current": $0.offset + 1 == number]
        }
        v["hasGroupLinks"] = true
        v["boardLinks"] = [[String: Any]]()
        v["pagination"] = false
        v["officialResults"] = officialResults
        v.merge(columns()) { a, _ in a }
        return (path, PageContext(v))
    }

    func areas(_ kind: String) -> (path: String, context: PageContext) {
        let isDivision = kind == "divisions"
        let path = isDivision ? Routes.divisions(slug) : Routes.regions(slug)
        let label = isDivision ? "赛区" : "地区"
        var v = chrome.values(path: path, title: "\(campaign.title) · \(label)排名", campaign: self, current: kind)
        v["heading"] = "\(label)排名"
        v["label"] = label
        v["caption"] = "各\(label)已发布作品数、点赞数、浏览量及各自名次"
        let root = Routes.root(of: path)
        v["areas"] = (isDivision ? results.divisions : results.regions).map { area -> [String: Any] in
            let url: Any = isDivision ? Routes.link(Routes.division(slug, area.name), from: root) : false
            return ["name": area.name, "url": url, "entries": Format.integer(area.entries), "entriesRank": String(area.entriesRank),
             "likes": Format.integer(area.likes), "likesRank": String(area.likesRank),
             "views": Format.integer(area.views), "viewsRank": String(area.viewsRank)]
        }
        return (path, PageContext(v))
    }

    func organizations(page: Int) -> (path: String, context: PageContext) {
        let path = Routes.organizations(slug, page: page)
        let root = Routes.root(of: path)
        let count = Routes.pageCount(results.organizations.count)
        var v = chrome.values(path: path, title: "\(campaign.title) · 组织排名", campaign: self, current: "organizations")
        v["heading"] = "组织排名"
        v["caption"] = "按参与作品数、再按点赞总数排名，共 \(Format.integer(results.organizations.count)) 个组织" + (count > 1 ? "，第 \(page) / \(count) 页" : "")
        v["organizations"] = results.organizations[Routes.pageRange(page, of: results.organizations.count)].map {
            ["rank": String($0.rank), "name": $0.name, "url": Routes.link(Routes.organization(slug, $0.name), from: root), "entries": Format.integer($0.entries), "likes": Format.integer($0.likes), "award": awardLabel($0.award)] as [String: Any]
        }
        v["pagination"] = Pagination.context(current: page, count: count, root: root) { Routes.organizations(slug, page: $0) }
        v["showsAwards"] = results.state.publishesAwards
        return (path, PageContext(v))
    }
}
