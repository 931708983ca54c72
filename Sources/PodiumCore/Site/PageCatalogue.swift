/// Every page family and download of the site, declared once: its files (each route with what
/// makes it: a page model, which names its template), what its rebuild key reads, its label in the campaign's navigation and
/// in the overview's lists, and when it exists. `SitePlan` (files and keys), the navigation, the
/// overview's and gallery's lists and the sitemap are all derived from this list, in its order.
/// Adding a family is one entry here, one template and one page model.
enum PageCatalogue {
    // MARK: The whole site

    static let site: [SiteFamily] = [
        SiteFamily(name: "home") { s in
            [.page(Routes.home) { HomePage(chrome: s.chrome, campaigns: s.campaigns, notices: s.notices).model() }]
        },
        SiteFamily(name: "notfound") { s in
            [.page(Routes.notFound) { NotFoundPage(chrome: s.chrome).model() }]
        },
        SiteFamily(name: "search") { s in
            [.page(Routes.search) { SearchPage(chrome: s.chrome).model() }]
        },
        SiteFamily(name: "search index", inputs: .search) { s in
            SearchIndex.files(count: SearchIndex.count(campaigns: s.campaigns, notices: s.notices.notices)) {
                SearchIndex.records(campaigns: s.campaigns, notices: s.notices.notices)
            }.map { file in .bytes(file.path, file.bytes) }
        },
        SiteFamily(name: "notices", inputs: .notices, exists: \.hasNotices) { s in
            [.page(Routes.notices) { s.notices.archive() }]
        },
        SiteFamily(name: "feed", inputs: .notices, exists: \.hasNotices) { s in
            [.text(Routes.feed) { NoticeFeed.xml(site: s.chrome.site, notices: s.notices.notices) }]
        },
        SiteFamily(name: "notice", inputs: .notices) { s in
            s.notices.notices.map { n in .page(Routes.notice(n.slug)) { s.notices.page(n) } }
        },
        SiteFamily(name: "attachments", inputs: .notices) { s in
            var copied: Set<String> = []
            return s.notices.notices.flatMap { $0.attachments.map(\.file) + $0.linkedFiles }.compactMap {
                copied.insert($0).inserted ? .copy(Routes.attachment($0), from: "notices/" + $0) : nil
            }
        },
        SiteFamily(name: "theme assets", inputs: .theme) { s in
            s.assets.map { asset in .text(asset.path) { asset.text } }
        },
        SiteFamily(name: "icons", inputs: .theme) { _ in
            [.bytes(Routes.icon) { ShareImages.icon(size: 32) }, .bytes(Routes.touchIcon) { ShareImages.icon(size: 180) }]
        },
        .eachCampaign,
        // Every page but the 404, with absolute addresses (index pages by their folder).
        SiteFamily(name: "sitemap") { s in
            let pages = s.pagesSoFar.filter { $0 != Routes.notFound }
            return [.bytes("sitemap.xml") { Sitemap.xml(baseURL: s.chrome.site.baseURL, pages: pages) }]
        },
        SiteFamily(name: "robots") { s in
            [.text("robots.txt") { "User-agent: *\nAllow: /\nSitemap: \(s.chrome.site.baseURL)sitemap.xml\n" }]
        },
    ]

    // MARK: Each campaign

    /// Which award pages exist in each results state (contract §12), decided here alone: none while
    /// the results are live; the proposed awards (gallery, 公示, lists) once announced; certificates
    /// and their verification once final.
    static let showsAwards: @Sendable (CampaignResults) -> Bool = { $0.hasAwards && $0.state.publishesAwards }
    static let certifies: @Sendable (CampaignResults) -> Bool = { $0.hasAwards && $0.state.issuesCertificates }

