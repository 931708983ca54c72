import Synchronization

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

/// One snapshot's ranking with its movement against the snapshot before it. Its figures are
/// known at once; its rows and totals by name are ranked when first read, unless the build asked
/// for them at once (`WeeklyProgress.tables`): a rebuild after one more week shows two weeks' tables.
public struct WeeklyTable: Sendable {
    public var date: CalendarDate
    public var previousDate: CalendarDate?
    /// How many published entries the snapshot lists.
    public var count: Int
    public var totalLikes: Int
    public var totalLikesDelta: Int
    fileprivate let detail: WeeklyProgress.Detail

    /// Every published entry of the snapshot: likes desc, views desc (shared rank), then id.
    public var rows: [WeeklyRow] { detail.value.rows }
    public var divisions: [WeeklyTotal] { detail.value.divisions }
    public var organizations: [WeeklyTotal] { detail.value.organizations }

    /// Sets `likes[entry]` to each listed entry's likes (the growth charts), without ranking the week.
    public func likes(into likes: inout [Int]) { detail.likes(into: &likes) }

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
    /// The weekly tables of a campaign, oldest first. The weeks `rankNow` names are ranked at once,
    /// each on its own (in parallel), every other when its rows are first read; a week's movement and
    /// gains come from the week before through arrays indexed by entry, so the cost is linear in the
    /// rows after each week's sort. A table is the same whenever it is ranked: only the time differs.
    public static func tables(_ campaign: Campaign, rankNow: (Int) -> Bool = { _ in true }) -> [WeeklyTable] {
        tables(campaign, names: CampaignNames(campaign.entries), rankNow: rankNow)
    }

    static func tables(_ campaign: Campaign, names: CampaignNames, rankNow: (Int) -> Bool = { _ in true }) -> [WeeklyTable] {
        let weeks = campaign.weeks.map(\.rows)
        let context = Context(entries: campaign.entries, names: names)
        // Week i's table reads the ranking of week i − 1.
        let now = weeks.indices.filter(rankNow)
        let needed = Set(now.flatMap { $0 > 0 ? [$0 - 1, $0] : [$0] }).sorted()
        let rankedList = needed.concurrentMap { RankedWeek(weeks[$0], context: context) }
        let ranked = Dictionary(uniqueKeysWithValues: zip(needed, rankedList))
        var tables: [WeeklyTable] = []
        tables.reserveCapacity(weeks.count)
        var previousTotal = 0
        for (i, snapshot) in campaign.weeks.enumerated() {
            let total = weeks[i].reduce(0) { $0 + $1.likes }
            let detail = if let week = ranked[i] {
                Detail(made: Self.detail(week, after: i > 0 ? ranked[i - 1] : nil, context: context))
            } else {
                Detail(rows: weeks[i], previous: i > 0 ? weeks[i - 1] : nil, context: context)
            }
            tables.append(WeeklyTable(date: snapshot.date, previousDate: tables.last?.date, count: weeks[i].count,
                                      totalLikes: total, totalLikesDelta: total - previousTotal, detail: detail))
            previousTotal = total
        }
        return tables
    }

    /// A week's rows and totals by name.
    struct Made: Sendable {
        var rows: [WeeklyRow]
        var divisions: [WeeklyTotal]
        var organizations: [WeeklyTotal]
    }

    /// What every week of a campaign ranks against: its entries and their names.
    final class Context: Sendable {
        let entries: [Entry]
        let divisions: NameTable, organizations: NameTable

        init(entries: [Entry], names: CampaignNames) {
            self.entries = entries
            (divisions, organizations) = (names.divisions, names.organizations)
        }
    }

    /// A week's rows and totals, made at once or on first use; until then the snapshot's rows (and
    /// the week before's) are kept instead, and let go once it is made.
    final class Detail: Sendable {
        private enum State {
            case waiting(rows: [WeeklySnapshot.Row], previous: [WeeklySnapshot.Row]?, context: Context)
            case made(Made)
        }
        private let state: Mutex<State>

        init(made: Made) { state = Mutex(.made(made)) }
        init(rows: [WeeklySnapshot.Row], previous: [WeeklySnapshot.Row]?, context: Context) {
            state = Mutex(.waiting(rows: rows, previous: previous, context: context))
        }

        var value: Made {
            state.withLock { state in
                switch state {
                case .made(let made): return made
                case let .waiting(rows, previous, context):
                    let made = WeeklyProgress.detail(RankedWeek(rows, context: context),
                                                     after: previous.map { RankedWeek($0, context: context) }, context: context)
                    state = .made(made)
                    return made
                }
            }
        }

        func likes(into likes: inout [Int]) {
            state.withLock { state in
                switch state {
                case .made(let made): for row in made.rows { likes[row.entryIndex] = row.likes }
                case .waiting(let rows, _, _): for row in rows { likes[row.entry] = row.likes }
                }
            }
        }
    }

    /// A ranked week's rows with their movement since `previous`, and its totals by name.
    static func detail(_ week: RankedWeek, after previous: RankedWeek?, context: Context) -> Made {
        let n = context.entries.count
        var previousRank = [Int](repeating: 0, count: n), previousLikes = [Int](repeating: 0, count: n)
        if let previous {
            for (i, entryIndex) in previous.order.enumerated() {
                previousRank[entryIndex] = previous.ranks[i]
                previousLikes[entryIndex] = previous.likes[i]
            }
        }
        var rows: [WeeklyRow] = []
        rows.reserveCapacity(week.order.count)
        for (i, entryIndex) in week.order.enumerated() {
            let seen = previousRank[entryIndex] > 0
            rows.append(WeeklyRow(entryIndex: entryIndex, likes: week.likes[i], views: week.views[i], rank: week.ranks[i],
                                  previousRank: seen ? previousRank[entryIndex] : nil,
                                  likesDelta: week.likes[i] - (seen ? previousLikes[entryIndex] : 0)))
        }
        let before = { (totals: [(entries: Int, likes: Int)]?, count: Int) in totals?.map(\.likes) ?? [Int](repeating: 0, count: count) }
        return Made(rows: rows,
                    divisions: context.divisions.totals(week.divisions, before: before(previous?.divisions, context.divisions.names.count)),
                    organizations: context.organizations.totals(week.organizations,
                                                                before: before(previous?.organizations, context.organizations.names.count)))
    }

    /// One snapshot sorted and ranked: likes desc, views desc (shared rank), then id in code points.
    struct RankedWeek: Sendable {
        var order: [Int] = [], likes: [Int] = [], views: [Int] = [], ranks: [Int] = []
        var divisions: [(entries: Int, likes: Int)], organizations: [(entries: Int, likes: Int)]

        init(_ rows: [WeeklySnapshot.Row], context: Context) {
            let entries = context.entries, divisions = context.divisions, organizations = context.organizations
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

extension NameTable {
    /// Names with at least one entry this week: most likes first, then name in code points.
    func totals(_ week: [(entries: Int, likes: Int)], before: [Int]) -> [WeeklyTotal] {
        week.indices.filter { week[$0].entries > 0 }
            .map { WeeklyTotal(name: names[$0], entries: week[$0].entries, likes: week[$0].likes, likesDelta: week[$0].likes - before[$0]) }
            .sorted { $0.likes != $1.likes ? $0.likes > $1.likes : $0.name.precedesInCodePoints($1.name) }
    }
}
