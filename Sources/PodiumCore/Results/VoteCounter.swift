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
    /// Per voter, this day's counted votes: (entry, count) pairs, a handful each.
    private var today: [String: [(entry: Int32, count: Int32)]] = [:]

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
            day = date
            today.removeAll(keepingCapacity: true)
        }
        var votes = today[voter] ?? []
        if let i = votes.firstIndex(where: { $0.entry == Int32(entry) }) {
            guard votes[i].count < perEntry else { return reject(entry, .repeatVote) }
            votes[i].count += 1
        } else {
            guard votes.count < perDay else { return reject(entry, .dailyLimit) }
            votes.append((Int32(entry), 1))
        }
        today[voter] = votes
        tally.counted[entry] += 1
        tally.daily[entry][date, default: 0] += 1
    }

    private mutating func reject(_ entry: Int, _ reason: Rejection) {
        tally.rejected[entry][reason, default: 0] += 1
        tally.rejectedTotals[reason, default: 0] += 1
    }
}

extension CalendarDate {
    /// The following day.
    var next: CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + 1) }
}
