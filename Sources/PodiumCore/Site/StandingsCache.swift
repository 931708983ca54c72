import Foundation

/// A campaign's standings (`Standings`: the leaderboard, the totals of organizations and areas,
/// the names, the warnings about them) as computed before, kept beside the output with the
/// entries cache (`ContentCache`), so a rebuild whose campaign files did not change, a weekly one
/// among them, does not rank 20,000 entries again.
///
/// A file is named by its key: the campaign's folder name, the fingerprint of the files its
/// entries and winners were read from (`Campaign.sourceKey`: this Podium, campaign.json, the
/// entries file, winners.json) and every entry's likes as counted (the ledger changes them). It is
/// trusted as the entries cache is: only whole, with its checksum, under that key (`KeyedFile`).
/// What it gives must also fit the entries: each published entry ranked once, names numbered in
/// range; anything else is a miss, and the standings are computed as if there were no cache.
struct StandingsCache: Sendable {
    let folder: URL
    private static let magic = "PODSTANDINGS1"
    static let suffix = ".standings"

    static func key(_ campaign: Campaign) -> Fingerprint? {
        guard let source = campaign.sourceKey else { return nil }
        var h = FingerprintHasher()
        h.add(source)
        h.add(campaign.slug)
        for e in campaign.entries { h.add(e.likes) }
        return h.finish()
    }

    static func fileName(_ key: Fingerprint) -> String { "\(key)" + suffix }
    private func path(_ key: Fingerprint) -> String { folder.appendingPathComponent(Self.fileName(key)).path }

    func load(_ key: Fingerprint, entries: [Entry]) -> Standings? {
        guard let (bytes, start) = KeyedFile.read(path(key), magic: Self.magic, key: key) else { return nil }
        return Self.standings(bytes, from: start, entries: entries)
    }

    func store(_ standings: Standings, for key: Fingerprint) {
        KeyedFile.write(Self.body(standings), to: path(key), magic: Self.magic, key: key)
    }

    /// Removes every standings file but the ones named.
    func prune(keeping names: Set<String>) { ContentCache.prune(folder, suffixes: [Self.suffix], keeping: names) }

    /// The bytes `standings(_:from:entries:)` reads back.
    static func body(_ s: Standings) -> [UInt8] {
        var w = ByteWriter(capacity: s.rows.count * 24)
        w.list(s.rows) { w, row in
            w.int(row.entryIndex)
            w.optional(row.score.likesPoints) { $0.int($1.hundredths) }
            w.optional(row.score.expertPoints) { $0.int($1.hundredths) }
            w.int(row.score.composite.hundredths)
            w.bool(row.score.unreviewed)
            w.list(row.score.counted) { $0.bool($1) }
            w.int(row.rank)
            w.list(row.reasons) { $0.reason($1) }
            w.optionalString(row.computedAward)
            w.optionalString(row.award)
        }
        w.int(s.maxLikes)
        w.list(s.organizations) { w, o in
            w.int(o.rank); w.string(o.name); w.int(o.entries); w.int(o.likes); w.optionalString(o.award)
        }
        for areas in [s.divisions, s.regions] {
            w.list(areas) { w, a in
                w.string(a.name)
                for n in [a.entries, a.entriesRank, a.likes, a.likesRank, a.views, a.viewsRank] { w.int(n) }
            }
        }
        w.list(s.differences) { w, d in w.string(d.id); w.optionalString(d.computed); w.optionalString(d.official) }
        w.list(s.diagnostics.all) { w, d in
            w.bool(d.severity == .error)
            w.string(d.path); w.optionalInt(d.line); w.optionalInt(d.column)
            w.string(d.field); w.string(d.message); w.string(d.category)
        }
        for table in [s.names.divisions, s.names.regions, s.names.organizations] {
            w.strings(table.names)
            w.list(table.parts.starts) { $0.int($1) }
            w.list(table.parts.numbers) { $0.int($1) }
        }
        return w.bytes
    }

