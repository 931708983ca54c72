/// Composite scores (contract §5): likes points and expert points, each rounded half-up to two
/// decimals with exact integer arithmetic, then added.
public struct EntryScore: Sendable, Hashable {
    /// nil when the campaign has no `scoring`.
    public var likesPoints: Points?
    public var expertPoints: Points?
    public var composite: Points
    /// No expert scores at all.
    public var unreviewed: Bool
    /// One flag per judge's score: false when trimming dropped it.
    public var counted: [Bool]
}

public enum ScoreCalculator {
    /// `maxLikes` is L, the largest `likes` among eligible entries.
    public static func score(_ entry: Entry, scoring: Campaign.Scoring?, maxLikes: Int) -> EntryScore {
        guard let scoring else {
            return EntryScore(likesPoints: nil, expertPoints: nil, composite: Points(hundredths: entry.likes * 100),
                              unreviewed: entry.expertScores.isEmpty, counted: entry.expertScores.map { _ in true })
        }
        let likes = likesPoints(likes: entry.likes, maxLikes: maxLikes, scoring: scoring)
        let (expert, counted) = expertPoints(entry.expertScores, scoring: scoring)
        return EntryScore(likesPoints: likes, expertPoints: expert, composite: likes + expert,
                          unreviewed: entry.expertScores.isEmpty, counted: counted)
    }

    /// `weight × likes / L` (normalize max; 0 when L is 0) or `weight × likes` (normalize none).
    public static func likesPoints(likes: Int, maxLikes: Int, scoring: Campaign.Scoring) -> Points {
        let w = scoring.likesWeight
        switch scoring.normalize {
        case .max:
            guard maxLikes > 0 else { return .zero }
            return .roundingHalfUp(w.units * Int128(likes), over: ExactDecimal.power(w.scale) * Int128(maxLikes))
        case .none:
            return .roundingHalfUp(w.units * Int128(likes), over: ExactDecimal.power(w.scale))
        }
    }

    /// `weight × mean(scores) / scale`, after dropping the `trim` highest and lowest scores when
    /// there are more than 2 × trim of them.
    public static func expertPoints(_ scores: [ExactDecimal], scoring: Campaign.Scoring) -> (Points, counted: [Bool]) {
        var counted = scores.map { _ in true }
        guard !scores.isEmpty else { return (.zero, counted) }
        let k = scoring.trim
        if k > 0 && scores.count > 2 * k {
            // Sort positions by score (then position, so the choice among equal scores is stable).
            let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
            for i in order.prefix(k) { counted[i] = false }
            for i in order.suffix(k) { counted[i] = false }
        }
        let kept = zip(scores, counted).filter(\.1).map(\.0)
        let sumScale = kept.map(\.scale).max() ?? 0
        let sum = kept.reduce(Int128(0)) { $0 + $1.units(atScale: sumScale) }
        let w = scoring.expertWeight, s = scoring.scale
        // w.u/10^w.s × (sum/10^sumScale) / n / (s.u/10^s.s)
        let numerator = w.units * sum * ExactDecimal.power(s.scale)
        let denominator = ExactDecimal.power(w.scale) * ExactDecimal.power(sumScale) * Int128(kept.count) * s.units
        return (.roundingHalfUp(numerator, over: denominator), counted)
    }
}