    static let campaign: [CampaignFamily] = [
        CampaignFamily(name: "card") { p in
            [.bytes(Routes.card(p.slug)) { ShareImages.card(top: p.results.rows.prefix(3).map { Double($0.score.composite.hundredths) }) }]
        },
        CampaignFamily(name: "overview", inputs: .everything, label: "概览", lists: [.navigation]) { p in
            [.page(Routes.campaign(p.slug)) { p.overview() }]
        },
        CampaignFamily(name: "leaderboard", label: "排行榜", lists: [.navigation]) { p in
            (1...Routes.pageCount(p.results.rows.count)).map { n in .page(Routes.leaderboard(p.slug, page: n)) { p.leaderboard(page: n) } }
        },
        CampaignFamily(name: "entries") { p in
            // An index, not a copy of the row, is kept until the page is made.
            p.results.rows.indices.map { i in .page(Routes.entry(p.slug, p.results.rows[i].entry.id)) { p.entry(p.results.rows[i]) } }
        },
        CampaignFamily(name: "groups", label: { "按" + ($0.groups?.label ?? "") }, lists: [.navigation, .rankings],
                       exists: { $0.campaign.groups != nil && $0.campaign.hasPerGroupAwards }) { p in
            let groups = p.campaign.groups!
            return groups.values.indices.map { i in
                .page(Routes.group(p.slug, i + 1), label: "\(groups.label)：\(groups.values[i])") { p.group(number: i + 1) }
            }
        },
        CampaignFamily(name: "winners", label: "获奖名单", lists: [.navigation], exists: showsAwards) { p in
            [.page(Routes.gallery(p.slug)) { p.gallery() }]
        },
        CampaignFamily(name: "announcement", inputs: .everything, exists: showsAwards) { p in
            [.page(Routes.announcement(p.slug)) { p.announcement() }]
        },
        CampaignFamily(name: "verify", exists: certifies) { p in
            [.page(Routes.verify(p.slug)) { p.verify() }]
        },
        CampaignFamily(name: "certificates.json", exists: certifies) { p in
            [.text(Routes.download(p.slug, "certificates.json")) { p.verificationIndex() }]
        },
        CampaignFamily(name: "certificates", exists: certifies) { p in
            p.winners.sections.flatMap { s in
                s.rows.map { row in .page(Routes.certificate(p.slug, "e-" + row.entry.id)) { p.certificate(row: row) } }
            } + p.winners.organizations.map { o in
                .page(Routes.certificate(p.slug, "o-" + Routes.key(o.name))) { p.certificate(organization: o) }
            }
        },
        CampaignFamily(name: "winners.csv", label: "获奖名单（CSV）", lists: [.winnerDownloads], exists: showsAwards) { p in
            [.text(Routes.download(p.slug, "winners.csv")) { Downloads.winnersCSV(p.winners) }]
        },
        CampaignFamily(name: "winners.json", label: "获奖名单（JSON）", lists: [.winnerDownloads], exists: showsAwards) { p in
            [.text(Routes.download(p.slug, "winners.json")) { Downloads.winnersJSON(p.winners) }]
        },
        CampaignFamily(name: "weeks", inputs: .everything, label: "每周进展", lists: [.navigation],
                       exists: { !$0.weeks.isEmpty }) { p in
            [.page(Routes.weeks(p.slug)) { p.weeksIndex() }]
        },
        CampaignFamily(name: "week", inputs: .weekPage, exists: { !$0.weeks.isEmpty }) { p in
            p.results.weeks.indices.map { i in .page(Routes.week(p.slug, p.results.weeks[i].date), week: i) { p.week(i) } }
        },
        CampaignFamily(name: "week.json", inputs: .weekDownload, exists: { !$0.weeks.isEmpty }) { p in
            p.results.weeks.indices.map { i in
                .bytes(Routes.weekDownload(p.slug, p.results.weeks[i].date), week: i) { Downloads.weekJSON(p.results.weeks[i], p.campaign.entries) }
            }
        },
        CampaignFamily(name: "covers") { p in
            var copied: Set<String> = []
            return p.results.rows.indices.compactMap { i in
                guard let c = p.results.rows[i].entry.cover, !EntriesDecoder.isWebURL(c), copied.insert(c).inserted else { return nil }
                return .copy(Routes.media(p.slug, c), from: "campaigns/\(p.slug)/\(c)")
            }
        },
        CampaignFamily(name: "likes") { p in
            (1...Routes.pageCount(p.results.rows.count)).map { n in .page(Routes.byLikes(p.slug, page: n)) { p.byLikes(page: n) } }
        },
        CampaignFamily(name: "division lists") { p in
            p.members.divisions.flatMap { name, rows in
                (1...Routes.pageCount(rows.count)).map { n in
                    .page(Routes.division(p.slug, name, page: n)) { p.memberList(division: name, rows: rows, page: n) }
                }
            }
        },
        CampaignFamily(name: "organization lists") { p in
            p.members.organizations.flatMap { name, rows in
                (1...Routes.pageCount(rows.count)).map { n in
                    .page(Routes.organization(p.slug, name, page: n)) { p.memberList(organization: name, rows: rows, page: n) }
                }
            }
        },
        CampaignFamily(name: "audit", label: "点赞核验", lists: [.navigation],
                       exists: { $0.campaign.publishAudit && $0.votes != nil }) { p in
            (1...Routes.pageCount(p.results.rows.count)).map { n in .page(Routes.audit(p.slug, page: n)) { p.audit(page: n) } }
        },
        CampaignFamily(name: "divisions", label: "赛区排名", lists: [.navigation, .rankings], exists: \.hasDivisions) { p in
            [.page(Routes.divisions(p.slug)) { p.areas("divisions") }]
        },
        CampaignFamily(name: "regions", label: "地区排名", lists: [.navigation, .rankings],
                       exists: { !$0.regions.isEmpty }) { p in
            [.page(Routes.regions(p.slug)) { p.areas("regions") }]
        },
        CampaignFamily(name: "organizations", label: "组织排名", lists: [.navigation, .rankings],
                       exists: { !$0.organizations.isEmpty }) { p in
            (1...Routes.pageCount(p.results.organizations.count)).map { n in
                .page(Routes.organizations(p.slug, page: n)) { p.organizations(page: n) }
            }
        },
        CampaignFamily(name: "status.json", inputs: .everything) { p in
            [.text(Routes.download(p.slug, "status.json")) { Downloads.statusJSON(p.results, asOf: p.chrome.asOf) }]
        },
        CampaignFamily(name: "leaderboard.csv", label: "排行榜（CSV，可用 Excel 打开）", lists: [.downloads]) { p in
            [.bytes(Routes.download(p.slug, "leaderboard.csv")) { Downloads.leaderboardCSV(p.results) }]
        },
        CampaignFamily(name: "leaderboard.json", label: "排行榜（JSON）", lists: [.downloads]) { p in
            [.bytes(Routes.download(p.slug, "leaderboard.json")) { Downloads.leaderboardJSON(p.results) }]
        },
        CampaignFamily(name: "organizations.json", label: "组织排名（JSON）", lists: [.downloads]) { p in
            [.text(Routes.download(p.slug, "organizations.json")) { Downloads.organizationsJSON(p.results) }]
        },
        CampaignFamily(name: "divisions.json", label: "赛区排名（JSON）", lists: [.downloads], exists: \.hasDivisions) { p in
            [.text(Routes.download(p.slug, "divisions.json")) { Downloads.divisionsJSON(p.results) }]
        },
    ]

    /// A campaign's links, in catalogue order: each existing family in a list links its first file
    /// under the family's label, or each of its files under their own labels (a group's page).
    static func links(_ pages: CampaignPages) -> CampaignLinks {
        var links = CampaignLinks()
        for family in campaign where !family.lists.isEmpty && family.exists(pages.results) {
            let files = family.files(pages)
            let label = family.label(pages.campaign)
            for list in family.lists.sorted() {
                if list == .navigation {
                    if let first = files.first { links.navigation.append(.init(family: family.name, label: label, path: first.path)) }
                } else {
                    // A family whose files have labels of their own (groups) lists each; others, their first page.
                    let listed = files.contains { $0.label != nil } ? files[...] : files.prefix(1)
                    let items = listed.map { CampaignLinks.Link(family: family.name, label: $0.label ?? label, path: $0.path) }
                    switch list {
                    case .rankings: links.rankings += items
                    case .downloads: links.downloads += items
                    case .winnerDownloads: links.winnerDownloads += items
                    case .navigation: break
                    }
                }
            }
        }
        return links
    }
}
