/// Contexts of a campaign's pages: overview, leaderboard pages, per-group lists and rankings.
/// A class: every page of the campaign keeps one reference to it until it is made (not a copy of its fields).
final class CampaignPages: @unchecked Sendable {
    let chrome: PageChrome
    let results: CampaignResults
    /// Likes per entry index in each snapshot (-1: not in it), for the growth charts (built once, not per page).
    var likesLookup: [[Int]] { likesLookupOnce.value }
    private let likesLookupOnce: ComputedOnce<[[Int]]>
    /// Position of each entry id in `Campaign.entries` (where the ledger's counts are kept).
    var entryIndex: [String: Int] { entryIndexOnce.value }
    private let entryIndexOnce: ComputedOnce<[String: Int]>

    /// The site's notices, for the overview's related notices.
    let notices: NoticePages?
    /// The leaderboard by likes, sorted once for all its pages.
    var likesOrderCache: ByLikes { likesOrderOnce.value }
    private let likesOrderOnce: ComputedOnce<ByLikes>
    struct ByLikes: Sendable { var rows: [Int], ranks: [Int] }
    /// Row indices per division and per organization, grouped once for all their pages.
    let members: Members
    /// The campaign's navigation and lists of links, from the page catalogue (set once, before any page is made).
    var links = CampaignLinks()
    /// The layout's keys its pages share, by folder and tab (`SharedChrome`).
    let sharedChrome = SharedChrome.Cache()

