/// One entry in a weekly ranking (contract §6).
public struct WeeklyRow: Sendable {
    /// Index into `Campaign.entries` (an index, not a copy: a campaign has many weeks of many rows).
    public var entryIndex: Int
    public var likes: Int
    public var views: Int
    public var rank: Int
    /// nil for an entry new this week.
    public var previousRank: Int?
    /// Likes gained since the previous snapshot (for a new entry, its likes).
    public var likesDelta: Int

    /// Places gained (positive) or lost since the previous snapshot; nil when new.
    public var movement: Int? { previousRank.map { $0 - rank } }
}

/// A division's or organization's totals in one week, and how they changed.
public struct WeeklyTotal: Sendable {
    public var name: String
    public var entries: Int
    public var likes: Int
    public var likesDelta: Int
}

/// One snapshot's ranking with its movement against the snapshot before it.
public struct WeeklyTable: Sendable {
    public var date: CalendarDate
    public var previousDate: CalendarDate?
    /// Every published entry of the snapshot: likes desc, views desc (shared rank), then id.
    public var rows: [WeeklyRow]
    public var divisions: [WeeklyTotal]
    public var organizations: [WeeklyTotal]
    public var totalLikes: Int
    public var totalLikesDelta: Int

    /// Entries that first appear this week, best first.
    public var newEntries: [WeeklyRow] { rows.filter { $0.previousRank == nil } }

    /// The entries that gained most places (ties: more likes gained, then rank).
    public func climbers(_ limit: Int) -> [WeeklyRow] {
        rows.filter { ($0.movement ?? 0) > 0 }
            .sorted { a, b in
                if a.movement! != b.movement! { return a.movement! > b.movement! }
                if a.likesDelta != b.likesDelta { return a.likesDelta > b.likesDelta }
                return a.rank != b.rank ? a.rank < b.rank : a.entryIndex < b.entryIndex
            }
            .prefix(limit).map { $0 }
    }
}

public enum WeeklyProgress {
    /// The weekly tables of a campaign, oldest first; each joins its snapshot with the one before
    /// through a dictionary, so the cost is linear in the rows of the two snapshots.
    public static func tables(_ campaign: Campaign) -> [WeeklyTable] {
        let indexById = Dictionary(campaign.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let divisionOf = campaign.entries.map(\.division), organizationsOf = campaign.entries.map(\.organizations)
        var tables: [WeeklyTable] = []
        var previous: (ranks: [String: Int], likes: [String: Int], divisions: [String: Int], organizations: [String: Int])?
        for snapshot in campaign.weeks {
            let sorted = snapshot.rows.sorted { a, b in
                if a.likes != b.likes { return a.likes > b.likes }
                if a.views != b.views { return a.views > b.views }
                return a.id.precedesInCodePoints(b.id)
            }
            let ranks = Ranking.competitionRanks(count: sorted.count) {
                sorted[$0].likes == sorted[$0 - 1].likes && sorted[$0].views == sorted[$0 - 1].views
            }
            var rows: [WeeklyRow] = []
            rows.reserveCapacity(sorted.count)
            var rankById: [String: Int] = [:], likesById: [String: Int] = [:]
            var divisions: [String: (entries: Int, likes: Int)] = [:], organizations: [String: (entries: Int, likes: Int)] = [:]
            for (i, r) in sorted.enumerated() {
                let entryIndex = indexById[r.id]!
                let before = previous?.likes[r.id]
                rows.append(WeeklyRow(entryIndex: entryIndex, likes: r.likes, views: r.views, rank: ranks[i],
                                      previousRank: previous?.ranks[r.id], likesDelta: r.likes - (before ?? 0)))
                rankById[r.id] = ranks[i]
                likesById[r.id] = r.likes
                if let d = divisionOf[entryIndex] { divisions[d, default: (0, 0)].entries += 1; divisions[d, default: (0, 0)].likes += r.likes }
                for o in organizationsOf[entryIndex] { organizations[o, default: (0, 0)].entries += 1; organizations[o, default: (0, 0)].likes += r.likes }
            }
            func totals(_ map: [String: (entries: Int, likes: Int)], _ before: [String: Int]?) -> [WeeklyTotal] {
                map.map { WeeklyTotal(name: $0.key, entries: $0.value.entries, likes: $0.value.likes, likesDelta: $0.value.likes - (before?[$0.key] ?? 0)) }
                    .sorted { $0.likes != $1.likes ? $0.likes > $1.likes : $0.name.precedesInCodePoints($1.name) }
            }
            let total = sorted.reduce(0) { $0 + $1.likes }
            let previousTotal = previous?.likes.values.reduce(0, +) ?? 0
            tables.append(WeeklyTable(date: snapshot.date, previousDate: tables.last?.date, rows: rows,
                                      divisions: totals(divisions, previous?.divisions),
                                      organizations: totals(organizations, previous?.organizations),
                                      totalLikes: total, totalLikesDelta: total - previousTotal))
            previous = (rankById, likesById, divisions.mapValues(\.likes), organizations.mapValues(\.likes))
        }
        return tables
    }

    /// The latest table not after a day (what "this week" means for the site's asOf).
    public static func latest(_ tables: [WeeklyTable], notAfter day: CalendarDate) -> WeeklyTable? {
        tables.last { $0.date <= day }
    }
}
