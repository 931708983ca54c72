/// Winners published three ways: the gallery, the announcement (公示) and printable certificates
/// with a static verification page.
extension CampaignPages {
    var winners: WinnerList { results.winners }
    /// Certificates exist once the results are final (contract §12; the page catalogue's `certifies`).
    var certified: Bool { results.state.issuesCertificates }

    var certificateKey: String { chrome.site.certificateKey ?? "unkeyed|\(chrome.site.title)|\(slug)" }

    func certificateCode(for row: LeaderboardRow) -> String {
        CertificateCode.make(key: certificateKey, campaign: slug, recipient: "entry:" + row.entry.id, award: row.award ?? "")
    }

    func certificateCode(for org: OrganizationStanding) -> String {
        CertificateCode.make(key: certificateKey, campaign: slug, recipient: "organization:" + org.name, award: org.award ?? "")
    }

    /// A gallery card: the cover (a copied file, a URL, or a placeholder drawn here), title, people, badges.
    func card(_ row: LeaderboardRow, root: String) -> [String: Any] {
        let e = row.entry
        var cover: Any = false
        if let c = e.cover { cover = EntriesDecoder.isWebURL(c) ? c : root + Routes.href(Routes.media(slug, c)) }
        return [
            "title": e.title, "url": Routes.link(Routes.entry(slug, e.id), from: root), "rank": String(row.rank),
            "who": e.credits.joined(separator: " · "),
            "cover": cover, "placeholderSVG": cover is Bool ? Placeholder.svg(title: e.title, seed: e.id) : "",
            "badges": e.badges.map { ["name": $0] }, "hasBadges": !e.badges.isEmpty,
            "video": e.video ?? false,
            "certificateURL": certified ? Routes.link(Routes.certificate(slug, "e-" + e.id), from: root) : false,
        ]
    }

    func gallery() -> (path: String, context: PageContext) {
        let path = Routes.gallery(slug)
        let root = Routes.root(of: path)
        let w = winners
        // Announced: the proposed awards (拟表彰), under objection; certificates come when final.
        let heading = results.state == .announced ? "拟表彰作品（公示中）" : "获奖作品"
        var v = chrome.values(path: path, title: "\(campaign.title) · \(heading)", campaign: self, current: "winners")
        v["heading"] = heading
        v["official"] = campaign.winners != nil
        v["sections"] = w.sections.map { s -> [String: Any] in
            ["title": s.group.map { "\(s.award) · \($0)" } ?? s.award, "count": String(s.rows.count),
             "cards": s.rows.map { card($0, root: root) }]
        }
        v["organizations"] = w.organizations.map { o -> [String: Any] in
            ["name": o.name, "award": o.award ?? "", "entries": Format.integer(o.entries), "likes": Format.integer(o.likes),
             "certificateURL": certified ? Routes.link(Routes.certificate(slug, "o-" + Routes.key(o.name)), from: root) : false]
        }
        v["hasOrganizations"] = !w.organizations.isEmpty
        v["announcementURL"] = Routes.link(Routes.announcement(slug), from: root)
        v["verifyURL"] = certified ? Routes.link(Routes.verify(slug), from: root) : false
        v["downloads"] = links.winnerDownloads.map { ["url": root + $0.path, "label": $0.label] }
        return (path, PageContext(v))
    }

    func announcement() -> (path: String, context: PageContext) {
        let path = Routes.announcement(slug)
        let root = Routes.root(of: path)
        let a = campaign.announcement
        var v = chrome.values(path: path, title: "\(campaign.title)评选结果公示", campaign: self, current: "winners")
        v["title"] = "关于“\(campaign.title)”评选结果的公示"
        let basis = a?.notice.flatMap { n in notices?.notices.first { $0.slug == n } }
        v["basis"] = basis.map { ["title": BookTitle.quoted($0.title), "docNumber": $0.displayNumber ?? false,
                                  "url": Routes.link(Routes.notice($0.slug), from: root)] as [String: Any] } ?? false
        v["tiers"] = winners.sections.map { s -> [String: Any] in
            ["title": s.group.map { "\(s.award)（\($0)）" } ?? s.award, "count": String(s.rows.count),
             "rows": s.rows.enumerated().map { i, r in
                 ["n": String(i + 1), "title": r.entry.title, "author": r.entry.author ?? "", "union": r.entry.union ?? ""]
             }]
        }
        v["organizations"] = winners.organizations.map { ["name": $0.name, "award": $0.award ?? ""] }
        v["hasOrganizations"] = !winners.organizations.isEmpty
        if let a {
            var period = "公示期为 \(a.start.chinese) 至 \(a.end.chinese)"
            if let n = a.workingDays { period += "（\(n) 个工作日）" }
            v["period"] = period + "。"
            v["methods"] = a.methods.map { ["text": $0] }
            v["contacts"] = a.contacts.map { ["text": $0] }
            v["date"] = a.date.chinese
        } else {
            v["period"] = false
            v["methods"] = [Any]()
            v["contacts"] = [Any]()
            v["date"] = chrome.asOf.chinese
        }
        v["organizer"] = campaign.organizer
        return (path, PageContext(v))
    }

