import Foundation
import Testing
@testable import PodiumCore

/// Rebuilds keep the previous build's file for every page whose inputs did not change (without
/// rendering it); after every kind of change the result must equal a fresh build, byte for byte.
@Suite("Incremental rebuilds")
struct IncrementalTests {
    func campaignSite() throws -> TestSite {
        let site = try TestSite(site: ["publisher": "测试总工会"])
        let entries = (1...70).map { i in
            entry("e\(i)", likes: i * 3, scores: [Double(60 + i % 30), 80], ["division": i % 2 == 0 ? "河北" : "山西", "organizations": ["组织\(i % 4)"]])
        }
        try site.campaign("c", scoring30_70.merging(["divisions": ["河北", "山西"], "awards": [["name": "一等奖", "count": 3]]]) { a, _ in a },
                          entries: entries)
        try week(site, "2024-08-11", factor: 1)
        try week(site, "2024-08-18", factor: 2)
        try site.write("content/notices/n1.md", "---\ntitle: 关于开展活动的通知\ndocNumber: 冀工字〔2024〕3号\ndate: 2024-08-01\ncampaign: c\n---\n正文。\n")
        return site
    }

    func week(_ site: TestSite, _ date: String, factor: Int) throws {
        try site.writeJSON("content/campaigns/c/weeks/\(date).json",
                           ["entries": (1...70).map { ["id": "e\($0)", "likes": $0 * factor, "views": $0 * 10 * factor] }])
    }

