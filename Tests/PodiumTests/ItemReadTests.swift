import Foundation
import Testing
@testable import PodiumCore

/// entries.json and weekly snapshots read item by item (`JSONItems`, `EntriesDecoder.read(bytes:…)`), as builds read
/// it, against the whole file parsed into one tree first: the same entries and the same problems,
/// and a file whose syntax is wrong always left to the whole read, which says where.
@Suite("Entries and snapshots read item by item")
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
        // A bracket out of place between two items is not a separator.
        "[{\"id\": \"a\", \"title\": \"甲\", \"likes\": 1}} {\"id\": \"b\", \"title\": \"乙\", \"likes\": 2}]",
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

    static let snapshot = """
    {"entries": [
      {"id": "a", "likes": 12, "views": 40},
      {"id": "b", "likes": 30},
      {"id": "d", "likes": 4, "views": 9}
    ]}
    """

    static let snapshotVariants: [String] = [
        snapshot, "{\"entries\": []}", " {\"entries\" : [ ] } ",
        // Content problems: an unknown id, a repeated id, a repeated key, a missing field, another key beside the list.
        snapshot.replacingOccurrences(of: "\"id\": \"b\"", with: "\"id\": \"x\""),
        snapshot.replacingOccurrences(of: "\"id\": \"d\"", with: "\"id\": \"a\""),
        snapshot.replacingOccurrences(of: "\"likes\": 30", with: "\"likes\": 30, \"likes\": 31"),
        snapshot.replacingOccurrences(of: "\"likes\": 30", with: "\"views\": 30"),
        snapshot.replacingOccurrences(of: "{\"entries\": [", with: "{\"date\": 1, \"entries\": ["),
        "[]",
        // Syntax.
        snapshot.replacingOccurrences(of: "]}", with: "]"), snapshot.replacingOccurrences(of: "\"views\": 9}", with: "\"views\": 9},"),
        snapshot.replacingOccurrences(of: "40}", with: "40}}"), snapshot + "}", "{\"entries\": [}", "{\"entries\": [1, ]}",
    ]

    @Test("snapshots: valid, wrong and damaged files, the row-wise read agrees with the whole read")
    func snapshots() throws {
        var d = Diagnostics()
        let entries = FuzzEntryPoints.seedEntries(for: FuzzEntryPoints.seedCampaign, into: &d)
        #expect(entries.count == 4 && d.all.isEmpty)
        var differences: [String] = []
        for (i, text) in Self.snapshotVariants.enumerated() {
            if let difference = FuzzEntryPoints.snapshotReadDifference(Array(text.utf8), entries: entries) { differences.append("variant \(i): \(difference)") }
        }
        let bytes = Array(Self.snapshot.utf8)
        for cut in 0...bytes.count {
            if let difference = FuzzEntryPoints.snapshotReadDifference(Array(bytes[..<cut]), entries: entries) { differences.append("cut \(cut): \(difference)") }
        }
        var random = SplitMix64(state: 11)
        let special = Array("[]{},:\"\\ \nad1".utf8)
        for _ in 0..<3000 {
            var damaged = bytes
            let at = Int(random.next() % UInt64(damaged.count))
            switch random.next() % 3 {
            case 0: damaged[at] = special[Int(random.next() % UInt64(special.count))]
            case 1: damaged.remove(at: at)
            default: damaged.insert(special[Int(random.next() % UInt64(special.count))], at: at)
            }
            if let difference = FuzzEntryPoints.snapshotReadDifference(damaged, entries: entries) { differences.append(difference) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(3))")
        // Valid JSON of the snapshot's shape is read row by row.
        for i in 0..<7 {
            let read = SnapshotDecoder.read(bytes: Array(Self.snapshotVariants[i].utf8), display: "w", date: CalendarDate(year: 2024, month: 8, day: 11)!,
                                            source: URL(fileURLWithPath: "/dev/null"), index: ["a": 0, "b": 1, "c": 2, "d": 3],
                                            published: [true, true, true, false])
            #expect(read != nil, "variant \(i)")
        }
    }

    /// Rows at the edges of the usual form that snapshots are read in without a parse (`SnapshotRowFields(plain:)`).
    static let plainRows: [(row: String, plain: Bool)] = [
        (#"{"id": "a", "likes": 12, "views": 40}"#, true), (#"{"likes":12,"id":"a"}"#, true),
        (" {\"views\": 0,\"id\" : \"b\" ,\"likes\": 0}\n", true), ("{\t\"id\": \"a\",\r\n \"likes\": 999999999999}", true),
        (#"{"id": "x", "likes": 1}"#, true), (#"{"id": "a b", "likes": 1}"#, true),
        // Left to the full read, which accepts or reports each as before.
        (#"{"id": "\u0061", "likes": 12}"#, false), (#"{"id": "a", "likes": 1000000000000}"#, false),
        (#"{"id": "a", "likes": 1000000000001}"#, false), (#"{"id": "a", "likes": 012}"#, false),
        (#"{"id": "a", "likes": -1}"#, false), (#"{"id": "a", "likes": 12.0}"#, false), (#"{"id": "a", "likes": 1e2}"#, false),
        (#"{"id": "a", "likes": 1, "views": null}"#, false), (#"{"id": " ", "likes": 1}"#, false), (#"{"id": "", "likes": 1}"#, false),
        (#"{"id": "甲", "likes": 1}"#, false), (#"{"id": "a", "likes": 1, "note": 2}"#, false), (#"{"id": "a", "id": "b", "likes": 1}"#, false),
        (#"{"id": "a"}"#, false), (#"{"likes": 1}"#, false), (#"{"id": 1, "likes": 1}"#, false), (#"{"id": "a", "likes": "1"}"#, false),
        (#"{"\u0069d": "a", "likes": 1}"#, false), (#"{"id": "a", "likes": 1,}"#, false), (#"{"id": "a" "likes": 1}"#, false),
        (#"{"id": "a", "likes": 1} x"#, false), ("{\"id\": \"a\u{01}\", \"likes\": 1}", false),
    ]

    @Test("rows in the usual form are read from their bytes, others parsed, and both reads of a file agree")
    func plainRows() {
        var d = Diagnostics()
        let entries = FuzzEntryPoints.seedEntries(for: FuzzEntryPoints.seedCampaign, into: &d)
        for (row, plain) in Self.plainRows {
            let bytes = Array(row.utf8)
            let fields = bytes.withUnsafeBufferPointer { SnapshotRowFields(plain: $0, 0..<bytes.count) }
            #expect((fields != nil) == plain, "\(row)")
            let file = Array("{\"entries\": [{\"id\": \"b\", \"likes\": 3}, \(row), {\"id\": \"d\", \"likes\": 4}]}".utf8)
            #expect(FuzzEntryPoints.snapshotReadDifference(file, entries: entries) == nil, "\(row)")
        }
        let bytes = Array(#"{"views": 40, "likes": 12, "id": "a"}"#.utf8)
        let fields = bytes.withUnsafeBufferPointer { SnapshotRowFields(plain: $0, 0..<bytes.count) }
        #expect(fields?.id == "a" && fields?.likes == 12 && fields?.views == 40)
        #expect(fields?.idOffset == 33 && fields?.likesOffset == 23 && fields?.viewsOffset == 10)
    }

}
