/// Counts likes from the ledger (contract §7). Feed votes in time order (equal times in file
/// order); each is counted unless a rule rejects it. The state is one day's votes per voter:
/// times arrive in order, so a new day in the campaign's time zone clears it.
public struct VoteCounter {
    public enum Rejection: String, Sendable, CaseIterable {
        case unknownEntry = "unknown entry"
        case unpublished = "entry not published"
        case outsidePeriod = "outside the campaign period"
        case outsidePhase = "outside the 点赞 phase"
        case repeatVote = "repeat vote for the same entry that day"
        case dailyLimit = "over the daily limit of different entries"

        public var label: String {
            switch self {
            case .unknownEntry: "作品不存在"
            case .unpublished: "作品未发布"
            case .outsidePeriod: "不在活动期内"
            case .outsidePhase: "不在点赞阶段"
            case .repeatVote: "同一天重复点赞"
            case .dailyLimit: "超过每天点赞作品数"
            }
        }
    }

    /// What the ledger says, per entry (indices of `Campaign.entries`).
    public struct Tally: Sendable {
        public var counted: [Int]
        public var rejected: [[Rejection: Int]]
        public var rejectedTotals: [Rejection: Int] = [:]
        /// Unknown entry ids with their rejected votes.
        public var unknownIds: [String: Int] = [:]
        /// Counted likes per entry per day.
        public var daily: [[CalendarDate: Int]]
        public var votes = 0
    }

    let published: [Bool]
    let zone: UTCOffset
    let window: (start: Instant, end: Instant)
    let windowReason: Rejection
    let perEntry: Int
    let perDay: Int
    public private(set) var tally: Tally

    private var day: CalendarDate?
    /// Per voter, this day's counted votes.
    private var today: [String: VoterDay] = [:]
    /// This day's counted votes per entry, and which entries have any (filed into `tally.daily` when the day ends).
    private var dayCounts: [Int32]
    private var touched: [Int32] = []

    public init(campaign: Campaign) {
        published = campaign.entries.map(\.isPublished)
        zone = campaign.timezone
        if let phase = campaign.phases.first(where: { $0.name == "点赞" }) {
            window = (Instant(startOf: phase.start, in: zone), Instant(startOf: phase.end.next, in: zone))
            windowReason = .outsidePhase
        } else {
            window = (Instant(startOf: campaign.start, in: zone), Instant(startOf: campaign.end.next, in: zone))
            windowReason = .outsidePeriod
        }
        perEntry = campaign.likeRules.perVoterPerEntryPerDay ?? Int.max
        perDay = campaign.likeRules.maxEntriesPerVoterPerDay ?? Int.max
        dayCounts = Array(repeating: 0, count: published.count)
        tally = Tally(counted: Array(repeating: 0, count: published.count),
                      rejected: Array(repeating: [:], count: published.count),
                      daily: Array(repeating: [:], count: published.count))
    }

    /// `entry` is the index in `Campaign.entries`, or nil when the ledger names no such entry.
    public mutating func add(voter: String, entry: Int?, unknownId: @autoclosure () -> String, time: Instant) {
        tally.votes += 1
        guard let entry else {
            tally.unknownIds[unknownId(), default: 0] += 1
            tally.rejectedTotals[.unknownEntry, default: 0] += 1
            return
        }
        guard published[entry] else { return reject(entry, .unpublished) }
        guard time >= window.start && time < window.end else { return reject(entry, windowReason) }
        let date = time.date(in: zone)
        if date != day {
            fileDay()
            day = date
            today.removeAll(keepingCapacity: true)
        }
        let accepted = Self.vote(&today[voter, default: VoterDay()], entry: Int32(entry), perEntry: perEntry, perDay: perDay)
        if let rejection = accepted { return reject(entry, rejection) }
        tally.counted[entry] += 1
        if dayCounts[entry] == 0 { touched.append(Int32(entry)) }
        dayCounts[entry] += 1
    }

    /// The tally with the last day filed.
    public mutating func finish() -> Tally {
        fileDay()
        return tally
    }

    private mutating func fileDay() {
        guard let day else { return }
        for e in touched {
            tally.daily[Int(e)][day] = Int(dayCounts[Int(e)])
            dayCounts[Int(e)] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Applies the per-entry and per-day limits to one voter's day; nil when the vote counts.
    private static func vote(_ v: inout VoterDay, entry: Int32, perEntry: Int, perDay: Int) -> Rejection? {
        if let i = v.index(of: entry) {
            guard Int(v.count(at: i)) < perEntry else { return .repeatVote }
            v.increment(at: i)
        } else {
            guard Int(v.distinct) < perDay else { return .dailyLimit }
            v.add(entry)
        }
        return nil
    }

    private mutating func reject(_ entry: Int, _ reason: Rejection) {
        tally.rejected[entry][reason, default: 0] += 1
        tally.rejectedTotals[reason, default: 0] += 1
    }
}

/// One voter's counted votes on one day: the first eight entries inline (no allocation), more in
/// an overflow array (only when a campaign allows more than eight entries a day).
struct VoterDay {
    private var entries = SIMD8<Int32>(repeating: -1)
    private var counts = SIMD8<Int32>(repeating: 0)
    private(set) var distinct: Int32 = 0
    private var overflow: [(entry: Int32, count: Int32)] = []

    func index(of entry: Int32) -> Int? {
        for i in 0..<min(Int(distinct), 8) where entries[i] == entry { return i }
        if let j = overflow.firstIndex(where: { $0.entry == entry }) { return 8 + j }
        return nil
    }

    func count(at i: Int) -> Int32 { i < 8 ? counts[i] : overflow[i - 8].count }

    mutating func increment(at i: Int) {
        if i < 8 { counts[i] += 1 } else { overflow[i - 8].count += 1 }
    }

    mutating func add(_ entry: Int32) {
        let i = Int(distinct)
        if i < 8 { entries[i] = entry; counts[i] = 1 } else { overflow.append((entry, 1)) }
        distinct += 1
    }
}

extension CalendarDate {
    /// The following day.
    var next: CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + 1) }
}