    /// Builds into public/ (incrementally) and into a fresh folder; both must hold the same bytes.
    @discardableResult
    func rebuildMatchesFresh(_ site: TestSite, _ change: String, asOf: CalendarDate? = nil) throws -> BuildReport {
        let report = try SiteBuilder.build(BuildOptions(site: site.root, asOf: asOf)).get()
        let fresh = "fresh-\(UUID().uuidString)"
        _ = try SiteBuilder.build(BuildOptions(site: site.root, output: site.root.appendingPathComponent(fresh), asOf: asOf)).get()
        let a = site.snapshot(), b = site.snapshot(of: fresh)
        #expect(a.keys.sorted() == b.keys.sorted(), "after \(change): the same files")
        for (path, bytes) in a where b[path] != bytes { Issue.record("after \(change): \(path) differs from a fresh build") }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(fresh))
        return report
    }

    func inode(_ site: TestSite, _ path: String) -> UInt64 {
        var info = stat()
        _ = stat(site.root.appendingPathComponent("public/" + path).path, &info)
        return UInt64(info.st_ino)
    }

    @Test("adding a weekly snapshot rewrites only the pages about weeks and the day; entry pages are kept as they were")
    func addingAWeek() throws {
        let site = try campaignSite()
        defer { site.remove() }
        let first = try site.build()
        #expect(first.kept == 0)
        let entryPage = inode(site, "campaigns/c/entries/e5.html"), leaderboard = inode(site, "campaigns/c/leaderboard/index.html")
        #expect(try site.read("index.html").contains("数据截至 <span class=\"nb\">2024年8月18日</span>"))
        #expect(try !site.read("campaigns/c/entries/e5.html").contains("数据截至"))

        try week(site, "2024-08-25", factor: 3)
        let report = try rebuildMatchesFresh(site, "adding a week")
        #expect(inode(site, "campaigns/c/entries/e5.html") == entryPage)
        #expect(inode(site, "campaigns/c/leaderboard/index.html") == leaderboard)
        #expect(report.written > 0 && report.written * 5 < report.files, "\(report.written) of \(report.files) written")
        #expect(try site.read("index.html").contains("数据截至 <span class=\"nb\">2024年8月25日</span>"))
        #expect(try site.read("campaigns/c/weeks/2024-08-18.html").contains("2024-08-25.html"), "the previous week links the new one")
    }

    /// What `PreviousWeeks` says of each week of the site as it is now, against its last build.
    func weeksRankedNow(_ site: TestSite) throws -> [Bool] {
        let theme = try #require(Theme.load(site: site.root).0)
        let digest = InputDigest.compute(tree: InputTree.scan(site: site.root), theme: theme)
        let place = try OutputPlace(destination: site.root.appendingPathComponent("public"), site: site.root)
        let previous = PreviousWeeks(keys: PageKeys(digest: digest), manifest: BuildManifest.read(place.manifest))
        let content = try #require(SiteLoader.load(site: site.root).0)
        let campaign = try #require(content.campaigns.first)
        let asOf = SiteBuilder.resolveAsOf(nil, content)
        let rankNow = previous.rankNow(campaign, state: ResultsState.of(campaign, on: asOf))
        return campaign.weeks.indices.map(rankNow)
    }

    @Test("after rebuilds that keep most files, the manifest lists each file of public/ once, with its key and the identity it has")
    func manifestAfterRebuilds() throws {
        let site = try campaignSite()
        defer { site.remove() }
        try site.build()
        try week(site, "2024-08-25", factor: 3)
        try site.build()
        try site.build()
        let publicFolder = site.root.appendingPathComponent("public")
        let manifest = BuildManifest.read(site.root.appendingPathComponent(".public.podium-manifest").path)
        let files = site.snapshot().keys
        #expect(files.count > 100 && Set(manifest.records.keys) == Set(files))
        for (path, record) in manifest.records where FileIdentity.of(path: publicFolder.appendingPathComponent(path).path) != record.file {
            Issue.record("\(path): the manifest's identity is not the file's")
        }
        // Each key is the one the plan gives the file: a rebuild with nothing changed writes nothing.
        let report = try site.build()
        #expect(report.written == 0 && report.kept == files.count)
    }

    @Test("a manifest with numbers too large for their fields is read without a trap; those lines are not used")
    func manifestNumbersTooLarge() throws {
        let site = try TestSite()
        defer { site.remove() }
        let path = site.root.appendingPathComponent("manifest").path
        let key = String(repeating: "ab", count: 16)
        try ("podium-manifest 2\nreplaced \n" + key + " 1 9999999999999999999 1 1 1 1 a.html\n" + key + " 1 2 3 4 5 6 b.html\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let manifest = BuildManifest.read(path)
        #expect(manifest.records.keys.sorted() == ["b.html"])
        #expect(manifest.records["b.html"]?.file.size == 2)
    }

    @Test("an input saved while the site builds: the build publishes what it read, and the next one renders every file again")
    func inputEditedWhileBuilding() throws {
        let site = try campaignSite()
        defer { site.remove() }
        try site.build()
        var options = BuildOptions(site: site.root)
        let notice = site.root.appendingPathComponent("content/notices/n1.md")
        options.afterRendering = { try? Data("---\ntitle: 关于延长活动的通知\ndate: 2024-08-01\n---\n正文。\n".utf8).write(to: notice) }
        let during = try SiteBuilder.build(options).get()
        #expect(during.files > 100)
        #expect(try site.read("notices/n1.html").contains("关于开展活动的通知"), "the notice as it was read")
        let manifest = BuildManifest.read(site.root.appendingPathComponent(".public.podium-manifest").path)
        #expect(manifest.records.count == 0, "no file is known to match its inputs")
        // The next build publishes the notice as saved, and equals a fresh build.
        let after = try rebuildMatchesFresh(site, "a notice saved while the site built")
        #expect(try site.read("notices/n1.html").contains("关于延长活动的通知"))
        #expect(after.files == during.files && after.written > 0)
    }

    @Test("a rebuild ranks at once only the weeks whose files change: the new one and the one before it (its page links the new one)")
    func weeksRankedInARebuild() throws {
        let site = try campaignSite()
        defer { site.remove() }
        try site.build()
        #expect(try weeksRankedNow(site) == [false, false])
        try week(site, "2024-08-25", factor: 3)
        #expect(try weeksRankedNow(site) == [false, true, true])
        try site.build()
        #expect(try weeksRankedNow(site) == [false, false, false])
        try week(site, "2024-08-11", factor: 0)   // an older week's likes: the weeks after it are checked against it
        #expect(try weeksRankedNow(site) == [true, true, true])
    }

    @Test("every other kind of change gives the same bytes as a fresh build")
    func everyKindOfChange() throws {
        let site = try campaignSite()
        defer { site.remove() }
        try site.build()
        try rebuildMatchesFresh(site, "nothing")
        try week(site, "2024-08-11", factor: 1)   // same bytes rewritten
        try site.writeJSON("content/campaigns/c/weeks/2024-08-11.json", ["entries": (1...70).map { ["id": "e\($0)", "likes": $0, "views": 5] }])
        try rebuildMatchesFresh(site, "an older week's views")
        var entries = (1...70).map { i in
            entry("e\(i)", likes: i * 3, scores: [Double(60 + i % 30), 80], ["division": i % 2 == 0 ? "河北" : "山西", "organizations": ["组织\(i % 4)"]])
        }
        entries[4]["title"] = "改过的标题"
        entries[9]["likes"] = 9999
        try site.writeJSON("content/campaigns/c/entries.json", entries)
        try rebuildMatchesFresh(site, "an entry's title and likes")
        // What decides the leaderboard besides entries.json and campaign.json: the official
        // winners and the like ledger (the rows' awards and likes change; entries.json does not).
        try site.writeJSON("content/campaigns/c/winners.json", [["id": "e70", "award": "一等奖"], ["id": "e3", "award": "一等奖"]])
        try rebuildMatchesFresh(site, "winners.json added")
        try site.writeJSON("content/campaigns/c/winners.json", [["id": "e70", "award": "一等奖"], ["id": "e4", "award": "一等奖"]])
        try rebuildMatchesFresh(site, "a winner changed")
        try site.remove("content/campaigns/c/winners.json")
        try rebuildMatchesFresh(site, "winners.json removed")
        try site.write("content/campaigns/c/votes.csv", "voter,entry,time\nv1,e2,2021-03-02T10:00:00+08:00\nv2,e2,2021-03-02T10:05:00+08:00\n")
        try rebuildMatchesFresh(site, "votes.csv added")
        try site.write("content/campaigns/c/votes.csv", "voter,entry,time\nv1,e2,2021-03-02T10:00:00+08:00\nv2,e5,2021-03-02T10:05:00+08:00\n")
        try rebuildMatchesFresh(site, "a vote changed")
        try site.remove("content/campaigns/c/votes.csv")
        try rebuildMatchesFresh(site, "votes.csv removed")
        var campaign = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: site.root.appendingPathComponent("content/campaigns/c/campaign.json"))) as? [String: Any])
        campaign["title"] = "新的活动名称"
        try site.writeJSON("content/campaigns/c/campaign.json", campaign)
        try rebuildMatchesFresh(site, "the campaign's title")
        try site.writeJSON("content/site.json", ["title": "新站名", "baseURL": "https://example.org/", "publisher": "另一个工会"])
        try rebuildMatchesFresh(site, "site.json")
        try site.write("content/notices/n2.md", "---\ntitle: 结果公示\ndate: 2024-09-01\ncampaign: c\n---\n| 名次 | 作品 |\n| --- | --- |\n| 1 | 甲 |\n")
        try rebuildMatchesFresh(site, "a new notice")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/notices"))
        try rebuildMatchesFresh(site, "removing every notice")
        let theme = try #require(DefaultTheme.files["entry.mustache"])
        try site.write("templates/entry.mustache", theme.replacingOccurrences(of: "<h1>", with: "<h1 class=\"changed\">"))
        try site.write("templates/style.css", (DefaultTheme.files["style.css"] ?? "") + "\nbody { color: #111; }\n")
        try rebuildMatchesFresh(site, "a template and the style sheet")
        try rebuildMatchesFresh(site, "an earlier day", asOf: CalendarDate(year: 2024, month: 8, day: 12))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/campaigns/c/weeks/2024-08-18.json"))
        try rebuildMatchesFresh(site, "removing a week")
        // The same data as spreadsheet exports, then a change inside the sheets.
        try site.write("content/campaigns/c/weeks/2024-08-18.csv", "编号,点赞数,浏览量\n" + (1...70).map { "e\($0),\($0 * 2),\($0 * 20)" }.joined(separator: "\n"))
        try rebuildMatchesFresh(site, "a week added as CSV")
        try site.write("content/campaigns/c/weeks/2024-08-18.csv", "编号,点赞数,浏览量\n" + (1...70).map { "e\($0),\($0 * 3),\($0 * 20)" }.joined(separator: "\n"))
        try rebuildMatchesFresh(site, "a CSV week's likes")
        try site.remove("content/campaigns/c/entries.json")
        try site.write("content/campaigns/c/entries.csv", "id,title,author,likes,评委1,评委2,赛区,组织\n" + entries.map { e in
            "\(e["id"]!),\(e["title"]!),\(e["author"]!),\(e["likes"]!),\((e["expertScores"] as! [Double])[0]),80,\(e["division"]!),\((e["organizations"] as! [String])[0])"
        }.joined(separator: "\n"))
        try rebuildMatchesFresh(site, "entries.json replaced by entries.csv")
        // A published file edited by hand is put right, though its inputs did not change.
        try site.write("public/campaigns/c/entries/e1.html", "edited")
        try rebuildMatchesFresh(site, "a hand-edited page")
        // A week's files kept as they were are put right from its table, ranked when first read.
        try site.write("public/campaigns/c/weeks/2024-08-11.html", "edited")
        try site.write("public/campaigns/c/weeks/2024-08-18.json", "[]")
        try rebuildMatchesFresh(site, "a hand-edited week page and download")
    }

    @Test("the site a build replaces is removed by the next build (or at once with tidy); nothing of it is left inside public/")
    func replacedSiteIsRemoved() throws {
        let site = try campaignSite()
        defer { site.remove() }
        func replaced() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.old-") }
        }
        try site.build()
        #expect(try replaced().isEmpty)
        try week(site, "2024-08-25", factor: 3)
        try site.build()
        let first = try replaced()
        #expect(first.count == 1)
        try week(site, "2024-09-01", factor: 4)
        try site.build()
        #expect(try replaced().count == 1 && replaced() != first, "the earlier replaced site is gone, this build's is left")
        _ = try SiteBuilder.build(BuildOptions(site: site.root, tidy: true)).get()
        #expect(try replaced().isEmpty)
        #expect(site.exists("campaigns/c/weeks/2024-09-01.html"))
    }
}
