/// Gives award tiers to ranked candidates (contract §5): tier by tier, in rank order, at most one
/// award each; a shared rank at a tier's last place extends the tier to everyone sharing it.
public enum AwardAllocator {
    public struct Candidate: Sendable {
        public var rank: Int
        public var eligible: Bool
        public var group: String?
    }

    public enum Note: Sendable, Hashable {
        /// The tier's last place fell on a shared rank, so the tier grew from `size` to `awarded`.
        case sharedBoundary(tier: String, group: String?, rank: Int, size: Int, awarded: Int)
        /// Fewer eligible candidates than places.
        case short(tier: String, group: String?, size: Int, awarded: Int)
        /// Candidates outside every group cannot win a per-group tier.
        case ungrouped(tier: String, count: Int)
    }

    /// `candidates` are in rank order. Returns the tier name per candidate (nil when none).
    public static func allocate(_ tiers: [Campaign.AwardTier], to candidates: [Candidate], groups: [String] = []) -> (awards: [String?], notes: [Note]) {
        var awards = [String?](repeating: nil, count: candidates.count)
        var notes: [Note] = []
        for tier in tiers {
            switch tier.size {
            case .count(let n):
                notes += fill(tier.name, n, group: nil, among: Array(candidates.indices), candidates, &awards)
            case .perGroup(let n):
                var byGroup: [String: [Int]] = [:]
                var ungrouped = 0
                for i in candidates.indices where candidates[i].eligible && awards[i] == nil {
                    if let g = candidates[i].group { byGroup[g, default: []].append(i) } else { ungrouped += 1 }
                }
                for g in groups { notes += fill(tier.name, n, group: g, among: byGroup[g] ?? [], candidates, &awards) }
                if ungrouped > 0 { notes.append(.ungrouped(tier: tier.name, count: ungrouped)) }
            }
        }
        return (awards, notes)
    }

    private static func fill(_ name: String, _ size: Int, group: String?, among pool: [Int],
                             _ candidates: [Candidate], _ awards: inout [String?]) -> [Note] {
        let open = pool.filter { candidates[$0].eligible && awards[$0] == nil }
        var taken = Array(open.prefix(size))
        var notes: [Note] = []
        if taken.count < size {
            notes.append(.short(tier: name, group: group, size: size, awarded: taken.count))
        } else if let last = taken.last {
            let boundaryRank = candidates[last].rank
            let extra = open.dropFirst(size).prefix { candidates[$0].rank == boundaryRank }
            if !extra.isEmpty {
                taken += extra
                notes.append(.sharedBoundary(tier: name, group: group, rank: boundaryRank, size: size, awarded: taken.count))
            }
        }
        for i in taken { awards[i] = name }
        return notes
    }
}
