/// The static search index: entries (title, author, union), organizations and notices (title,
/// document number, issuer). The search page's script (templates/search.mustache, tested in a
/// browser by FilterTests) finds a record when every word of the query, lower-cased, occurs in its
/// title, detail or terms. Substrings need no word segmentation, so a two-character Chinese query finds a title.
enum SearchIndex {
    struct Record {
        var title: String
        var detail: String
        var kind: String
        var url: String
        /// Extra words that match but are not shown (a 文号's code, year and number).
        var terms = ""
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
}
