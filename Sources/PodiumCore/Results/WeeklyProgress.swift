/// One entry in a weekly ranking (contract §6).
public struct WeeklyRow: Sendable {
    public var likes: Int
    public var views: Int
    /// Likes gained since the previous snapshot (for a new entry, its likes).
    public var likesDelta: Int
    // An index and places in four bytes each (a row is 40 bytes, not 56): a campaign of a million
    // entries over seventeen weeks holds seventeen million rows while its pages render.
    private let index: Int32, place: Int32
    /// 0 for an entry new this week (places start at 1).
    private let previousPlace: Int32

    public init(entryIndex: Int, likes: Int, views: Int, rank: Int, previousRank: Int?, likesDelta: Int) {
        (self.likes, self.views, self.likesDelta) = (likes, views, likesDelta)
        (index, place, previousPlace) = (Int32(entryIndex), Int32(rank), Int32(previousRank ?? 0))
    }

    /// Index into `Campaign.entries` (an index, not a copy: a campaign has many weeks of many rows).
    public var entryIndex: Int { Int(index) }
    public var rank: Int { Int(place) }
    /// nil for an entry new this week.
    public var previousRank: Int? { previousPlace > 0 ? Int(previousPlace) : nil }

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
    /// The weekly tables of a campaign, oldest first. Each week is ranked on its own (in parallel);
    /// movement and gains then come from the week before through arrays indexed by entry, so the
    /// cost is linear in the rows after each week's sort.
    public static func tables(_ campaign: Campaign) -> [WeeklyTable] {
        let divisions = NameTable(campaign.entries.map { $0.division.map { [$0] } ?? [] })
        let organizations = NameTable(campaign.entries.map(\.organizations))
        let ranked = campaign.weeks.concurrentMap { snapshot in
            RankedWeek(snapshot, entries: campaign.entries, divisions: divisions, organizations: organizations)
        }
        var tables: [WeeklyTable] = []
        tables.reserveCapacity(ranked.count)
        let n = campaign.entries.count
        var previousRank = [Int](repeating: 0, count: n), previousLikes = [Int](repeating: 0, count: n)
        var previousTotal = 0
        var previousDivisions = [Int](repeating: 0, count: divisions.names.count)
        var previousOrganizations = [Int](repeating: 0, count: organizations.names.count)
        for (week, snapshot) in zip(ranked, campaign.weeks) {
            var rows: [WeeklyRow] = []
            rows.reserveCapacity(week.order.count)
            for (i, entryIndex) in week.order.enumerated() {
                let seen = previousRank[entryIndex] > 0
                rows.append(WeeklyRow(entryIndex: entryIndex, likes: week.likes[i], views: week.views[i], rank: week.ranks[i],
                                      previousRank: seen ? previousRank[entryIndex] : nil,
                                      likesDelta: week.likes[i] - (seen ? previousLikes[entryIndex] : 0)))
            }
            previousRank = [Int](repeating: 0, count: n)
            for row in rows { previousRank[row.entryIndex] = row.rank; previousLikes[row.entryIndex] = row.likes }
            tables.append(WeeklyTable(date: snapshot.date, previousDate: tables.last?.date, rows: rows,
                                      divisions: divisions.totals(week.divisions, before: previousDivisions),
                                      organizations: organizations.totals(week.organizations, before: previousOrganizations),
                                      totalLikes: week.total, totalLikesDelta: week.total - previousTotal))
            previousTotal = week.total
            previousDivisions = week.divisions.map(\.likes)
            previousOrganizations = week.organizations.map(\.likes)
        }
        return tables
    }

    /// Names (divisions, organizations) numbered once, so weekly totals are arrays, not dictionaries.
    struct NameTable: Sendable {
        var names: [String] = []
        /// Per entry, the numbers of its names: `numbers[starts[e]..<starts[e + 1]]` (one flat
        /// array: a week's totals read it for every row).
        private var starts: [Int] = [0], numbers: [Int] = []

        init(_ namesOfEntries: [[String]]) {
            var known: [String: Int] = [:]
            starts.reserveCapacity(namesOfEntries.count + 1)
            for list in namesOfEntries {
                for name in list {
                    if let n = known[name] { numbers.append(n); continue }
                    known[name] = names.count
                    numbers.append(names.count)
                    names.append(name)
                }
                starts.append(numbers.count)
            }
        }

        /// Adds an entry's likes to the totals of each of its names.
        func add(entry: Int, likes: Int, to totals: inout [(entries: Int, likes: Int)]) {
            for k in starts[entry]..<starts[entry + 1] {
                totals[numbers[k]].entries += 1
                totals[numbers[k]].likes += likes
            }
        }

        /// Names with at least one entry this week: most likes first, then name in code points.
        func totals(_ week: [(entries: Int, likes: Int)], before: [Int]) -> [WeeklyTotal] {
            week.indices.filter { week[$0].entries > 0 }
                .map { WeeklyTotal(name: names[$0], entries: week[$0].entries, likes: week[$0].likes, likesDelta: week[$0].likes - before[$0]) }
                .sorted { $0.likes != $1.likes ? $0.likes > $1.likes : $0.name.precedesInCodePoints($1.name) }
        }
    }

    /// One snapshot sorted and ranked: likes desc, views desc (shared rank), then id in code points.
    struct RankedWeek: Sendable {
        var order: [Int] = [], likes: [Int] = [], views: [Int] = [], ranks: [Int] = []
        var divisions: [(entries: Int, likes: Int)], organizations: [(entries: Int, likes: Int)]
        var total = 0

        init(_ snapshot: WeeklySnapshot, entries: [Entry], divisions: NameTable, organizations: NameTable) {
            let rows = snapshot.rows
            let sorted = rows.indices.sorted { a, b in
                LikesOrder.precedes((rows[a].likes, rows[a].views), (rows[b].likes, rows[b].views)) {
                    entries[rows[a].entry].id.precedesInCodePoints(entries[rows[b].entry].id)
                }
            }
            order = sorted.map { rows[$0].entry }
            likes = sorted.map { rows[$0].likes }
            views = sorted.map { rows[$0].views }
            let (likes, views) = (likes, views)
            ranks = Ranking.competitionRanks(count: sorted.count) { likes[$0] == likes[$0 - 1] && views[$0] == views[$0 - 1] }
            self.divisions = Array(repeating: (0, 0), count: divisions.names.count)
            self.organizations = Array(repeating: (0, 0), count: organizations.names.count)
            for (i, entryIndex) in order.enumerated() {
                total += likes[i]
                divisions.add(entry: entryIndex, likes: likes[i], to: &self.divisions)
                organizations.add(entry: entryIndex, likes: likes[i], to: &self.organizations)
            }
        }
    }

    /// The latest table not after a day (what "this week" means for the site's asOf).
    public static func latest(_ tables: [WeeklyTable], notAfter day: CalendarDate) -> WeeklyTable? {
        tables.last { $0.date <= day }
    }
}
