import Foundation
import Testing
@testable import PodiumCore

/// The standings cache (`StandingsCache`): a rebuild whose campaign files did not change reads
/// the leaderboard, the groups' totals and the names back instead of computing them, but only
/// from a whole file written for exactly these inputs, and only when it fits the entries.
@Suite("The standings cache")
struct StandingsCacheTests {
    let fm = FileManager.default

    /// A campaign whose standings hold every kind of value: composite scores with a trimmed judge,
    /// entries ineligible under each rule, awards per group, an organization award, a winners.json
    /// that differs from the rules, divisions, regions, organizations, a pending entry. The site
    /// describes a day after the campaign's end, so its awards are published.
    func site() throws -> TestSite {
        let site = try TestSite(site: ["asOf": "2021-05-10"])
        var entries: [[String: Any]] = (1...12).map { (i: Int) -> [String: Any] in
            let names: [String: Any] = ["group": i % 2 == 0 ? "甲组" : "乙组", "division": i % 3 == 0 ? "河北" : "山西",
                                        "region": i % 4 == 0 ? "石家庄" : "太原", "organizations": ["组织\(i % 3)", "工会\(i % 2)"]]
            let media: [String: Any] = ["author": "作者\(i % 5)", "durationSeconds": 100 + i, "videoMB": 10 + i,
                                        "images": ["a.jpg", "b.jpg"], "textChars": 500 + i * 10]
            let scores: [Double] = [Double(60 + i), Double(70 + i % 5), 90]
            return entry("e\(i)", likes: i * 7 % 50, scores: scores, names.merging(media) { a, _ in a })
        }
        entries[2]["durationSeconds"] = 301.5
        entries[3]["videoMB"] = 120.25
        entries[4]["images"] = ["a.jpg"]
        entries[5]["textChars"] = 5000
        entries[6]["status"] = "pending"
        try site.campaign("c", scoring30_70.merging([
            "groups": ["label": "组别", "values": ["甲组", "乙组"]], "divisions": ["河北", "山西"],
            "awards": [["name": "一等奖", "perGroup": 1], ["name": "二等奖", "count": 2]],
            "organizationAwards": [["name": "优秀组织奖", "count": 1]],
            "rules": ["maxEntriesPerPerson": 2, "maxDurationSeconds": 300, "maxVideoMB": 100, "minImages": 2, "maxTextChars": 3000],
        ]) { a, _ in a }, entries: entries, winners: [["id": "e12", "award": "一等奖"], ["id": "e1", "award": "二等奖"]])
        return site
    }

    func computed(_ site: TestSite) throws -> (CampaignResults, [Entry]) {
        let campaign = try #require(SiteLoader.load(site: site.root).0?.campaigns.first)
        return (CampaignResults.compute(campaign), campaign.entries)
    }

    @Test("standings read back from their bytes are the computed ones, every value")
    func roundTrip() throws {
        let site = try site()
        defer { site.remove() }
        let (results, entries) = try computed(site)
        // The campaign has every kind of value the file holds.
        #expect(results.rows.count == 11)
        #expect(results.rows.contains { $0.reasons.count >= 2 } && results.rows.contains { $0.score.counted.contains(false) })
        #expect(Set(results.rows.flatMap { $0.reasons.map(\.explanation) }).count >= 5)
        #expect(!results.differences.isEmpty && results.organizations.contains { $0.award != nil })
        #expect(!results.divisions.isEmpty && !results.regions.isEmpty && !results.diagnostics.all.isEmpty)
        let body = StandingsCache.body(results.standings)
        let back = try #require(StandingsCache.standings(body, entries: entries))
        #expect(StandingsCache.body(back) == body)
        #expect(back.rows.map(\.entry.id) == results.rows.map(\.entry.id))
        #expect(back.rows.map { $0.entry.title } == results.rows.map { $0.entry.title })
        #expect(back.diagnostics.all == results.diagnostics.all)
        #expect(back.names.organizations.names == results.names.organizations.names)
    }

    @Test("a build uses the cached standings when whole and under their key; damaged, cut or foreign, they are computed again")
    func usedOnlyWhole() throws {
        let site = try site()
        defer { site.remove() }
        try site.build()
        let folder = site.root.appendingPathComponent(".public.podium-cache")
        let names = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(StandingsCache.suffix) }
        #expect(names.count == 1)
        let cache = StandingsCache(folder: folder)
        let campaign = try #require(SiteLoader.load(site: site.root).0?.campaigns.first)
        let key = try #require(StandingsCache.key(campaign))
        #expect(names == [StandingsCache.fileName(key)])
        let results = CampaignResults.compute(campaign)
        let i = try #require(results.rows.firstIndex { $0.award != nil })
        let page = "campaigns/c/entries/\(results.rows[i].entry.id).html"
        let award = try #require(results.rows[i].award)
        #expect(try site.read(page).contains(award))

