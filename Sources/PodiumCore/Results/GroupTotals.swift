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
    static func standings(_ campaign: Campaign) -> (organizations: [OrganizationStanding], notes: [AwardAllocator.Note],
                                                    divisions: [AreaStanding], regions: [AreaStanding]) {
        let (organizations, notes) = organizations(campaign.entries, tiers: campaign.organizationAwards)
        return (organizations, notes, areas(campaign.entries) { $0.division }, areas(campaign.entries) { $0.region })
    }

    /// An entry added to its group's totals (one lookup of the group's name per entry).
    private static func count(_ e: Entry, into t: inout (entries: Int, likes: Int)) {
        t.entries += 1
        t.likes += e.likes
    }

    private static func count(_ e: Entry, into t: inout (entries: Int, likes: Int, views: Int)) {
        t.entries += 1
        t.likes += e.likes
        t.views += e.views
    }

    /// Organizations by published entries naming them, then total likes; equal on both share a
    /// rank and are listed by name. Organization award tiers go by `count` with the shared-rank rule.
    public static func organizations(_ entries: [Entry], tiers: [Campaign.AwardTier]) -> ([OrganizationStanding], [AwardAllocator.Note]) {
        var totals: [String: (entries: Int, likes: Int)] = [:]
        for e in entries where e.isPublished {
            for o in e.organizations { count(e, into: &totals[o, default: (0, 0)]) }
        }
        let sorted = totals.sorted { a, b in
            if a.value.entries != b.value.entries { return a.value.entries > b.value.entries }
            if a.value.likes != b.value.likes { return a.value.likes > b.value.likes }
            return a.key.precedesInCodePoints(b.key)
        }
        let ranks = Ranking.competitionRanks(count: sorted.count) { sorted[$0].value == sorted[$0 - 1].value }
        let candidates = ranks.map { AwardAllocator.Candidate(rank: $0, eligible: true, group: nil) }
        let (awards, notes) = AwardAllocator.allocate(tiers, to: candidates)
        let standings = sorted.indices.map {
            OrganizationStanding(rank: ranks[$0], name: sorted[$0].key, entries: sorted[$0].value.entries,
                                 likes: sorted[$0].value.likes, award: awards[$0])
        }
        return (standings, notes)
    }

    /// Divisions or regions: entries, likes and views of published entries, each with its own
    /// competition rank; listed by entries rank, then name.
    public static func areas(_ entries: [Entry], by area: (Entry) -> String?) -> [AreaStanding] {
        var totals: [String: (entries: Int, likes: Int, views: Int)] = [:]
        for e in entries where e.isPublished {
            guard let name = area(e) else { continue }
            count(e, into: &totals[name, default: (0, 0, 0)])
        }
        let names = totals.keys.sorted { $0.precedesInCodePoints($1) }
        func ranks(_ value: (String) -> Int) -> [String: Int] {
            let order = names.sorted { value($0) != value($1) ? value($0) > value($1) : $0.precedesInCodePoints($1) }
            let r = Ranking.competitionRanks(count: order.count) { value(order[$0]) == value(order[$0 - 1]) }
            return Dictionary(uniqueKeysWithValues: zip(order, r))
        }
        let byEntries = ranks { totals[$0]!.entries }, byLikes = ranks { totals[$0]!.likes }, byViews = ranks { totals[$0]!.views }
        return names.map { n in
            let t = totals[n]!
            return AreaStanding(name: n, entries: t.entries, entriesRank: byEntries[n]!, likes: t.likes,
                                likesRank: byLikes[n]!, views: t.views, viewsRank: byViews[n]!)
        }.sorted { $0.entriesRank != $1.entriesRank ? $0.entriesRank < $1.entriesRank : $0.name.precedesInCodePoints($1.name) }
    }
}
