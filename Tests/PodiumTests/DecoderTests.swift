import Foundation
import Testing
@testable import PodiumCore

/// Each JSON field is declared once, by its read: the reads of an object are the keys it accepts.
/// Unknown keys get a "did you mean" from those reads; keys read only under a condition are still
/// accepted when the condition fails (no spurious "unknown key").
@Suite("Declarative decoders")
struct DecoderTests {
    func unknown(_ errors: [Diagnostic]) -> [String] {
        errors.filter { $0.message.hasPrefix("unknown key") }.map { "\($0.path.split(separator: "/").last!) \($0.field): \($0.message)" }.sorted()
    }

    @Test("an unknown key in any object is an error at its position with a hint from the keys that object reads")
    func unknownKeysEverywhere() throws {
        let site = try TestSite(site: ["certificatKey": "k"])
        defer { site.remove() }
        try site.campaign("c", ["scoring": ["likes": ["weight": 30, "normalise": "max"], "expert": ["weight": 70]],
                                "rules": ["maxEntriesPerPersn": 2],
                                "announcement": ["start": "2021-05-01", "workingDay": 5],
                                "awards": [["name": "一等奖", "count": 1]],
                                "organizationAwards": [["name": "优秀组织奖", "perGroup": 1]]],
                          entries: [entry("a", likes: 1, ["phon": "13900001111"])], winners: [["id": "a", "awrd": "一等奖"]])
        try site.writeJSON("content/campaigns/c/weeks/2021-03-07.json", ["entries": [["id": "a", "like": 1]]])
        let found = unknown(site.failingBuild())
        #expect(found == [
            "2021-03-07.json entries[0].like: unknown key \"like\"; did you mean \"likes\"?",
            "campaign.json announcement.workingDay: unknown key \"workingDay\"; did you mean \"workingDays\"?",
            "campaign.json organizationAwards[0].perGroup: unknown key \"perGroup\"; known keys: name, count",
            "campaign.json rules.maxEntriesPerPersn: unknown key \"maxEntriesPerPersn\"; did you mean \"maxEntriesPerPerson\"?",
            "campaign.json scoring.likes.normalise: unknown key \"normalise\"; did you mean \"normalize\"?",
            "entries.json [0].phon: unknown key \"phon\"; did you mean \"phone\"?",
            "site.json certificatKey: unknown key \"certificatKey\"; did you mean \"certificateKey\"?",
            "winners.json [0].awrd: unknown key \"awrd\"; did you mean \"award\"?",
        ], "\(found)")
    }

    @Test("keys read after a failing condition are still accepted: a missing announcement start, a winner without id, person and phone together")
    func conditionalReadsAccepted() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 1]],
                                "announcement": ["workingDays": 5, "notice": "n", "methods": ["电话"], "contacts": ["宣教部"], "date": "2021-05-01"]],
                          entries: [entry("a", likes: 1, ["person": "p-a", "phone": "13900001111"])], winners: [["award": "一等奖"]])
        let errors = site.failingBuild()
        #expect(unknown(errors) == [])
        #expect(errors.contains { $0.field == "announcement" && $0.message.contains("\"start\" is missing") })
        #expect(errors.contains { $0.path.hasSuffix("winners.json") && $0.message.contains("\"id\" is missing") })
    }

    @Test("an unknown key is reported before the object's other problems, as people read the file")
    func orderOfProblems() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [["id": "a", "titel": "x", "likes": -1]])
        let errors = site.failingBuild().filter { $0.path.hasSuffix("entries.json") }
        #expect(errors.first?.field == "[0].titel")
        #expect(errors.contains { $0.message.contains("\"title\" is missing") })
    }
}
