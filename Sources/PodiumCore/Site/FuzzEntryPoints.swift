import Foundation

/// Each loader of Podium fed one input as a build would feed it, for the fuzzer
/// (`Sources/PodiumFuzz`): the bytes of one file go through reading, validation and, when they
/// are valid, the computation or rendering that follows. Returns how many problems were found
/// (so the work is not optimized away). Nothing here may crash, hang or overflow, whatever the bytes.
public enum FuzzEntryPoints {
    public enum Target: String, CaseIterable, Sendable {
        case site, campaign, entries, snapshot, entriesSheet, snapshotSheet, votes, notice, markdown, template
    }

    public static func run(_ target: Target, _ bytes: [UInt8]) -> Int {
        var d = Diagnostics()
        switch target {
        case .site:
            if let reader = SiteLoader.readJSON(bytes: bytes, display: "site.json", into: &d) {
                _ = SiteConfig.read(reader)
                d.append(contentsOf: reader.diagnostics)
            }
        case .campaign:
            if let reader = SiteLoader.readJSON(bytes: bytes, display: "campaign.json", into: &d) {
                let campaign = CampaignDecoder.read(reader, slug: "c")
                d.append(contentsOf: reader.diagnostics)
                if var campaign, !d.hasErrors {
                    campaign.entries = seedEntries(for: campaign, into: &d)
                    compute(campaign, into: &d)
                }
            }
        case .entries, .entriesSheet:
            if target == .entries, let difference = itemReadDifference(bytes) { fatalError(difference) }
            guard let reader = SiteLoader.readData(bytes: bytes, display: "entries", form: target == .entries ? .json : .csv,
                                                   sheet: (SheetColumns.entries, [], .list), timezone: .beijing, into: &d) else { break }
            var campaign = seedCampaign
            campaign.entries = EntriesDecoder.read(reader, campaign: campaign)
            d.append(contentsOf: reader.diagnostics)
            ScoreBounds.check(campaign, display: "entries.json", into: &d)
            compute(campaign, into: &d)
        case .snapshot, .snapshotSheet:
            var campaign = seedCampaign
            campaign.entries = seedEntries(for: campaign, into: &d)
            if target == .snapshot, let difference = snapshotReadDifference(bytes, entries: campaign.entries) { fatalError(difference) }
            guard let reader = SiteLoader.readData(bytes: bytes, display: "weeks/2024-08-11", form: target == .snapshot ? .json : .csv,
                                                   sheet: (SheetColumns.weeks, SheetColumns.entries, .snapshot), timezone: .beijing, into: &d) else { break }
            let index = Dictionary(campaign.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let snapshot = SnapshotDecoder.read(reader, date: CalendarDate(year: 2024, month: 8, day: 11)!, source: URL(fileURLWithPath: "/dev/null"),
                                                index: index, published: campaign.entries.map(\.isPublished))
            d.append(contentsOf: reader.diagnostics)
            campaign.weeks = [snapshot]
            compute(campaign, into: &d)
        case .votes:
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-fuzz-votes-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes)) else { break }
            var campaign = seedCampaign
            campaign.entries = seedEntries(for: campaign, into: &d)
            campaign.votesFile = file
            _ = LedgerCount.apply(to: &campaign, into: &d)
            compute(campaign, into: &d)
        case .notice:
            let text = String(decoding: bytes, as: UTF8.self)
            if let notice = NoticeLoader.read(text, slug: "n", display: "n.md", folder: FileManager.default.temporaryDirectory,
                                              campaigns: ["c"], into: &d) {
                d.error("n.md", "\(Markdown.render(notice.body, headingIds: true).count)")
            }
        case .markdown:
            let text = String(decoding: bytes, as: UTF8.self)
            if MarkdownDepth.tooDeep(text) == nil {
                let unsafe = bytes.first.map { $0 & 1 == 1 } ?? false
                d.error("md", "\(Markdown.render(text, unsafe: unsafe, headingIds: true).count)")
            }
        case .template:
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let tokens = try TemplateParser.parse(text)
                let theme = ["page": Theme.Source(text: text, displayPath: "page.mustache"),
                             "pagination": Theme.Source(text: "{{#pages}}{{number}}{{/pages}}", displayPath: "pagination.mustache")]
                Theme.checkPartials(theme, into: &d)
                if !d.hasErrors {
                    let renderer = TemplateRenderer(templates: ["page": tokens, "pagination": try TemplateParser.parse("{{#pages}}{{number}}{{/pages}}")])
                    let context = PageContext(["title": "<标题>", "items": [["name": "a"], ["name": "b"]], "flag": true,
                                               "pages": [["number": 1], ["number": 2]], "html": "<b>x</b>"])
                    d.error("page", "\(renderer.render("page", context)?.count ?? -1)")
                }
            } catch {
                d.error("page.mustache", error.message)
            }
        }
        return d.all.count
    }

    /// The results of a campaign whose inputs had no error, as a build computes them.
    private static func compute(_ campaign: Campaign, into d: inout Diagnostics) {
        guard !d.hasErrors else { return }
        let results = CampaignResults.compute(campaign)
        d.append(contentsOf: results.diagnostics)
        d.error("rows", "\(results.rows.count) \(results.weeks.count)")
    }

    /// How entries.json read item by item (as builds read it: `EntriesDecoder.read(bytes:…)`)
    /// differs from the whole file read at once; nil when they agree: the same entries, every
    /// field, and the same problems in the same order, or no item-wise read at all when the
    /// whole read finds the file's syntax wrong.
    static func itemReadDifference(_ bytes: [UInt8], campaign: Campaign = seedCampaign) -> String? {
        var whole = Diagnostics()
        let reader = SiteLoader.readJSON(bytes: bytes, display: "entries.json", into: &whole)
        let wholeEntries = reader.map { EntriesDecoder.read($0, campaign: campaign) }
        if let reader { whole.append(contentsOf: reader.diagnostics) }
        let items = EntriesDecoder.read(bytes: bytes, display: "entries.json", campaign: campaign)
        guard let items else { return nil }
        guard let wholeEntries else { return "read item by item, but the whole read finds the syntax wrong: \(whole.all)" }
        if items.problems.all != whole.all { return "problems differ: \(items.problems.all) against \(whole.all)" }
        let a = items.entries.map { String(reflecting: $0.fields) }, b = wholeEntries.map { String(reflecting: $0.fields) }
        return a == b ? nil : "entries differ: \(a) against \(b)"
    }

    /// How a weekly snapshot read row by row (as builds read it) differs from the whole file read
    /// at once; nil when they agree: the same rows and unranked entries with their offsets, and the
    /// same problems in the same order, or no row-wise read when the whole read finds the syntax wrong.
    static func snapshotReadDifference(_ bytes: [UInt8], entries: [Entry]) -> String? {
        let index = Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let published = entries.map(\.isPublished), date = CalendarDate(year: 2024, month: 8, day: 11)!, source = URL(fileURLWithPath: "/dev/null")
        var whole = Diagnostics()
        let reader = SiteLoader.readJSON(bytes: bytes, display: "weeks/2024-08-11.json", into: &whole)
        let wholeSnapshot = reader.map { SnapshotDecoder.read($0, date: date, source: source, index: index, published: published) }
        if let reader { whole.append(contentsOf: reader.diagnostics) }
        guard let (rows, problems) = SnapshotDecoder.read(bytes: bytes, display: "weeks/2024-08-11.json", date: date, source: source,
                                                          index: index, published: published) else { return nil }
        guard let wholeSnapshot else { return "read row by row, but the whole read finds the syntax wrong: \(whole.all)" }
        if problems.all != whole.all { return "problems differ: \(problems.all) against \(whole.all)" }
        let a = String(reflecting: (rows.rows, rows.unranked)), b = String(reflecting: (wholeSnapshot.rows, wholeSnapshot.unranked))
        return a == b ? nil : "rows differ: \(a) against \(b)"
    }

    /// A campaign with scoring, divisions, groups and awards: what entries and snapshots are checked against.
    static let seedCampaign: Campaign = {
        var d = Diagnostics()
        let text = """
        {"title": "测试", "organizer": "总工会", "start": "2024-08-01", "end": "2024-10-31", "timezone": "+08:00",
         "divisions": ["河北", "山西"], "groups": {"label": "类型", "values": ["企业", "机关"]},
         "scoring": {"likes": {"weight": 30, "normalize": "max"}, "expert": {"weight": 70, "scale": 100, "trim": 1}},
         "awards": [{"name": "一等奖", "count": 1}, {"name": "优秀奖", "perGroup": 2}],
         "rules": {"maxEntriesPerPerson": 2}, "likeRules": {"perVoterPerEntryPerDay": 1, "maxEntriesPerVoterPerDay": 6}}
        """
        let reader = SiteLoader.readJSON(bytes: Array(text.utf8), display: "campaign.json", into: &d)!
        return CampaignDecoder.read(reader, slug: "c")!
    }()

    static func seedEntries(for campaign: Campaign, into d: inout Diagnostics) -> [Entry] {
        let text = """
        [{"id": "a", "title": "甲", "author": "张三", "division": "河北", "group": "企业", "likes": 10, "views": 100, "expertScores": [90, 80, 85]},
         {"id": "b", "title": "乙", "author": "李四", "division": "山西", "group": "机关", "likes": 20, "views": 50, "expertScores": [70, 75, 95.5]},
         {"id": "c", "title": "丙", "author": "张三", "group": "企业", "likes": 20, "submitted": "2024-08-02T10:00:00+08:00"},
         {"id": "d", "title": "丁", "status": "pending", "likes": 3}]
        """
        guard let reader = SiteLoader.readJSON(bytes: Array(text.utf8), display: "entries.json", into: &d) else { return [] }
        return EntriesDecoder.read(reader, campaign: campaign)
    }
}
