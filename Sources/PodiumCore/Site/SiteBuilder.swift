import Dispatch
import Foundation

public struct BuildOptions: Sendable {
    public var site: URL
    public var output: URL?
    public var asOf: CalendarDate?
    /// Remove the site this build replaces at once, instead of leaving it (hidden, beside the
    /// output) for the next build to remove while it loads.
    public var tidy = false
    /// A one-shot process (the command line) leaves the build's data for the system to reclaim
    /// at exit instead of freeing hundreds of thousands of objects one by one.
    public var keepsMemoryUntilExit = false
    /// Called once every file is rendered, before the inputs are walked again (tests edit an
    /// input there, as someone saving a file while the site builds would).
    var afterRendering: (@Sendable () -> Void)?

    public init(site: URL, output: URL? = nil, asOf: CalendarDate? = nil, tidy: Bool = false) {
        self.site = site
        self.output = output
        self.asOf = asOf
        self.tidy = tidy
    }

    public var destination: URL { output ?? site.appendingPathComponent("public") }
}

public struct BuildReport: Sendable {
    public var files: Int
    /// Files whose bytes changed (or are new), and files kept from the previous build as they were.
    public var written: Int
    public var kept: Int
    public var pages: Int
    public var destination: URL
    public var diagnostics: Diagnostics
    /// Where baseURL puts the site (`SiteConfig.basePath`).
    public var basePath = "/"
}

/// The pipeline: load → validate → compute → render → write. Each step collects its problems;
/// nothing is written unless the steps before it found no error.
public enum SiteBuilder {
    /// Load, validate and compute: what `check` reports and what `build` renders.
    public struct Prepared: Sendable {
        public var content: SiteContent
        public var theme: Theme
        public var asOf: CalendarDate
        public var campaigns: [CampaignResults]
        /// Each campaign's awards as computed, whatever its state (`check` shows them).
        public var awards: [AwardReview] = []
    }

    public static func prepare(_ options: BuildOptions) -> (Prepared?, Diagnostics) {
        let tree = InputTree.scan(site: options.site)
        let (content, theme) = concurrently({ load(options) }, { Theme.load(site: options.site) })
        return prepare(options, theme: theme, tree: tree, content: content)
    }

    /// The content, read and validated (what the theme loads beside).
    static func load(_ options: BuildOptions) -> (SiteContent?, Diagnostics) {
        SiteLoader.load(site: options.site, cache: ContentCache(output: options.destination.standardizedFileURL))
    }

    /// With the theme and the content loaded and the inputs walked (a build does all three once, for
    /// this and for `EarlyReuse`). The walk's problems (links leaving the site, loops, FIFOs) come first.
    /// `weeks`: what the previous build made of each week, asked only when a campaign has weeks
    /// (without it, every week's table is ranked before rendering).
    static func prepare(_ options: BuildOptions, theme loaded: (Theme?, Diagnostics), tree: InputTree,
                        content read: (SiteContent?, Diagnostics), weeks: () -> PreviousWeeks? = { nil }) -> (Prepared?, Diagnostics) {
        var diagnostics = tree.problems
        let (content, loadDiagnostics) = read
        diagnostics.append(contentsOf: loadDiagnostics)
        let (theme, themeDiagnostics) = loaded
        diagnostics.append(contentsOf: themeDiagnostics)
        guard let content, let theme, !diagnostics.hasErrors else { return (nil, diagnostics) }
        var campaigns: [CampaignResults] = []
        let asOf = resolveAsOf(options.asOf, content)
        let previousWeeks = content.campaigns.contains { !$0.weeks.isEmpty } ? weeks() : nil
        // Standings computed before from the same files come from their cache.
        let cache = StandingsCache(folder: ContentCache.folder(output: options.destination.standardizedFileURL))
        var cached: Set<String> = []
        for var campaign in content.campaigns {
            let tally = LedgerCount.apply(to: &campaign, into: &diagnostics)
            let rankNow = previousWeeks?.rankNow(campaign, state: ResultsState.of(campaign, on: asOf)) ?? { _ in true }
            let key = StandingsCache.key(campaign)
            let known = key.flatMap { cache.load($0, entries: campaign.entries) }
            var results = CampaignResults.compute(campaign, rankWeeksNow: rankNow, standings: known)
            if let key {
                if known == nil { cache.store(results.standings, for: key) }
                cached.insert(StandingsCache.fileName(key))
            }
            results.votes = tally
            campaigns.append(results)
            diagnostics.append(contentsOf: results.diagnostics)
        }
        cache.prune(keeping: cached)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        if content.config.certificateKey == nil, campaigns.contains(where: \.hasAwards) {
            diagnostics.warning("content/site.json", field: "certificateKey",
                                "not set: certificate codes are then worked out from public data; set a secret string to make them unguessable")
        }
        var awards: [AwardReview] = []
        for i in campaigns.indices {
            diagnostics.append(contentsOf: FigureCheck.countsBehindSnapshot(campaigns[i].campaign, asOf: asOf))
            let state = ResultsState.of(campaigns[i].campaign, on: asOf)
            awards.append(AwardReview(campaigns[i], state: state))
            campaigns[i].publish(in: state)
            // The snapshots' rows are ranked into the weekly tables, which is all the pages read
            // of them: a row per entry per week is not kept through rendering.
            for k in campaigns[i].campaign.weeks.indices {
                campaigns[i].campaign.weeks[k].rows = []
                campaigns[i].campaign.weeks[k].unranked = []
            }
        }
        var prepared = content
        prepared.campaigns = campaigns.map(\.campaign)
        return (Prepared(content: prepared, theme: theme, asOf: asOf, campaigns: campaigns, awards: awards), diagnostics)
    }

