/// The home page: the site's campaigns.
struct HomePage {
    struct Model: PageModel {
        static let template = "home"
        struct Campaign: Codable, Sendable {
            var title, organizer, dates, status, resultsState, entries, likes, url, leaderboardURL: String
            var latestWeek: CampaignPages.WeekLink?
        }
        var chrome: PageChrome.Model
        var descriptionHTML: HTMLFragment?
        var campaigns: [Campaign]
        var hasCampaigns: Bool
        var latestNotices: [NoticePages.Item]
        var hasNotices: Bool
    }

    let chrome: PageChrome
    let campaigns: [CampaignResults]
    let notices: NoticePages

    func model() -> Model {
        // Newest campaign first: the one people come for.
        let newestFirst = campaigns.sorted { $0.campaign.start != $1.campaign.start ? $0.campaign.start > $1.campaign.start : $0.campaign.slug < $1.campaign.slug }
        return Model(
            chrome: chrome.model(path: Routes.home, title: chrome.site.title, dated: true),
            descriptionHTML: chrome.site.description.map { Markdown.render($0, unsafe: chrome.site.unsafeMarkdown) },
            campaigns: newestFirst.map { r in
                let c = r.campaign
                return Model.Campaign(
                    title: c.title, organizer: c.organizer, dates: "\(c.start.chinese) 至 \(c.end.chinese)",
                    status: CampaignTimeline.status(of: c, on: chrome.asOf).label, resultsState: r.state.label,
                    entries: Format.integer(r.rows.count), likes: Format.integer(r.rows.reduce(0) { $0 + $1.entry.likes }),
                    url: Routes.link(Routes.campaign(c.slug), from: ""), leaderboardURL: Routes.link(Routes.leaderboard(c.slug), from: ""),
                    latestWeek: CampaignPages.latestWeek(r, asOf: chrome.asOf, root: ""))
            },
            hasCampaigns: !campaigns.isEmpty,
            latestNotices: NoticePages.ordered(notices.notices).prefix(5).map { notices.item($0, root: "") },
            hasNotices: !notices.notices.isEmpty)
    }
}

/// `404.html`: what a static host shows for an unknown address (links from the site root).
struct NotFoundPage {
    struct Model: PageModel {
        static let template = "notfound"
        var chrome: PageChrome.Model
    }

    let chrome: PageChrome

    func model() -> Model {
        var c = chrome.model(path: Routes.notFound, title: "页面不存在")
        // A 404 page is served at any depth: its addresses start at the path baseURL puts the site
        // under (`/podium/…`), so they resolve on the site's host and under `podium serve` alike.
        let base = chrome.site.basePath
        var v = c.shared.values
        v.homeURL = base
        v.stylesheet = base + chrome.stylesheet
        v.noticesURL = chrome.hasNotices ? base + Routes.link(Routes.notices, from: "") : nil
        v.searchURL = base + Routes.search
        v.iconURL = base + Routes.icon
        v.touchIconURL = base + Routes.touchIcon
        c.shared = SharedChrome(v)
        return Model(chrome: c)
    }
}

/// `search.html`: the page whose script reads `search.json` (see `SearchIndex`).
struct SearchPage {
    struct Model: PageModel {
        static let template = "search"
        var chrome: PageChrome.Model
        var indexURL: String
    }

    let chrome: PageChrome

    func model() -> Model {
        Model(chrome: chrome.model(path: Routes.search, title: "搜索", current: "search"), indexURL: Routes.searchIndex)
    }
}
