/// The home page: the site's campaigns.
struct HomePage {
    let chrome: PageChrome
    let campaigns: [CampaignResults]
    let notices: NoticePages

    func context() -> PageContext {
        let path = Routes.home
        var v = chrome.values(path: path, title: chrome.site.title, dated: true)
        v["descriptionHTML"] = chrome.site.description.map { Markdown.render($0, unsafe: chrome.site.unsafeMarkdown) } ?? false
        // Newest campaign first: the one people come for.
        let newestFirst = campaigns.sorted { $0.campaign.start != $1.campaign.start ? $0.campaign.start > $1.campaign.start : $0.campaign.slug < $1.campaign.slug }
        v["campaigns"] = newestFirst.map { r -> [String: Any] in
            let c = r.campaign
            return [
                "title": c.title, "organizer": c.organizer,
                "dates": "\(c.start.chinese) 至 \(c.end.chinese)",
                "status": CampaignTimeline.status(of: c, on: chrome.asOf).label,
                "resultsState": r.state.label,
                "entries": Format.integer(r.rows.count),
                "likes": Format.integer(r.rows.reduce(0) { $0 + $1.entry.likes }),
                "url": Routes.link(Routes.campaign(c.slug), from: ""),
                "leaderboardURL": Routes.link(Routes.leaderboard(c.slug), from: ""),
                "latestWeek": CampaignPages.latestWeek(r, asOf: chrome.asOf, root: ""),
            ]
        }
        v["hasCampaigns"] = !campaigns.isEmpty
        v["latestNotices"] = NoticePages.ordered(notices.notices).prefix(5).map { notices.item($0, root: "") }
        v["hasNotices"] = !notices.notices.isEmpty
        return PageContext(v)
    }
}

/// `404.html`: what a static host shows for an unknown address (links from the site root).
struct NotFoundPage {
    let chrome: PageChrome

    func context() -> PageContext {
        var v = chrome.values(path: Routes.notFound, title: "页面不存在")
        // A 404 page is served at any depth: its links are absolute, from baseURL.
        v["homeURL"] = chrome.site.baseURL
        v["stylesheet"] = chrome.site.baseURL + chrome.stylesheet
        v["noticesURL"] = chrome.hasNotices ? chrome.site.baseURL + Routes.link(Routes.notices, from: "") : false
        v["searchURL"] = chrome.site.baseURL + Routes.search
        return PageContext(v)
    }
}

/// `search.html`: the page whose script reads `search.json` (see `SearchIndex`).
struct SearchPage {
    let chrome: PageChrome

    func context() -> PageContext {
        var v = chrome.values(path: Routes.search, title: "搜索", current: "search")
        v["indexURL"] = Routes.searchIndex
        return PageContext(v)
    }
}
