import Dispatch

/// One line of the leaderboard: an entry with its score, rank, eligibility and award.
public struct LeaderboardRow: Sendable {
    public var entry: Entry
    /// Its index in `Campaign.entries`.
    public var entryIndex: Int
    public var score: EntryScore
    public var rank: Int
    public var reasons: [IneligibilityReason]
    /// The award the rules give.
    public var computedAward: String?
    /// The award published: `winners.json`'s where that file exists, else the computed one.
    public var award: String?
    public var eligible: Bool { reasons.isEmpty }
}

/// A difference between `winners.json` and the computed awards.
public struct WinnerDifference: Sendable, Hashable {
    public var id: String
    public var computed: String?
    public var official: String?
}

/// What a campaign's own files decide, its weeks aside: the leaderboard, the totals of
/// organizations and areas, the names, and what `check` says of them (pure, from the entries,
/// campaign.json and winners.json, with the likes the ledger counted).
public struct Standings: Sendable {
    /// Published entries in leaderboard order.
    public var rows: [LeaderboardRow]
    /// L: the largest `likes` among eligible entries.
    public var maxLikes: Int
    public var organizations: [OrganizationStanding]
    public var divisions: [AreaStanding]
    public var regions: [AreaStanding]
    public var differences: [WinnerDifference]
    /// Warnings for `podium check` (ties at boundaries, short groups, ineligible entries, differences).
    public var diagnostics: Diagnostics
    /// The published entries' names, numbered (the member lists group rows by them).
    let names: CampaignNames
}

/// Everything computed about a campaign: pure, from the loaded content only. Its standings are
/// read through it (`results.rows` is `results.standings.rows`).
@dynamicMemberLookup
public struct CampaignResults: Sendable {
    public var campaign: Campaign
    /// The leaderboard, the totals of organizations and areas, the names and the warnings about them.
    public var standings: Standings
    /// Weekly rankings, oldest first (empty without `weeks/`).
    public var weeks: [WeeklyTable]
    /// Where the results stand on the day the site describes (set once that day is known).
    public var state: ResultsState = .final
    /// The like ledger's count, when the campaign has `votes.csv`.
    public var votes: VoteCounter.Tally?

    public subscript<T>(dynamicMember path: KeyPath<Standings, T>) -> T { standings[keyPath: path] }

    public var hasDivisions: Bool { !standings.divisions.isEmpty }
    /// The winners as published, grouped and ordered for the gallery (computed once).
    public private(set) var winners = WinnerList(sections: [], organizations: [])
    /// Whether any entry or organization has an award (every page's navigation asks).
    public var hasAwards: Bool { !winners.isEmpty }

    /// The results as the site may publish them in `state` (contract §12): while live, no award
    /// anywhere (rows, organizations, winners); otherwise as computed. `check` reports from the
    /// computed results, whatever the state.
    /// (In place: the rows of a campaign of tens of thousands of entries are not copied.)
    public mutating func publish(in state: ResultsState) {
        self.state = state
        guard !state.publishesAwards else { return }
        for i in standings.rows.indices { standings.rows[i].award = nil; standings.rows[i].computedAward = nil }
        for i in standings.organizations.indices { standings.organizations[i].award = nil }
        winners = WinnerList(sections: [], organizations: [])
    }

    /// `rankWeeksNow` names the weeks whose tables are ranked at once (the others when first read).
    /// `known`: the campaign's standings as computed before from the same files (`StandingsCache`):
    /// then only the weekly tables are computed.
    public static func compute(_ campaign: Campaign, rankWeeksNow: (Int) -> Bool = { _ in true }, standings known: Standings? = nil) -> CampaignResults {
        let now = campaign.weeks.indices.filter(rankWeeksNow)
        if let known {
            return CampaignResults(campaign, known, weeks: WeeklyProgress.tables(campaign, names: known.names) { now.contains($0) })
        }
        // Three independent pieces on all cores, the longest first: the entries' ranking, the weekly
        // tables, the totals of organizations and areas. (One apply, not `concurrently` twice: a third
        // thread would be started by the system's pool only after a delay. Inside the apply, the
        // weeks a full build ranks share one core: measured the same at 20,000 and 1,000,000 entries.)
        let names = CampaignNames(campaign.entries)
        nonisolated(unsafe) var ranked: Standings?, weeks: [WeeklyTable] = []
        nonisolated(unsafe) var groups: (organizations: [OrganizationStanding], notes: [AwardAllocator.Note],
                                         divisions: [AreaStanding], regions: [AreaStanding])?
        DispatchQueue.concurrentPerform(iterations: 3) { piece in
            switch piece {
            case 0: ranked = leaderboard(campaign, names: names)
            case 1: weeks = WeeklyProgress.tables(campaign, names: names) { now.contains($0) }
            default: groups = GroupTotals.standings(campaign, names: names)
            }
        }
        guard var standings = ranked, let groups else { preconditionFailure("every piece is done") }
        (standings.organizations, standings.divisions, standings.regions) = (groups.organizations, groups.divisions, groups.regions)
        for note in groups.notes {
            standings.diagnostics.warning("content/campaigns/\(campaign.slug)/campaign.json", describe(note, groupLabel: nil) + " (organizations)", category: category(note))
        }
        return CampaignResults(campaign, standings, weeks: weeks)
    }

