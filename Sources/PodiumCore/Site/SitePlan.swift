/// Every file of the built site, named before any is rendered: pages (a template and a context
/// made on demand) and plain files (downloads, style sheets).
import Foundation

struct SitePlan {
    enum Output {
        case page(template: String, make: @Sendable () -> PageContext)
        case text(@Sendable () -> String)
        /// A file copied as it is (notice attachments).
        case copy(URL)
    }

    struct File {
        var path: String
        var output: Output
        /// The fingerprint of every input the file may depend on (see `InputDigest`): when the
        /// previous build wrote this path with the same key, its file is kept without rendering.
        var key: Fingerprint
    }

    private(set) var files: [File] = []
    /// Every path of the plan (for the link check and to drop files kept early that it does not make).
    private(set) var paths: Set<String> = []
    /// The key given to the files added next.
    private var key = Fingerprint(high: 0, low: 0)

    mutating func page(_ path: String, _ template: String, _ make: @escaping @Sendable () -> PageContext) {
        files.append(File(path: path, output: .page(template: template, make: make), key: key))
    }

    mutating func text(_ path: String, _ make: @escaping @Sendable () -> String) {
        files.append(File(path: path, output: .text(make), key: key))
    }

    mutating func copy(_ path: String, from source: URL) {
        files.append(File(path: path, output: .copy(source), key: key))
    }

