import Foundation

/// `podium init DIR`: a small site that builds and checks clean, to start from.
public enum SiteTemplate {
    public static let files: [(path: String, text: String)] = [
        ("content/site.json", """
        {
          "title": "职工活动成果展示",
          "publisher": "某某市总工会",
          "baseURL": "https://example.org/",
          "language": "zh-CN",
          "certificateKey": "\(UUID().uuidString)"
        }

        """),
        ("content/campaigns/reading-2025/campaign.json", """
        {
          "title": "职工读书分享活动",
          "organizer": "某某市总工会",
          "start": "2025-04-01",
          "end": "2025-05-31",
          "phases": [
            { "name": "作品征集", "start": "2025-04-01", "end": "2025-05-10" },
            { "name": "点赞", "start": "2025-05-11", "end": "2025-05-20" }
          ],
          "scoring": { "likes": { "weight": 30, "normalize": "max" },
                       "expert": { "weight": 70, "scale": 100, "trim": 1 } },
          "awards": [ { "name": "一等奖", "count": 1 }, { "name": "二等奖", "count": 2 } ],
          "rules": { "maxEntriesPerPerson": 2, "maxDurationSeconds": 300 },
          "likeRules": { "perVoterPerEntryPerDay": 1, "maxEntriesPerVoterPerDay": 6 },
          "description": "把这里换成活动简介。数据在 `entries.json`，规则在 `campaign.json`。"
        }

        """),
        ("content/campaigns/reading-2025/entries.json", """
        [
          { "id": "w001", "title": "《平凡的世界》读后", "author": "王建国", "union": "第一机械厂工会",
            "submitted": "2025-04-03", "likes": 320, "expertScores": [88, 91, 86, 90, 85] },
          { "id": "w002", "title": "车间里的读书角", "author": "李秀英", "union": "纺织集团工会",
            "submitted": "2025-04-08", "likes": 410, "expertScores": [84, 87, 83, 88, 86] },
          { "id": "w003", "title": "一本书和一座桥", "author": "张志强", "union": "路桥公司工会",
            "submitted": "2025-04-15", "likes": 150, "expertScores": [92, 89, 90, 94, 91] },
          { "id": "w004", "title": "夜班后的半小时", "author": "刘海燕", "union": "第一医院工会",
            "submitted": "2025-04-20", "likes": 95, "expertScores": [80, 82, 79, 85, 81] }
        ]

        """),
        ("content/notices/reading-2025.md", """
        ---
        title: 关于举办职工读书分享活动的通知
        docNumber: 某工字〔2025〕1号
        issuer: 某某市总工会
        date: 2025-03-20
        recipients: 各县（区）总工会，各产业工会
        campaign: reading-2025
        ---
        为推动职工读书活动，现将有关事项通知如下。

        ## 一、活动时间

        | 阶段 | 时间 |
        | --- | --- |
        | 作品征集 | 4 月 1 日—5 月 10 日 |
        | 点赞 | 5 月 11 日—5 月 20 日 |

        ## 二、评分方式

        点赞积分占 30%，专家评分占 70%。

        """),
        ("README.md", """
        # 活动成果网站

        这是用 Podium 生成的网站。编辑 `content/` 下的文件，然后运行：

            podium check    # 检查数据：每个问题都会指出文件、行号和字段
            podium build    # 生成网站到 public/，可以放到任何静态网站服务器上

        - `content/site.json`：网站名称和网址（certificateKey 是证书编号的密钥，不要公开）。
        - `content/campaigns/<活动>/campaign.json`：活动规则、评分和奖项。
        - `content/campaigns/<活动>/entries.json`：作品；`phone` 只用于统计每人报送数量，不会发布。
          也可以用 Excel/WPS 表格代替：另存为「CSV UTF-8（逗号分隔）」，命名为 `entries.csv`（删去 entries.json），
          第一行写列名（编号、作品名称、作者、手机号、点赞数、评委1……）。
        - `content/notices/*.md`：通知公告。

        """),
    ]

    /// Writes the starter site into `folder`; refuses to overwrite a site that is there.
    public static func write(to folder: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.appendingPathComponent("content").path) {
            throw Diagnostic(.error, path: folder.path, message: "already holds a content/ folder; init writes only into a new or empty folder")
        }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}
