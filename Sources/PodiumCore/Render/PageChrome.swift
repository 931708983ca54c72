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
    func values(path: String, title: String, campaign: CampaignResults? = nil, current: String = "", dated: Bool = false) -> [String: Any] {
        let root = Routes.root(of: path)
        var nav: Any = false
        if let campaign {
            let c = campaign.campaign
            var links: [[String: Any]] = [
                ["label": "概览", "url": Routes.link(Routes.campaign(c.slug), from: root), "current": current == "overview"],
                ["label": "排行榜", "url": Routes.link(Routes.leaderboard(c.slug), from: root), "current": current == "leaderboard"],
            ]
            if let groups = c.groups, c.hasPerGroupAwards {
                links.append(["label": "按\(groups.label)", "url": Routes.link(Routes.group(c.slug, 1), from: root), "current": current == "groups"])
            }
            if campaign.hasAwards {
                links.append(["label": "获奖名单", "url": Routes.link(Routes.gallery(c.slug), from: root), "current": current == "winners"])
            }
            if !campaign.weeks.isEmpty {
                links.append(["label": "每周进展", "url": Routes.link(Routes.weeks(c.slug), from: root), "current": current == "weeks"])
            }
            if c.publishAudit && campaign.votes != nil {
                links.append(["label": "点赞核验", "url": Routes.link(Routes.audit(c.slug), from: root), "current": current == "audit"])
            }
            if campaign.hasDivisions {
                links.append(["label": "赛区排名", "url": Routes.link(Routes.divisions(c.slug), from: root), "current": current == "divisions"])
            }
            if !campaign.regions.isEmpty {
                links.append(["label": "地区排名", "url": Routes.link(Routes.regions(c.slug), from: root), "current": current == "regions"])
            }
            if !campaign.organizations.isEmpty {
                links.append(["label": "组织排名", "url": Routes.link(Routes.organizations(c.slug), from: root), "current": current == "organizations"])
            }
            nav = ["campaignTitle": c.title, "campaignURL": Routes.link(Routes.campaign(c.slug), from: root), "links": links] as [String: Any]
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
