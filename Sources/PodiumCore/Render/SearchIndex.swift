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
        Downloads.text(.array(records.map(object)))
    }

    private static func object(_ r: Record) -> Downloads.JSON {
        var fields: [String: Downloads.JSON] = ["t": .string(r.title), "d": .string(r.detail), "k": .string(r.kind), "u": .string(r.url)]
        if !r.terms.isEmpty { fields["w"] = .string(r.terms) }
        if !r.context.isEmpty { fields["c"] = .string(r.context) }
        return .object(fields)
    }

    /// Records per block file, and key shards: what a phone loads for a query is the manifest, the
    /// shards of the query's keys and the blocks holding the hits it shows.
    static let blockSize = 64
    static let shardCount = 256

    /// The index split so that a query loads little of it (`search.json` is the manifest):
    /// - `search/records-K.json`: the records, in blocks of `blockSize`, in index order (each
    ///   campaign's entries in ranking order, then organizations, then notices);
    /// - `search/keys-H.json`: for every key of the searchable text (title, detail, terms,
    ///   lower-cased, split at spaces) whose `shard` is H, the numbers of the records that hold it,
    ///   as gaps from the previous number. The keys are each character and each pair of adjacent
    ///   characters: a record holding a word of two or more characters holds every pair in it, one
    ///   holding a one-character word holds that character, so intersecting the keys' lists finds
    ///   every hit (and few more); the page then checks the words in the records it loads.
    static func files(_ records: [Record]) -> [(path: String, text: String)] {
        var postings: [String: [Int]] = [:]
        for (n, r) in records.enumerated() {
            var keys = Set<String>()
            for word in searchable(r).split(whereSeparator: \.isWhitespace) {
                let scalars = Array(word.unicodeScalars)
                for (i, scalar) in scalars.enumerated() {
                    keys.insert(String(scalar))
                    if i + 1 < scalars.count { var pair = String(scalar); pair.unicodeScalars.append(scalars[i + 1]); keys.insert(pair) }
                }
            }
            for key in keys { postings[key, default: []].append(n) }
        }
        var shards = [[String: Downloads.JSON]](repeating: [:], count: shardCount)
        for (key, numbers) in postings {
            var gaps: [Downloads.JSON] = [], last = 0
            gaps.reserveCapacity(numbers.count)
            for n in numbers { gaps.append(.int(n - last)); last = n }
            shards[shard(key)][key] = .array(gaps)
        }
        let blocks = stride(from: 0, to: records.count, by: blockSize).map { Array(records[$0..<min(records.count, $0 + blockSize)]) }
        let manifest = Downloads.text(.object(["records": .int(records.count), "blockSize": .int(blockSize), "shards": .int(shardCount)]))
        return [(Routes.searchIndex, manifest)]
            + blocks.enumerated().map { (Routes.searchBlock($0.offset), Downloads.text(.array($0.element.map(object)))) }
            + shards.enumerated().map { (Routes.searchShard($0.offset), Downloads.text(.object($0.element))) }
    }

    /// The shard of a key: its code points folded (the page computes the same).
    static func shard(_ key: String) -> Int {
        key.unicodeScalars.reduce(0) { ($0 * 31 + Int($1.value)) % 1_000_003 } % shardCount
    }

    /// What a query is matched against (the page lower-cases it the same way).
    static func searchable(_ r: Record) -> String { (r.title + " " + r.detail + " " + r.terms).lowercased() }
}
