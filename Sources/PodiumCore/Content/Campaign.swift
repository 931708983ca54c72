/// `campaign.json` together with the campaign's entries and official winners.
import Foundation

public struct Campaign: Sendable {
    public var slug: String
    public var title: String
    public var organizer: String
    public var start: CalendarDate
    public var end: CalendarDate
    public var timezone: UTCOffset
    public var phases: [Phase]
    public var divisions: [String]?
    public var groups: Groups?
    public var scoring: Scoring?
    public var tieBreak: [TieBreakKey]
    public var awards: [AwardTier]
    public var organizationAwards: [AwardTier]
    public var rules: EntryRules
    public var likeRules: LikeRules
    /// Extension: Markdown shown on the overview under the title.
    public var description: String?

    public var entries: [Entry] = []
    /// The file the entries come from: `entries.json` or `entries.csv` (contract §13).
    public var entriesFile = "entries.json"
    /// As shown in messages: `content/campaigns/<slug>/entries.csv`.
    public var entriesPath: String { "content/campaigns/\(slug)/\(entriesFile)" }
    /// `winners.json`, when present: the official decision.
    public var winners: [Winner]?
    /// `weeks/*.json` or `weeks/*.csv`, oldest first.
    public var weeks: [WeeklySnapshot] = []
    /// A fingerprint of what the entries and winners were read from: this Podium, campaign.json, the
    /// entries file's name and bytes, winners.json (with the likes counted, the standings' key).
    var sourceKey: Fingerprint?
    /// `votes.csv`, when present (read while counting, as a stream).
    public var votesFile: URL?
    /// Extension: publish the likes audit page (counted and rejected votes per entry).
    public var publishAudit: Bool
    /// Extension: the results announcement (公示).
    public var announcement: Announcement?

    /// `announcement` in campaign.json: when the objection period starts and how long it runs.
    public struct Announcement: Sendable {
        public var start: CalendarDate
        /// The last day: `end` as written, else `start` plus `workingDays` working days (default 5).
        public var end: CalendarDate
        public var workingDays: Int?
        /// Slug of the notice the results are based on.
        public var notice: String?
        public var noticePosition: SourcePosition?
        public var methods: [String]
        public var contacts: [String]
        /// The date printed under the issuing organ (default: start).
        public var date: CalendarDate
    }

    public struct Phase: Sendable {
        public var name: String
        public var start: CalendarDate
        public var end: CalendarDate
    }

    public struct Groups: Sendable {
        public var label: String
        public var values: [String]
    }

    public struct Scoring: Sendable {
        public enum Normalize: String, Sendable { case max, none }
        public var likesWeight: ExactDecimal
        public var normalize: Normalize
        public var expertWeight: ExactDecimal
        public var scale: ExactDecimal
        public var trim: Int
    }

    public enum TieBreakKey: String, Sendable, CaseIterable { case expert, likes, views, submitted }

    public struct AwardTier: Sendable {
        public enum Size: Sendable { case count(Int), perGroup(Int) }
        public var name: String
        public var size: Size
    }

    /// Limits on entries; nil or 0 means no limit.
    public struct EntryRules: Sendable {
        public var maxEntriesPerPerson: Int?
        public var maxDurationSeconds: ExactDecimal?
        public var maxVideoMB: ExactDecimal?
        public var minImages: Int?
        public var maxTextChars: Int?
    }

    public struct LikeRules: Sendable {
        public var perVoterPerEntryPerDay: Int?
        public var maxEntriesPerVoterPerDay: Int?
    }

    public static let defaultTieBreak: [TieBreakKey] = [.expert, .likes, .submitted]

    /// Whether some award tier is given per group (then each group gets its own list).
    public var hasPerGroupAwards: Bool {
        awards.contains { if case .perGroup = $0.size { true } else { false } }
    }

    /// The phase that contains a day, if any.
    public func phase(on date: CalendarDate) -> Phase? {
        phases.first { $0.start <= date && date <= $0.end }
    }
}

public struct Winner: Sendable {
    public var id: String
    public var award: String
    public var position: SourcePosition
}
