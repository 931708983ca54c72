import Foundation

/// The notices archive (contract §8): a page per notice in the official order, the archive by
/// year (newest first) and by issuer, related notices per campaign.
struct NoticePages {
    let chrome: PageChrome
    let notices: [Notice]
    let campaignTitles: [String: String]

    /// Newest first; the same day by document number (issuer code, year, number), then slug.
    static func ordered(_ notices: [Notice]) -> [Notice] {
        notices.sorted { a, b in
            if a.date != b.date { return a.date > b.date }
            switch (a.docNumber, b.docNumber) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.slug < b.slug
            }
        }
    }

    /// A notice in a list (archive, home, a campaign's overview).
    struct Item: Codable, Sendable {
        var title, url: String
        var docNumber, issuer: String?
        var date: String
        /// What the archive's filter matches: title, issuer and the document number's forms.
        var search: String
    }

    func item(_ n: Notice, root: String) -> Item {
        Item(title: n.title, url: Routes.link(Routes.notice(n.slug), from: root), docNumber: n.displayNumber, issuer: n.issuer,
             date: n.date.chinese,
             search: ([n.title, n.issuer ?? "", n.displayNumber ?? ""] + (n.docNumber?.searchTerms ?? [])).joined(separator: " "))
    }

    struct NoticeModel: PodiumCore.PageModel {
        static let template = "notice"
        struct Attachment: Codable, Sendable { var title, url, size, kind: String }
        struct Name: Codable, Sendable { var name: String }
        struct CampaignLink: Codable, Sendable { var title, url: String }
        var chrome: PageChrome.Model
        var title: String
        var docNumber, recipients: String?
        var bodyHTML: HTMLFragment
        var attachments: [Attachment]
        var hasAttachments: Bool
        var issuer: String?
        var date: String
        var tags: [Name]
        var campaign: CampaignLink?
        var archiveURL: String
    }

    func page(_ n: Notice) -> NoticeModel {
        let root = Routes.root(of: Routes.notice(n.slug))
        return NoticeModel(
            chrome: chrome.model(path: Routes.notice(n.slug), title: n.title, current: "notices"),
            title: n.title, docNumber: n.displayNumber, recipients: n.recipients,
            bodyHTML: Markdown.render(n.body, unsafe: chrome.site.unsafeMarkdown, headingIds: true),
            attachments: n.attachments.map {
                .init(title: $0.title, url: root + Routes.href(Routes.attachment($0.file)), size: Self.size($0.bytes),
                      kind: ($0.file as NSString).pathExtension.uppercased())
            },
            hasAttachments: !n.attachments.isEmpty, issuer: n.issuer, date: n.date.chinese, tags: n.tags.map { .init(name: $0) },
            campaign: n.campaign.flatMap { slug in campaignTitles[slug].map { .init(title: $0, url: Routes.link(Routes.campaign(slug), from: root)) } },
            archiveURL: Routes.link(Routes.notices, from: root))
    }

    struct ArchiveModel: PodiumCore.PageModel {
        static let template = "notices"
        struct Year: Codable, Sendable { var year: String; var notices: [Item] }
        struct Issuer: Codable, Sendable { var name, count: String; var notices: [Item] }
        var chrome: PageChrome.Model
        var heading: String
        var years: [Year]
        var issuers: [Issuer]
        var hasNotices: Bool
        var feedURL: String
    }

    func archive() -> ArchiveModel {
        let root = Routes.root(of: Routes.notices)
        let ordered = Self.ordered(notices)
        var years: [(Int, [Notice])] = []
        for n in ordered {
            if years.last?.0 == n.date.year { years[years.count - 1].1.append(n) } else { years.append((n.date.year, [n])) }
        }
        var issuers: [String: [Notice]] = [:]
        for n in ordered { issuers[n.issuer ?? "其他", default: []].append(n) }
        return ArchiveModel(
            chrome: chrome.model(path: Routes.notices, title: "通知公告", current: "notices"),
            heading: "通知公告",
            years: years.map { .init(year: "\($0.0) 年", notices: $0.1.map { item($0, root: root) }) },
            issuers: issuers.keys.sorted { $0.precedesInCodePoints($1) }.map { name in
                .init(name: name, count: String(issuers[name]!.count), notices: issuers[name]!.map { item($0, root: root) })
            },
            hasNotices: !notices.isEmpty, feedURL: root + Routes.feed)
    }

    /// Notices of a campaign, newest first, for its overview.
    func related(to slug: String, root: String) -> [Item] {
        Self.ordered(notices.filter { $0.campaign == slug }).map { item($0, root: root) }
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
