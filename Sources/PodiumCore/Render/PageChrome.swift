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
    func resultsNotice(_ state: ResultsState, dated: Bool) -> String? {
        switch state {
        case .live: dated ? "活动进行中，排名为截至\(asOf.chinese)的实时数据，不代表最终评选结果" : "活动进行中，排名为实时数据，不代表最终评选结果"
        case .announced: "评选结果公示中：所示奖项为拟表彰，以公示期满后公布的结果为准"
        case .final: nil
        }
    }

    /// The keys every page's layout (`base.mustache`) reads, beside the page's own: the page's
    /// title and address, and what it shares with the pages of its folder, campaign and tab.
    struct Model: InlineKeys {
        /// The page, then its campaign, then the site: tabs in a phone's browser are told apart.
        var pageTitle: String
        /// For search engines and link previews (WeChat reads Open Graph): an absolute address.
        var shareURL: String
        var shared: SharedChrome
    }

    func model(path: String, title: String, campaign: CampaignPages? = nil, current: String = "", dated: Bool = false) -> Model {
        let root = Routes.root(of: path)
        var titles = [title]
        if let c = campaign?.campaign.title, c != title { titles.append(c) }
        if site.title != title { titles.append(site.title) }
        // A campaign's pages share theirs (most pages are a campaign's); the site's own few make their own.
        let shared = campaign.map { c in c.sharedChrome.value(root: root, current: current, dated: dated) { makeShared(root: root, campaign: c, current: current, dated: dated) } }
        return Model(
            pageTitle: titles.joined(separator: " · "),
            shareURL: path == Routes.home ? site.baseURL : site.baseURL + Routes.link(path, from: ""),
            shared: shared ?? makeShared(root: root, campaign: nil, current: current, dated: dated))
    }

    private func makeShared(root: String, campaign: CampaignPages?, current: String, dated: Bool) -> SharedChrome {
        let nav = campaign.map { campaign in
            SharedChrome.Values.CampaignNav(
                campaignTitle: campaign.campaign.title, campaignURL: Routes.link(Routes.campaign(campaign.slug), from: root),
                links: campaign.links.navigation.map { .init(label: $0.label, url: Routes.link($0.path, from: root), current: $0.family == current) },
                resultsNotice: resultsNotice(campaign.results.state, dated: dated))
        }
        let description = campaign.map { c in
            [c.campaign.title, "\(c.campaign.organizer)主办", c.results.state == .final ? "评选结果" : "排名与进展"].joined(separator: " · ")
        } ?? site.description ?? site.title
        return SharedChrome(SharedChrome.Values(
            lang: site.language, siteTitle: site.title, description: description,
            shareImage: site.baseURL + Routes.link(campaign.map { Routes.card($0.slug) } ?? Routes.touchIcon, from: ""),
            iconURL: root + Routes.icon, touchIconURL: root + Routes.touchIcon, root: root,
            homeURL: Routes.link(Routes.home, from: root), stylesheet: root + stylesheet, publisher: site.publisher,
            asOf: dated ? asOf.chinese : nil, campaignNav: nav,
            noticesURL: hasNotices ? Routes.link(Routes.notices, from: root) : nil, noticesCurrent: current == "notices",
            searchURL: Routes.link(Routes.search, from: root), searchCurrent: current == "search"))
    }
}
