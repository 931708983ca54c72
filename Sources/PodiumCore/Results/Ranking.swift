/// The leaderboard order (contract §5): composite descending, then each tie-break key, then id
/// in code-point order. Entries equal on composite and every tie-break key share a rank
/// (standard competition ranking, "1224").
public enum Ranking {
    public struct Key: Sendable {
        public var composite: Points
        public var expert: Points
        public var likes: Int
        public var views: Int
        public var submitted: Instant?
        public var id: String
    }

    /// -1 when a comes first, 1 when b does, 0 when they share a rank (id is not consulted).
    public static func compare(_ a: Key, _ b: Key, tieBreak: [Campaign.TieBreakKey]) -> Int {
        if a.composite != b.composite { return a.composite > b.composite ? -1 : 1 }
        for key in tieBreak {
            switch key {
            case .expert: if a.expert != b.expert { return a.expert > b.expert ? -1 : 1 }
            case .likes: if a.likes != b.likes { return a.likes > b.likes ? -1 : 1 }
            case .views: if a.views != b.views { return a.views > b.views ? -1 : 1 }
            case .submitted: let c = submittedEarlier(a.submitted, b.submitted); if c != 0 { return c }
            }
        }
        return 0
    }

    /// Submitted earlier first; an entry without a submission time after every one with it
    /// (-1: a first, 1: b first, 0: the same). The tie-break key and the per-person limit both use it.
    public static func submittedEarlier(_ a: Instant?, _ b: Instant?) -> Int {
        switch (a, b) {
        case let (x?, y?) where x != y: x < y ? -1 : 1
        case (.some, nil): -1
        case (nil, .some): 1
        default: 0
        }
    }

    /// Indices of `keys` in listing order, and each one's rank (parallel to the returned order).
    public static func order(_ keys: [Key], tieBreak: [Campaign.TieBreakKey]) -> (order: [Int], ranks: [Int]) {
        let order = keys.indices.sorted { i, j in
            let c = compare(keys[i], keys[j], tieBreak: tieBreak)
            return c != 0 ? c < 0 : keys[i].id.precedesInCodePoints(keys[j].id)
        }
        return (order, competitionRanks(count: order.count) { compare(keys[order[$0 - 1]], keys[order[$0]], tieBreak: tieBreak) == 0 })
    }

    /// Standard competition ranks for a sorted list: `sameAsPrevious(i)` says whether item i ties item i-1.
    public static func competitionRanks(count: Int, sameAsPrevious: (Int) -> Bool) -> [Int] {
        var ranks = [Int](repeating: 1, count: count)
        for i in stride(from: 1, to: count, by: 1) { ranks[i] = sameAsPrevious(i) ? ranks[i - 1] : i + 1 }
        return ranks
    }
}
