import Foundation
import Testing
@testable import PodiumCore

/// Contract §13: entries and weekly figures as spreadsheet exports (CSV in UTF-8 or GB18030).
@Suite("Spreadsheet exports (contract §13)")
struct SheetInputTests {
    static var campaign: [String: Any] { [
        "divisions": ["河北", "山西"], "groups": ["label": "工会类型", "values": ["国有企业", "非公企业"]],
        "scoring": ["likes": ["weight": 30, "normalize": "max"], "expert": ["weight": 70, "scale": 100, "trim": 1]],
        "awards": [["name": "一等奖", "count": 1], ["name": "二等奖", "count": 2]],
        "organizationAwards": [["name": "优秀组织奖", "count": 1]],
        "rules": ["maxDurationSeconds": 300], "start": "2024-08-01", "end": "2024-09-30",
    ] }

    /// The same campaign as JSON: every field the sheet below gives.
    static var entriesJSON: [[String: Any]] { [
        ["id": "a1", "title": "春天, \"来了\"\n第二行", "author": "王建国", "phone": "13800138000", "union": "河北电网工会", "region": "石家庄",
         "division": "河北", "organizations": ["河北电网", "河北邮政"], "group": "国有企业", "category": "思想引领",
         "submitted": "2024-08-05T09:30:00+08:00", "status": "published", "durationSeconds": 95.5, "videoMB": 12,
         "likes": 120, "views": 900, "favorites": 3, "expertScores": [88, 90.5, 79], "badges": ["劳动模范"]],
        ["id": "a2", "title": "夜班里的灯光", "author": "李秀英", "phone": "13900139000", "division": "山西", "group": "非公企业",
         "submitted": "2024-08-06", "likes": 80, "views": 1000, "expertScores": [91, 92, 93]],
        ["id": "a3", "title": "待审核的作品", "author": "张三", "status": "pending", "likes": 5],
        ["id": "a4", "title": "一颗螺丝钉", "author": "赵六", "division": "河北", "organizations": ["河北电网"], "likes": 80, "views": 10,
         "submitted": "2024-08-07T18:05:00+08:00"],
    ] }

    /// The sheet Excel would export for it: Chinese headers, Excel's times and statuses, a quoted
    /// title with a comma, quotes and a line break, lists in one cell, one column per judge.
    static let entriesCSV = """
    作品编号,作品名称,作者,手机号,所属工会,地区,赛区,组织,组别,类别,报送时间,状态,时长（秒）,视频大小(MB),点赞数,浏览量,收藏,评委1,评委2,评委3,荣誉\r
    a1,"春天, ""来了""\r
    第二行",王建国,13800138000,河北电网工会,石家庄,河北,河北电网、河北邮政,国有企业,思想引领,2024/8/5 9:30,已发布,95.5,12,120,900,3,88,90.5,79,劳动模范\r
    a2,夜班里的灯光,李秀英,13900139000,,,山西,,非公企业,,2024/8/6,,,,80,1000,,91,92,93,\r
    a3,待审核的作品,张三,,,,,,,,,待审核,,,5,,,,,,\r
    a4,一颗螺丝钉,赵六,,,,河北,河北电网,,,2024-08-07 18:05,,,,80,10,,,,,\r
    ,,,,,,,,,,,,,,,,,,,,\r

    """

    static let weeks: [(date: String, rows: [(String, Int, Int)])] = [
        ("2024-08-11", [("a1", 50, 400), ("a2", 30, 500)]),
        ("2024-08-18", [("a1", 120, 900), ("a2", 80, 1000), ("a4", 80, 10)]),
    ]

