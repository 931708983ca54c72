/// Why an entry may not win (contract §5): each broken rule is a reason of its own.
public enum IneligibilityReason: Sendable, Hashable {
    case notPublished(Entry.Status)
    case tooManyEntries(limit: Int, earlier: [String])
    case tooLong(seconds: ExactDecimal, limit: ExactDecimal)
    case tooLarge(megabytes: ExactDecimal, limit: ExactDecimal)
    case tooFewImages(count: Int, minimum: Int)
    case tooMuchText(chars: Int, limit: Int)

    /// For the published pages (Chinese).
    public var label: String {
        switch self {
        case .notPublished(let s): s == .pending ? "未发布（待审核）" : "未发布（已驳回）"
        case .tooManyEntries(let limit, _): "超过每人限报 \(limit) 件"
        case .tooLong(let seconds, let limit): "时长 \(seconds) 秒，超过 \(limit) 秒"
        case .tooLarge(let mb, let limit): "视频 \(mb) MB，超过 \(limit) MB"
        case .tooFewImages(let count, let minimum): "图片 \(count) 张，少于 \(minimum) 张"
        case .tooMuchText(let chars, let limit): "文字 \(chars) 字，超过 \(limit) 字"
        }
    }

    /// For `podium check`.
    public var explanation: String {
        switch self {
        case .notPublished(let s): "status is \(s.rawValue)"
        case .tooManyEntries(let limit, let earlier):
            "the same person already has \(limit) earlier entries (\(earlier.joined(separator: ", "))); at most \(limit) per person"
        case .tooLong(let seconds, let limit): "lasts \(seconds) s, over the limit of \(limit) s"
        case .tooLarge(let mb, let limit): "video is \(mb) MB, over the limit of \(limit) MB"
        case .tooFewImages(let count, let minimum): "has \(count) images, fewer than the \(minimum) required"
        case .tooMuchText(let chars, let limit): "has \(chars) characters of text, over the limit of \(limit)"
        }
    }
}

public enum Eligibility {
    /// Reasons per entry (same order as `entries`); an empty list means eligible.
    public static func reasons(for entries: [Entry], rules: Campaign.EntryRules) -> [[IneligibilityReason]] {
        var reasons = entries.map { entry -> [IneligibilityReason] in
            var r: [IneligibilityReason] = []
            if !entry.isPublished { r.append(.notPublished(entry.status)) }
            if let limit = rules.maxDurationSeconds, let v = entry.durationSeconds, v > limit { r.append(.tooLong(seconds: v, limit: limit)) }
            if let limit = rules.maxVideoMB, let v = entry.videoMB, v > limit { r.append(.tooLarge(megabytes: v, limit: limit)) }
            if let minimum = rules.minImages, entry.images.count < minimum { r.append(.tooFewImages(count: entry.images.count, minimum: minimum)) }
            if let limit = rules.maxTextChars, let v = entry.textChars, v > limit { r.append(.tooMuchText(chars: v, limit: limit)) }
            return r
        }
        guard let limit = rules.maxEntriesPerPerson else { return reasons }
        // Per person (individual, published entries only): the earliest `limit` by submitted, then id, stay eligible.
        var byPerson: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() where e.kind == .individual && e.isPublished {
            if let key = e.personKey { byPerson[key, default: []].append(i) }
        }
        for (_, indices) in byPerson where indices.count > limit {
            let ordered = indices.sorted { a, b in
                let c = Ranking.submittedEarlier(entries[a].submitted, entries[b].submitted)
                return c != 0 ? c < 0 : entries[a].id.precedesInCodePoints(entries[b].id)
            }
            let kept = ordered.prefix(limit).map { entries[$0].id }
            for i in ordered.dropFirst(limit) { reasons[i].append(.tooManyEntries(limit: limit, earlier: kept)) }
        }
        return reasons
    }
}