    init(chrome: PageChrome, results: CampaignResults, notices: NoticePages? = nil) {
        self.chrome = chrome
        self.results = results
        self.notices = notices
        // Made when a page first needs them (a rebuild renders few pages): only `members` names files.
        likesLookupOnce = ComputedOnce {
            let count = results.campaign.entries.count
            return results.weeks.map { t in
                var likes = [Int](repeating: -1, count: count)
                t.likes(into: &likes)
                return likes
            }
        }
        entryIndexOnce = ComputedOnce {
            Dictionary(results.campaign.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        likesOrderOnce = ComputedOnce { Self.likesOrder(results.rows) }
        members = Self.members(results)
    }
    var campaign: Campaign { results.campaign }
    var slug: String { campaign.slug }
    var hasScoring: Bool { campaign.scoring != nil }
    var showDivision: Bool { results.hasDivisions }
    var showGroup: Bool { campaign.groups != nil }

    /// One leaderboard line, as every ranking table shows it.
    struct Row: Codable, Sendable, InlineKeys {
        var rank, id, url, title, author: String
        /// The credits (author, unit…), each kept on one line in the page.
        var who: [String]
        var union, division, group, likes, views, likesPoints, expertPoints, composite: String
        var award: String?
        /// Why the entry cannot win (nil when it can).
        var ineligible: String?
        var badges: [ModelParts.Name]
        var hasBadges: Bool
    }

    func row(_ row: LeaderboardRow, root: String, rank: Int? = nil) -> Row {
        let e = row.entry
        return Row(
            rank: String(rank ?? row.rank), id: e.id, url: Routes.link(Routes.entry(slug, e.id), from: root),
            title: e.title, author: e.author ?? "", who: e.credits, union: e.union ?? "",
            division: e.division ?? "", group: e.group ?? "", likes: Format.integer(e.likes), views: Format.integer(e.views),
            likesPoints: Format.points(row.score.likesPoints),
            expertPoints: row.score.unreviewed && hasScoring ? "未评" : Format.points(row.score.expertPoints),
            composite: hasScoring ? row.score.composite.description : Format.integer(e.likes),
            award: awardLabel(row.award),
            ineligible: row.eligible ? nil : row.reasons.map(\.label).joined(separator: "；"),
            badges: e.badges.map { .init(name: $0) }, hasBadges: !e.badges.isEmpty)
    }

    /// Awards shown are winners.json's decision (from the announcement on): the pages say so.
    var officialResults: Bool { campaign.winners != nil && results.state.publishesAwards }

    /// An award as pages show it: proposed awards (公示中) are marked 拟 (contract §12).
    func awardLabel(_ award: String?) -> String? {
        guard let award else { return nil }
        return results.state == .announced ? award + "（拟）" : award
    }

    /// Which columns a ranking table (`rank-table.mustache`) shows.
    struct Columns: InlineKeys {
        var hasScoring, showDivision, showGroup: Bool
        /// No award column while the results are live (contract §12).
        var showsAwards: Bool
        var groupLabel: String
    }

    var columns: Columns {
        Columns(hasScoring: hasScoring, showDivision: showDivision, showGroup: showGroup,
                showsAwards: results.state.publishesAwards, groupLabel: campaign.groups?.label ?? "分组")
    }

    struct OverviewModel: PageModel {
        static let template = "campaign"
        struct Phase: Codable, Sendable { var name, dates: String; var current: Bool }
        struct Download: Codable, Sendable { var url, label, name: String }
        var chrome: PageChrome.Model
        var columns: Columns
        var title, organizer, dates, status, resultsState: String
        var descriptionHTML: HTMLFragment?
        var phases: [Phase]
        var hasPhases: Bool
        var totals: [ModelParts.Figure]
        var top: [Row]
        var hasEntries: Bool
        var leaderboardURL: String
        var rules, scoring: [ModelParts.Line]
        var awards: [RuleText.Award]
        var officialResults: Bool
        var downloads: [Download]
        var latestWeek: WeekLink?
        var relatedNotices: [NoticePages.Item]
        var hasRelatedNotices: Bool
        var rankings: [ModelParts.Link]
        var hasRankings: Bool
    }

    func overview() -> OverviewModel {
        let path = Routes.campaign(slug)
        let root = Routes.root(of: path)
        let status = CampaignTimeline.status(of: campaign, on: chrome.asOf)
        let currentPhase: String? = if case .inPhase(let name) = status { name } else { nil }
        let eligible = results.rows.reduce(0) { $0 + ($1.eligible ? 1 : 0) }
        var totals: [ModelParts.Figure] = [
            .init(label: "参评作品", value: Format.integer(results.rows.count)),
            .init(label: "符合评奖条件", value: Format.integer(eligible)),
            .init(label: "点赞总数", value: Format.integer(results.rows.reduce(0) { $0 + $1.entry.likes })),
            .init(label: "浏览总数", value: Format.integer(results.rows.reduce(0) { $0 + $1.entry.views })),
        ]
        if showDivision { totals.append(.init(label: "赛区", value: Format.integer(results.divisions.count))) }
        if !results.organizations.isEmpty { totals.append(.init(label: "参与组织", value: Format.integer(results.organizations.count))) }
        let related = notices?.related(to: slug, root: root) ?? []
        let rankings = links.rankings.map { ModelParts.Link(label: $0.label, url: Routes.link($0.path, from: root)) }
        return OverviewModel(
            chrome: chrome.model(path: path, title: campaign.title, campaign: self, current: "overview", dated: true),
            columns: columns,
            title: campaign.title, organizer: campaign.organizer, dates: "\(campaign.start.chinese) 至 \(campaign.end.chinese)",
            status: status.label, resultsState: results.state.label,
            descriptionHTML: campaign.description.map { Markdown.render($0, unsafe: chrome.site.unsafeMarkdown) },
            phases: campaign.phases.map { .init(name: $0.name, dates: "\($0.start.chinese) 至 \($0.end.chinese)", current: $0.name == currentPhase) },
            hasPhases: !campaign.phases.isEmpty,
            totals: totals, top: results.rows.prefix(10).map { row($0, root: root) }, hasEntries: !results.rows.isEmpty,
            leaderboardURL: Routes.link(Routes.leaderboard(slug), from: root),
            rules: RuleText.rules(campaign).map { .init(text: $0) }, scoring: RuleText.scoring(results).map { .init(text: $0) },
            awards: RuleText.awards(campaign), officialResults: officialResults,
            downloads: links.downloads.map { .init(url: root + $0.path, label: $0.label, name: String($0.path.split(separator: "/").last!)) },
            latestWeek: latestWeek(root: root),
            relatedNotices: related, hasRelatedNotices: !related.isEmpty, rankings: rankings, hasRankings: !rankings.isEmpty)
    }

    /// A ranking of entries (`leaderboard.mustache`): the leaderboard, a group's list, the list by
    /// likes, a division's or an organization's entries.
    struct LeaderboardModel: PageModel {
        static let template = "leaderboard"
        var chrome: PageChrome.Model
        var columns: Columns
        var heading, caption: String
        var boardLinks, groupLinks: [ModelParts.Tab]
        var hasGroupLinks: Bool
        var rows: [Row]
        var pagination: Pagination?
        var officialResults: Bool
    }

    func leaderboard(path: String, title: String, heading: String, caption: String, rows: [Row], pagination: Pagination?,
                     boardLinks: [ModelParts.Tab] = [], groupLinks: [ModelParts.Tab] = [], current: String = "leaderboard") -> LeaderboardModel {
        LeaderboardModel(chrome: chrome.model(path: path, title: title, campaign: self, current: current), columns: columns,
                         heading: heading, caption: caption, boardLinks: boardLinks, groupLinks: groupLinks,
                         hasGroupLinks: !groupLinks.isEmpty, rows: rows, pagination: pagination, officialResults: officialResults)
    }

    /// The two boards' tabs: overall (composite) and by likes.
    func boardLinks(root: String, byLikes: Bool) -> [ModelParts.Tab] {
        [.init(label: "综合榜", url: Routes.link(Routes.leaderboard(slug), from: root), current: !byLikes),
         .init(label: "点赞榜", url: Routes.link(Routes.byLikes(slug), from: root), current: byLikes)]
    }

    func leaderboard(page: Int) -> LeaderboardModel {
        let path = Routes.leaderboard(slug, page: page)
        let root = Routes.root(of: path)
        let count = Routes.pageCount(results.rows.count)
        return leaderboard(
            path: path, title: "排行榜" + (page > 1 ? "（第 \(page) 页）" : ""), heading: "排行榜",
            caption: "\(campaign.title)排行榜，共 \(Format.integer(results.rows.count)) 件作品" + (count > 1 ? "，第 \(page) / \(count) 页" : ""),
            rows: results.rows[Routes.pageRange(page, of: results.rows.count)].map { row($0, root: root) },
            pagination: Pagination.make(current: page, count: count, root: root) { Routes.leaderboard(slug, page: $0) },
            boardLinks: boardLinks(root: root, byLikes: false))
    }

    /// One group's list (per-group awards): entries of that group with their rank inside it.
    func group(number: Int) -> LeaderboardModel {
        let groups = campaign.groups!
        let value = groups.values[number - 1]
        let path = Routes.group(slug, number)
        let root = Routes.root(of: path)
        let members = results.rows.filter { $0.entry.group == value }
        let ranks = Ranking.competitionRanks(count: members.count) { members[$0].rank == members[$0 - 1].rank }
        return leaderboard(
            path: path, title: "\(groups.label)：\(value)", heading: "\(groups.label)：\(value)",
            caption: "\(groups.label)“\(value)”共 \(Format.integer(members.count)) 件，名次为组内名次",
            rows: members.indices.map { row(members[$0], root: root, rank: ranks[$0]) }, pagination: nil,
            groupLinks: groups.values.enumerated().map {
                .init(label: $0.element, url: Routes.link(Routes.group(slug, $0.offset + 1), from: root), current: $0.offset + 1 == number)
            },
            current: "groups")
    }

    struct AreasModel: PageModel {
        static let template = "areas"
        struct Area: Codable, Sendable {
            var name: String
            var url: String?
            var entries, entriesRank, likes, likesRank, views, viewsRank: String
        }
        var chrome: PageChrome.Model
        var heading, label, caption: String
        var areas: [Area]
    }

    func areas(_ kind: String) -> AreasModel {
        let isDivision = kind == "divisions"
        let path = isDivision ? Routes.divisions(slug) : Routes.regions(slug)
        let label = isDivision ? "赛区" : "地区"
        let root = Routes.root(of: path)
        return AreasModel(
            chrome: chrome.model(path: path, title: "\(label)排名", campaign: self, current: kind),
            heading: "\(label)排名", label: label, caption: "各\(label)已发布作品数、点赞数、浏览量及各自名次",
            areas: (isDivision ? results.divisions : results.regions).map { area in
                .init(name: area.name, url: isDivision ? Routes.link(Routes.division(slug, area.name), from: root) : nil,
                      entries: Format.integer(area.entries), entriesRank: String(area.entriesRank),
                      likes: Format.integer(area.likes), likesRank: String(area.likesRank),
                      views: Format.integer(area.views), viewsRank: String(area.viewsRank))
            })
    }

    struct OrganizationsModel: PageModel {
        static let template = "organizations"
        struct Organization: Codable, Sendable {
            var rank, name, url, entries, likes: String
            var award: String?
        }
        var chrome: PageChrome.Model
        var heading, caption: String
        var organizations: [Organization]
        var pagination: Pagination?
        var showsAwards: Bool
    }

    func organizations(page: Int) -> OrganizationsModel {
        let path = Routes.organizations(slug, page: page)
        let root = Routes.root(of: path)
        let count = Routes.pageCount(results.organizations.count)
        return OrganizationsModel(
            chrome: chrome.model(path: path, title: "组织排名", campaign: self, current: "organizations"),
            heading: "组织排名",
            caption: "按参与作品数、再按点赞总数排名，共 \(Format.integer(results.organizations.count)) 个组织" + (count > 1 ? "，第 \(page) / \(count) 页" : ""),
            organizations: results.organizations[Routes.pageRange(page, of: results.organizations.count)].map {
                .init(rank: String($0.rank), name: $0.name, url: Routes.link(Routes.organization(slug, $0.name), from: root),
                      entries: Format.integer($0.entries), likes: Format.integer($0.likes), award: awardLabel($0.award))
            },
            pagination: Pagination.make(current: page, count: count, root: root) { Routes.organizations(slug, page: $0) },
            showsAwards: results.state.publishesAwards)
    }
}
