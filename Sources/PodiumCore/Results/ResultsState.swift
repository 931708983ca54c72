/// Where a campaign's results stand on the day the site describes (contract §12), never the wall
/// clock: live standings, awards announced for objection (公示), or final. The page catalogue
/// decides from it which award pages exist.
public enum ResultsState: String, Sendable, CaseIterable {
    /// 实时排名: standings only, no award anywhere.
    case live
    /// 公示中: the proposed awards, the 公示 and the gallery; no certificates yet.
    case announced
    /// Everything: awards, gallery, 公示 as the record, certificates and their verification.
    case final

    /// Live while `asOf` ≤ the campaign's end, or, with an announcement, before its start;
    /// announced within the announcement's period (both days included); final after it, or,
    /// without an announcement, after the end.
    /// Whether awards appear at all (pages, downloads, the gallery and the 公示): not while live.
    public var publishesAwards: Bool { self != .live }
    /// Whether certificates and their verification are issued: once final.
    public var issuesCertificates: Bool { self == .final }

    /// What the public site says of the state (home page, overviews).
    public var label: String {
        switch self {
        case .live: "实时排名"
        case .announced: "评选结果公示中"
        case .final: "评选结果已公布"
        }
    }

    public static func of(_ campaign: Campaign, on asOf: CalendarDate) -> ResultsState {
        if asOf <= campaign.end { return .live }
        guard let announcement = campaign.announcement else { return .final }
        if asOf < announcement.start { return .live }
        return asOf <= announcement.end ? .announced : .final
    }
}