        // Whole and under its key, the file is what the build publishes: an award changed in it shows.
        var standings = try #require(cache.load(key, entries: campaign.entries))
        standings.rows[i].award = "缓存里的奖"
        cache.store(standings, for: key)
        try fm.removeItem(at: site.root.appendingPathComponent("public"))
        try site.build()
        #expect(try site.read(page).contains("缓存里的奖"))

        let path = folder.appendingPathComponent(StandingsCache.fileName(key)).path
        let whole = try #require(fm.contents(atPath: path))
        var flipped = whole
        flipped[whole.count / 2] ^= 0x20
        let other = Fingerprint(high: key.high ^ 1, low: key.low)
        cache.store(standings, for: other)
        let foreign = try #require(fm.contents(atPath: folder.appendingPathComponent(StandingsCache.fileName(other)).path))
        for damaged in [flipped, whole.prefix(whole.count - 1), whole.prefix(30), Data(), foreign] {
            try damaged.write(to: URL(fileURLWithPath: path))
            #expect(cache.load(key, entries: campaign.entries) == nil)
            try fm.removeItem(at: site.root.appendingPathComponent("public"))
            try site.build()
            #expect(try !site.read(page).contains("缓存里的奖") && site.read(page).contains(award))
            // Computed again, the standings are stored again, whole.
            #expect(try #require(cache.load(key, entries: campaign.entries)).rows[i].award == award)
        }
        // The other key's file is not the site's: the build removed it.
        #expect(!fm.fileExists(atPath: folder.appendingPathComponent(StandingsCache.fileName(other)).path))
    }

    @Test("two campaigns with the same files keep standings of their own: each one's warnings name its own files")
    func perCampaign() throws {
        let site = try site()
        defer { site.remove() }
        for name in ["campaign.json", "entries.json", "winners.json"] {
            try site.write("content/campaigns/d/\(name)", String(contentsOf: site.root.appendingPathComponent("content/campaigns/c/\(name)"), encoding: .utf8))
        }
        try site.build()
        let folder = site.root.appendingPathComponent(".public.podium-cache")
        #expect(try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(StandingsCache.suffix) }.count == 2)
        let ineligible = site.check().warnings.filter { $0.category == "ineligible entries" }
        #expect(ineligible.filter { $0.path == "content/campaigns/c/entries.json" }.count == 4)
        #expect(ineligible.filter { $0.path == "content/campaigns/d/entries.json" }.count == 4)
    }

    @Test("standings that do not fit the entries are a miss: an entry ranked twice or not at all, an unknown or unpublished one, a name out of range")
    func mustFitTheEntries() throws {
        let site = try site()
        defer { site.remove() }
        let (results, entries) = try computed(site)
        let s = results.standings
        #expect(StandingsCache.standings(StandingsCache.body(s), entries: entries) != nil)
        var twice = s
        twice.rows[1] = twice.rows[0]
        var missing = s
        missing.rows.removeLast()
        var unknown = s
        unknown.rows[0].entryIndex = entries.count
        var pending = s
        pending.rows[0].entryIndex = try #require(entries.firstIndex { !$0.isPublished })
        for wrong in [twice, missing, unknown, pending] {
            #expect(StandingsCache.standings(StandingsCache.body(wrong), entries: entries) == nil)
        }
        // Fewer entries than the names were numbered for: the table does not fit.
        #expect(StandingsCache.standings(StandingsCache.body(s), entries: Array(entries.dropLast())) == nil)
    }

    @Test("reading any bytes as cached standings never traps: random bytes and every cut of a real file")
    func neverTraps() throws {
        let site = try site()
        defer { site.remove() }
        let (results, entries) = try computed(site)
        let body = StandingsCache.body(results.standings)
        for n in 0..<body.count { #expect(StandingsCache.standings(Array(body.prefix(n)), entries: entries) == nil) }
        var random = SplitMix64(state: 19)
        for _ in 0..<2000 {
            var bytes = body
            for _ in 0...random.below(4) { bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            _ = StandingsCache.standings(bytes, entries: entries)
            let noise = (0..<random.below(300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = StandingsCache.standings(noise, entries: entries)
        }
    }
}
