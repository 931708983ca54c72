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

    func item(_ n: Notice, root: String) -> [String: Any] {
        [
            "title": n.title, "url": Routes.link(Routes.notice(n.slug), from: root),
            "docNumber": n.displayNumber ?? false, "issuer": n.issuer ?? false, "date": n.date.chinese,
            "search": ([n.title, n.issuer ?? "", n.displayNumber ?? ""] + (n.docNumber?.searchTerms ?? [])).joined(separator: " "),
        ]
    }

    func page(_ n: Notice) -> (path: String, context: PageContext) {
        let path = Routes.notice(n.slug)
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: n.title, current: "notices")
        v["title"] = n.title
        v["docNumber"] = n.displayNumber ?? false
        v["recipients"] = n.recipients ?? false
        v["bodyHTML"] = Markdown.render(n.body, unsafe: chrome.site.unsafeMarkdown, headingIds: true)
        v["attachments"] = n.attachments.map {
            ["title": $0.title, "url": root + Routes.href(Routes.attachment($0.file)), "size": Self.size($0.bytes),
             "kind": ($0.file as NSString).pathExtension.uppercased()]
        }
        v["hasAttachments"] = !n.attachments.isEmpty
        v["issuer"] = n.issuer ?? false
        v["date"] = n.date.chinese
        v["tags"] = n.tags.map { ["name": $0] }
        v["campaign"] = n.campaign.flatMap { slug in campaignTitles[slug].map {
            ["title": $0, "url": Routes.link(Routes.campaign(slug), from: root)] as [String: Any]
        } } ?? false
        v["archiveURL"] = Routes.link(Routes.notices, from: root)
        return (path, PageContext(v))
    }

    func archive() -> (path: String, context: PageContext) {
        let path = Routes.notices
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: "通知公告", current: "notices")
        v["heading"] = "通知公告"
        let ordered = Self.ordered(notices)
        var years: [(Int, [Notice])] = []
        for n in ordered {
            if years.last?.0 == n.date.year { years[years.count - 1].1.append(n) } else { years.append((n.date.year, [n])) }
        }
        v["years"] = years.map { ["year": "\($0.0) 年", "notices": $0.1.map { item($0, root: root) }] as [String: Any] }
        var issuers: [String: [Notice]] = [:]
        for n in ordered { issuers[n.issuer ?? "其他", default: []].append(n) }
        v["issuers"] = issuers.keys.sorted { $0.precedesInCodePoints($1) }.map { name in
            ["name": name, "count": String(issuers[name]!.count), "notices": issuers[name]!.map { item($0, root: root) }] as [String: Any]
        }
        v["hasNotices"] = !notices.isEmpty
        v["feedURL"] = root + Routes.feed
        return (path, PageContext(v))
    }

    /// Notices of a campaign, newest first, for its overview.
    func related(to slug: String, root: String) -> [[String: Any]] {
        Self.ordered(notices.filter { $0.campaign == slug }).map { item($0, root: root) }
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
