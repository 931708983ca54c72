import Foundation
import PodiumCore

/// `podium-bench sheet [ENTRIES] [RUNS]`: loading a site whose one campaign has ENTRIES entries,
/// given as entries.json, as entries.csv in UTF-8, and as entries.csv in GB18030 (the same
/// entries; the CSV as a spreadsheet exports it). The three loads alternate within each run, so
/// the ratios are measured side by side. Each load is `SiteLoader.load`: reading, decoding,
/// validating, as `podium check` and `podium build` do.
func sheetBench(entries count: Int, runs: Int) throws {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-bench-sheet-\(count)")
    let forms = ["json", "csv", "gb18030"]
    try writeSheetSites(root, count: count, forms: forms)
    defer { try? FileManager.default.removeItem(at: root) }
    var seconds: [String: [Double]] = [:]
    for run in 0..<runs {
        for form in run % 2 == 0 ? forms : forms.reversed() {
            let start = DispatchTime.now().uptimeNanoseconds
            let (content, problems) = SiteLoader.load(site: root.appendingPathComponent(form))
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard let content, content.campaigns.first?.entries.count == count else {
                print("\(form): the site did not load: \(problems.errors.prefix(3).map(\.description))"); exit(1)
            }
            seconds[form, default: []].append(elapsed)
        }
    }
    func mid(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    let size = { (form: String, name: String) in
        ((try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("\(form)/content/campaigns/bench/\(name)").path))?[.size] as? Int ?? 0)
    }
    print("loading \(count) entries, \(runs) alternating runs (medians):")
    for form in forms {
        let name = form == "json" ? "entries.json" : "entries.csv"
        let ratio = mid(zip(seconds[form]!, seconds["json"]!).map { $0 / $1 })
        print(String(format: "  %-8@ %.3f s  (%.1f MB)  ÷ json: %.2f (median of per-run ratios)", form, mid(seconds[form]!), Double(size(form, name)) / 1e6, ratio))
    }
}

/// One site per form, holding the same entries.
private func writeSheetSites(_ root: URL, count: Int, forms: [String]) throws {
    var state: UInt64 = 20_241_130
    func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n }
    let divisions = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南"]
    let names = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".map(String.init)
    let words = ["我在一线学全会", "改革路上的班组", "一颗螺丝钉的坚守", "新质生产力在车间", "从学徒到大国工匠", "夜班里的灯光"]
    var json: [String] = [], csv = ["编号,作品名称,作者,手机号,赛区,组织,报送时间,时长（秒）,点赞数,浏览量,收藏,评委1,评委2,评委3,评委4,评委5"]
    json.reserveCapacity(count)
    csv.reserveCapacity(count + 1)
    for i in 0..<count {
        let division = divisions[next(divisions.count)]
        let title = words[next(words.count)] + (next(10) == 0 ? "，之二, \"续\"" : "")
        let author = names[next(names.count)] + names[next(names.count)] + "明"
        let phone = "13\(100_000_000 + next(899_999_999))"
        let orgs = (0..<next(3)).map { "\(division)单位\($0 + next(40))" }
        let day = 1 + next(28), hour = 8 + next(12), minute = next(60)
        let submitted = String(format: "2024-09-%02d", day)
        let duration = 30 + next(90), likes = next(5000), views = likes * 4 + next(300), favorites = next(50)
        let scores = (0..<5).map { _ in "\(60 + next(40)).\(next(2) * 5)" }
        json.append("""
          {"id": "e\(i)", "title": \(quoteJSON(title)), "author": "\(author)", "phone": "\(phone)", "division": "\(division)", \
        "organizations": [\(orgs.map { "\"\($0)\"" }.joined(separator: ", "))], "submitted": "\(submitted)T\(String(format: "%02d:%02d", hour, minute)):00+08:00", \
        "durationSeconds": \(duration), "likes": \(likes), "views": \(views), "favorites": \(favorites), "expertScores": [\(scores.joined(separator: ", "))]}
        """)
        let csvTitle = title.contains(",") || title.contains("\"") ? "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : title
        csv.append(["e\(i)", csvTitle, author, phone, division, orgs.joined(separator: "、"), "\(submitted) \(hour):\(String(format: "%02d", minute))",
                    "\(duration)", "\(likes)", "\(views)", "\(favorites)"].joined(separator: ",") + "," + scores.joined(separator: ","))
    }
    let campaign = """
    {"title": "表格读取测试", "organizer": "测试", "start": "2024-09-01", "end": "2024-09-30", "divisions": [\(divisions.map { "\"\($0)\"" }.joined(separator: ", "))], "awards": []}
    """
    let csvText = csv.joined(separator: "\r\n") + "\r\n"
    for form in forms {
        let folder = root.appendingPathComponent("\(form)/content/campaigns/bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"title": "bench", "baseURL": "https://example.org/"}"#.utf8).write(to: root.appendingPathComponent("\(form)/content/site.json"))
        try Data(campaign.utf8).write(to: folder.appendingPathComponent("campaign.json"))
        switch form {
        case "json": try Data("[\n\(json.joined(separator: ",\n"))\n]\n".utf8).write(to: folder.appendingPathComponent("entries.json"))
        case "csv": try Data(("\u{FEFF}" + csvText).utf8).write(to: folder.appendingPathComponent("entries.csv"))
        default: try gb18030(csvText).write(to: folder.appendingPathComponent("entries.csv"))
        }
    }
}

private func quoteJSON(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// UTF-8 text in GB18030, by the C library's iconv (the way Podium reads it back).
private func gb18030(_ text: String) throws -> Data {
    let cd = iconv_open("GB18030", "UTF-8")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let inCount = input.count, outCount = output.count
    var inLeft = inCount, outLeft = outCount
    input.withUnsafeMutableBytes { i in
        output.withUnsafeMutableBytes { o in
            var ip: UnsafeMutablePointer<CChar>? = i.baseAddress?.assumingMemoryBound(to: CChar.self)
            var op: UnsafeMutablePointer<CChar>? = o.baseAddress?.assumingMemoryBound(to: CChar.self)
            _ = iconv(cd, &ip, &inLeft, &op, &outLeft)
        }
    }
    guard inLeft == 0 else { print("iconv could not write GB18030"); exit(1) }
    return Data(output.prefix(outCount - outLeft))
}
