/// The static search index: entries (title, author, union, id, badges), organizations and notices
/// (title, document number, issuer). The search page's script (templates/search.mustache, tested in
/// a browser by FilterTests and the browser suite) finds a record when every word of the query,
/// lower-cased, occurs in its title, detail or terms, and ranks what it finds: an id typed whole
/// first, then matches in the title, then the rest. The campaign a record belongs to is shown
/// (`c`) but not searched: its title alone does not make every one of its entries a hit.
/// Substrings need no word segmentation, so a two-character Chinese query finds a title.
enum SearchIndex {
    struct Record {
        var title: String
        var detail: String
        var kind: String
        var url: String
        /// Extra words that match but are not shown (a 文号's code, year and number; an entry's id and badges).
        var terms = ""
        /// Shown, not searched: the campaign's title.
        var context = ""
    }

    static func records(campaigns: [CampaignResults], notices: [Notice]) -> [Record] {
        var records: [Record] = []
        for r in campaigns {
            let slug = r.campaign.slug
            for row in r.rows {
                let e = row.entry
                records.append(Record(title: e.title, detail: (e.credits + e.badges).joined(separator: " · "),
                                      kind: "作品", url: Routes.link(Routes.entry(slug, e.id), from: ""),
                                      terms: e.id, context: r.campaign.title))
            }
            for o in r.organizations {
                records.append(Record(title: o.name, detail: "", kind: "组织", url: Routes.link(Routes.organization(slug, o.name), from: ""),
                                      context: r.campaign.title))
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
            if !$0.context.isEmpty { fields["c"] = .string($0.context) }
            return .object(fields)
        }))
    }
}
