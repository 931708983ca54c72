import Foundation

/// The static search index: entries (title, credits and badges, id), organizations and notices
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
        /// Extra words that match but are not shown (a 文号's code, year and number; an entry's id).
        var terms = ""
        /// Shown, not searched: the campaign's title.
        var context = ""
    }

    /// How many records `records` makes (what the index's file names depend on), without making them.
    static func count(campaigns: [CampaignResults], notices: [Notice]) -> Int {
        campaigns.reduce(notices.count) { $0 + $1.rows.count + $1.organizations.count }
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

    /// A record as a JSON object, keys sorted (`c d k t u w`); `c` and `w` only when not empty.
    private static func write(_ r: Record, into out: inout [UInt8]) {
        out.append(0x7B)
        if !r.context.isEmpty { out.append(text: "\"c\":"); Downloads.quote(r.context, into: &out); out.append(0x2C) }
        out.append(text: "\"d\":"); Downloads.quote(r.detail, into: &out)
        out.append(text: ",\"k\":"); Downloads.quote(r.kind, into: &out)
        out.append(text: ",\"t\":"); Downloads.quote(r.title, into: &out)
        out.append(text: ",\"u\":"); Downloads.quote(r.url, into: &out)
        if !r.terms.isEmpty { out.append(text: ",\"w\":"); Downloads.quote(r.terms, into: &out) }
        out.append(0x7D)
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
    ///
    /// The files are named from the number of records alone: the records are made when a file is
    /// first rendered (a rebuild that keeps the index never makes them).
    static func files(count: Int, _ make: @escaping @Sendable () -> [Record]) -> [(path: String, bytes: @Sendable () -> [UInt8])] {
        typealias File = (path: String, bytes: @Sendable () -> [UInt8])
        let records = ComputedOnce {
            let made = make()
            precondition(made.count == count, "SearchIndex.count disagrees with SearchIndex.records")
            return made
        }
        let manifest = Downloads.bytes(.object(["records": .int(count), "blockSize": .int(blockSize), "shards": .int(shardCount)]))
        // Written when the files are rendered (on all cores), not while the site is planned: the
        // first shard written counts the keys, once, while other pages render beside it.
        let keys = ComputedOnce { keyShards(records.value) }
        let head: File = (Routes.searchIndex, { manifest })
        let blockFiles = stride(from: 0, to: count, by: blockSize).enumerated().map { k, start -> File in
            let bytes: @Sendable () -> [UInt8] = {
                let block = records.value[start..<min(count, start + blockSize)]
                var out: [UInt8] = []
                Downloads.array(block.count, into: &out) { write(block[start + $0], into: &$1) }
                out.append(0x0A)
                return out
            }
            return (Routes.searchBlock(k), bytes)
        }
        let shardFiles = (0..<shardCount).map { h -> File in
            let bytes: @Sendable () -> [UInt8] = { shardBytes(keys.value[h]) }
            return (Routes.searchShard(h), bytes)
        }
        return [head] + blockFiles + shardFiles
    }

    /// Every key's record numbers, by shard (counted once, by whichever shard file is written
    /// first). Keys are numbers while counting (a character, or a pair with bit 42 set): hashing
    /// strings of every record's every pair was most of the time.
    private static func keyShards(_ records: [Record]) -> [[(key: UInt64, numbers: [Int32])]] {
        var postings: [UInt64: [Int32]] = [:]
        var keys = Set<UInt64>()
        for (n, r) in records.enumerated() {
            keys.removeAll(keepingCapacity: true)
            for word in searchable(r).split(whereSeparator: \.isWhitespace) {
                var previous: UInt64?
                for scalar in word.unicodeScalars {
                    let value = UInt64(scalar.value)
                    keys.insert(value)
                    if let p = previous { keys.insert(1 << 42 | p << 21 | value) }
                    previous = value
                }
            }
            for key in keys { postings[key, default: []].append(Int32(n)) }
        }
        var byShard = [[(key: UInt64, numbers: [Int32])]](repeating: [], count: shardCount)
        for (key, numbers) in postings { byShard[shard(key)].append((key, numbers)) }
        return byShard
    }

    /// A shard's keys, sorted, each with its record numbers as gaps (as `Downloads.JSON` writes an
    /// object of arrays).
    private static func shardBytes(_ entries: [(key: UInt64, numbers: [Int32])]) -> [UInt8] {
        let sorted = entries.map { (text: text($0.key), numbers: $0.numbers) }.sorted { $0.text < $1.text }
        var out: [UInt8] = [0x7B]
        for (i, entry) in sorted.enumerated() {
            if i > 0 { out.append(0x2C) }
            Downloads.quote(entry.text, into: &out)
            out.append(0x3A)
            var last: Int32 = 0
            Downloads.array(entry.numbers.count, into: &out) { k, out in
                out.append(decimal: Int(entry.numbers[k] - last))
                last = entry.numbers[k]
            }
        }
        out.append(text: "}\n")
        return out
    }

    /// A key's characters.
    private static func text(_ key: UInt64) -> String {
        var out = String.UnicodeScalarView()
        if key >> 42 == 1 { out.append(Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF))!) }
        out.append(Unicode.Scalar(UInt32(key & 0x1F_FFFF))!)
        return String(out)
    }

    /// The shard of a key: its code points folded (the page computes the same).
    static func shard(_ key: String) -> Int {
        let scalars = key.unicodeScalars.map { UInt64($0.value) }
        return shard(scalars.count == 2 ? 1 << 42 | scalars[0] << 21 | scalars[1] : scalars[0])
    }

    private static func shard(_ key: UInt64) -> Int {
        let first = Int((key >> 21) & 0x1F_FFFF), last = Int(key & 0x1F_FFFF)
        return (key >> 42 == 1 ? (first * 31 + last) % 1_000_003 : last % 1_000_003) % shardCount
    }

    /// What a query is matched against (the page lower-cases it the same way).
    static func searchable(_ r: Record) -> String { (r.title + " " + r.detail + " " + r.terms).lowercased() }
}
