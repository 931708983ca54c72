import Foundation
/// The page of one entry: who made it, and its score taken apart step by step.
extension CampaignPages {
    struct EntryModel: PageModel {
        static let template = "entry"
        struct Breakdown: Codable, Sendable {
            struct Judge: Codable, Sendable { var number, score: String; var trimmed: Bool }
            var likesFormula, likesPoints: String
            var judges: [Judge]
            var hasJudges: Bool
            var trimNote: String?
            var expertFormula, expertPoints, composite: String
        }
        var chrome: PageChrome.Model
        var row: Row
        var facts: [ModelParts.Figure]
        var video: String?
        var summaryHTML: HTMLFragment?
        var rankOf: String
        var eligible: Bool
        var reasons: [ModelParts.Line]
        var computedAward: String?
        var awardDiffers: Bool
        var breakdown: Breakdown?
        /// Its certificate, once the results are final (contract §12).
        var certificateURL: String?
        var audit: EntryAudit?
    }

    func entry(_ row: LeaderboardRow) -> EntryModel {
        let e = row.entry
        let path = Routes.entry(slug, e.id)
        let root = Routes.root(of: path)
        var facts: [ModelParts.Figure] = []
        func fact(_ label: String, _ value: String?) { if let value, !value.isEmpty { facts.append(.init(label: label, value: value)) } }
        fact("作者", e.author)
        fact("所属工会", e.union)
        fact("赛区", e.division)
        fact("地区", e.region)
        fact(campaign.groups?.label ?? "分组", e.group)
        fact("类别", e.category)
        fact("参与组织", e.organizations.isEmpty ? nil : e.organizations.joined(separator: "、"))
        fact("提交时间", Self.submittedLabel(e, campaign.timezone))
        fact("浏览", Format.integer(e.views))
        if e.favorites > 0 { fact("收藏", Format.integer(e.favorites)) }
        return EntryModel(
            chrome: chrome.model(path: path, title: e.title, campaign: self, current: "leaderboard"),
            row: self.row(row, root: root), facts: facts, video: e.video,
            summaryHTML: e.summary.map { Markdown.render($0, unsafe: chrome.site.unsafeMarkdown) },
            rankOf: Format.integer(results.rows.count), eligible: row.eligible, reasons: row.reasons.map { .init(text: $0.label) },
            computedAward: row.computedAward, awardDiffers: campaign.winners != nil && row.computedAward != row.award,
            breakdown: breakdown(row),
            certificateURL: certified && row.award != nil ? Routes.link(Routes.certificate(slug, "e-" + e.id), from: root) : nil,
            audit: entryAudit(e))
    }

    private func breakdown(_ row: LeaderboardRow) -> EntryModel.Breakdown? {
        guard let s = campaign.scoring else { return nil }
        let e = row.entry
        let w = RuleText.number(s.likesWeight)
        let likesFormula: String
        switch s.normalize {
        case .max where results.maxLikes > 0:
            likesFormula = "\(w) × \(Format.integer(e.likes)) ÷ \(Format.integer(results.maxLikes)) = \(Format.points(row.score.likesPoints))"
        case .max:
            likesFormula = "有效作品均无点赞，记 0 分"
        case .none:
            likesFormula = "\(w) × \(Format.integer(e.likes)) = \(Format.points(row.score.likesPoints))"
        }
        let judges = e.expertScores.enumerated().map { i, score in
            EntryModel.Breakdown.Judge(number: String(i + 1), score: score.description, trimmed: !row.score.counted[i])
        }
        let kept = zip(e.expertScores, row.score.counted).filter(\.1).map(\.0)
        var expertFormula = "尚无评委评分，记 0 分"
        if !kept.isEmpty {
            expertFormula = "\(RuleText.number(s.expertWeight)) × \(Self.mean(kept)) ÷ \(RuleText.number(s.scale)) = \(Format.points(row.score.expertPoints))"
        }
        return .init(
            likesFormula: likesFormula, likesPoints: Format.points(row.score.likesPoints), judges: judges, hasJudges: !judges.isEmpty,
            trimNote: s.trim > 0 && e.expertScores.count > 2 * s.trim ? "去掉 \(s.trim) 个最高分和 \(s.trim) 个最低分后取平均" : nil,
            expertFormula: expertFormula, expertPoints: Format.points(row.score.expertPoints), composite: row.score.composite.description)
    }

    /// `2021年3月8日 15:25` in the campaign's time zone (a date alone stays a date).
    static func submittedLabel(_ e: Entry, _ zone: UTCOffset) -> String? {
        guard let text = e.submittedText, let instant = e.submitted else { return nil }
        if CalendarDate(text) != nil { return CalendarDate(text)!.chinese }
        let local = instant.seconds + Int64(zone.seconds)
        let minutes = Int(((local % 86400) + 86400) % 86400) / 60
        return instant.date(in: zone).chinese + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// The mean of the counted scores, exact when it has at most four decimals, else `≈` and four.
    static func mean(_ scores: [ExactDecimal]) -> String {
        let scale = scores.map(\.scale).max() ?? 0
        let sum = scores.reduce(Int128(0)) { $0 + $1.units(atScale: scale) }
        let n = Int128(scores.count)
        let numerator = sum * 10_000, denominator = n * ExactDecimal.power(scale)
        let exact = numerator % denominator == 0
        let tenThousandths = (numerator * 2 + denominator) / (denominator * 2)
        let text = ExactDecimal(units: tenThousandths, scale: 4).description
        return exact ? text : "≈" + text
    }
}