    private init(_ campaign: Campaign, _ standings: Standings, weeks: [WeeklyTable]) {
        (self.campaign, self.standings, self.weeks) = (campaign, standings, weeks)
        winners = WinnerList.make(self)
    }

    /// The entries' ranking, scores and awards (no groups' totals, no weekly tables).
    private static func leaderboard(_ campaign: Campaign, names: CampaignNames) -> Standings {
        let path = campaign.entriesPath
        var diagnostics = Diagnostics()
        let allReasons = Eligibility.reasons(for: campaign.entries, rules: campaign.rules)
        // Only published entries appear anywhere; their reasons are the rule violations.
        let published = campaign.entries.indices.filter { campaign.entries[$0].isPublished }
        let entries = published.map { campaign.entries[$0] }
        let reasons = published.map { allReasons[$0] }

        let maxLikes = zip(entries, reasons).filter { $0.1.isEmpty }.map(\.0.likes).max() ?? 0
        let scores = entries.map { ScoreCalculator.score($0, scoring: campaign.scoring, maxLikes: maxLikes) }
        let keys = entries.indices.map { i in
            Ranking.Key(composite: scores[i].composite, expert: scores[i].expertPoints ?? .zero, likes: entries[i].likes,
                        views: entries[i].views, submitted: entries[i].submitted, id: entries[i].id)
        }
        let (order, ranks) = Ranking.order(keys, tieBreak: campaign.tieBreak)
        let candidates = order.indices.map { k in
            AwardAllocator.Candidate(rank: ranks[k], eligible: reasons[order[k]].isEmpty, group: entries[order[k]].group)
        }
        let (awards, notes) = AwardAllocator.allocate(campaign.awards, to: candidates, groups: campaign.groups?.values ?? [])

        var rows = order.indices.map { k in
            LeaderboardRow(entry: entries[order[k]], entryIndex: published[order[k]], score: scores[order[k]], rank: ranks[k],
                           reasons: reasons[order[k]], computedAward: awards[k], award: awards[k])
        }
        for note in notes { diagnostics.warning(path, describe(note, groupLabel: campaign.groups?.label), category: category(note)) }
        for i in rows.indices where !rows[i].eligible {   // by index: the eligible rows are not copied
            let row = rows[i]
            diagnostics.warning(path, at: row.entry.position, field: "[\(row.entry.index)]",
                                "\"\(row.entry.id)\" is not eligible for awards: " + row.reasons.map(\.explanation).joined(separator: "; "),
                                category: "ineligible entries")
        }

        var differences: [WinnerDifference] = []
        if let winners = campaign.winners {
            let official = Dictionary(uniqueKeysWithValues: winners.map { ($0.id, $0) })
            let winnersPath = "content/campaigns/\(campaign.slug)/winners.json"
            for i in rows.indices {
                let id = rows[i].entry.id
                let officialAward = official[id]?.award
                rows[i].award = officialAward
                guard officialAward != rows[i].computedAward else { continue }
                differences.append(WinnerDifference(id: id, computed: rows[i].computedAward, official: officialAward))
                var message = "\"\(id)\": winners.json says \(officialAward.map { "\"\($0)\"" } ?? "no award"), the rules give \(rows[i].computedAward.map { "\"\($0)\"" } ?? "no award")"
                if !rows[i].eligible { message += " (the entry is not eligible: \(rows[i].reasons.map(\.explanation).joined(separator: "; ")))" }
                let position = official[id]?.position ?? rows[i].entry.position
                diagnostics.warning(official[id] != nil ? winnersPath : path, at: position, message, category: "winners.json differences")
            }
        }

        return Standings(rows: rows, maxLikes: maxLikes, organizations: [], divisions: [], regions: [],
                         differences: differences, diagnostics: diagnostics, names: names)
    }

    static func category(_ note: AwardAllocator.Note) -> String {
        switch note {
        case .sharedBoundary: "ties at award boundaries"
        case .short, .ungrouped: "short groups"
        }
    }

    static func describe(_ note: AwardAllocator.Note, groupLabel: String?) -> String {
        func inGroup(_ g: String?) -> String { g.map { " in \(groupLabel ?? "group") \"\($0)\"" } ?? "" }
        switch note {
        case let .sharedBoundary(tier, group, rank, size, awarded):
            return "award \"\(tier)\"\(inGroup(group)): rank \(rank) is shared at the last place, so \(awarded) are awarded instead of \(size)"
        case let .short(tier, group, size, awarded):
            return "award \"\(tier)\"\(inGroup(group)): only \(awarded) eligible entries for \(size) places"
        case let .ungrouped(tier, count):
            return "award \"\(tier)\": \(count) eligible entries have no group and cannot win this per-group award"
        }
    }
}
