/// Where a campaign stands on a given day (the site's `asOf`).
public enum CampaignTimeline: Sendable, Equatable {
    case notStarted
    case inPhase(String)
    case running
    case ended

    public static func status(of campaign: Campaign, on date: CalendarDate) -> CampaignTimeline {
        if let phase = campaign.phase(on: date) { return .inPhase(phase.name) }
        let lastDay = ([campaign.end] + campaign.phases.map(\.end)).max()!
        let firstDay = ([campaign.start] + campaign.phases.map(\.start)).min()!
        if date < firstDay { return .notStarted }
        if date > lastDay { return .ended }
        return .running
    }

    public var label: String {
        switch self {
        case .notStarted: "尚未开始"
        case .inPhase(let name): "\(name)阶段"
        case .running: "进行中"
        case .ended: "已结束"
        }
    }
}
