/// The parts of the page catalogue (`PageCatalogue`): a family of files, the files it makes and
/// what their rebuild keys read.

/// What a file's rebuild key reads; `PageKeys` turns it into a fingerprint of those inputs.
enum PageInputs: CaseIterable, Sendable {
    /// Everything and the day the site describes: pages that summarize the site or a campaign.
    case everything
    /// Notices, and the campaigns' own files (titles).
    case notices
    /// Entries and notices, not weeks.
    case search
    /// The theme's assets.
    case theme
    /// The campaign's own files, and whether it has weeks.
    case campaign
    /// The campaign's files and its snapshots up to the file's week (movement needs the week before).
    case weekDownload
    /// Also the next week's date (a week's page links its neighbours).
    case weekPage

    /// Keys that do not involve the day the site describes or a neighbour's date are known before
    /// the content loads: files of these families can be kept meanwhile (`EarlyReuse`).
    var knownBeforeLoading: Bool {
        switch self {
        case .everything, .weekPage: false
        case .notices, .search, .theme, .campaign, .weekDownload: true
        }
    }
}

/// One file a family makes: its path in public/ and how it is made.
struct PlannedFile: Sendable {
    enum Output {
        /// A page: its template (its model's) and its model, made on demand.
        case page(template: String, make: @Sendable () -> PageContext)
        case text(@Sendable () -> String)
        /// Bytes made at build time (the share images, the big downloads, the search index).
        case bytes(@Sendable () -> [UInt8])
        /// A file copied as it is, from this path inside content/.
        case copy(String)
    }

    var path: String
    var output: Output
    /// The snapshot a week's files describe (their keys read the snapshots up to it).
    var week: Int?
    /// Its own label in a list of links (a group's page), instead of its family's.
    var label: String?

    static func page<M: PageModel>(_ path: String, label: String? = nil, week: Int? = nil, _ make: @escaping @Sendable () -> M) -> PlannedFile {
        PlannedFile(path: path, output: .page(template: M.template) { PageContext(make()) }, week: week, label: label)
    }

    static func text(_ path: String, week: Int? = nil, _ make: @escaping @Sendable () -> String) -> PlannedFile {
        PlannedFile(path: path, output: .text(make), week: week)
    }

    static func bytes(_ path: String, week: Int? = nil, _ make: @escaping @Sendable () -> [UInt8]) -> PlannedFile {
        PlannedFile(path: path, output: .bytes(make), week: week)
    }

    static func copy(_ path: String, from source: String) -> PlannedFile {
        PlannedFile(path: path, output: .copy(source))
    }
}

/// What the site-wide families read.
struct SitePages {
    let chrome: PageChrome
    let notices: NoticePages
    let campaigns: [CampaignResults]
    /// The theme's assets under their published (fingerprinted) names, by name.
    let assets: [(name: String, path: String, text: String)]
    /// Every page (`.html`) planned before the family being planned, in plan order.
    var pagesSoFar: [String] = []
    var hasNotices: Bool { !notices.notices.isEmpty }
}

/// A family of site-wide files.
struct SiteFamily: Sendable {
    let name: String
    var inputs: PageInputs = .everything
    var exists: @Sendable (SitePages) -> Bool = { _ in true }
    /// Marks where each campaign's families are planned, in the site's order.
    var isEachCampaign = false
    let files: @Sendable (SitePages) -> [PlannedFile]

    init(name: String, inputs: PageInputs = .everything,
         exists: @escaping @Sendable (SitePages) -> Bool = { _ in true }, files: @escaping @Sendable (SitePages) -> [PlannedFile]) {
        self.name = name
        self.inputs = inputs
        self.exists = exists
        self.files = files
    }

    static var eachCampaign: SiteFamily {
        var f = SiteFamily(name: "campaigns") { _ in [] }
        f.isEachCampaign = true
        return f
    }
}

/// A family of each campaign's files.
struct CampaignFamily: Sendable {
    /// Where links to a family's files appear.
    enum List: Int, Comparable, Sendable {
        case navigation, rankings, downloads, winnerDownloads
        static func < (a: List, b: List) -> Bool { a.rawValue < b.rawValue }
    }

    /// Also the navigation's mark for the page being shown (`current`).
    let name: String
    let inputs: PageInputs
    /// Its label in navigation and lists (a campaign's group label in some).
    let label: @Sendable (Campaign) -> String
    let lists: Set<List>
    let exists: @Sendable (CampaignResults) -> Bool
    let files: @Sendable (CampaignPages) -> [PlannedFile]

    init(name: String, inputs: PageInputs = .campaign, label: String = "",
         lists: Set<List> = [], exists: @escaping @Sendable (CampaignResults) -> Bool = { _ in true },
         files: @escaping @Sendable (CampaignPages) -> [PlannedFile]) {
        self.init(name: name, inputs: inputs, label: { _ in label }, lists: lists, exists: exists, files: files)
    }

    init(name: String, inputs: PageInputs = .campaign, label: @escaping @Sendable (Campaign) -> String,
         lists: Set<List> = [], exists: @escaping @Sendable (CampaignResults) -> Bool = { _ in true },
         files: @escaping @Sendable (CampaignPages) -> [PlannedFile]) {
        self.name = name
        self.inputs = inputs
        self.label = label
        self.lists = lists
        self.exists = exists
        self.files = files
    }
}
