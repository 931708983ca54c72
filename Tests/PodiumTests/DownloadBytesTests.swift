import Foundation
import Testing
@testable import PodiumCore

/// The downloads and the search index are written as bytes (`Downloads.quote`, `append(decimal:)`):
/// what JSON must escape is escaped, and every string reads back as it was.
@Suite("Downloads written as bytes")
struct DownloadBytesTests {
    static let awkward = [
        "引号\"与反斜杠\\", "换行\n回车\r制表\t", "控制\u{1}字符\u{1F}", "行分隔\u{2028}段分隔\u{2029}",
        "=SUM(1,2)", "-负号", "逗号,与'撇号'", "é 与 😀", "甲\r\n乙",
    ]

    @Test("a title with quotes, backslashes, control characters and U+2028 reads back from every download")
    func awkwardTitles() throws {
        let site = try TestSite()
        defer { site.remove() }
        let entries = Self.awkward.enumerated().map { i, title in entry("w\(i)", likes: 10 - i, scores: [80], ["title": title]) }
        try site.campaign("c", scoring30_70, entries: entries)
        try site.build()

        // leaderboard.json: every title as it was, in rank order.
        let records = try site.leaderboard("c")
        #expect(records.map { $0["title"] as? String } == Self.awkward)
        let json = try site.read("campaigns/c/leaderboard.json")
        for escaped in [#"引号\"与反斜杠\\"#, #"换行\n回车\r制表\t"#, #"控制\u0001字符\u001f"#, #"行分隔\u2028段分隔\u2029"#] {
            #expect(json.contains(escaped), "\(escaped)")
        }
        #expect(!json.contains("\u{2028}") && !json.contains("\u{1}") && json.contains(#"甲\r\n乙"#))

        // The search index's blocks hold the same titles.
        let block = try #require(JSONSerialization.jsonObject(with: Data(site.read("search/records-0.json").utf8)) as? [[String: Any]])
        #expect(Set(block.compactMap { $0["t"] as? String }).isSuperset(of: Self.awkward))

        // The CSV: quoted where it must be, formulas defused, read back cell by cell.
        let csv = try site.read("campaigns/c/leaderboard.csv")
        let raw = try Data(contentsOf: site.root.appendingPathComponent("public/campaigns/c/leaderboard.csv"))
        #expect(raw.starts(with: [0xEF, 0xBB, 0xBF] + Array("rank,id,title,".utf8)))
        // A line break of two bytes (one Character in Swift) is quoted like one of one byte.
        for cell in [",\"甲\r\n乙\",", #","'=SUM(1,2)","#, #","'-负号","#, #","逗号,与'撇号'","#, #","引号""与反斜杠\","#, "\"换行\n回车\r制表\t\""] {
            #expect(csv.contains(cell), "\(cell)")
        }
    }

    @Test("whole numbers are written as String(_:) writes them")
    func decimals() {
        var samples = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, -1, -9, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var generator = SplitMix64(state: 18)
        for _ in 0..<2000 { samples.append(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64)) }
        for n in samples {
            var out: [UInt8] = [0x41]
            out.append(decimal: n)
            #expect(out == Array("A\(n)".utf8), "\(n)")
        }
    }

    @Test("whole numbers on pages are grouped by threes: 12,345")
    func grouped() {
        var samples = [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, -1, -1000, -12_345, Int.max, Int.min]
        var generator = SplitMix64(state: 3)
        for _ in 0..<2000 { samples.append(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64)) }
        for n in samples {
            // Commas every three digits from the right, counted on the string of the magnitude.
            let digits = Array(String(n.magnitude))
            let groups = stride(from: digits.count, to: 0, by: -3).reversed().map { String(digits[max(0, $0 - 3)..<$0]) }
            #expect(Format.integer(n) == (n < 0 ? "-" : "") + groups.joined(separator: ","), "\(n)")
        }
    }

    @Test("points are written with two decimals, as text and as bytes")
    func points() {
        let expected = [0: "0.00", 1: "0.01", 9: "0.09", 10: "0.10", 99: "0.99", 100: "1.00", 101: "1.01", 6213: "62.13",
                        1_000_000: "10000.00", -1: "-0.01", -99: "-0.99", -100: "-1.00", -6213: "-62.13"]
        for (h, text) in expected {
            var out: [UInt8] = [0x41]
            Points(hundredths: h).write(into: &out)
            #expect(out == Array("A\(text)".utf8), "\(h)")
            #expect(Points(hundredths: h).description == text, "\(h)")
        }
    }
}
