import Foundation
import Testing
@testable import PodiumCore

/// Notices as publishers paste them from Word, usually on Windows (issue 15).
@Suite("Pasted notices")
struct PastedNoticeTests {
    let lf = "---\ntitle: 关于公布获奖名单的通知\ndate: 2024-11-02\nissuer: 宣教部\n---\n# 获奖名单\n\n获奖名单如下：\n\n| 名次 | 单位 |\n| --- | --- |\n| 一等奖 | 甲 |\n\n特此通知。\n"

    @Test("a notice saved with CRLF or CR line endings reads exactly as with LF, front matter included")
    func lineEndings() throws {
        var pages: [String: String] = [:]
        for (name, ending) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
            let site = try TestSite()
            defer { site.remove() }
            try site.write("content/notices/n.md", lf.replacingOccurrences(of: "\n", with: ending))
            try site.build()
            pages[name] = try site.read("notices/n.html")
        }
        #expect(pages["lf"]?.contains("<td>一等奖</td>") == true)
        #expect(pages["crlf"] == pages["lf"])
        #expect(pages["cr"] == pages["lf"])
    }

    @Test("a link whose target has a colon but no scheme is relative and kept in safe mode; a real scheme is still dropped")
    func colonsInRelativeLinks() {
        let html = Markdown.html("[附件](附件1:报名表.docx) [x](foo\\)\\:) [y](javascript:alert(1)) [z](Mailto:a@b.cn) [w](data:text/html,x)")
        #expect(html.contains("<a href=\"%E9%99%84%E4%BB%B61:%E6%8A%A5%E5%90%8D%E8%A1%A8.docx\">附件</a>"), "\(html)")
        #expect(html.contains("<a href=\"foo):\">x</a>"), "\(html)")
        #expect(!html.contains("javascript") && !html.contains("data:") && html.contains("<a href=\"Mailto:a@b.cn\">z</a>"), "\(html)")
    }

    @Test("every broken link and image of a notice body is an error at its line and column, in check and build alike; linked attachments are published")
    func bodyLinks() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.write("content/notices/attachments/报名表.docx", "表")
        try site.write("content/notices/other.md", "---\ntitle: 另一通知\ndate: 2024-11-01\n---\n正文\n")
        try site.build()
        let before = site.snapshot()
        // Line 6 of the file is the body's first line.
        try site.write("content/notices/n.md", """
            ---
            title: 关于报名的通知
            date: 2024-11-02
            ---

            请下载[报名表](attachments/报名表.docx)，另见[通知](other.html)与[活动](../campaigns/c/)。
            缺的附件：[附件1](attachments/附件1:名单.xlsx) 和 ![图](../images/nowhere.png)
            - 列表里 [坏链接](missing.html "标题")

            """)
        for errors in [site.check().all.filter { $0.severity == .error }, site.failingBuild()] {
            let found = errors.map { "\($0.path):\($0.line ?? 0):\($0.column ?? 0)" }
            #expect(found == ["content/notices/n.md:7:6", "content/notices/n.md:7:39", "content/notices/n.md:8:7"], "\(errors.map(\.description))")
            #expect(errors.first?.message.contains("public/notices/attachments/附件1:名单.xlsx") == true, "\(errors.map(\.description))")
            #expect(errors.dropFirst().first?.message.hasPrefix("the image") == true)
        }
        #expect(site.snapshot() == before)

        // Fixed: the body's attachment, not in the front matter, is published and linked.
        try site.write("content/notices/n.md", "---\ntitle: 关于报名的通知\ndate: 2024-11-02\n---\n请下载[报名表](attachments/报名表.docx)。\n")
        #expect(site.check().all.filter { $0.severity == .error }.isEmpty)
        try site.build()
        #expect(site.exists("notices/attachments/报名表.docx"))
        #expect(try site.read("notices/n.html").contains("href=\"attachments/%E6%8A%A5%E5%90%8D%E8%A1%A8.docx\""))
    }

    @Test("heading ids are unique on a page, numbered past any id already taken; safe and unsafe mode write one form")
    func headingIds() {
        let safe = Markdown.html("# foo\n\n# foo\n\n# foo-2\n", headingIds: true)
        #expect(safe == "<h1 id=\"foo\">foo</h1>\n<h1 id=\"foo-2\">foo</h1>\n<h1 id=\"foo-2-2\">foo-2</h1>\n", "\(safe)")
        let unsafe = Markdown.html("# foo\n\n# foo\n\n# foo-2\n", unsafe: true, headingIds: true)
        #expect(unsafe == safe, "\(unsafe)")
    }
}

/// Pipe tables where GitHub's table extension finds them (issue 15, items 1–3); the generated
/// corpus against cmark-gfm is `TableDifferentialTests`.
@Suite("Pasted notices: tables")
struct PastedTableTests {
    let table = "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n<th>名次</th>\n<th>单位</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>一等奖</td>\n<td>甲</td>\n</tr>\n</tbody>\n</table></div>\n"

    @Test("a table right after a line of text: the text stays a paragraph, the table follows")
    func tableInterruptsParagraph() {
        #expect(Markdown.html("获奖名单如下：\n| 名次 | 单位 |\n| --- | --- |\n| 一等奖 | 甲 |\n") == "<p>获奖名单如下：</p>\n" + table)
        // Two lines of text, and text after the table's rows is a row (as cmark-gfm has it).
        let two = Markdown.html("第一行\n第二行\n| 名次 | 单位 |\n| --- | --- |\n| 一等奖 | 甲 |\n")
        #expect(two == "<p>第一行\n第二行</p>\n" + table, "\(two)")
    }

    @Test("--- after the last row is a rule after the table, === a row: never a heading")
    func setextUnderlines() {
        #expect(Markdown.html("| 名次 | 单位 |\n| --- | --- |\n| 一等奖 | 甲 |\n---\n") == table + "<hr />\n")
        let equals = Markdown.html("| 名次 | 单位 |\n| --- | --- |\n| 一等奖 | 甲 |\n===\n", headingIds: true)
        #expect(equals.contains("<td>===</td>") && !equals.contains("<h1"), "\(equals)")
        // A heading id is not spent on a table that looked like a heading.
        #expect(Markdown.html("| a |\n| - |\n---\n\n# a\n", headingIds: true).contains("<h1 id=\"a\">a</h1>"))
    }

    @Test("reference links in cells, a table on a list item's first line, a header row without a leading pipe, a lone pipe ending the rows")
    func otherShapes() {
        let reference = Markdown.html("| [通知][1] |\n| --- |\n| [附件][1] |\n\n[1]: https://example.org/n\n")
        #expect(reference.contains("<th><a href=\"https://example.org/n\">通知</a></th>") && reference.contains("<td><a href=\"https://example.org/n\">附件</a></td>"), "\(reference)")
        let item = Markdown.html("- | 名次 | 单位 |\n  | --- | --- |\n  | 一等奖 | 甲 |\n")
        #expect(item == "<ul>\n<li>\n" + table + "</li>\n</ul>\n", "\(item)")
        #expect(Markdown.html("名次 | 单位\n--- | ---\n一等奖 | 甲\n") == table)
        let lone = Markdown.html("| 名次 |\n| --- |\n| 一 |\n|\n后文\n")
        #expect(lone.hasSuffix("</table></div>\n<p>|\n后文</p>\n"), "\(lone)")
    }
}
