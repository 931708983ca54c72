import Foundation
import Testing
@testable import PodiumCore

/// The compiled renderer on the whitespace rules the themes were written against (swift-mustache
/// 2.1.1's, which Podium's renderer replaced; the expected texts below are what swift-mustache
/// rendered for these templates), beside the Mustache specification (`MustacheSpecTests`).
@Suite("Template renderer")
struct RendererTests {
    /// Renders `main`; partials are the other templates.
    func render(_ templates: [String: String], _ values: [String: Any]) throws -> String {
        var compiled: [String: [TemplateToken]] = [:]
        for (name, text) in templates { compiled[name] = try TemplateParser.parse(text) }
        let ours = try #require(TemplateRenderer(templates: compiled).render("main", PageContext(values)))
        return String(decoding: ours, as: UTF8.self)
    }

    nonisolated(unsafe) static let values: [String: Any] = [
        "title": "<b>\"工会\" & 'x'</b>", "count": 42, "yes": true, "no": false, "empty": [Any](), "words": ["甲", "乙<", "丙"],
        "rows": [["name": "一", "n": 1, "tags": ["a"]], ["name": "二", "n": 2, "tags": [String]()]] as [[String: Any]],
        "pairs": [["k": "a", "v": "1"], ["k": "b", "v": "2"]], "nested": ["inner": ["deep": "深"]] as [String: Any],
        "html": "<i>raw</i>", "blank": "",
    ]

    @Test("whitespace, sections, partials, parents and escaping render as the themes expect",
          arguments: [
              // Standalone tags on their own lines vanish with their line; inline ones do not.
              (["main": "<ul>\n  {{#rows}}\n  <li>{{name}} {{n}}</li>\n  {{/rows}}\n</ul>\n{{^empty}}none{{/empty}} {{#yes}}Y{{/yes}}{{^no}}N{{/no}}\n"],
               "<ul>\n  <li>一 1</li>\n  <li>二 2</li>\n</ul>\nnone YN\n"),
              (["main": "a {{#rows}} {{name}} {{/rows}} b\n  {{! a comment }}\n{{! inline }}c\r\n{{#words}}[{{.}}]{{/words}}\r\n"],
               "a  一  二  b\nc\r\n[甲][乙&lt;][丙]\r\n"),
              // Escaping, triple and ampersand, numbers and booleans, dotted names, implicit iterator.
              (["main": "{{title}}|{{{title}}}|{{&html}}|{{count}}|{{yes}}|{{nested.inner.deep}}|{{nested.missing.x}}|{{#nested}}{{inner.deep}}{{/nested}}|{{blank}}"],
               "&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;|<b>\"工会\" & 'x'</b>|<i>raw</i>|42|true|深||深|"),
              // Lookups climb the stack; .name stays in the innermost value.
              (["main": "{{#rows}}{{title}}/{{.name}}/{{#tags}}<{{.}}>{{/tags}}{{^tags}}no tags{{/tags}};{{/rows}}{{#pairs}}{{k}}={{v}},{{/pairs}}"],
               "&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;/一/<a>;&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;/二/no tags;a=1,b=2,"),
              // An indented standalone partial indents its lines, with swift-mustache's section quirks.
              (["main": "<div>\n  {{>item}}\n  {{>list}}\n</div>\n", "item": "<p>{{title}}</p>\n<p>second</p>\n",
               "list": "start\n{{#rows}}\n<li>{{name}}</li>\n{{/rows}}\nend\n"],
               "<div>\n  <p>&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;</p>\n  <p>second</p>\n  start\n  <li>一</li>\n<li>二</li>\n  end\n</div>\n"),
              // A parent with blocks, an indented block, a partial inside a block.
              (["main": "{{<base}}\n{{$head}}<meta x>{{/head}}\n{{$body}}\n  <h1>{{title}}</h1>\n    {{>item}}\n  tail\n{{/body}}\n{{/base}}\n",
               "base": "<html>\n{{$head}}{{/head}}\n<main>\n  {{$body}}default{{/body}}\n</main>\n{{$foot}}<footer>{{count}}</footer>{{/foot}}\n</html>\n",
               "item": "<p>{{html}}</p>\n"],
               "<html>\n<meta x>\n<main>\n  <h1>&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;</h1>\n    <p>&lt;i&gt;raw&lt;/i&gt;</p>\n  tail\n\n</main>\n<footer>42</footer>\n</html>\n"),
              // Changed delimiters and plain-text content.
              (["main": "{{=<% %>=}}\n<% title %> {{title}}\n<%={{ }}=%>\n{{title}}\n{{% CONTENT_TYPE: TEXT }}\n{{title}}\n"],
               "&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt; {{title}}\n&lt;b&gt;&quot;工会&quot; &amp; &#39;x&#39;&lt;/b&gt;\n<b>\"工会\" & 'x'</b>\n"),
          ] as [([String: String], String)])
    func sameBytes(templates: [String: String], expected: String) throws {
        #expect(try render(templates, Self.values) == expected)
    }

