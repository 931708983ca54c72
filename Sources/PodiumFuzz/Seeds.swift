import Foundation
import PodiumCore

/// The seed files of each fuzz target: the example site's own files (from `content/` and
/// `templates/` of the repository), and small hand-made ones.
enum Seeds {
    static func load(_ target: FuzzEntryPoints.Target, repository: URL) -> [[UInt8]] {
        let content = repository.appendingPathComponent("content")
        func files(_ folder: String, _ suffix: String, limit: Int = 65_536) -> [[UInt8]] {
            let url = content.appendingPathComponent(folder)
            let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().filter { $0.hasSuffix(suffix) }.compactMap { name in
                (try? Data(contentsOf: url.appendingPathComponent(name))).map { Array($0.prefix(limit)) }
            }
        }
        var seeds: [[UInt8]]
        switch target {
        case .site: seeds = files("", "site.json")
        case .campaign: seeds = files("campaigns", "campaign.json")
        case .entries: seeds = [Array(#"[{"id": "a", "title": "甲", "author": "张三", "division": "河北", "group": "企业", "likes": 10, "expertScores": [90, 80, 85]}, {"id": "b", "title": "乙", "likes": 20, "status": "pending"}]"#.utf8)]
        case .snapshot: seeds = [Array(#"{"entries": [{"id": "a", "likes": 12, "views": 130}, {"id": "b", "likes": 25}, {"id": "d", "likes": 1}]}"#.utf8)] + files("campaigns", ".json", limit: 2048).filter { $0.starts(with: Array(#"{"entries""#.utf8)) }
        case .entriesSheet: seeds = [Array("编号,作品名称,作者,手机号,赛区,组别,组织,报送时间,状态,点赞数,评委1,评委2,评委3\r\na,\"甲, \"\"一\"\"\r\n二\",张三,13800138000,河北,企业,甲、乙,2024/8/5 9:30,已发布,10,90,80,85\r\nb,乙,,,,,,2024-08-06,待审核,20,,,\r\n".utf8)]
            + files("campaigns", "entries.csv", limit: 8192)
        case .snapshotSheet: seeds = [Array("\u{FEFF}作品编号,点赞数,浏览量\r\na,12,130\r\nb,25,\r\nd,1,1\r\n".utf8)] + files("campaigns", ".csv", limit: 2048).filter { !$0.starts(with: Array("voter".utf8)) }
        case .votes: seeds = [Array("voter,entry,time\nv1,a,2024-08-05T09:30:00+08:00\nv2,b,2024-08-05T10:00:00+08:00\n\"v,3\",a,2024-08-06T00:00:00Z\n".utf8)]
        case .notice, .markdown: seeds = files("notices", ".md")
        case .template: seeds = ((try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("templates").path)) ?? [])
            .sorted().filter { $0.hasSuffix(".mustache") }
            .compactMap { try? Data(contentsOf: repository.appendingPathComponent("templates/\($0)")) }.map { Array($0) }
        }
        return seeds.isEmpty ? [Array("x".utf8)] : seeds
    }
}
