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
        v["bodyHTML"] = Markdown.html(n.body, unsafe: chrome.site.unsafeMarkdown, headingIds: true)
        v["attachments"] = n.attachments.map {
            ["title": $0.title, "url": root + Routes.attachment($0.file), "size": Self.size($0.bytes),
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
        v["issuers"] = issuers.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.map { name in
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

/// `feed.xml`: the notices as an Atom feed (RFC 4287) with absolute URLs from `baseURL`. Its
/// `updated` is the newest notice's date, never the clock.
enum NoticeFeed {
    static func xml(site: SiteConfig, notices: [Notice]) -> String {
        let ordered = NoticePages.ordered(notices).prefix(50)
        func esc(_ s: String) -> String { XMLText.escape(s) }
        func stamp(_ d: CalendarDate) -> String { "\(d)T00:00:00+08:00" }
        let updated = ordered.first.map { stamp($0.date) } ?? "2000-01-01T00:00:00+08:00"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(esc(site.language))\">\n"
        out += "<title>\(esc(site.title)) · 通知公告</title>\n"
        out += "<id>\(esc(site.baseURL + Routes.feed))</id>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(site.baseURL + Routes.feed))\"/>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(esc(site.baseURL + "notices/"))\"/>\n"
        out += "<updated>\(updated)</updated>\n"
        out += "<author><name>\(esc(site.publisher ?? site.title))</name></author>\n"
        for n in ordered {
            let url = site.baseURL + Routes.notice(n.slug)
            out += "<entry>\n<title>\(esc(n.title))</title>\n<id>\(esc(url))</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(esc(url))\"/>\n"
            out += "<updated>\(stamp(n.date))</updated>\n"
            if let issuer = n.issuer { out += "<author><name>\(esc(issuer))</name></author>\n" }
            let summary = [n.displayNumber, n.issuer, n.date.chinese].compactMap { $0 }.joined(separator: " · ")
            out += "<summary>\(esc(summary))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }
}

/// Escaping for XML text and attribute values.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 does not allow are dropped.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
