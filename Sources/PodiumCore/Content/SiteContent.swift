import Foundation

/// Everything a site's `content/` folder says, loaded and validated.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var campaigns: [Campaign]
    public var notices: [Notice]
}

/// Loads `content/` (contract §1–4): every file is read, every problem is collected.
public enum SiteLoader {
    static let slugPattern = "[a-z0-9][a-z0-9-]{0,63}"

    public static func isValidSlug(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard (1...64).contains(b.count) else { return false }
        func ok(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
        return ok(b[0]) && b.dropFirst().allSatisfy { ok($0) || $0 == 0x2D }
    }

    /// Files a campaign folder may hold; anything else draws a warning (a misspelt
    /// `winner.json` must not be silently ignored).
    static let campaignFiles: Set<String> = ["campaign.json", "entries.json", "entries.csv", "winners.json", "votes.csv", "weeks", "media"]

    public static func load(site: URL, cache: ContentCache? = nil) -> (SiteContent?, Diagnostics) {
        var diagnostics = Diagnostics()
        let content = site.appendingPathComponent("content")
        guard SiteLoader.isDirectory(content) else {
            diagnostics.error("content", "there is no content/ folder here: run podium in a site folder or name one with --site")
            return (nil, diagnostics)
        }
        let siteReader = readJSON(content.appendingPathComponent("site.json"), display: "content/site.json", into: &diagnostics)
        let config = siteReader.flatMap { reader -> SiteConfig? in
            defer { diagnostics.append(contentsOf: reader.diagnostics) }
            return SiteConfig.read(reader)
        }

        let campaignsDir = content.appendingPathComponent("campaigns")
        // Notices are read on the other core while campaigns load; problems keep their order.
        let (loaded, noticesLoaded) = concurrently({ loadCampaigns(campaignsDir, cache: cache) }, {
            var problems = Diagnostics()
            let notices = NoticeLoader.load(content.appendingPathComponent("notices"),
                                            campaigns: Set(visibleChildren(campaignsDir).filter(isValidSlug)), into: &problems)
            return (notices, problems)
        })
        let campaigns = loaded.campaigns, notices = noticesLoaded.0
        diagnostics.append(contentsOf: loaded.problems)
        diagnostics.append(contentsOf: noticesLoaded.1)
        let noticeSlugs = Set(notices.map(\.slug))
        for c in campaigns {
            if let a = c.announcement, let notice = a.notice, !noticeSlugs.contains(notice) {
                var message = "no notice has the slug \"\(notice)\" (content/notices/\(notice).md)"
                if let hint = NameSuggestion.closest(to: notice, in: Array(noticeSlugs)) { message += "; did you mean \"\(hint)\"?" }
                diagnostics.error("content/campaigns/\(c.slug)/campaign.json", at: a.noticePosition, field: "announcement.notice", message)
            }
        }
        if campaigns.isEmpty && !diagnostics.hasErrors {
            diagnostics.warning("content/campaigns", "the site has no campaigns yet")
        }
        guard let config, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (SiteContent(config: config, campaigns: campaigns, notices: notices), diagnostics)
    }

    static func loadCampaigns(_ campaignsDir: URL, cache: ContentCache?) -> (campaigns: [Campaign], problems: Diagnostics) {
        var diagnostics = Diagnostics()
        var campaigns: [Campaign] = []
        var cached: Set<String> = []
        for name in children(campaignsDir, display: "content/campaigns", into: &diagnostics) {
            let display = "content/campaigns/\(name)"
            guard isDirectory(campaignsDir.appendingPathComponent(name)) else {
                diagnostics.warning(display, "is not a folder; campaigns are folders, so it is ignored")
                continue
            }
            guard isValidSlug(name) else {
                diagnostics.error(display, "the folder name is not a valid slug: use \(slugPattern) (lower-case letters, digits, '-')")
                continue
            }
            if let campaign = loadCampaign(slug: name, folder: campaignsDir.appendingPathComponent(name), display: display,
                                           cache: cache, cached: &cached, into: &diagnostics) {
                campaigns.append(campaign)
            }
        }
        cache?.prune(keeping: cached)
        return (campaigns, diagnostics)
    }

    static func loadCampaign(slug: String, folder: URL, display: String, cache: ContentCache?, cached: inout Set<String>,
                             into diagnostics: inout Diagnostics) -> Campaign? {
        let names = children(folder, display: display, into: &diagnostics)
        for name in names where !campaignFiles.contains(name) {
            var message = "unknown file, ignored"
            if DataFile.isWorkbook(name) { message += ". " + DataFile.workbookAdvice }
            else if let hint = NameSuggestion.closest(to: name, in: Array(campaignFiles)) { message += "; did you mean \(hint)?" }
            diagnostics.warning("\(display)/\(name)", message)
        }
        let campaignDisplay = "\(display)/campaign.json"
        guard let campaignBytes = read(folder.appendingPathComponent("campaign.json"), display: campaignDisplay, into: &diagnostics),
              let reader = readJSON(bytes: campaignBytes, display: campaignDisplay, into: &diagnostics) else {
            return nil
        }
        let decoded = CampaignDecoder.read(reader, slug: slug)
        diagnostics.append(contentsOf: reader.diagnostics)
        guard var campaign = decoded else { return nil }

        guard let entriesFile = DataFile.find("entries", in: names, display: display, into: &diagnostics) ?? missingEntries(names, display, &diagnostics),
              let entriesBytes = read(folder.appendingPathComponent(entriesFile.name), display: "\(display)/\(entriesFile.name)", into: &diagnostics) else {
            return nil
        }
        campaign.entriesFile = entriesFile.name
        // Entries read and checked before from the same bytes (and campaign.json) come from the cache,
        // which holds only entries that were read without a problem and are within the bounds of
        // exact arithmetic (`ScoreBounds`, which reads nothing else): those are not checked again.
        let entriesKey = EntriesCache.key(campaign: campaignBytes, file: entriesFile.name, bytes: entriesBytes)
        var bounds = Diagnostics()
        if let entries = cache?.entries.load(entriesKey) {
            campaign.entries = entries
            cached.insert(EntriesCache.fileName(entriesKey))
        } else {
            var problems = Diagnostics()
            let entriesDisplay = "\(display)/\(entriesFile.name)"
            // JSON is read item by item; a sheet, or a file that cannot be split into items, whole.
            if entriesFile.form == .json, let read = EntriesDecoder.read(bytes: entriesBytes, display: entriesDisplay, campaign: campaign) {
                campaign.entries = read.entries
                problems = read.problems
            } else {
                guard let entriesReader = readData(bytes: entriesBytes, display: entriesDisplay, form: entriesFile.form,
                                                   sheet: (SheetColumns.entries, [], .list), timezone: campaign.timezone, into: &problems) else {
                    diagnostics.append(contentsOf: problems)
                    return nil
                }
                campaign.entries = EntriesDecoder.read(entriesReader, campaign: campaign)
                problems.append(contentsOf: entriesReader.diagnostics)
            }
            diagnostics.append(contentsOf: problems)
            ScoreBounds.check(campaign, display: campaign.entriesPath, into: &bounds)
            if let cache, problems.all.isEmpty, bounds.all.isEmpty {
                cache.entries.store(campaign.entries, for: entriesKey)
                cached.insert(EntriesCache.fileName(entriesKey))
            }
        }
        CoverCheck.check(campaign.entries, folder: folder, display: campaign.entriesPath, into: &diagnostics)
        diagnostics.append(contentsOf: bounds)

        var source = FingerprintHasher()
        source.add(entriesKey)
        let winnersURL = folder.appendingPathComponent("winners.json")
        if exists(winnersURL), let winnersBytes = read(winnersURL, display: "\(display)/winners.json", into: &diagnostics) {
            source.add(winnersBytes)
            if let winnersReader = readJSON(bytes: winnersBytes, display: "\(display)/winners.json", into: &diagnostics) {
                campaign.winners = WinnersDecoder.read(winnersReader, entries: campaign.entries,
                                                       awards: (campaign.awards + campaign.organizationAwards).map(\.name))
                diagnostics.append(contentsOf: winnersReader.diagnostics)
            }
        } else {
            source.add(-1)
        }
        campaign.sourceKey = source.finish()
        let votes = folder.appendingPathComponent("votes.csv")
        if exists(votes) { campaign.votesFile = votes }
        campaign.weeks = loadWeeks(folder.appendingPathComponent("weeks"), display: "\(display)/weeks", campaign: campaign,
                                   cache: cache?.snapshots, cached: &cached, into: &diagnostics)
        return campaign
    }

    /// The error of a campaign with neither entries.json nor entries.csv (and what to do with a workbook).
    private static func missingEntries(_ names: [String], _ display: String, _ diagnostics: inout Diagnostics) -> DataFile? {
        var message = "the file is missing (the entries are entries.json or entries.csv)"
        if names.contains(where: DataFile.isWorkbook) { message += ". " + DataFile.workbookAdvice }
        diagnostics.error("\(display)/entries.json", message)
        return nil
    }

    /// Reads a data file in either form: JSON, or a sheet with `sheet`'s columns and shape.
    static func readData(_ url: URL, display: String, form: DataFile.Form, sheet: (columns: [SheetColumn], notRead: [SheetColumn], shape: SheetDocument.Shape),
                         timezone: UTCOffset, into diagnostics: inout Diagnostics) -> JSONReader? {
        guard let bytes = read(url, display: display, into: &diagnostics) else { return nil }
        return readData(bytes: bytes, display: display, form: form, sheet: sheet, timezone: timezone, into: &diagnostics)
    }

    static func readData(bytes: [UInt8], display: String, form: DataFile.Form, sheet: (columns: [SheetColumn], notRead: [SheetColumn], shape: SheetDocument.Shape),
                         timezone: UTCOffset, into diagnostics: inout Diagnostics) -> JSONReader? {
        switch form {
        case .json: readJSON(bytes: bytes, display: display, into: &diagnostics)
        case .csv: SheetDocument.read(bytes: bytes, display: display, columns: sheet.columns, notRead: sheet.notRead, shape: sheet.shape,
                                      timezone: timezone, into: &diagnostics)
        }
    }

    /// Every `weeks/<YYYY-MM-DD>.json` or `.csv`, oldest first; any other file name there is an error.
    /// JSON snapshots found valid before against the same entries come from `SnapshotCache`.
    static func loadWeeks(_ folder: URL, display: String, campaign: Campaign, cache: SnapshotCache?, cached: inout Set<String>,
                          into diagnostics: inout Diagnostics) -> [WeeklySnapshot] {
        let entries = campaign.entries, timezone = campaign.timezone, entriesFile = campaign.entriesFile
        // Ids to entries: only a snapshot read anew looks them up (the cache gives entry numbers).
        let index = ComputedOnce { Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let published = entries.map(\.isPublished), ids = entries.map(\.id)
        let roster = SnapshotCache.Roster(ids: ids, published: published)
        let entriesKey = SnapshotCache.entriesKey(entries)
        let names = children(folder, display: display, into: &diagnostics)
        // A day's snapshot in both forms is one error, for the .csv; the .json is read.
        var files: [String] = []
        for name in names {
            if name.hasSuffix(".csv"), names.contains(String(name.dropLast(4)) + ".json") {
                _ = DataFile.find(String(name.dropLast(4)), in: names, display: display, into: &diagnostics)
            } else {
                files.append(name)
            }
        }
        // Each snapshot is read and checked on its own, on all cores; problems are reported in file order.
        let read = files.concurrentMap { name -> (WeeklySnapshot?, Diagnostics, Fingerprint?) in
            var problems = Diagnostics()
            let path = "\(display)/\(name)"
            let form: DataFile.Form? = name.hasSuffix(".json") ? .json : name.hasSuffix(".csv") ? .csv : nil
            guard let form, let date = CalendarDate(name.dropLast(form.rawValue.count + 1)) else {
                var message = "a snapshot is named after its day, YYYY-MM-DD.json or YYYY-MM-DD.csv (for example 2024-08-11.json)"
                if DataFile.isWorkbook(name) { message += ". " + DataFile.workbookAdvice }
                problems.error(path, message)
                return (nil, problems, nil)
            }
            let url = folder.appendingPathComponent(name)
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(url.path) } catch {
                problems.error(path, unreadable(error))
                return (nil, problems, nil)
            }
            // Only JSON is cached: the cache checks its rows against the file's bytes at their offsets.
            let key = form == .json ? SnapshotCache.key(bytes: bytes, entries: entriesKey) : nil
            if let key, let (rows, unranked) = cache?.rows(for: key, bytes: bytes, roster: roster) {
                return (WeeklySnapshot(date: date, displayPath: path, source: url, rows: rows, unranked: unranked), problems, key)
            }
            // JSON is read row by row; a sheet, or a file that cannot be split into rows, whole.
            let snapshot: WeeklySnapshot
            if form == .json, let (read, found) = SnapshotDecoder.read(bytes: bytes, display: path, date: date, source: url, index: index.value,
                                                                      published: published, entriesFile: entriesFile) {
                snapshot = read
                problems.append(contentsOf: found)
            } else {
                guard let reader = readData(bytes: bytes, display: path, form: form, sheet: (SheetColumns.weeks, SheetColumns.entries, .snapshot),
                                            timezone: timezone, into: &problems) else { return (nil, problems, nil) }
                snapshot = SnapshotDecoder.read(reader, date: date, source: url, index: index.value, published: published, entriesFile: entriesFile)
                problems.append(contentsOf: reader.diagnostics)
            }
            if problems.all.isEmpty, let cache, let key {
                // Stored in ranking order, so ranking the cached rows later is a single linear pass.
                cache.store(snapshot.rows.sorted { a, b in
                    LikesOrder.precedes((a.likes, a.views), (b.likes, b.views)) { ids[a.entry].precedesInCodePoints(ids[b.entry]) }
                }, unranked: snapshot.unranked, for: key)
            }
            return (snapshot, problems, key)
        }
        cached.formUnion(read.compactMap { $0.2.map(SnapshotCache.fileName) })
        var snapshots = read.compactMap(\.0)
        for (_, problems, _) in read { diagnostics.append(contentsOf: problems) }
        snapshots.sort { $0.date < $1.date }
        SnapshotDecoder.checkCumulative(snapshots, entries: entries, into: &diagnostics)
        return snapshots
    }

    /// Reads a JSON file; a missing file, invalid UTF-8 or a syntax error is reported with its position.
    static func readJSON(_ url: URL, display: String, into diagnostics: inout Diagnostics) -> JSONReader? {
        guard let bytes = read(url, display: display, into: &diagnostics) else { return nil }
        return readJSON(bytes: bytes, display: display, into: &diagnostics)
    }

    static func readJSON(bytes: [UInt8], display: String, into diagnostics: inout Diagnostics) -> JSONReader? {
        if let bad = firstInvalidUTF8(bytes) {
            diagnostics.error(display, at: LineIndex(bytes).position(of: bad), "the file is not valid UTF-8 (save it as UTF-8)")
            return nil
        }
        do {
            let (document, duplicates) = try JSONParser.parse(bytes, path: display)
            let reader = JSONReader(document: document, displayPath: display)
            reportDuplicates(duplicates, in: document, into: &diagnostics)
            return reader
        } catch {
            diagnostics.error(display, at: LineIndex(bytes).position(of: error.offset), "invalid JSON: \(error.message)")
            return nil
        }
    }

    /// A key repeated in one object (the parser keeps both; the reads see the last) is an error at the repeat.
    static func reportDuplicates(_ duplicates: some Sequence<(key: String, offset: Int)>, in document: JSONDocument, into diagnostics: inout Diagnostics) {
        for d in duplicates {
            diagnostics.error(document.path, at: document.position(d.offset), field: "", "the key \"\(d.key)\" appears twice in the same object")
        }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? { utf8Scan(bytes).invalidAt }

    /// The offset of the first byte that is not UTF-8 (nil when every byte is), and how many
    /// multi-byte characters come before it (what tells damaged UTF-8 from another encoding).
    static func utf8Scan(_ bytes: [UInt8]) -> (invalidAt: Int?, multiByte: Int) {
        // Valid files (nearly all) are confirmed by the standard library's fast validation.
        if String(validating: bytes, as: UTF8.self) != nil { return (nil, 0) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0, multiByte = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
                if s.value >= 0x80 { multiByte += 1 }
            case .emptyInput: return (nil, multiByte)
            case .error: return (offset, multiByte)
            }
        }
    }

    /// A file's bytes, or an error naming it: missing, a folder, a FIFO or device, unreadable.
    static func read(_ url: URL, display: String, into diagnostics: inout Diagnostics) -> [UInt8]? {
        do { return try FileSystem.read(url.path) } catch {
            diagnostics.error(display, unreadable(error))
            return nil
        }
    }

    /// What people read when a file cannot be: one wording for every loader.
    static func unreadable(_ error: any Error) -> String {
        guard let failure = error as? FileSystem.Failure else { return "cannot be read: \(error)" }
        if let special = failure.special { return InputTree.special(special) }
        switch failure.code {
        case ENOENT: return "the file is missing"
        case EISDIR: return "is a folder where a file is expected"
        case EFBIG: return "the file is too large to read"
        default: return "cannot be read: \(failure.reason)"
        }
    }

    /// The visible (not dot-named) names in a folder, in code-point order. A missing folder has
    /// none; a folder that cannot be read, or a file where a folder should be, is an error, never
    /// an empty folder.
    static func children(_ url: URL, display: String, into diagnostics: inout Diagnostics) -> [String] {
        do { return try FileSystem.children(url.path).filter { !$0.hasPrefix(".") } } catch {
            diagnostics.error(display, error.code == ENOTDIR ? "is a file where a folder is expected" : "the folder cannot be read: \(error.reason)")
            return []
        }
    }

    /// `children` where the problem is reported elsewhere (the same folder is listed twice).
    static func visibleChildren(_ url: URL) -> [String] {
        ((try? FileSystem.children(url.path)) ?? []).filter { !$0.hasPrefix(".") }
    }

    static func isDirectory(_ url: URL) -> Bool {
        (try? FileSystem.info(url.path))??.kind == .folder
    }

    /// Whether something is at the path (a link to nothing counts: reading it reports the problem).
    static func exists(_ url: URL) -> Bool {
        ((try? FileSystem.info(url.path, followingLinks: false)) ?? nil) != nil
    }
}