    /// The standings written from `start`, fitted to `entries`; nil for anything malformed or not
    /// fitting them (never a trap).
    static func standings(_ bytes: [UInt8], from start: Int = 0, entries: [Entry]) -> Standings? {
        var r = ByteReader(bytes, from: start)
        // Rows are read into their array as they are (not through optionals: 20,000 rows copied again).
        var ranked = [Bool](repeating: false, count: entries.count), rows: [LeaderboardRow] = []
        let rowCount = r.count()
        rows.reserveCapacity(rowCount)
        for _ in 0..<rowCount where !r.failed {
            let index = r.int()
            let score = EntryScore(likesPoints: r.optional { Points(hundredths: $0.int()) }, expertPoints: r.optional { Points(hundredths: $0.int()) },
                                   composite: Points(hundredths: r.int()), unreviewed: r.bool(), counted: r.list { $0.bool() })
            let rank = r.int(), reasons = r.list { $0.reason() }, computed = r.optionalString(), award = r.optionalString()
            guard index >= 0, index < entries.count, entries[index].isPublished, !ranked[index] else { return nil }
            ranked[index] = true
            rows.append(LeaderboardRow(entry: entries[index], entryIndex: index, score: score, rank: rank, reasons: reasons,
                                       computedAward: computed, award: award))
        }
        let maxLikes = r.int()
        let organizations = r.list { r in
            OrganizationStanding(rank: r.int(), name: r.string(), entries: r.int(), likes: r.int(), award: r.optionalString())
        }
        let areas = (0..<2).map { _ in
            r.list { r in
                AreaStanding(name: r.string(), entries: r.int(), entriesRank: r.int(), likes: r.int(), likesRank: r.int(), views: r.int(), viewsRank: r.int())
            }
        }
        let differences = r.list { r in WinnerDifference(id: r.string(), computed: r.optionalString(), official: r.optionalString()) }
        var diagnostics = Diagnostics()
        for d in r.list({ r in
            Diagnostic(r.bool() ? .error : .warning, path: r.string(), line: r.optionalInt(), column: r.optionalInt(),
                       field: r.string(), message: r.string(), category: r.string())
        }) { diagnostics.append(d) }
        let tables = (0..<3).map { _ in
            NameTable(names: r.strings(), starts: r.list { $0.int() }, numbers: r.list { $0.int() }, entries: entries.count)
        }
        let published = entries.reduce(0) { $0 + ($1.isPublished ? 1 : 0) }
        guard !r.failed, r.isAtEnd, rows.count == published, let divisions = tables[0], let regions = tables[1], let organizationNames = tables[2]
        else { return nil }
        return Standings(rows: rows, maxLikes: maxLikes, organizations: organizations, divisions: areas[0], regions: areas[1],
                         differences: differences, diagnostics: diagnostics,
                         names: CampaignNames(divisions: divisions, regions: regions, organizations: organizationNames))
    }
}

extension ByteWriter {
    fileprivate mutating func reason(_ reason: IneligibilityReason) {
        switch reason {
        case .notPublished(let status): int(0); string(status.rawValue)
        case .tooManyEntries(let limit, let earlier): int(1); int(limit); strings(earlier)
        case .tooLong(let seconds, let limit): int(2); decimal(seconds); decimal(limit)
        case .tooLarge(let megabytes, let limit): int(3); decimal(megabytes); decimal(limit)
        case .tooFewImages(let count, let minimum): int(4); int(count); int(minimum)
        case .tooMuchText(let chars, let limit): int(5); int(chars); int(limit)
        }
    }
}

extension ByteReader {
    /// A reason as `ByteWriter.reason` wrote it; an unknown tag or status fails the reader.
    fileprivate mutating func reason() -> IneligibilityReason {
        switch int() {
        case 0:
            guard let status = Entry.Status(rawValue: string()) else { break }
            return .notPublished(status)
        case 1: return .tooManyEntries(limit: int(), earlier: strings())
        case 2: return .tooLong(seconds: decimal(), limit: decimal())
        case 3: return .tooLarge(megabytes: decimal(), limit: decimal())
        case 4: return .tooFewImages(count: int(), minimum: int())
        case 5: return .tooMuchText(chars: int(), limit: int())
        default: break
        }
        fail()
        return .tooFewImages(count: 0, minimum: 0)
    }
}
