/// The likes audit (`"publishAudit": true`): counted and rejected votes per entry and its daily
/// likes. Built from counts only: no voter is ever named.
extension CampaignPages {
    var publishesAudit: Bool { campaign.publishAudit && results.votes != nil }

    struct AuditModel: PageModel {
        static let template = "audit"
        struct Count: Codable, Sendable { var label, count: String }
        struct Cell: Codable, Sendable { var count: String }
        struct Head: Codable, Sendable { var label: String }
        struct Row: Codable, Sendable {
            var rank, title, url, counted, rejected: String
            var cells: [Cell]
        }
        var chrome: PageChrome.Model
        var heading, caption: String
        var summary: [ModelParts.Figure]
        var reasons: [Count]
        /// The table's column per reason.
        var reasonHeads: [Head]
        var rules: [ModelParts.Line]
        var rows: [Row]
        var pagination: Pagination?
    }

    func audit(page: Int) -> AuditModel {
        let tally = results.votes!
        let path = Routes.audit(slug, page: page)
        let root = Routes.root(of: path)
        let count = Routes.pageCount(results.rows.count)
        let reasons = VoteCounter.Rejection.allCases
        // A column only for a reason that rejected some vote: columns of zeros say nothing (and the same thing).
        let columns = reasons.filter { (tally.rejectedTotals[$0] ?? 0) > 0 }
        let rejected = tally.rejectedTotals.values.reduce(0, +)
        return AuditModel(
            chrome: chrome.model(path: path, title: "点赞核验", campaign: self, current: "audit"),
            heading: "点赞核验",
            caption: "各作品的有效点赞与未计入点赞（按排行榜顺序）" + (count > 1 ? "，第 \(page) / \(count) 页" : ""),
            summary: [
                .init(label: "点赞记录", value: Format.integer(tally.votes)),
                .init(label: "有效点赞", value: Format.integer(tally.votes - rejected)),
                .init(label: "未计入", value: Format.integer(rejected)),
            ],
            reasons: reasons.map { .init(label: $0.label, count: Format.integer(tally.rejectedTotals[$0] ?? 0)) },
            reasonHeads: columns.map { .init(label: $0.label) },
            rules: RuleText.rules(campaign).filter { $0.contains("点赞") }.map { .init(text: $0) },
            rows: results.rows[Routes.pageRange(page, of: results.rows.count)].map { row in
                let i = entryIndex[row.entry.id]!
                return .init(rank: String(row.rank), title: row.entry.title, url: Routes.link(Routes.entry(slug, row.entry.id), from: root),
                             counted: Format.integer(tally.counted[i]), rejected: Format.integer(tally.rejected[i].values.reduce(0, +)),
                             cells: columns.map { .init(count: Format.integer(tally.rejected[i][$0] ?? 0)) })
            },
            pagination: Pagination.make(current: page, count: count, root: root) { Routes.audit(slug, page: $0) })
    }

    /// The audit section of an entry page.
    struct EntryAudit: Codable, Sendable {
        var counted: String
        var rejected: [AuditModel.Count]
        var hasRejected: Bool
        var chartSVG: String
        var hasDays: Bool
        /// The chart's figures as a table (phones cannot hover; screen readers read tables).
        var days: [ModelParts.Figure]
        var auditURL: String
    }

    /// Nil when the campaign does not publish its audit.
    func entryAudit(_ entry: Entry) -> EntryAudit? {
        guard publishesAudit, let tally = results.votes,
              let i = entryIndex[entry.id] else { return nil }
        let rejected = VoteCounter.Rejection.allCases.compactMap { r in
            tally.rejected[i][r].map { AuditModel.Count(label: r.label, count: Format.integer($0)) }
        }
        let days = tally.daily[i].sorted { $0.key < $1.key }
        return EntryAudit(counted: Format.integer(tally.counted[i]), rejected: rejected, hasRejected: !rejected.isEmpty,
                          chartSVG: DailyChart.svg(days.map { ($0.key, $0.value) }), hasDays: !days.isEmpty,
                          days: days.map { ModelParts.Figure(label: "\($0.key.month)月\($0.key.day)日", value: Format.integer($0.value)) },
                          auditURL: Routes.link(Routes.audit(slug), from: Routes.root(of: Routes.entry(slug, entry.id))))
    }
}

/// Counted likes per day as small bars (numbers and dates only).
enum DailyChart {
    static func svg(_ days: [(CalendarDate, Int)]) -> String {
        guard let first = days.first?.0, let last = days.last?.0 else { return "" }
        let span = last.daysSinceEpoch - first.daysSinceEpoch + 1
        // Drawn about as wide as a phone shows it, so 14-unit text stays above 12 CSS px there.
        let width = 340.0, height = 110.0, bottom = 20.0, top = 20.0
        let maxValue = Double(max(1, days.map(\.1).max() ?? 1))
        let barW = width / Double(span)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"每日有效点赞\" class=\"chart daily\">"
        for (day, count) in days {
            let x = Double(day.daysSinceEpoch - first.daysSinceEpoch) * barW
            let h = (height - bottom - top) * Double(count) / maxValue
            out += "<rect x=\"\(Int(x))\" y=\"\(Int(height - bottom - h))\" width=\"\(max(1, Int(barW) - 1))\" height=\"\(max(1, Int(h)))\" fill=\"#b3261e\"><title>\(day.month)月\(day.day)日 \(count)</title></rect>"
        }
        out += "<text x=\"0\" y=\"\(Int(height - 4))\" font-size=\"14\" fill=\"#5b636d\">\(first.month)/\(first.day)</text>"
        out += "<text x=\"\(Int(width))\" y=\"\(Int(height - 4))\" font-size=\"14\" fill=\"#5b636d\" text-anchor=\"end\">\(last.month)/\(last.day)</text>"
        out += "<text x=\"\(Int(width))\" y=\"14\" font-size=\"14\" fill=\"#5b636d\" text-anchor=\"end\">最多 \(Int(maxValue))</text>"
        return out + "</svg>"
    }
}