    /// The day the site describes: the command line, else site.json, else the newest weekly
    /// snapshot, else the latest campaign end (never the wall clock).
    static func resolveAsOf(_ override: CalendarDate?, _ content: SiteContent) -> CalendarDate {
        override ?? content.config.asOf ?? content.campaigns.flatMap { $0.weeks.map(\.date) }.max()
            ?? content.campaigns.map(\.end).max() ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }

    public static func check(_ options: BuildOptions) -> Diagnostics { review(options).0 }

    /// `check`'s problems, and each campaign's awards as computed whatever its state. Also what
    /// only the plan knows, as `build` finds it: links of notice bodies to files the site does not publish.
    public static func review(_ options: BuildOptions) -> (Diagnostics, [AwardReview]) {
        let (prepared, found) = prepare(options)
        var diagnostics = found
        if let prepared {
            for problem in plan(prepared, options, keys: nil).problems { diagnostics.append(problem) }
        }
        return (diagnostics, prepared?.awards ?? [])
    }

    /// The plan of the site's files (`keys`: nil when only its paths matter), and what only the
    /// plan shows: files copied over generated ones, notice links to files the site does not publish.
    static func plan(_ prepared: Prepared, _ options: BuildOptions, keys: PageKeys?) -> (plan: SitePlan, problems: [Diagnostic]) {
        let plan = SitePlan.make(site: prepared.content.config, asOf: prepared.asOf, campaigns: prepared.campaigns,
                                 notices: prepared.content.notices, content: options.site.appendingPathComponent("content"),
                                 theme: prepared.theme, keys: keys)
        return (plan, plan.collisions + NoticeLinkCheck.problems(prepared.content.notices, paths: plan.paths))
    }

