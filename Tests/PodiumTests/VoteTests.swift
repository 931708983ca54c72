import Foundation
import Testing
@testable import PodiumCore

@Suite("The like ledger, votes.csv (contract §7)")
struct VoteTests {
    /// A campaign 2024-08-05…2024-08-10 (+08:00) with six entries w1…w6, w7, a pending one, and the seed's like rules.
    func ledgerSite(_ votes: String, campaign extra: [String: Any] = [:], entries: [[String: Any]]? = nil) throws -> TestSite {
        let site = try TestSite()
        var c: [String: Any] = ["start": "2024-08-05", "end": "2024-08-10", "timezone": "+08:00",
                                "likeRules": ["perVoterPerEntryPerDay": 1, "maxEntriesPerVoterPerDay": 6]]
        c.merge(extra) { _, new in new }
        try site.campaign("c", c, entries: entries ?? ((1...7).map { entry("w\($0)") } + [entry("p", ["status": "pending"])]))
        try site.write("content/campaigns/c/votes.csv", "voter,entry,time\n" + votes)
        return site
    }

    func likes(_ site: TestSite) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try site.leaderboard("c").map { ($0["id"] as! String, $0["likes"] as! Int) })
    }

    @Test("once per voter per entry per day; days are the campaign's: 23:59 and 00:01 differ, the same instant in UTC does not")
    func daysAndRepeats() throws {
        let site = try ledgerSite("""
        v1,w1,2024-08-05T10:00:00+08:00
        v1,w1,2024-08-05T11:00:00+08:00
        v1,w1,2024-08-05T23:59:00+08:00
        v1,w1,2024-08-06T00:01:00+08:00
        v2,w2,2024-08-05T23:59:00+08:00
        v2,w2,2024-08-05T15:59:30Z
        v2,w2,2024-08-05T16:00:00Z
        """)
        defer { site.remove() }
        try site.build()
        let l = try likes(site)
        #expect(l["w1"] == 2)   // 08-05 once, 08-06 once
        #expect(l["w2"] == 2)   // 15:59:30Z is 23:59:30 on 08-05 (repeat); 16:00Z is 00:00 on 08-06
        let warnings = site.check().warnings.map(\.message)
        #expect(warnings.contains("3 of 7 votes rejected: repeat vote for the same entry that day 3"))
    }

    @Test("the 7th different entry of a day is rejected; equal times go in file order, also when the file is not sorted")
    func dailyLimitAndOrder() throws {
        var rows = (1...7).map { "v1,w\($0),2024-08-07T09:00:00+08:00" }
        rows.append("v1,w7,2024-08-08T09:00:00+08:00")
        let sorted = try ledgerSite(rows.joined(separator: "\n"))
        defer { sorted.remove() }
        try sorted.build()
        var l = try likes(sorted)
        #expect((1...6).allSatisfy { l["w\($0)"] == 1 })
        #expect(l["w7"] == 1)   // rejected on 08-07 (7th), counted on 08-08

        // The same votes with the 08-08 one first in the file: sorted by time, equal times in file order.
        let shuffled = try ledgerSite(([rows[7]] + rows[0..<7]).joined(separator: "\n"))
        defer { shuffled.remove() }
        try shuffled.build()
        l = try likes(shuffled)
        #expect((1...6).allSatisfy { l["w\($0)"] == 1 } && l["w7"] == 1)
        #expect(shuffled.check().warnings.contains { $0.field == "w7" && $0.message == "1 votes rejected: over the daily limit of different entries 1" })
    }

    @Test("votes outside the period or the 点赞 phase, for unknown or unpublished entries, are rejected")
    func rejections() throws {
        let site = try ledgerSite("""
        v1,w1,2024-08-04T23:59:59+08:00
        v1,w1,2024-08-05T00:00:00+08:00
        v1,w2,2024-08-10T23:59:59+08:00
        v1,w2,2024-08-11T00:00:00+08:00
        v1,nope,2024-08-06T10:00:00+08:00
        v1,p,2024-08-06T10:00:00+08:00
        """)
        defer { site.remove() }
        try site.build()
        #expect(try likes(site)["w1"] == 1 && likes(site)["w2"] == 1)
        let warnings = site.check().warnings
        #expect(warnings.contains { $0.message == "4 of 6 votes rejected: unknown entry 1, entry not published 1, outside the campaign period 2" })
        #expect(warnings.contains { $0.field == "nope" && $0.message.contains("1 votes for an id that entries.json does not have") })

        let phased = try ledgerSite("v1,w1,2024-08-06T10:00:00+08:00\nv1,w1,2024-08-08T10:00:00+08:00",
                                    campaign: ["phases": [["name": "报送", "start": "2024-08-05", "end": "2024-08-07"],
                                                          ["name": "点赞", "start": "2024-08-08", "end": "2024-08-09"]]])
        defer { phased.remove() }
        try phased.build()
        #expect(try likes(phased)["w1"] == 1)
        #expect(phased.check().warnings.contains { $0.message.contains("outside the 点赞 phase 1") })
    }

    @Test("counted votes become likes; a different likes in entries.json is reported; voter ids never reach public/")
    func likesAndPrivacy() throws {
        let site = try ledgerSite("secret-voter-17,w1,2024-08-06T10:00:00+08:00\nsecret-voter-18,w1,2024-08-06T10:00:00+08:00",
                                  campaign: ["publishAudit": true],
                                  entries: [entry("w1", likes: 5), entry("w2", likes: 0), entry("w3")])
        defer { site.remove() }
        try site.build()
        #expect(try likes(site) == ["w1": 2, "w2": 0, "w3": 0])
        let differences = site.check().warnings.filter { $0.message.contains("votes.csv counts") }
        #expect(differences.count == 1 && differences[0].field == "[0].likes" && differences[0].line != nil)
        for (path, data) in site.snapshot() {
            #expect(!String(decoding: data, as: UTF8.self).contains("secret-voter"), "a voter id leaked into \(path)")
        }
        let audit = try site.read("campaigns/c/audit/index.html")
        #expect(audit.contains("点赞核验") && audit.contains("同一天重复点赞"))
        let page = try site.read("campaigns/c/entries/w1.html")
        #expect(page.contains("有效点赞 <b>2</b>") && page.contains("<rect"))
    }

    @Test("a bad ledger: missing header, malformed row, time without offset, impossible date; nothing published")
    func badLedger() throws {
        let site = try ledgerSite("""
        v1,w1,2024-08-06T10:00:00+08:00
        v1,w1
        v1,w2,2024-08-06T10:00:00
        v1,w3,2024-02-30T10:00:00+08:00
        "v1,w4,2024-08-06T10:00:00+08:00
        """)
        defer { site.remove() }
        let errors = site.failingBuild()
        func at(_ line: Int) -> Diagnostic? { errors.first { $0.line == line } }
        #expect(at(3)?.message == "expected 3 fields (voter,entry,time) but found 2")
        #expect(at(4)?.field == "time" && at(4)?.message.contains("has no offset") == true)
        #expect(at(5)?.message.contains("does not exist") == true)
        #expect(at(6)?.message == "a quoted field is not closed: its opening quote has no closing quote")
        #expect(errors.allSatisfy { $0.path == "content/campaigns/c/votes.csv" })
        #expect(!site.exists("index.html"))

        try site.write("content/campaigns/c/votes.csv", "voter,Entry,time\nv1,w1,2024-08-06T10:00:00+08:00\n")
        let header = site.failingBuild()
        #expect(header.first?.line == 1 && header.first?.message.contains("did you mean \"entry\"?") == true)
    }
}
