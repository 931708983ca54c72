import Foundation
import Testing
@testable import PodiumCore

/// entries.json read item by item (`JSONItems`, `EntriesDecoder.read(bytes:…)`), as builds read
/// it, against the whole file parsed into one tree first: the same entries and the same problems,
/// and a file whose syntax is wrong always left to the whole read, which says where.
@Suite("Entries read item by item")
struct ItemReadTests {
    static let valid = """
    \u{FEFF}[
      {"id": "a", "title": "甲 [1], {x}", "author": "张三", "division": "河北", "group": "企业", "likes": 10, "views": 100, "expertScores": [90, 80, 85]},
      {"id": "b", "title": "乙 \\"引号\\" \\\\ ]", "author": "李四", "division": "山西", "group": "机关", "likes": 20, "expertScores": [70, 75, 95.5]},
      {"id": "c", "title": "丙", "author": "张三", "group": "企业", "likes": 20, "submitted": "2024-08-02T10:00:00+08:00", "badges": ["a", "b"]},
      {"id": "d", "title": "丁", "status": "pending", "likes": 3}
    ]

    """

    /// Files that are valid JSON but wrong for Podium, and files whose syntax is wrong.
    static let variants: [String] = [
        valid,
        "[]", " [ ] \n", "[{\"id\": \"a\", \"title\": \"甲\", \"likes\": 1}]",
        // Problems of content: unknown keys, a repeated key, a repeated id, wrong types, an item that is not an object.
        valid.replacingOccurrences(of: "\"views\": 100", with: "\"veiws\": 100"),
        valid.replacingOccurrences(of: "\"likes\": 20, \"expertScores\"", with: "\"likes\": 20, \"likes\": 21, \"expertScores\""),
        valid.replacingOccurrences(of: "\"id\": \"c\"", with: "\"id\": \"a\""),
        valid.replacingOccurrences(of: "\"likes\": 3", with: "\"likes\": \"3\""),
        valid.replacingOccurrences(of: "{\"id\": \"d\", \"title\": \"丁\", \"status\": \"pending\", \"likes\": 3}", with: "42"),
        // Syntax: a trailing comma, an empty item, an unclosed string or bracket, text after the list, a root object.
        valid.replacingOccurrences(of: "\"likes\": 3}", with: "\"likes\": 3},"),
        valid.replacingOccurrences(of: "},\n  {\"id\": \"b\"", with: "},,\n  {\"id\": \"b\""),
        valid.replacingOccurrences(of: "\"丙\"", with: "\"丙"),
        valid.replacingOccurrences(of: "[90, 80, 85]", with: "[90, 80, 85"),
        valid.replacingOccurrences(of: "[90, 80, 85]", with: "[90, 80, 85]]"),
        valid + "x", "{\"entries\": []}", "", "[", "[1 2]", "[tru]", "[{\"a\": 1} {\"b\": 2}]",
        valid.replacingOccurrences(of: "\"丙\"", with: "\"丙\n\""),
    ]

    @Test("valid and invalid files: the item-wise read agrees with the whole read, and takes valid files itself")
    func agrees() throws {
        for (i, text) in Self.variants.enumerated() {
            let bytes = Array(text.utf8)
            let difference = FuzzEntryPoints.itemReadDifference(bytes)
            #expect(difference == nil, "variant \(i): \(difference ?? "")")
        }
        // Valid JSON is read item by item, with its content problems; wrong syntax is not.
        for i in [0, 1, 2, 3, 4, 5, 6, 7, 8] {
            #expect(EntriesDecoder.read(bytes: Array(Self.variants[i].utf8), display: "e", campaign: FuzzEntryPoints.seedCampaign) != nil, "variant \(i)")
        }
        for i in 9..<Self.variants.count {
            #expect(EntriesDecoder.read(bytes: Array(Self.variants[i].utf8), display: "e", campaign: FuzzEntryPoints.seedCampaign) == nil, "variant \(i)")
        }
        let read = try #require(EntriesDecoder.read(bytes: Array(Self.valid.utf8), display: "e", campaign: FuzzEntryPoints.seedCampaign))
        #expect(read.entries.map(\.id) == ["a", "b", "c", "d"] && read.entries[1].title == "乙 \"引号\" \\ ]")
        let repeated = try #require(EntriesDecoder.read(bytes: Array(Self.variants[5].utf8), display: "e", campaign: FuzzEntryPoints.seedCampaign))
        #expect(repeated.problems.all.first?.message.contains("appears twice") == true)
    }

    @Test("every cut and 3,000 damaged copies of a file: the two reads agree")
    func damaged() {
        let bytes = Array(Self.valid.utf8)
        var differences: [String] = []
        for cut in 0...bytes.count {
            if let d = FuzzEntryPoints.itemReadDifference(Array(bytes[..<cut])) { differences.append("cut at \(cut): \(d)") }
        }
        var random = SplitMix64(state: 18)
        let special = Array("[]{},:\"\\ \n0-e".utf8)
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int(random.next() % 3) + 1 {
                let at = Int(random.next() % UInt64(damaged.count))
                switch random.next() % 3 {
                case 0: damaged[at] = special[Int(random.next() % UInt64(special.count))]
                case 1: damaged.remove(at: at)
                default: damaged.insert(special[Int(random.next() % UInt64(special.count))], at: at)
                }
            }
            if let d = FuzzEntryPoints.itemReadDifference(damaged) { differences.append("\(String(decoding: damaged, as: UTF8.self)): \(d)") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(3))")
    }

    @Test("a built site reads entries.json item by item and reports its problems with their positions")
    func inBuild() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", likes: 1), entry("b", likes: 2, ["veiws": 3])])
        let errors = site.check().all.filter { $0.severity == .error }
        let unknown = try #require(errors.first { $0.message.contains("unknown key \"veiws\"") })
        #expect(unknown.path == "content/campaigns/c/entries.json" && unknown.line != nil && unknown.field == "[1].veiws")
    }
}