    func jsonSite() throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", Self.campaign, entries: Self.entriesJSON)
        for week in Self.weeks {
            try site.writeJSON("content/campaigns/c/weeks/\(week.date).json",
                               ["entries": week.rows.map { ["id": $0.0, "likes": $0.1, "views": $0.2] }])
        }
        return site
    }

    func csvSite(entries: [UInt8] = Array(Self.entriesCSV.utf8)) throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", Self.campaign, entries: [])
        try site.remove("content/campaigns/c/entries.json")
        try site.write("content/campaigns/c/entries.csv", bytes: entries)
        for (i, week) in Self.weeks.enumerated() {
            // One week in 「CSV UTF-8」 with a byte-order mark and English headers, one without.
            let header = i == 0 ? "\u{FEFF}id,likes,views" : "编号,点赞,浏览"
            try site.write("content/campaigns/c/weeks/\(week.date).csv", header + "\n" + week.rows.map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n") + "\n")
        }
        return site
    }

    @Test("a campaign read from CSV publishes the same site, downloads included, byte for byte, as the same campaign in JSON")
    func sameSiteAsJSON() throws {
        let json = try jsonSite(), csv = try csvSite()
        defer { json.remove(); csv.remove() }
        try json.build()
        try csv.build()
        let a = json.snapshot(), b = csv.snapshot()
        #expect(a.count > 20 && a.keys.contains("campaigns/c/leaderboard.csv") && a.keys.contains("campaigns/c/weeks/2024-08-18.json"))
        #expect(Set(a.keys) == Set(b.keys))
        for (path, bytes) in a where b[path] != bytes { Issue.record("\(path) differs") }
        // What the sheet said arrived: the quoted title, the lists, the judges in order, the statuses.
        let a1 = try csv.record("c", "a1")
        #expect(a1["title"] as? String == "春天, \"来了\"\n第二行")
        #expect(try csv.leaderboard("c").count == 3)   // a3 is pending
        for (_, bytes) in b { #expect(!String(decoding: bytes, as: UTF8.self).contains("13800138000")) }
    }

    @Test("GB18030, as Excel writes CSV on Chinese Windows (with a four-byte character), reads like UTF-8")
    func gb18030() throws {
        // 编号,作品名称,作者 / A1,春天𠮷,王€明 in GB18030, CRLF: written by Python's codec, not by Podium.
        let hex = "b1e0bac52cd7f7c6b7c3fbb3c62cd7f7d5df0d0a41312cb4baccec9534b2352ccdf5a2e3c3f70d0a"
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
        let site = try csvSite(entries: bytes)
        defer { site.remove() }
        try site.remove("content/campaigns/c/weeks")
        try site.build()
        let a1 = try site.record("c", "A1")
        #expect(a1["title"] as? String == "春天𠮷")
        #expect(a1["author"] as? String == "王€明")
        #expect(SheetEncoding.decode(bytes).map(\.encoding) == .success(.gb18030))
        #expect(SheetEncoding.decode(Array("编号\n".utf8)).map(\.encoding) == .success(.utf8))
    }

    @Test("a file that is neither UTF-8 nor GB18030 is an error at its first bad row; damaged UTF-8 is not read as GB18030")
    func neitherEncoding() throws {
        // Row 3 holds 0xFF, which starts no character in either encoding.
        var bytes = Array("id,title\nx1,好的\n".utf8)
        let latin1: [UInt8] = Array("x2,caf".utf8) + [0xFF] + Array("\n".utf8)
        let site = try csvSite(entries: Array("id,title\nx1,ok\n".utf8) + latin1)
        defer { site.remove() }
        let errors = site.failingBuild()
        #expect(errors.count == 1)
        #expect(errors.first?.path == "content/campaigns/c/entries.csv" && errors.first?.line == 3)
        #expect(errors.first?.message.contains("neither UTF-8") == true)
        // UTF-8 with Chinese text and then one damaged byte: reported as damaged UTF-8 at its row.
        bytes += latin1
        try site.write("content/campaigns/c/entries.csv", bytes: bytes)
        let damaged = site.failingBuild()
        #expect(damaged.first?.line == 3 && damaged.first?.message.contains("the file is UTF-8 but byte 0xFF") == true)
        // Excel's 「Unicode 文本」 is UTF-16: named as such.
        try site.write("content/campaigns/c/entries.csv", bytes: [0xFF, 0xFE] + Array("id,title\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(site.failingBuild().first?.message.hasPrefix("the file is UTF-16") == true)
    }

    @Test("every header of §13, English and Chinese, fills its field")
    func everyHeader() throws {
        // Written from the contract's text, not from Podium's table.
        let names: [(String, String)] = [
            ("编号", "id"), ("作品编号", "id"), ("作品名称", "title"), ("标题", "title"), ("作者", "author"), ("姓名", "author"),
            ("手机", "phone"), ("手机号", "phone"), ("所属工会", "union"), ("工会", "union"), ("地区", "region"), ("城市", "region"),
            ("赛区", "division"), ("省份", "division"), ("组织", "organizations"), ("类型", "group"), ("组别", "group"),
            ("类别", "category"), ("报送时间", "submitted"), ("提交时间", "submitted"), ("状态", "status"),
            ("时长(秒)", "durationSeconds"), ("视频大小(MB)", "videoMB"), ("点赞", "likes"), ("点赞数", "likes"),
            ("浏览", "views"), ("浏览量", "views"), ("收藏", "favorites"), ("评委1", "expertScores"), ("专家评分1", "expertScores"),
            ("标签", "badges"), ("荣誉", "badges"),
        ]
        let english = ["id", "title", "author", "phone", "person", "kind", "union", "region", "division", "organizations", "group",
                       "category", "submitted", "status", "durationSeconds", "videoMB", "textChars", "images", "cover", "video",
                       "likes", "views", "favorites", "expertScores", "badges", "summary"]
        for (header, field) in names + english.map({ ($0, $0) }) {
            let others = ["id", "title"].filter { $0 != field }
            let sheet = (others + [header]).joined(separator: ",") + "\n" + (others.map { _ in "x" } + ["7"]).joined(separator: ",") + "\n"
            var problems = Diagnostics()
            let reader = SheetDocument.read(bytes: Array(sheet.utf8), display: "entries.csv", columns: SheetColumns.entries,
                                            shape: .list, timezone: .beijing, into: &problems)
            guard let reader, case .array(let rows) = reader.document.root.value, case .object(let members) = rows.first?.value else {
                Issue.record("\(header): \(problems.all)")
                continue
            }
            #expect(members.contains { $0.key == field }, "\(header) → \(field)")
            #expect(problems.all.isEmpty)
        }
    }

    @Test("an unknown column is an error with a hint; a bad number names its row, column and header")
    func columnsAndCells() throws {
        let site = try csvSite(entries: Array("编号,作品名,点赞数\nx1,标题,3\n".utf8))
        defer { site.remove() }
        try site.remove("content/campaigns/c/weeks")
        let unknown = site.failingBuild()
        #expect(unknown.map(\.description) == ["content/campaigns/c/entries.csv:1:2: error: 作品名: unknown column \"作品名\"; did you mean \"作品名称\"?",
                                             "content/campaigns/c/entries.csv:1:1: error: no column gives title: name one \"title\" or \"作品名称\" or \"标题\""])

        try site.write("content/campaigns/c/entries.csv", "编号,作品名称,点赞数,评委1\nx1,标题,3,80\nx2,\"多行\n标题\",\"1,234\",8O\n")
        let cells = site.failingBuild().map(\.description)
        #expect(cells.count == 2)
        #expect(cells.first == "content/campaigns/c/entries.csv:3:3: error: 点赞数 (likes): \"1,234\" is not a number: write digits, with a point for decimals (for example 1234 or 87.5), without thousands separators or units")
        #expect(cells.last?.hasPrefix("content/campaigns/c/entries.csv:3:4: error: 评委1 (expertScores): \"8O\" is not a number") == true)
    }

    @Test("the checks of JSON hold for CSV: empty required cells, statuses, repeated ids, unknown and falling weekly figures")
    func sameChecks() throws {
        let site = try csvSite(entries: Array("id,title,status,likes\nx1,一,已发布,1\nx2,二,完成,2\nx1,三,,3\nx3,,,4\n".utf8))
        defer { site.remove() }
        try site.write("content/campaigns/c/weeks/2024-08-11.csv", "id,likes\nx2,5\nzz,1\n")
        try site.write("content/campaigns/c/weeks/2024-08-18.csv", "id,likes,views\nx2,4,1\n")
        let errors = site.failingBuild().map(\.description)
        #expect(errors.contains("content/campaigns/c/entries.csv:5:2: error: title: is required: this cell may not be empty"))
        #expect(errors.contains { $0.hasPrefix("content/campaigns/c/entries.csv:3:3: error: status: must be \"published\"") })
        #expect(errors.contains("content/campaigns/c/entries.csv:4:1: error: id: the id \"x1\" is already used by row 2"))
        #expect(errors.contains { $0.hasPrefix("content/campaigns/c/weeks/2024-08-11.csv:3:1: error: id: no entry has the id \"zz\" in entries.csv") })
        #expect(errors.contains { $0.hasPrefix("content/campaigns/c/weeks/2024-08-18.csv:2:2: error: likes: \"x2\" has 4 likes, fewer than the 5") })
    }

    @Test("a file in both forms is an error; a workbook draws the advice to save it as CSV")
    func bothFormsAndWorkbooks() throws {
        let site = try csvSite()
        defer { site.remove() }
        try site.writeJSON("content/campaigns/c/entries.json", Self.entriesJSON)
        try site.writeJSON("content/campaigns/c/weeks/2024-08-18.json", ["entries": [] as [Any]])
        #expect(site.failingBuild().contains { $0.path == "content/campaigns/c/entries.csv" && $0.message.contains("entries.json and entries.csv are both here") })
        try site.remove("content/campaigns/c/entries.json")
        #expect(site.failingBuild().contains { $0.path == "content/campaigns/c/weeks/2024-08-18.csv" && $0.message.contains("2024-08-18.json and 2024-08-18.csv are both here") })

        try site.remove("content/campaigns/c/weeks/2024-08-18.json")
        try site.write("content/campaigns/c/报名表.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04])
        let advice = site.check().warnings.filter { $0.path == "content/campaigns/c/报名表.xlsx" }
        #expect(advice.count == 1 && advice.first?.message.contains("另存为 → 「CSV UTF-8（逗号分隔）(*.csv)」") == true)
        try site.remove("content/campaigns/c/entries.csv")
        #expect(site.failingBuild().contains { $0.path == "content/campaigns/c/entries.json" && $0.message.contains("entries.json or entries.csv") && $0.message.contains("另存为") })
    }

    @Test("a phone number shown in scientific notation is refused: its digits are lost")
    func scientificPhone() throws {
        let site = try csvSite(entries: Array("编号,作品名称,手机号\nx1,一,1.38001E+10\n".utf8))
        defer { site.remove() }
        try site.remove("content/campaigns/c/weeks")
        let errors = site.failingBuild().map(\.description)
        #expect(errors.count == 1 && errors.first?.hasPrefix("content/campaigns/c/entries.csv:2:3: error: 手机号 (phone): \"1.38001E+10\" is a phone number saved as a number") == true)
    }

    @Test("records: RFC 4180 quoting, CRLF, CR and LF, an unclosed quote at its row")
    func records() throws {
        func read(_ text: String) throws(CSVRecords.SyntaxError) -> [[String]] {
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBufferPointer { b throws(CSVRecords.SyntaxError) in
                var reader = CSVRecords(b), fields: [String] = [], rows: [[String]] = []
                while try reader.next(into: &fields) { rows.append(fields) }
                return rows
            }
        }
        #expect(try read("a,b\r\n\"x,\"\"y\"\"\r\nz\",\r\n") == [["a", "b"], ["x,\"y\"\nz", ""]])
        #expect(try read("a\rb\nc") == [["a"], ["b"], ["c"]])
        #expect(try read("a,\n") == [["a", ""]])
        #expect(throws: CSVRecords.SyntaxError(row: 2, column: 2, message: "a quoted field is not closed: its opening quote has no closing quote")) {
            try read("a,b\nc,\"d\ne\n")
        }
        #expect(throws: CSVRecords.SyntaxError.self) { try read("\"a\"b,c\n") }
        #expect(SheetTime.contractText("2024/8/5 9:30", timezone: .beijing) == "2024-08-05T09:30:00+08:00")
        #expect(SheetTime.contractText("2024-08-05T09:30:00+08:00", timezone: .beijing) == nil)
        #expect(SheetTime.contractText("2024/2/30", timezone: .beijing) == nil)
        #expect(SheetTime.contractText("2024-8-5", timezone: .beijing) == "2024-08-05")
        #expect(SheetTime.contractText("2024-08-05", timezone: .beijing) == nil)
        #expect(SheetTime.contractText(" 2024/12/31  23:59:58 ", timezone: UTCOffset("-05:30")!) == "2024-12-31T23:59:58-05:30")
        #expect(SheetTime.contractText("2024/8/5 9:30+08:00", timezone: .beijing) == nil)
        #expect(SheetHeader.items(" 甲 、乙；丙; ;\u{3000}丁\u{3000}") == ["甲", "乙", "丙", "丁"])
        #expect(SheetHeader.number(" 87.5 ") == "87.5" && SheetHeader.number("1e3") == "1e3")
        #expect(SheetHeader.number("087") == nil && SheetHeader.number("1.") == nil && SheetHeader.number("¥5") == nil)
    }
}
