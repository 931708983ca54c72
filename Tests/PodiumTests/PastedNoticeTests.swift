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

    @Test("heading ids are unique on a page, numbered past any id already taken; safe and unsafe mode write one form")
    func headingIds() {
        let safe = Markdown.html("# foo\n\n# foo\n\n# foo-2\n", headingIds: true)
        #expect(safe == "<h1 id=\"foo\">foo</h1>\n<h1 id=\"foo-2\">foo</h1>\n<h1 id=\"foo-2-2\">foo-2</h1>\n", "\(safe)")
        let unsafe = Markdown.html("# foo\n\n# foo\n\n# foo-2\n", unsafe: true, headingIds: true)
        #expect(unsafe == safe, "\(unsafe)")
    }
}
