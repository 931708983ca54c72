/// What every page shares: the site's name, navigation and footer, and the relative root.
struct PageChrome {
    let site: SiteConfig
    let asOf: CalendarDate
    var hasNotices = false
    /// The published (fingerprinted) name of the style sheet.
    var stylesheet = "style.css"

    /// `dated`: the page shows the day the site describes in its footer. Only pages whose content
    /// follows that day are dated (home, a campaign's overview, the weeks index), so adding a
    /// weekly snapshot, which moves the day, leaves every other page's bytes as they were.
    /// Every page of a campaign says what its figures are (contract §12). Only dated pages name the
    /// day (the others keep their bytes when a weekly snapshot moves it; their footer does not date them either).
    func resultsNotice(_ state: ResultsState, dated: Bool) -> Any {
        switch state {
        case .live: dated ? "活动进行中，排名为截至\(asOf.chinese)的实时数据，不代表最终评选结果" : "活动进行中，排名为实时数据，不代表最终评选结果"
        case .announced: "评选结果公示中：所示奖项为拟表彰，以公示期满后公布的结果为准"
        case .final: false
        }
    }

    func values(path: String, title: String, campaign: CampaignPages? = nil, current: String = "", dated: Bool = false) -> [String: Any] {
        let root = Routes.root(of: path)
        var nav: Any = false
        if let campaign {
            let links = campaign.links.navigation.map {
                ["label": $0.label, "url": Routes.link($0.path, from: root), "current": $0.family == current] as [String: Any]
            }
            nav = ["campaignTitle": campaign.campaign.title, "campaignURL": Routes.link(Routes.campaign(campaign.slug), from: root),
                   "links": links, "resultsNotice": resultsNotice(campaign.results.state, dated: dated)] as [String: Any]
        }
        return [
            "lang": site.language,
            "siteTitle": site.title,
            "pageTitle": title,
            "root": root,
            "homeURL": Routes.link(Routes.home, from: root),
            "stylesheet": root + stylesheet,
            "publisher": site.publisher ?? false,
            "asOf": dated ? asOf.chinese : false,
            "campaignNav": nav,
            "noticesURL": hasNotices ? Routes.link(Routes.notices, from: root) : false,
            "noticesCurrent": current == "notices",
            "searchURL": Routes.link(Routes.search, from: root),
            "searchCurrent": current == "search",
        ]
    }
}