    @Test("a template the renderer cannot render the same way is refused at load, with its position")
    func refusedAtLoad() throws {
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse("ok\n{{uppercased(title)}}") }
        let error = try #require(throws: TemplateParser.Failure.self) { try TemplateParser.parse("line one\n  {{>*dynamic}}") }
        #expect(error.position == SourcePosition(line: 2, column: 6))
        #expect(error.message.contains("dynamic partials"))
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse("{{#open}} never closed") }
    }

    /// Markdown that exercises every way through `Markdown.render`.
    static func markdownTexts() throws -> [String] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repository.appendingPathComponent("content/notices")
        var texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        texts.append("# 标题\n\n## 标题\n\n| 甲 | 乙 |\n| --- | --- |\n| # 不是标题 | `<h2>` |\n\n### *强调* 与 `代码`\n")
        // Character references to control characters go through libcmark as those bytes.
        texts.append("# 甲 &#3; 乙 &#2;\n\n&#1; &#2; &#3;\n\n| 甲 |\n| - |\n| &#1; |\n\n## 丙\n")
        // Tables in a list and a quote; cells with inline Markdown, links (one unsafe) and escaped pipes.
        texts.append("- 项目\n\n  | a | b |\n  | :- | -: |\n  | **x** | [y](javascript:z) \\| [w](https://example.org/) |\n\n> | q |\n> | - |\n> | `c\\|d` |\n\n<div>raw</div>\n")
        // Long texts: output over 64 KB (the arena's large allocations), with and without tables and headings.
        var long = "", longTables = ""
        for i in 0..<1500 {
            long += "第 \(i) 段，*强调* 与 `代码` 与 [链接](https://example.org/\(i))。\n\n"
            longTables += "## 第 \(i % 40) 节\n\n| 序号 | 名称 |\n| ---: | --- |\n| \(i) | **作品** \(i) |\n\n"
        }
        texts += [long, longTables]
        return texts
    }


    @Test("Markdown rendered the fast way (arena, tables and ids put in while copying) equals libcmark used the plain way")
    func markdownBothWays() throws {
        // As custom blocks, libcmark puts a heading's text on its own line (which does not render).
        func same(_ html: String) -> String { html.replacingOccurrences(of: "\">\n", with: "\">").replacingOccurrences(of: "\n</h", with: "</h") }
        for text in try Self.markdownTexts() {
            for unsafe in [false, true] {
                for ids in [false, true] {
                    let fast = Markdown.render(text, unsafe: unsafe, headingIds: ids).description
                    let plain = Markdown.render(text, unsafe: unsafe, headingIds: ids, reference: true).description
                    #expect(same(fast) == same(plain), "unsafe: \(unsafe), ids: \(ids), text: \(text.prefix(40))")
                    if ids && text.contains("\n#") { #expect(fast.contains(" id=\"")) }
                }
            }
        }
    }

    @Test("Markdown rendered on many threads at once (each with its own arena) equals Markdown rendered one at a time")
    func markdownConcurrently() throws {
        let texts = try Self.markdownTexts()
        let expected = texts.map { Markdown.render($0, headingIds: true).description }
        let rounds = 8
        let results = texts.indices.flatMap { i in Array(repeating: i, count: rounds) }.concurrentMap { i in
            (i, Markdown.render(texts[i], headingIds: true).description)
        }
        #expect(results.count == texts.count * rounds)
        for (i, html) in results { #expect(html == expected[i]) }
    }
}

@Suite("Dates that never break")
struct UnbrokenDatesTests {
    @Test("a date in the text is wrapped; one in a tag, the title, a script or a longer number is not")
    func wrapsOnlyText() {
        let html = """
        <title>2021年4月30日</title><p title="2021年4月30日">截至2021年4月30日，12021年4月30日 与 2024年10月13日</p><script>var d = "2021年4月30日";</script><p>2021年4月</p>
        """
        let out = String(decoding: UnbrokenDates.apply(Array(html.utf8)), as: UTF8.self)
        #expect(out == """
        <title>2021年4月30日</title><p title="2021年4月30日">截至<span class="nb">2021年4月30日</span>，12021年4月30日 与 <span class="nb">2024年10月13日</span></p><script>var d = "2021年4月30日";</script><p>2021年4月</p>
        """)
    }
}