    public static func build(_ options: BuildOptions) -> Result<BuildReport, BuildFailure> {
        let timer = PhaseTimer()
        // Before anything is read: where the site goes (never over its source), and the inputs'
        // walk, whose stamp is compared again at the end.
        let place: OutputPlace
        do { place = try OutputPlace(destination: options.destination, site: options.site) } catch {
            return .failure(BuildFailure([Diagnostic(.error, path: OutputPlace.display(options.destination, site: options.site), message: "\(error)")]))
        }
        let tree = InputTree.scan(site: options.site)
        // The theme loads beside the content, and unchanged files start being kept once it has.
        // (The content loads on this thread: a worker thread that blocks waiting for others makes the
        // system's pool start new threads only after a delay.)
        let (content, (theme, early)) = concurrently({ load(options) }, { () -> ((Theme?, Diagnostics), EarlyReuse) in
            let theme = Theme.load(site: options.site)
            return (theme, EarlyReuse(options, place: place, tree: tree, theme: theme.0))
        })
        let (prepared, diagnostics) = prepare(options, theme: theme, tree: tree, content: content, weeks: early.weeks)
        timer.lap("load, validate, compute")
        // Files still to be kept are kept on this thread too (it would only wait for them).
        early.help()
        let started = early.wait()
        timer.lap("keep unchanged files")
        let digest: InputDigest, folder: OutputFolder
        switch started {
        case .success(let s): (digest, folder) = s
        case .failure(let error):
            return .failure(BuildFailure(diagnostics.all + (prepared == nil ? [] : [Diagnostic(.error, path: options.destination.path, message: "\(error)")])))
        }
        guard let prepared else {
            folder.discard()
            return .failure(BuildFailure(diagnostics.all))
        }
        let (plan, planProblems) = plan(prepared, options, keys: PageKeys(digest: digest))
        timer.lap("plan")
        if !planProblems.isEmpty {
            folder.discard()
            return .failure(BuildFailure(diagnostics.all + planProblems))
        }
        let problems = render(plan, theme: prepared.theme, into: folder)
        options.afterRendering?()
        // What the plan does not make is swept out while the inputs are walked again (inputs
        // edited while this build ran keep the result, but let the next build render everything)
        // and the new manifest's lines are made.
        let order = plan.files.map(\.path)
        let (_, edited) = concurrently({ folder.keepOnly(plan.paths, order: order) }, { () -> Bool in
            guard InputTree.scan(site: options.site).stamp == digest.stamp else { return true }
            folder.prepareManifest(order: order)
            return false
        })
        if edited { folder.forgetManifest() }
        timer.lap("render and write")
        if !problems.isEmpty {
            folder.discard()
            return .failure(BuildFailure(diagnostics.all + problems))
        }
        do { try folder.commit() } catch {
            folder.discard()
            return .failure(BuildFailure(diagnostics.all + [Diagnostic(.error, path: options.destination.path, message: "cannot publish: \(error)")]))
        }
        timer.lap("swap in")
        let pages = plan.files.filter { if case .page = $0.output { true } else { false } }.count
        if options.keepsMemoryUntilExit { KeptUntilExit.keep([prepared, plan, folder]) }
        return .success(BuildReport(files: plan.files.count, written: folder.written, kept: folder.kept, pages: pages,
                                    destination: options.destination, diagnostics: diagnostics, basePath: prepared.content.config.basePath))
    }

    /// Renders and writes every file on all cores; returns the problems (one per failing template and key).
    static func render(_ plan: SitePlan, theme: Theme, into folder: OutputFolder) -> [Diagnostic] {
        let files = plan.files
        let problems = ProblemBox()
        let paths = plan.paths
        let staged = folder.stagedKeys()
        // Work in the order that keeps every core busy to the end: the files that are not pages
        // first (downloads, feeds, the search index: one of them can take as long as thousands
        // of pages), a folder of them at a time, then the pages 64 at a time. A folder is one
        // piece of work because its files can wait for one value: the search index's shards all
        // wait for the keys the first of them counts (`ComputedOnce`), and on other cores they
        // would wait instead of rendering pages.
        let isPage = files.map { if case .page = $0.output { true } else { false } }
        let others = files.indices.filter { !isPage[$0] }
        let order = others + files.indices.filter { isPage[$0] }
        func folderOf(_ k: Int) -> Substring { Routes.folder(of: files[others[k]].path) }
        var folders: [Range<Int>] = [], start = 0
        for k in others.indices where k + 1 == others.count || folderOf(k + 1) != folderOf(k) {
            folders.append(start..<k + 1)
            start = k + 1
        }
        let chunk = 64
        let work = folders + stride(from: others.count, to: order.count, by: chunk).map { $0..<min(order.count, $0 + chunk) }
        DispatchQueue.concurrentPerform(iterations: work.count) { w in
            var knownLinks = LinkCheck.Known()
            for k in work[w] {
                let i = order[k], file = files[i]
                // Unchanged inputs: the previous file stays, nothing is rendered.
                if let kept = staged[file.path] {
                    if kept == file.key { continue }
                    folder.unstage(file.path)
                }
                if folder.reuse(file.path, key: file.key) { continue }
                do {
                    switch file.output {
                    case .text(let make):
                        try folder.write(make(), to: file.path, key: file.key)
                    case .bytes(let make):
                        try make().withUnsafeBytes { try folder.write(bytes: $0, to: file.path, key: file.key) }
                    case .copy(let source):
                        let data = try FileSystem.read(source.path)
                        try data.withUnsafeBytes { try folder.write(bytes: $0, to: file.path, key: file.key) }
                    case .page(let template, let make):
                        switch theme.render(template, make()) {
                        case .success(let html):
                            try html.withUnsafeBytes { try folder.write(bytes: $0, to: file.path, key: file.key) }
                            if let broken = LinkCheck.check(html, page: file.path, template: template, files: paths, known: &knownLinks).first {
                                problems.set(i, broken)
                            }
                        case .failure(let problem): problems.set(i, problem)
                        }
                    }
                } catch let failure as FileSystem.Failure {
                    problems.fail(i, failure)
                } catch {
                    problems.set(i, Diagnostic(.error, path: file.path, message: "\(error)"))
                }
            }
        }
        // One report per distinct problem (a missing key fails every page of its template), in plan order.
        var seen: Set<Diagnostic> = []
        let all = problems.byIndex
        return all.keys.sorted().compactMap { seen.insert(all[$0]!).inserted ? all[$0]! : nil } + problems.failures
    }
}

