/// Rankings of organizations, divisions (赛区) and regions (contract §5).
public struct OrganizationStanding: Sendable {
    public var rank: Int
    public var name: String
    public var entries: Int
    public var likes: Int
    public var award: String?
}

public struct AreaStanding: Sendable {
    public var name: String
    public var entries: Int
    public var entriesRank: Int
    public var likes: Int
    public var likesRank: Int
    public var views: Int
    public var viewsRank: Int
}

public enum GroupTotals {
    /// A campaign's organizations (with their awards' notes), divisions and regions.
    static func standings(_ campaign: Campaign, names: CampaignNames) -> (organizations: [OrganizationStanding], notes: [AwardAllocator.Note],
                                                                          divisions: [AreaStanding], regions: [AreaStanding]) {
        let (organizations, notes) = organizations(campaign.entries, names: names.organizations, tiers: campaign.organizationAwards)
        return (organizations, notes, areas(campaign.entries, names: names.divisions), areas(campaign.entries, names: names.regions))
    }

    /// Entries, likes and views of the published entries naming each name, by number.
    private static func totals(_ entries: [Entry], _ names: NameTable) -> [(entries: Int, likes: Int, views: Int)] {
        var totals = [(entries: Int, likes: Int, views: Int)](repeating: (0, 0, 0), count: names.names.count)
        for (i, e) in entries.enumerated() {
            for n in names.numbers(of: i) {
                totals[n].entries += 1
                totals[n].likes += e.likes
                totals[n].views += e.views
            }
        }
        return totals
    }

    /// Organizations by published entries naming them, then total likes; equal on both share a
    /// rank and are listed by name. Organization award tiers go by `count` with the shared-rank rule.
    static func organizations(_ entries: [Entry], names: NameTable, tiers: [Campaign.AwardTier]) -> ([OrganizationStanding], [AwardAllocator.Note]) {
        let totals = totals(entries, names)
        let sorted = names.names.indices.filter { totals[$0].entries > 0 }.sorted { a, b in
            if totals[a].entries != totals[b].entries { return totals[a].entries > totals[b].entries }
            if totals[a].likes != totals[b].likes { return totals[a].likes > totals[b].likes }
            return names.names[a].precedesInCodePoints(names.names[b])
        }
        let ranks = Ranking.competitionRanks(count: sorted.count) {
            totals[sorted[$0]].entries == totals[sorted[$0 - 1]].entries && totals[sorted[$0]].likes == totals[sorted[$0 - 1]].likes
        }
        let candidates = ranks.map { AwardAllocator.Candidate(rank: $0, eligible: true, group: nil) }
        let (awards, notes) = AwardAllocator.allocate(tiers, to: candidates)
        let standings = sorted.indices.map { k in
            OrganizationStanding(rank: ranks[k], name: names.names[sorted[k]], entries: totals[sorted[k]].entries,
                                 likes: totals[sorted[k]].likes, award: awards[k])
        }
        return (standings, notes)
    }

    /// Divisions or regions: entries, likes and views of published entries, each with its own
    /// competition rank; listed by entries rank, then name.
    static func areas(_ entries: [Entry], names: NameTable) -> [AreaStanding] {
        let totals = totals(entries, names)
        let numbers = names.byName.filter { totals[$0].entries > 0 }
        func ranks(_ value: (Int) -> Int) -> [Int: Int] {
            let order = numbers.sorted { value($0) != value($1) ? value($0) > value($1) : names.names[$0].precedesInCodePoints(names.names[$1]) }
            let r = Ranking.competitionRanks(count: order.count) { value(order[$0]) == value(order[$0 - 1]) }
            return Dictionary(uniqueKeysWithValues: zip(order, r))
        }
        let byEntries = ranks { totals[$0].entries }, byLikes = ranks { totals[$0].likes }, byViews = ranks { totals[$0].views }
        return numbers.map { n in
            AreaStanding(name: names.names[n], entries: totals[n].entries, entriesRank: byEntries[n]!, likes: totals[n].likes,
                         likesRank: byLikes[n]!, views: totals[n].views, viewsRank: byViews[n]!)
        }.sorted { $0.entriesRank != $1.entriesRank ? $0.entriesRank < $1.entriesRank : $0.name.precedesInCodePoints($1.name) }
    }
}
