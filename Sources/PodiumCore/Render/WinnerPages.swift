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
    struct Card: Codable, Sendable {
        var title, url, rank: String
        var who: [String]
        var cover: String?
        var placeholderSVG: String
        var badges: [ModelParts.Name]
        var hasBadges: Bool
        var video, certificateURL: String?
    }

    func card(_ row: LeaderboardRow, root: String) -> Card {
        let e = row.entry
        let cover = e.cover.map { EntriesDecoder.isWebURL($0) ? $0 : root + Routes.href(Routes.media(slug, $0)) }
        return Card(
            title: e.title, url: Routes.link(Routes.entry(slug, e.id), from: root), rank: String(row.rank),
            who: e.credits,
            cover: cover, placeholderSVG: cover == nil ? Placeholder.svg(title: e.title, seed: e.id) : "",
            badges: e.badges.map { .init(name: $0) }, hasBadges: !e.badges.isEmpty, video: e.video,
            certificateURL: certified ? Routes.link(Routes.certificate(slug, "e-" + e.id), from: root) : nil)
    }

    struct GalleryModel: PageModel {
        static let template = "gallery"
        struct Section: Codable, Sendable { var title, count: String; var cards: [Card] }
        struct Organization: Codable, Sendable {
            var name, award, entries, likes: String
            var certificateURL: String?
        }
        var chrome: PageChrome.Model
        var heading: String
        var official: Bool
        var sections: [Section]
        var organizations: [Organization]
        var hasOrganizations: Bool
        var announcementURL: String
        var verifyURL: String?
        var downloads: [ModelParts.Link]
    }

    func gallery() -> GalleryModel {
        let path = Routes.gallery(slug)
        let root = Routes.root(of: path)
        let w = winners
        // Announced: the proposed awards (拟表彰), under objection; certificates come when final.
        let heading = results.state == .announced ? "拟表彰作品（公示中）" : "获奖作品"
        return GalleryModel(
            chrome: chrome.model(path: path, title: "\(heading)", campaign: self, current: "winners"),
            heading: heading, official: campaign.winners != nil,
            sections: w.sections.map { s in
                .init(title: s.group.map { "\(s.award) · \($0)" } ?? s.award, count: String(s.rows.count), cards: s.rows.map { card($0, root: root) })
            },
            organizations: w.organizations.map { o in
                .init(name: o.name, award: o.award ?? "", entries: Format.integer(o.entries), likes: Format.integer(o.likes),
                      certificateURL: certified ? Routes.link(Routes.certificate(slug, "o-" + Routes.key(o.name)), from: root) : nil)
            },
            hasOrganizations: !w.organizations.isEmpty,
            announcementURL: Routes.link(Routes.announcement(slug), from: root),
            verifyURL: certified ? Routes.link(Routes.verify(slug), from: root) : nil,
            downloads: links.winnerDownloads.map { .init(label: $0.label, url: root + $0.path) })
    }

    struct AnnouncementModel: PageModel {
        static let template = "announcement"
        struct Basis: Codable, Sendable { var title: String; var docNumber: String?; var url: String }
        struct Tier: Codable, Sendable {
            struct Row: Codable, Sendable { var n, title, author, union: String }
            var title, count: String
            var rows: [Row]
        }
        struct Organization: Codable, Sendable { var name, award: String }
        var chrome: PageChrome.Model
        var title: String
        /// The notice the awards follow (its title in book-title marks and its document number).
        var basis: Basis?
        var tiers: [Tier]
        var organizations: [Organization]
        var hasOrganizations: Bool
        var period: String?
        var methods, contacts: [ModelParts.Line]
        var date, organizer: String
    }

    func announcement() -> AnnouncementModel {
        let path = Routes.announcement(slug)
        let root = Routes.root(of: path)
        let a = campaign.announcement
        let basis = a?.notice.flatMap { n in notices?.notices.first { $0.slug == n } }
        let period = a.map { a in
            "公示期为 \(a.start.chinese) 至 \(a.end.chinese)" + (a.workingDays.map { "（\($0) 个工作日）" } ?? "") + "。"
        }
        return AnnouncementModel(
            chrome: chrome.model(path: path, title: "评选结果公示", campaign: self, current: "winners"),
            title: "关于“\(campaign.title)”评选结果的公示",
            basis: basis.map { .init(title: BookTitle.quoted($0.title), docNumber: $0.displayNumber, url: Routes.link(Routes.notice($0.slug), from: root)) },
            tiers: winners.sections.map { s in
                .init(title: s.group.map { "\(s.award)（\($0)）" } ?? s.award, count: String(s.rows.count),
                      rows: s.rows.enumerated().map { i, r in
                          .init(n: String(i + 1), title: r.entry.title, author: r.entry.author ?? "", union: r.entry.union ?? "")
                      })
            },
            organizations: winners.organizations.map { .init(name: $0.name, award: $0.award ?? "") },
            hasOrganizations: !winners.organizations.isEmpty,
            period: period, methods: (a?.methods ?? []).map { .init(text: $0) }, contacts: (a?.contacts ?? []).map { .init(text: $0) },
            date: (a?.date ?? chrome.asOf).chinese, organizer: campaign.organizer)
    }

    func certificate(row: LeaderboardRow) -> CertificateModel {
        certificatePage(path: Routes.certificate(slug, "e-" + row.entry.id), recipient: row.entry.author ?? row.entry.union ?? row.entry.title,
                        work: row.entry.title, unit: row.entry.union, award: row.award ?? "", code: certificateCode(for: row),
                        badges: row.entry.badges)
    }

    func certificate(organization o: OrganizationStanding) -> CertificateModel {
        certificatePage(path: Routes.certificate(slug, "o-" + Routes.key(o.name)), recipient: o.name, work: nil, unit: nil,
                        award: o.award ?? "", code: certificateCode(for: o), badges: [])
    }

    struct CertificateModel: PageModel {
        static let template = "certificate"
        var chrome: PageChrome.Model
        var recipient: String
        /// The work's title in book-title marks; the unit when it is not the recipient.
        var work, unit: String?
        var award, campaignTitle, organizer, date, code: String
        var badges: [ModelParts.Name]
        var verifyURL, verifyAddress: String
    }

    private func certificatePage(path: String, recipient: String, work: String?, unit: String?, award: String, code: String,
                                 badges: [String]) -> CertificateModel {
        let root = Routes.root(of: path)
        return CertificateModel(
            chrome: chrome.model(path: path, title: "\(recipient) · \(award) · 电子证书", campaign: self, current: "winners"),
            recipient: recipient, work: work.map(BookTitle.quoted), unit: unit == recipient ? nil : unit,
            award: award, campaignTitle: campaign.title, organizer: campaign.organizer,
            date: (campaign.announcement?.end ?? campaign.end).chinese, code: code, badges: badges.map { .init(name: $0) },
            verifyURL: Routes.link(Routes.verify(slug), from: root) + "?code=" + code, verifyAddress: chrome.site.baseURL + Routes.link(Routes.verify(slug), from: ""))
    }

    struct VerifyModel: PageModel {
        static let template = "verify"
        var chrome: PageChrome.Model
        var heading, indexURL: String
        /// The verification index inside the page (a page opened from a file cannot fetch it),
        /// safe in a `<script>` element: every `<` is written `\u003c`.
        var indexJSON: String
    }

    func verify() -> VerifyModel {
        let path = Routes.verify(slug)
        return VerifyModel(chrome: chrome.model(path: path, title: "证书查验", campaign: self, current: "winners"),
                           heading: "证书查验", indexURL: Routes.root(of: path) + Routes.download(slug, "certificates.json"),
                           indexJSON: verificationIndex().replacingOccurrences(of: "<", with: "\\u003c"))
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
