import Foundation
import Testing
@testable import PodiumCore

@Suite("Bad input (contract §10): every problem with its position, nothing published")
struct BadInputTests {
    /// Builds a good site, breaks it, and checks the failed build left public/ byte-identical.
    func expectFailureKeepsPublic(_ breakSite: (TestSite) throws -> Void) throws -> [Diagnostic] {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", likes: 1)])
        try site.build()
        let before = site.snapshot()
        #expect(!before.isEmpty)
        try breakSite(site)
        let errors = site.failingBuild()
        #expect(site.snapshot() == before, "a failed build must leave public/ exactly as it was")
        // Only the previous build's manifest and snapshot cache remain beside public/: no staging folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.hasPrefix(".public") && ![".public.podium-manifest", ".public.podium-cache", ".public.podium-lock"].contains($0) }
        #expect(leftovers.isEmpty, "no staging folder is left behind")
        return errors
    }

    @Test("invalid JSON names the file, line and column")
    func syntaxError() throws {
        let errors = try expectFailureKeepsPublic { site in
            try site.write("content/campaigns/c/entries.json", "[\n  {\"id\": \"a\", \"title\": \"x\",}\n]\n")
        }
        let e = try #require(errors.first)
        #expect(e.path == "content/campaigns/c/entries.json")
        #expect(e.line == 2 && e.column == 28)
        #expect(e.message.contains("expected a key"))
    }

    @Test("a misspelt key is an error with a hint, never a silent zero")
    func unknownKeyHint() throws {
        let errors = try expectFailureKeepsPublic { site in
            try site.write("content/campaigns/c/entries.json", """
            [
              {"id": "a", "title": "x", "expertScore": [90]}
            ]
            """)
        }
        let e = try #require(errors.first)
        #expect(e.description == "content/campaigns/c/entries.json:2:29: error: [0].expertScore: unknown key \"expertScore\"; did you mean \"expertScores\"?")
    }

    @Test("all problems of a run are reported, across files, each with its field")
    func allProblems() throws {
        let errors = try expectFailureKeepsPublic { site in
            try site.campaign("c", ["start": "2021-02-30", "divisions": ["河北"],
                                    "scoring": ["expert": ["weight": 70, "scale": 100]],
                                    "awards": [["name": "一等奖", "perGroup": 3]]], entries: [
                entry("a", scores: [90, 120, 80]),
                entry("a"),
                entry("bad id!", ["division": "河南", "likes": -1, "status": "draft", "submitted": "2021-03-01T10:00"]),
                ["title": "no id"],
            ])
        }
        let fields = Set(errors.map(\.field))
        for field in ["start", "awards[0].perGroup", "[0].expertScores[1]", "[1].id", "[2].id", "[2].division",
                      "[2].likes", "[2].status", "[2].submitted"] {
            #expect(fields.contains(field), "expected an error at \(field); got \(errors.map(\.description))")
        }
        #expect(errors.contains { $0.message == "required key \"id\" is missing" && $0.field == "[3]" })
        #expect(errors.allSatisfy { $0.line != nil && $0.column != nil })
        #expect(errors.contains { $0.message.contains("\"2021-02-30\" is not a real date") })
    }

    @Test("site.json: required keys, and a bad campaign folder name")
    func siteLevel() throws {
        let errors = try expectFailureKeepsPublic { site in
            try site.writeJSON("content/site.json", ["title": "x", "basURL": "https://example.org/"])
            try site.write("content/campaigns/Bad_Slug/campaign.json", "{}")
        }
        #expect(errors.contains { $0.path == "content/site.json" && $0.message.contains("required key \"baseURL\" is missing") })
        #expect(errors.contains { $0.path == "content/site.json" && $0.message.contains("did you mean \"baseURL\"?") })
        #expect(errors.contains { $0.path == "content/campaigns/Bad_Slug" && $0.message.contains("not a valid slug") })
    }

    @Test("winners.json naming an unknown entry, and a duplicate key")
    func winnersAndDuplicates() throws {
        let errors = try expectFailureKeepsPublic { site in
            try site.writeJSON("content/campaigns/c/winners.json", [["id": "zz", "award": "一等奖"]])
            try site.write("content/campaigns/c/campaign.json", """
            {"title": "t", "title": "u", "organizer": "o", "start": "2021-03-01", "end": "2021-02-01", "awards": []}
            """)
        }
        #expect(errors.contains { $0.path.hasSuffix("winners.json") && $0.field == "[0].id" && $0.message.contains("no entry has the id \"zz\"") })
        #expect(errors.contains { $0.message.contains("the key \"title\" appears twice") && $0.column == 16 })
        #expect(errors.contains { $0.field == "end" && $0.message.contains("ends (2021-02-01) before it starts") })
    }

    @Test("a file that is not UTF-8 is named with its position")
    func notUTF8() throws {
        let errors = try expectFailureKeepsPublic { site in
            let url = site.root.appendingPathComponent("content/campaigns/c/entries.json")
            try Data([0x5B, 0x0A, 0x22, 0xB0, 0xA1, 0x22, 0x5D]).write(to: url)
        }
        #expect(errors.first?.message.contains("not valid UTF-8") == true)
        #expect(errors.first?.line == 2)
    }

    @Test("columns count characters, also far along a minified one-line file")
    func columnsOnOneLongLine() throws {
        var text = "["
        for i in 0..<3000 { text += "{\"id\":\"e\(i)\",\"title\":\"第\(i)号作品\"}," }
        let column = text.count + 1
        text += "{\"id\":\"x\",\"title\":\"y\",\"likes\":-1}]"
        let errors = try expectFailureKeepsPublic { site in
            try site.write("content/campaigns/c/entries.json", text)
        }
        let e = try #require(errors.first)
        #expect(e.field == "[3000].likes")
        #expect(e.line == 1 && e.column == column + 30, "got \(e.description)")   // `-1` is the 31st character of the last object
    }
}
