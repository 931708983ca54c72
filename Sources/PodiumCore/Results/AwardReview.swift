/// What `podium check` shows of a campaign's awards whatever its results state (contract §12), so
/// organizers review them before the site publishes them: each tier with its entries' ids (by
/// group for per-group tiers) and each organization award, as the site would publish them.
public struct AwardReview: Sendable {
    public var campaign: String
    public var state: ResultsState
    public var lines: [String]

    public init(_ results: CampaignResults, state: ResultsState) {
        campaign = results.campaign.slug
        self.state = state
        let w = results.winners
        lines = w.sections.map { s in
            let name = s.group.map { "\(s.award) · \($0)" } ?? s.award
            return "\(name) (\(s.rows.count)): " + s.rows.map(\.entry.id).joined(separator: ", ")
        }
        var byAward: [(String, [String])] = []
        for o in w.organizations {
            guard let award = o.award else { continue }
            if byAward.last?.0 == award { byAward[byAward.count - 1].1.append(o.name) } else { byAward.append((award, [o.name])) }
        }
        lines += byAward.map { "\($0.0) (\($0.1.count)): " + $0.1.joined(separator: ", ") }
    }

    /// The section of the check report.
    public static func text(_ reviews: [AwardReview]) -> String {
        guard reviews.contains(where: { !$0.lines.isEmpty }) else { return "" }
        var out = "Awards (shown in every state; the site publishes them once announced, certificates once final)\n"
        for r in reviews where !r.lines.isEmpty {
            out += "\n\(r.campaign) (\(r.state.rawValue))\n"
            for line in r.lines { out += "  \(line)\n" }
        }
        return out
    }
}
