/// The static search index: entries (title, author, union), organizations and notices (title,
/// document number, issuer). The page's script and `matches` apply the same rule: every word of
/// the query, lower-cased, must occur in the record's text. Substrings need no word segmentation,
/// so a two-character Chinese query finds a title.
enum SearchIndex {
    struct Record {
        var title: String
        var detail: String
        var kind: String
        var url: String
        /// Extra words that match but are not shown (a 文号's code, year and number).
        var terms = ""
        var text: String { (title + " " + detail + " " + terms).lowercased() }
    }

    static func records(campaigns: [CampaignResults], notices: [Notice]) -> [Record] {
        var records: [Record] = []
        for r in campaigns {
            let slug = r.campaign.slug
            for row in r.rows {
                let e = row.entry
                records.append(Record(title: e.title, detail: (e.credits + [r.campaign.title]).joined(separator: " · "),
                                      kind: "作品", url: Routes.link(Routes.entry(slug, e.id), from: "")))
            }
            for o in r.organizations {
                records.append(Record(title: o.name, detail: r.campaign.title, kind: "组织", url: Routes.link(Routes.organization(slug, o.name), from: "")))
            }
        }
        for n in notices {
            let shown = [n.displayNumber, n.issuer, n.date.chinese].compactMap { $0 }
            records.append(Record(title: n.title, detail: shown.joined(separator: " · "), kind: "通知", url: Routes.link(Routes.notice(n.slug), from: ""),
                                  terms: n.docNumber?.searchTerms.joined(separator: " ") ?? ""))
        }
        return records
    }

    static func json(_ records: [Record]) -> String {
        Downloads.text(.array(records.map {
            var fields: [String: Downloads.JSON] = ["t": .string($0.title), "d": .string($0.detail), "k": .string($0.kind), "u": .string($0.url)]
            if !$0.terms.isEmpty { fields["w"] = .string($0.terms) }
            return .object(fields)
        }))
    }

    /// The query rule of the search page.
    static func matches(_ record: Record, query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0.isWhitespace })
        let text = record.text
        return !words.isEmpty && words.allSatisfy { text.contains($0) }
    }
}
