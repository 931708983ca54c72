import Foundation

/// Counts a campaign's `votes.csv` into its likes (contract §7): the ledger is streamed into a
/// `VoteCounter`; only a ledger that is not in time order is read a second time into compact
/// records (interned voters, 24 bytes a vote) and sorted stably by time, then counted.
enum LedgerCount {
    static func apply(to campaign: inout Campaign, into diagnostics: inout Diagnostics) -> VoteCounter.Tally? {
        guard let url = campaign.votesFile else { return nil }
        let display = "content/campaigns/\(campaign.slug)/votes.csv"
        let index = Dictionary(campaign.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ledgerProblems = Diagnostics()
        var counter = VoteCounter(campaign: campaign)
        let summary = VoteLedger.read(url, display: display, entryIndex: index, into: &ledgerProblems) { vote in
            counter.add(voter: vote.voter, entry: vote.entry, unknownId: vote.entryId, time: vote.time)
        }
        diagnostics.append(contentsOf: ledgerProblems)
        guard !ledgerProblems.hasErrors else { return nil }
        if !summary.inTimeOrder { counter = recountSorted(url, display: display, index: index, campaign: campaign) }
        let tally = counter.finish()
        report(tally, campaign: campaign, display: display, into: &diagnostics)
        for i in campaign.entries.indices { campaign.entries[i].likes = tally.counted[i] }
        return tally
    }

    private static func recountSorted(_ url: URL, display: String, index: [String: Int], campaign: Campaign) -> VoteCounter {
        var voters: [String] = [], voterIndex: [String: Int32] = [:], unknown: [String] = []
        var records: [(time: Int64, voter: Int32, entry: Int32)] = []
        var ignored = Diagnostics()
        _ = VoteLedger.read(url, display: display, entryIndex: index, into: &ignored) { vote in
            let v: Int32
            if let known = voterIndex[vote.voter] { v = known } else {
                v = Int32(voters.count); voters.append(vote.voter); voterIndex[vote.voter] = v
            }
            let e: Int32
            if let entry = vote.entry { e = Int32(entry) } else { e = -1 - Int32(unknown.count); unknown.append(vote.entryId) }
            records.append((vote.time.seconds, v, e))
        }
        voterIndex = [:]
        // Stable: equal times keep file order.
        let order = records.indices.sorted { records[$0].time != records[$1].time ? records[$0].time < records[$1].time : $0 < $1 }
        var counter = VoteCounter(campaign: campaign)
        for i in order {
            let r = records[i]
            counter.add(voter: voters[Int(r.voter)], entry: r.entry >= 0 ? Int(r.entry) : nil,
                        unknownId: unknown[Int(-1 - r.entry)], time: Instant(seconds: r.time))
        }
        return counter
    }

    /// Warnings for `check`: rejected votes by reason and by entry, and every entry whose likes
    /// in entries.json differ from its counted votes.
    static func report(_ tally: VoteCounter.Tally, campaign: Campaign, display: String, into diagnostics: inout Diagnostics) {
        let entriesPath = campaign.entriesPath
        let rejected = tally.rejectedTotals.values.reduce(0, +)
        if rejected > 0 {
            let reasons = VoteCounter.Rejection.allCases.compactMap { r in tally.rejectedTotals[r].map { "\(r.rawValue) \($0)" } }
            diagnostics.warning(display, "\(rejected) of \(tally.votes) votes rejected: " + reasons.joined(separator: ", "), category: "rejected votes")
        }
        // Entries with the most rejected votes first (then file order).
        let byEntry = campaign.entries.indices.compactMap { i -> (index: Int, total: Int)? in
            let total = tally.rejected[i].values.reduce(0, +)
            return total > 0 ? (i, total) : nil
        }.sorted { $0.total != $1.total ? $0.total > $1.total : $0.index < $1.index }
        for (i, total) in byEntry.prefix(50) {
            let parts = VoteCounter.Rejection.allCases.compactMap { r in tally.rejected[i][r].map { "\(r.rawValue) \($0)" } }
            diagnostics.warning(display, field: campaign.entries[i].id, "\(total) votes rejected: " + parts.joined(separator: ", "), category: "rejected votes")
        }
        if byEntry.count > 50 { diagnostics.warning(display, "\(byEntry.count - 50) more entries have rejected votes", category: "rejected votes") }
        for (id, count) in tally.unknownIds.sorted(by: { $0.key < $1.key }).prefix(50) {
            diagnostics.warning(display, field: id, "\(count) votes for an id that \(campaign.entriesFile) does not have", category: "rejected votes")
        }
        for (i, e) in campaign.entries.enumerated() {
            if let declared = e.declaredLikes, declared != tally.counted[i] {
                diagnostics.warning(entriesPath, at: e.position, field: "[\(e.index)].likes",
                                    "\"\(e.id)\" says \(declared) likes, votes.csv counts \(tally.counted[i]); the count is published",
                                    category: "likes that differ from votes.csv")
            }
        }
    }
}
