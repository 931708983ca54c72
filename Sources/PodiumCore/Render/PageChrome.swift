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
    func values(path: String, title: String, campaign: CampaignPages? = nil, current: String = "", dated: Bool = false) -> [String: Any] {
        let root = Routes.root(of: path)
        var nav: Any = false
        if let campaign {
            let links = campaign.links.navigation.map {
                ["label": $0.label, "url": Routes.link($0.path, from: root), "current": $0.family == current] as [String: Any]
            }
            nav = ["campaignTitle": campaign.campaign.title, "campaignURL": Routes.link(Routes.campaign(campaign.slug), from: root),
                   "links": links] as [String: Any]
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