/// Problems found by parallel workers, keyed by file index so they are reported in plan order.
private final class ProblemBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Diagnostic] = [:]
    /// Operating-system errors (a full disk fails every file alike): one line per cause.
    private var byCause: [Int32: (first: Int, failure: FileSystem.Failure, count: Int)] = [:]
    func set(_ i: Int, _ d: Diagnostic) { lock.withLock { values[i] = d } }
    var byIndex: [Int: Diagnostic] { lock.withLock { values } }

    func fail(_ i: Int, _ failure: FileSystem.Failure) {
        lock.withLock {
            if let known = byCause[failure.code] {
                byCause[failure.code] = i < known.first ? (i, failure, known.count + 1) : (known.first, known.failure, known.count + 1)
            } else {
                byCause[failure.code] = (i, failure, 1)
            }
        }
    }

    var failures: [Diagnostic] {
        lock.withLock {
            byCause.values.sorted { $0.first < $1.first }.map { cause in
                Diagnostic(.error, path: cause.failure.path, message: "\(cause.failure.reason) while \(cause.failure.action) this file"
                           + (cause.count > 1 ? " and \(cause.count - 1) more" : ""))
            }
        }
    }
}

/// With `PODIUM_TIMING=1` in the environment, prints each build step's wall and processor time to stderr
/// (for profiling; figures worth reporting come from `podium-bench`).
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["PODIUM_TIMING"] != nil
    private let start = DispatchTime.now().uptimeNanoseconds
    private let last = Box()
    private final class Box: @unchecked Sendable { var value: UInt64 = 0; var cpu: Double = 0 }

    func lap(_ step: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let from = last.value == 0 ? start : last.value
        last.value = now
        let cpu = Self.cpuSeconds(), spent = cpu - last.cpu
        last.cpu = cpu
        let padded = step.padding(toLength: 26, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data((padded + String(format: "%7.3f s  cpu %6.3f s  ", Double(now - from) / 1e9, spent) + Self.memory() + "\n").utf8))
    }

    /// The process's processor time so far, user and system, on all threads.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Resident memory now and at its peak so far, from /proc/self/status.
    private static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        let mb = { (field: String) -> String in
            let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
            return String((Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024)
        }
        return "resident \(mb("VmRSS")) MB, peak \(mb("VmHWM")) MB"
    }
}

/// What a one-shot build leaves to the system at exit (`BuildOptions.keepsMemoryUntilExit`).
private enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []
    private static let lock = NSLock()
    static func keep(_ v: [Any]) { lock.withLock { values.append(contentsOf: v) } }
}