    func certificate(row: LeaderboardRow) -> (path: String, context: PageContext) {
        let path = Routes.certificate(slug, "e-" + row.entry.id)
        return certificatePage(path: path, recipient: row.entry.author ?? row.entry.union ?? row.entry.title,
                               work: row.entry.title, unit: row.entry.union, award: row.award ?? "", code: certificateCode(for: row),
                               badges: row.entry.badges)
    }

    func certificate(organization o: OrganizationStanding) -> (path: String, context: PageContext) {
        let path = Routes.certificate(slug, "o-" + Routes.key(o.name))
        return certificatePage(path: path, recipient: o.name, work: nil, unit: nil, award: o.award ?? "", code: certificateCode(for: o), badges: [])
    }

    private func certificatePage(path: String, recipient: String, work: String?, unit: String?, award: String, code: String,
                                 badges: [String]) -> (path: String, context: PageContext) {
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: "\(recipient) · \(award) · 电子证书", campaign: self, current: "winners")
        v["recipient"] = recipient
        v["work"] = work.map(BookTitle.quoted) ?? false
        v["unit"] = unit.map { $0 == recipient ? false : $0 as Any } ?? false
        v["award"] = award
        v["campaignTitle"] = campaign.title
        v["organizer"] = campaign.organizer
        v["date"] = (campaign.announcement?.end ?? campaign.end).chinese
        v["code"] = code
        v["badges"] = badges.map { ["name": $0] }
        v["verifyURL"] = Routes.link(Routes.verify(slug), from: root)
        v["verifyAddress"] = chrome.site.baseURL + Routes.link(Routes.verify(slug), from: "")
        return (path, PageContext(v))
    }

    func verify() -> (path: String, context: PageContext) {
        let path = Routes.verify(slug)
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: "\(campaign.title) · 证书查验", campaign: self, current: "winners")
        v["heading"] = "证书查验"
        v["indexURL"] = root + Routes.download(slug, "certificates.json")
        v["root"] = root
        return (path, PageContext(v))
    }

    /// The static verification index: SHA-256 of each normalized code → what it certifies. Codes
    /// themselves are not listed, so the index does not hand out valid codes.
    func verificationIndex() -> String {
        var entries: [String: Downloads.JSON] = [:]
        let root = Routes.root(of: Routes.verify(slug))
        for s in winners.sections {
            for r in s.rows {
                entries[Hashing.sha256Hex(CertificateCode.normalize(certificateCode(for: r)))] = .object([
                    "recipient": .string(r.entry.author ?? r.entry.union ?? r.entry.title), "award": .string(r.award ?? ""),
                    "work": .string(BookTitle.quoted(r.entry.title)), "url": .string(Routes.link(Routes.certificate(slug, "e-" + r.entry.id), from: root))])
            }
        }
        for o in winners.organizations {
            entries[Hashing.sha256Hex(CertificateCode.normalize(certificateCode(for: o)))] = .object([
                "recipient": .string(o.name), "award": .string(o.award ?? ""), "work": .null,
                "url": .string(Routes.link(Routes.certificate(slug, "o-" + Routes.key(o.name)), from: root))])
        }
        return Downloads.text(.object(entries))
    }
}

/// A typographic stand-in for a missing cover: the title's first two characters on a colour
/// chosen from the entry id (only characters from content, escaped as XML).
enum Placeholder {
    static let colors = ["#b3261e", "#0b5cad", "#1b7f3b", "#8a5a00", "#6b3fa0", "#00696b"]

    static func svg(title: String, seed: String) -> String {
        let color = colors[Int(Hashing.sha256(seed)[0]) % colors.count]
        let letters = XMLText.escape(String(title.filter { !$0.isPunctuation && !$0.isWhitespace && $0 != "《" && $0 != "》" }.prefix(2)))
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\" width=\"320\" height=\"180\" role=\"img\" aria-label=\"无封面\" class=\"cover\">"
            + "<rect width=\"320\" height=\"180\" fill=\"\(color)\"/>"
            + "<text x=\"160\" y=\"112\" text-anchor=\"middle\" font-size=\"64\" fill=\"#fff\">\(letters)</text></svg>"
    }
}
