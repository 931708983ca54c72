/// Every file of the built site, named before any is rendered: pages (a template and a context
/// made on demand) and plain files (downloads, style sheets).
import Foundation

struct SitePlan {
    enum Output {
        case page(template: String, make: @Sendable () -> PageContext)
        case text(@Sendable () -> String)
        case bytes(@Sendable () -> [UInt8])
        /// A file copied as it is (notice attachments).
        case copy(URL)
    }

    struct File {
        var path: String
        var output: Output
        /// The fingerprint of every input the file may depend on (see `InputDigest`): when the
        /// previous build wrote this path with the same key, its file is kept without rendering.
        var key: Fingerprint
    }

    private(set) var files: [File] = []
    /// Every path of the plan (for the link check and to drop files kept early that it does not make).
    private(set) var paths: Set<String> = []
    /// The paths of the pages (`.html`) planned so far, in plan order (what the sitemap lists).
    private(set) var pages: [String] = []

    /// The key of every file when the plan is made only to know its paths (`check`).
    static let noKey = Fingerprint(high: 0, low: 0)

    /// The files of every family of the catalogue (`PageCatalogue`) that exists, in its order,
    /// each keyed by the inputs its family reads (no keys: `check` wants the paths alone).
    static func make(site: SiteConfig, asOf: CalendarDate, campaigns: [CampaignResults], notices: [Notice],
                     content: URL, theme: Theme, keys: PageKeys?) -> SitePlan {
        var plan = SitePlan()
        let assets = theme.assets.sorted { $0.key < $1.key }.map { (name: $0.key, path: Routes.asset($0.key, bytes: $0.value.text), text: $0.value.text) }
        let stylesheet = assets.first { $0.name == "style.css" }?.path ?? "style.css"
        let chrome = PageChrome(site: site, asOf: asOf, hasNotices: !notices.isEmpty, stylesheet: stylesheet)
        var sitePages = SitePages(chrome: chrome,
                                  notices: NoticePages(chrome: chrome, notices: notices,
                                                       campaignTitles: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.campaign.slug, $0.campaign.title) })),
                                  campaigns: campaigns, assets: assets)
        let everything = keys?.everything(asOf: asOf) ?? Self.noKey
        for family in PageCatalogue.site {
            if family.isEachCampaign {
                for results in campaigns { plan.add(results, sitePages, content: content, keys: keys, everything: everything) }
                continue
            }
            guard family.exists(sitePages) else { continue }
            sitePages.pagesSoFar = plan.pages
            let key = keys?.key(family.inputs, everything: everything) ?? Self.noKey
            for file in family.files(sitePages) { plan.add(file, key: key, content: content) }
        }
        plan.paths = Set(plan.files.map(\.path))
        if plan.paths.count < plan.files.count { plan.collisions = collisions(plan.files, site: content.deletingLastPathComponent()) }
        return plan
    }

    private mutating func add(_ results: CampaignResults, _ site: SitePages, content: URL, keys: PageKeys?, everything: Fingerprint) {
        let pages = CampaignPages(chrome: site.chrome, results: results, notices: site.notices)
        pages.links = PageCatalogue.links(pages)
        let slug = results.campaign.slug
        // Each family's files are listed on every core (the entry pages alone can be tens of thousands).
        let families = PageCatalogue.campaign.filter { $0.exists(results) }
        for (family, files) in zip(families, families.concurrentMap { $0.files(pages) }) {
            let familyKey = family.inputs == .weekPage || family.inputs == .weekDownload ? nil
                : keys?.key(family.inputs, campaign: slug, state: results.state, everything: everything) ?? Self.noKey
            for file in files {
                let key = familyKey ?? keys?.week(family.inputs, campaign: slug, state: results.state, file.week!, of: results.weeks.map(\.date)) ?? Self.noKey
                add(file, key: key, content: content)
            }
        }
    }

    private mutating func add(_ file: PlannedFile, key: Fingerprint, content: URL) {
        let output: Output = switch file.output {
        case .page(let template, let make): .page(template: template, make: make)
        case .text(let make): .text(make)
        case .bytes(let make): .bytes(make)
        case .copy(let source): .copy(content.appendingPathComponent(source))
        }
        files.append(File(path: file.path, output: output, key: key))
        if file.path.hasUTF8Suffix(".html") { pages.append(file.path) }
    }

    /// Two files of the plan with one output path: a copied cover or attachment named like a
    /// generated page or download would silently replace it (or be dropped). Each is an error naming both.
    private(set) var collisions: [Diagnostic] = []

    private static func collisions(_ files: [File], site: URL) -> [Diagnostic] {
        func origin(_ f: File) -> String {
            switch f.output {
            case .page(let template, _): "the \(template) page"
            case .text, .bytes: "a generated file"
            case .copy(let url): String(url.standardizedFileURL.path.dropFirst(site.standardizedFileURL.path.count + 1))
            }
        }
        var first: [String: File] = [:], problems: [Diagnostic] = []
        for f in files {
            if let earlier = first[f.path] {
                let (copy, other) = if case .copy = f.output { (f, earlier) } else { (earlier, f) }
                problems.append(Diagnostic(.error, path: origin(copy),
                                           message: "would be published as public/\(f.path), where \(origin(other)) goes: rename the file"))
            } else {
                first[f.path] = f
            }
        }
        return problems
    }
}