    /// The pages and downloads of a site (contract §9 and the foundation issue's page list).
    static func make(site: SiteConfig, asOf: CalendarDate, campaigns: [CampaignResults], notices: [Notice],
                     noticesFolder: URL, campaignsFolder: URL, theme: Theme, keys: PageKeys) -> SitePlan {
        var plan = SitePlan()
        // Families of files by what they read (PageKeys): pages summarizing the whole site read
        // everything and the day the site describes; notice pages read notices and campaign titles;
        // a campaign's pages read its own files and whether it has weeks; week i reads weeks 0…i.
        let everything = keys.everything(asOf: asOf)
        plan.key = everything
        let assetNames = Dictionary(uniqueKeysWithValues: theme.assets.map { ($0.key, Routes.asset($0.key, bytes: $0.value.text)) })
        let chrome = PageChrome(site: site, asOf: asOf, hasNotices: !notices.isEmpty, stylesheet: assetNames["style.css"] ?? "style.css")
        let noticePages = NoticePages(chrome: chrome, notices: notices,
                                      campaignTitles: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.campaign.slug, $0.campaign.title) }))
        plan.page(Routes.notFound, "notfound") { NotFoundPage(chrome: chrome).context() }
        plan.page(Routes.search, "search") { SearchPage(chrome: chrome).context() }
        // The search index reads entries and notices, not weeks.
        plan.key = keys.search
        plan.text(Routes.searchIndex) { SearchIndex.json(SearchIndex.records(campaigns: campaigns, notices: notices)) }
        plan.key = everything
        plan.page(Routes.home, "home") { HomePage(chrome: chrome, campaigns: campaigns, notices: noticePages).context() }
        if !notices.isEmpty {
            plan.key = keys.notices
            plan.page(Routes.notices, "notices") { noticePages.archive().context }
            plan.text(Routes.feed) { NoticeFeed.xml(site: site, notices: notices) }
            var copied: Set<String> = []
            for notice in notices {
                plan.page(Routes.notice(notice.slug), "notice") { noticePages.page(notice).context }
                for a in notice.attachments where copied.insert(a.file).inserted {
                    plan.copy(Routes.attachment(a.file), from: noticesFolder.appendingPathComponent(a.file))
                }
            }
        }
        plan.key = keys.theme
        for (name, source) in theme.assets.sorted(by: { $0.key < $1.key }) {
            plan.text(assetNames[name]!) { source.text }
        }
        for results in campaigns {
            let pages = CampaignPages(chrome: chrome, results: results, notices: noticePages)
            let slug = results.campaign.slug
            let campaignKey = keys.campaign(slug)
            plan.key = everything
            plan.page(Routes.campaign(slug), "campaign") { pages.overview(path: Routes.campaign(slug)) }
            plan.key = campaignKey
            for n in 1...Routes.pageCount(results.rows.count) {
                plan.page(Routes.leaderboard(slug, page: n), "leaderboard") { pages.leaderboard(page: n).context }
            }
            for i in results.rows.indices {   // an index, not a copy of the row, is kept until the page is made
                plan.page(Routes.entry(slug, results.rows[i].entry.id), "entry") { pages.entry(pages.results.rows[i]).context }
            }
            if let groups = results.campaign.groups, results.campaign.hasPerGroupAwards {
                for n in 1...groups.values.count {
                    plan.page(Routes.group(slug, n), "leaderboard") { pages.group(number: n).context }
                }
            }
            if !results.weeks.isEmpty {
                plan.key = everything
                plan.page(Routes.weeks(slug), "weeks") { pages.weeksIndex().context }
                for (i, table) in results.weeks.enumerated() {
                    plan.key = keys.weekPage(slug, i, next: i + 1 < results.weeks.count ? results.weeks[i + 1].date : nil)
                    plan.page(Routes.week(slug, table.date), "week") { pages.week(i).context }
                    plan.key = keys.weekDownload(slug, i)
                    plan.text(Routes.weekDownload(slug, table.date)) { Downloads.weekJSON(table, results.campaign.entries) }
                }
                plan.key = campaignKey
            }
            let winners = pages.winners
            if !winners.isEmpty {
                plan.page(Routes.gallery(slug), "gallery") { pages.gallery().context }
                plan.key = everything
                plan.page(Routes.announcement(slug), "announcement") { pages.announcement().context }
                plan.key = campaignKey
                plan.page(Routes.verify(slug), "verify") { pages.verify().context }
                plan.text(Routes.download(slug, "certificates.json")) { pages.verificationIndex() }
                for s in winners.sections { for row in s.rows { plan.page(Routes.certificate(slug, "e-" + row.entry.id), "certificate") { pages.certificate(row: row).context } } }
                for o in winners.organizations { plan.page(Routes.certificate(slug, "o-" + Routes.key(o.name)), "certificate") { pages.certificate(organization: o).context } }
                plan.text(Routes.download(slug, "winners.json")) { Downloads.winnersJSON(winners) }
                plan.text(Routes.download(slug, "winners.csv")) { Downloads.winnersCSV(winners) }
            }
            var copiedCovers: Set<String> = []
            for row in results.rows {
                if let c = row.entry.cover, !EntriesDecoder.isWebURL(c), copiedCovers.insert(c).inserted {
                    plan.copy(Routes.media(slug, c), from: campaignsFolder.appendingPathComponent(slug).appendingPathComponent(c))
                }
            }
            for n in 1...Routes.pageCount(results.rows.count) {
                plan.page(Routes.byLikes(slug, page: n), "leaderboard") { pages.byLikes(page: n).context }
            }
            let members = pages.members
            for (name, rows) in members.divisions {
                for n in 1...Routes.pageCount(rows.count) {
                    plan.page(Routes.division(slug, name, page: n), "leaderboard") { pages.memberList(division: name, rows: rows, page: n).context }
                }
            }
            for (name, rows) in members.organizations {
                for n in 1...Routes.pageCount(rows.count) {
                    plan.page(Routes.organization(slug, name, page: n), "leaderboard") { pages.memberList(organization: name, rows: rows, page: n).context }
                }
            }
            if pages.publishesAudit {
                for n in 1...Routes.pageCount(results.rows.count) {
                    plan.page(Routes.audit(slug, page: n), "audit") { pages.audit(page: n).context }
                }
            }
            if results.hasDivisions {
                plan.page(Routes.divisions(slug), "areas") { pages.areas("divisions").context }
                plan.text(Routes.download(slug, "divisions.json")) { Downloads.divisionsJSON(results) }
            }
            if !results.regions.isEmpty {
                plan.page(Routes.regions(slug), "areas") { pages.areas("regions").context }
            }
            if !results.organizations.isEmpty {
                for n in 1...Routes.pageCount(results.organizations.count) {
                    plan.page(Routes.organizations(slug, page: n), "organizations") { pages.organizations(page: n).context }
                }
            }
            plan.text(Routes.download(slug, "leaderboard.json")) { Downloads.leaderboardJSON(results) }
            plan.text(Routes.download(slug, "leaderboard.csv")) { Downloads.leaderboardCSV(results) }
            plan.text(Routes.download(slug, "organizations.json")) { Downloads.organizationsJSON(results) }
        }
        // Every page but the 404, with absolute addresses (index pages by their folder).
        let pages = plan.files.filter { $0.path.hasSuffix(".html") && $0.path != Routes.notFound }.map(\.path)
        plan.key = everything
        plan.text("sitemap.xml") { Sitemap.xml(baseURL: site.baseURL, pages: pages) }
        plan.text("robots.txt") { "User-agent: *\nAllow: /\nSitemap: \(site.baseURL)sitemap.xml\n" }
        plan.paths = Set(plan.files.map(\.path))
        if plan.paths.count < plan.files.count { plan.collisions = collisions(plan.files, site: campaignsFolder.deletingLastPathComponent().deletingLastPathComponent()) }
        return plan
    }

    /// Two files of the plan with one output path: a copied cover or attachment named like a
    /// generated page or download would silently replace it (or be dropped). Each is an error naming both.
    private(set) var collisions: [Diagnostic] = []

    private static func collisions(_ files: [File], site: URL) -> [Diagnostic] {
        func origin(_ f: File) -> String {
            switch f.output {
            case .page(let template, _): "the \(template) page"
            case .text: "a generated file"
            case .copy(let url): String(url.standardizedFileURL.path.dropFirst(site.standardizedFileURL.path.count + 1))
            }
        }
        var first: [String: File] = [:], problems: [Diagnostic] = []
        for f in files {
            if let earlier = first[f.path] {
                let (copy, other) = if case .copy = f.output { (f, earlier) } else { (earlier, f) }
                problems.append(Diagnostic(.error, path: origin(copy),
                                           message: "would be published as public/\(f.path), where \(origin(other)) goes: rename the file"))
            } else {
                first[f.path] = f
            }
        }
        return problems
    }
}
