import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PodiumCore

@Suite("Notices (contract §8)")
struct NoticeTests {
    func noticeSite() throws -> TestSite {
        let site = try TestSite(site: ["baseURL": "https://example.org/results/"])
        try site.campaign("c", entries: [entry("a")])
        return site
    }

    func notice(_ front: String, _ body: String = "正文。") -> String { "---\n\(front)\n---\n\(body)\n" }

    @Test("front matter and body are cut at the first closing line: a byte-order mark, an empty front matter, \"...\", a body's line")
    func frontMatterSplit() {
        let cases: [(text: String, yaml: String, body: String, line: Int)?] = [
            ("---\ntitle: a\n---\nbody\n", "title: a", "body\n", 4),
            ("\u{FEFF}---\n---", "", "", 3),
            ("---\na: 1\nb: 2\n...\nx\n---\ny", "a: 1\nb: 2", "x\n---\ny", 5),
            ("---\n\n---\n\nb", "", "\nb", 4),
            ("---\n甲: 乙\n---\n", "甲: 乙", "", 4),
        ]
        for case let (text, yaml, body, line)? in cases {
            var d = Diagnostics()
            let split = NoticeLoader.split(text, display: "n.md", into: &d)
            #expect(split?.yaml == yaml && split?.body == body && split?.bodyLine == line && d.all.isEmpty, "\(text.debugDescription)")
        }
        for text in ["---\na: 1", "--- \na\n---\n", "title: a\n---\n", "", "---"] {
            var d = Diagnostics()
            #expect(NoticeLoader.split(text, display: "n.md", into: &d) == nil && d.all.count == 1, "\(text.debugDescription)")
        }
    }

    @Test("document numbers: brackets normalized, parsed, sorted numerically")
    func documentNumbers() {
        for form in ["冀工字〔2021〕3号", "冀工字[2021]3号", "冀工字【2021】3号", "冀工字(2021)3号", "冀工字（2021）3号", "冀工字［2021］3号", "冀工字 〔2021〕 3 号"] {
            #expect(DocumentNumber(form)?.description == "冀工字〔2021〕3号", "\(form)")
        }
        let three = DocumentNumber("冀工字〔2021〕3号")!, ten = DocumentNumber("冀工字〔2021〕10号")!
        #expect(three < ten)
        #expect([ten, three].sorted().map(\.number) == [3, 10])
        #expect(DocumentNumber("关于举办活动的通知") == nil)
    }

