/// The limits that keep every figure Podium computes exact in 64 bits: counts are read up to
/// 10¹² (`JSONObject.maxCount`), a campaign holds at most 5,000,000 entries (so a total of counts
/// stays below 2⁶³), and no entry's likes or expert points may pass 10¹² points. Checked when
/// the campaign loads, so a result is never computed from figures it cannot hold.
enum ScoreBounds {
    static let maxEntries = 5_000_000
    static let maxPoints = Int128(1_000_000_000_000)

    static func check(_ campaign: Campaign, display: String, into diagnostics: inout Diagnostics) {
        if campaign.entries.count > maxEntries {
            diagnostics.error(display, "\(campaign.entries.count) entries: a campaign holds at most \(maxEntries)")
        }
        guard let scoring = campaign.scoring else { return }
        // w × value ÷ divisor > 10¹² points, exactly.
        func tooLarge(_ w: ExactDecimal, _ value: ExactDecimal, over divisor: ExactDecimal) -> Bool {
            let scale = max(w.scale + value.scale, divisor.scale)
            let product = w.units * value.units * ExactDecimal.power(scale - w.scale - value.scale)
            let bound = maxPoints * divisor.units * ExactDecimal.power(scale - divisor.scale)
            return product > bound
        }
        let w = scoring.likesWeight
        for e in campaign.entries {
            if scoring.normalize == .none, tooLarge(w, ExactDecimal(e.likes), over: ExactDecimal(1)) {
                diagnostics.error(display, at: e.position, field: "[\(e.index)].likes",
                                  "with \"normalize\": \"none\" and weight \(w), \(e.likes) likes give more than 10¹² points: use \"normalize\": \"max\" or a smaller weight")
            }
            if let top = e.expertScores.max(), tooLarge(scoring.expertWeight, top, over: scoring.scale) {
                diagnostics.error(display, at: e.position, field: "[\(e.index)].expertScores",
                                  "with weight \(scoring.expertWeight) and scale \(scoring.scale), a score of \(top) gives more than 10¹² points")
            }
        }
    }
}