    @Test("a notice page in the official order; tables with inline Markdown and an escaped pipe; unsafe content neutralized")
    func noticePage() throws {
        let site = try noticeSite()
        defer { site.remove() }
        try site.write("content/notices/attachments/guide.txt", String(repeating: "说明", count: 1000))
        try site.write("content/notices/n1.md", notice("""
        title: 关于举办诵读活动的通知
        docNumber: 冀工字[2021]3号
        issuer: 河北省总工会
        date: 2021-02-25
        recipients: 各市总工会
        campaign: c
        attachments:
          - title: 参与说明
            file: attachments/guide.txt
        """, """
        ## 一、活动时间

        <script>alert(1)</script>

        [点我](javascript:alert(1)) [官网](https://example.org/)

        | 阶段 | 说明 |
        | --- | :---: |
        | **报送** | `a\\|b` 与 *强调* |
        | # *不是标题* | > 不是引用 & 1. 不是列表 |
        """))
        try site.build()
        let page = try site.read("notices/n1.html")
        let article = try #require(page.components(separatedBy: "<article").last)
        let order = ["冀工字〔2021〕3号", "关于举办诵读活动的通知", "各市总工会：", "一、活动时间", "参与说明", "河北省总工会", "2021年2月25日"]
        let positions = order.map { article.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing part of the notice")
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! }, "parts out of the official order")
        #expect(!page.contains("<script>alert") && !page.contains("javascript:"))
        #expect(page.contains("<a href=\"https://example.org/\">官网</a>"))
        #expect(page.contains("<th style=\"text-align: center\">说明</th>"))
        #expect(page.contains("<td><strong>报送</strong></td>"))
        #expect(page.contains("<code>a|b</code> 与 <em>强调</em>"))
        // A cell holds inline Markdown only: block syntax at its start stays text.
        #expect(page.contains("<td># <em>不是标题</em></td>"))
        #expect(page.contains("<td style=\"text-align: center\">&gt; 不是引用 &amp; 1. 不是列表</td>"))
        #expect(page.contains("<h2 id=\"一活动时间\">"))
        #expect(page.contains("（TXT，6 KB）"))
        #expect(site.exists("notices/attachments/guide.txt"))
        #expect(try site.read("campaigns/c/index.html").contains("关于举办诵读活动的通知"))
    }

    @Test("the archive sorts 3号 before 10号 on the same day; the Atom feed parses and lists notices newest first")
    func archiveAndFeed() throws {
        let site = try noticeSite()
        defer { site.remove() }
        try site.write("content/notices/ten.md", notice("title: 第十号\ndocNumber: 冀工字〔2021〕10号\ndate: 2021-03-01"))
        try site.write("content/notices/three.md", notice("title: 第三号\ndocNumber: 冀工字〔2021〕3号\ndate: 2021-03-01"))
        try site.write("content/notices/old.md", notice("title: 去年 & <旧>\ndate: 2020-05-01"))
        try site.build()
        let archive = try site.read("notices/index.html")
        let three = try #require(archive.range(of: "第三号")), ten = try #require(archive.range(of: "第十号"))
        #expect(three.lowerBound < ten.lowerBound)
        #expect(archive.contains("2021 年") && archive.contains("2020 年"))

        let feed = try site.read("feed.xml")
        final class Titles: NSObject, XMLParserDelegate {
            var titles: [String] = [], ids: [String] = [], text = "", inEntry = false
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if e == "entry" { inEntry = true }
                text = ""
            }
            func parser(_ p: XMLParser, foundCharacters s: String) { text += s }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
                if inEntry && e == "title" { titles.append(text) }
                if inEntry && e == "id" { ids.append(text) }
            }
        }
        let parser = XMLParser(data: Data(feed.utf8))
        let delegate = Titles()
        parser.delegate = delegate
        #expect(parser.parse(), "feed.xml is not well-formed: \(String(describing: parser.parserError))")
        #expect(delegate.titles == ["第三号", "第十号", "去年 & <旧>"])
        #expect(delegate.ids.first == "https://example.org/results/notices/three.html")
        #expect(feed.contains("<updated>2021-03-01T00:00:00+08:00</updated>"))
    }

    @Test("bad notices: each problem with file and position, nothing published")
    func badNotices() throws {
        let site = try noticeSite()
        defer { site.remove() }
        try site.write("content/notices/open.md", "---\ntitle: 未关闭\ndate: 2021-01-01\n正文\n")
        try site.write("content/notices/yaml.md", notice("title: [未闭合\ndate: 2021-01-01"))
        try site.write("content/notices/missing.md", notice("docNumber: 冀工字〔2021〕1号"))
        try site.write("content/notices/baddate.md", notice("title: t\ndate: 2021-02-30"))
        try site.write("content/notices/attach.md", notice("title: t\ndate: 2021-01-01\nattachments:\n  - title: 附件\n    file: attachments/none.pdf"))
        try site.write("content/notices/campaign.md", notice("title: t\ndate: 2021-01-01\ncampaign: cc\nissuer: x\ntitel: y"))
        let errors = site.failingBuild()
        func at(_ file: String) -> [Diagnostic] { errors.filter { $0.path == "content/notices/\(file).md" } }
        #expect(at("open").first?.message.contains("not closed") == true && at("open").first?.line == 1)
        #expect(at("yaml").first?.message.contains("malformed YAML") == true && at("yaml").first?.line == 3)
        #expect(Set(at("missing").map(\.field)) == ["title", "date"])
        #expect(at("baddate").first?.field == "date" && at("baddate").first?.line == 3)
        #expect(at("attach").first?.message.contains("content/notices/attachments/none.pdf does not exist") == true && at("attach").first?.line == 6)
        #expect(at("campaign").contains { $0.field == "campaign" && $0.message.contains("did you mean \"c\"?") && $0.line == 4 })
        #expect(at("campaign").contains { $0.field == "titel" && $0.message.contains("did you mean \"title\"?") && $0.line == 6 })
        #expect(!site.exists("index.html"))
    }

    @Test("heading ids: letters and digits of any script, lower-case ASCII, punctuation dropped, repeats numbered")
    func headingIds() {
        let html = Markdown.html("# Hello, World 2024!\n\n## 一、活动主题（试行）\n\n## 一、活动主题（试行）\n\n### ***\n\n## ![徽标](a.png) 简介 `v2` [链接](https://example.org/)\n", headingIds: true)
        #expect(html.contains("<h1 id=\"hello-world-2024\">Hello, World 2024!</h1>"))
        #expect(html.contains("<h2 id=\"一活动主题试行\">一、活动主题（试行）</h2>"))
        #expect(html.contains("<h2 id=\"一活动主题试行-2\">"))
        #expect(html.contains("<h3 id=\"section\">"))
        // An image counts by its alt text; code by its text; a link by its text, not its address.
        #expect(html.contains("<h2 id=\"徽标-简介-v2-链接\">"))
    }

    @Test("search: the static index holds entries, organizations and notices, each linking a page that exists (queries: FilterTests, in a browser)")
    func search() throws {
        let site = try noticeSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", ["title": "车间里的读书角", "author": "李秀英", "organizations": ["纺织集团"]]),
                                         entry("b", ["title": "夜班后的半小时"])])
        try site.write("content/notices/n.md", notice("title: 关于举办读书活动的通知\ndocNumber: 冀工字〔2021〕3号\ndate: 2021-02-25"))
        try site.build()
        // The manifest, then the one block of records this small site has.
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(site.read("search.json").utf8)) as? [String: Int])
        #expect(manifest == ["records": 4, "blockSize": SearchIndex.blockSize, "shards": SearchIndex.shardCount])
        let data = try Data(site.read("search/records-0.json").utf8)
        let index = try #require(JSONSerialization.jsonObject(with: data) as? [[String: String]])
        // A key's shard lists the records holding it: 读书 is in the entry's title and the notice's, 夜 in the other entry's.
        func holders(_ key: String) throws -> [String] {
            let shard = try #require(JSONSerialization.jsonObject(with: Data(site.read("search/keys-\(SearchIndex.shard(key)).json").utf8)) as? [String: [Int]])
            return try #require(shard[key]).reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1) }.map { index[$0]["t"]! }.sorted()
        }
        #expect(try holders("读书") == ["关于举办读书活动的通知", "车间里的读书角"])
        #expect(try holders("夜") == ["夜班后的半小时"])
        let records = index.map { SearchIndex.Record(title: $0["t"]!, detail: $0["d"]!, kind: $0["k"]!, url: $0["u"]!, terms: $0["w"] ?? "") }
        #expect(records.contains { $0.kind == "组织" && $0.title == "纺织集团" })
        #expect(records.contains { $0.url == "notices/n.html" && $0.terms == "冀工字 2021 3" && $0.detail.contains("冀工字〔2021〕3号") })
        #expect(records.contains { $0.url == "campaigns/c/entries/a.html" && $0.title == "车间里的读书角" && $0.detail.contains("李秀英") })
        for r in records { #expect(site.exists(r.url), "the index links to \(r.url), which does not exist") }
        #expect(try site.read("search.html").contains("search.json"))
    }
}
