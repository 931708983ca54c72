import Foundation
import Testing
@testable import PodiumCore

/// Each template renders one typed page model; the theme checks every key its templates name
/// against the models when it loads, before any page is made.
@Suite("Page models")
struct PageModelTests {
    /// The verification page's model without `indexURL`, which the default theme's verify.mustache uses.
    struct ThinVerify: PageModel {
        static let template = "verify"
        var chrome: PageChrome.Model
        var heading: String
        var indexJSON: String
    }

    @Test("the default theme passes the partial and key checks against every page model (builds do not check it again); a model that lacks a key of it fails, at the key's line and column")
    func defaultThemeKeys() throws {
        let site = try TestSite()
        defer { site.remove() }
        // What a build skips for a site without templates of its own, done here in full.
        let (theme, clean) = Theme.load(site: site.root, models: PageModels.all)
        #expect(theme != nil && clean.all.isEmpty, "the default theme does not pass its checks: \(clean.all)")

        let (thin, diagnostics) = Theme.load(site: site.root, models: [ThinVerify.self])
        #expect(thin == nil)
        let text = try #require(DefaultTheme.files["verify.mustache"])
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{indexURL}}") })
        let column = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)[line].range(of: "{{indexURL}}")).lowerBound
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line]
        let errors = diagnostics.all.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.path == "(default theme)/verify.mustache" && e.line == line + 1 && e.column == lineText.distance(from: lineText.startIndex, to: column) + 1)
        #expect(e.message.contains("\"indexURL\"") && e.message.contains("\"verify\" page"))
    }

    @Test("a site's template naming a key its model lacks is an error of check and build, with its position, also through a partial")
    func overrideKeys() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.build()
        let before = site.snapshot()
        try site.write("templates/home.mustache", "{{<base}}{{$main}}\n<p>{{siteTitle}}</p>\n  <p>{{#campaigns}}{{titel}}{{/campaigns}}</p>{{/main}}{{/base}}\n")
        try site.write("templates/rank-table.mustache", "<table>\n{{#rows}}<tr><td>{{rank}}</td><td>{{award.name}}</td></tr>{{/rows}}\n</table>\n")

        for errors in [site.check().all.filter { $0.severity == .error }, site.failingBuild()] {
            let home = errors.filter { $0.path == "templates/home.mustache" }
            #expect(home.count == 1 && home.first?.line == 3 && home.first?.column == 20, "\(home)")
            #expect(home.first?.message.contains("\"titel\"") == true)
            // rank-table is a partial of the leaderboard page: reported once per page that includes it, at its own line.
            let table = errors.filter { $0.path == "templates/rank-table.mustache" }
            #expect(!table.isEmpty && table.allSatisfy { $0.line == 2 && $0.column == 35 && $0.message.contains("\"award.name\"") }, "\(table.map { "\($0)" })")
            #expect(table.contains { $0.message.contains("\"leaderboard\" page (through the \"rank-table\" template)") })
        }
        #expect(site.snapshot() == before)
    }

    struct Sample: PageModel {
        static let template = "sample"
        struct Part: InlineKeys { var shared: String }
        struct Item: Codable, Sendable { var name: String; var note: String? }
        var part: Part
        var title: String
        var missing: String?
        var html: HTMLFragment
        var items: [Item]
        var count: Int
        var flag: Bool
    }

    @Test("a model renders as its keys: inline parts beside its own, nil prints nothing and is false, HTML is copied, text escaped")
    func rendering() throws {
        let template = "{{shared}}|{{title}}|{{missing}}{{^missing}}无{{/missing}}|{{{html}}}|{{#items}}{{name}}{{#note}}({{.}}){{/note}};{{/items}}|{{count}}|{{#flag}}F{{/flag}}{{^flag}}f{{/flag}}"
        let renderer = TemplateRenderer(templates: ["sample": try TemplateParser.parse(template)])
        let model = Sample(part: .init(shared: "共"), title: "<标题>", missing: nil, html: HTMLFragment(Array("<b>粗</b>".utf8)),
                           items: [.init(name: "甲", note: "注"), .init(name: "乙", note: nil)], count: 12, flag: false)
        let context = PageContext(model)
        let out = try #require(renderer.render("sample", context))
        #expect(String(decoding: out, as: UTF8.self) == "共|&lt;标题&gt;|无|<b>粗</b>|甲(注);乙;|12|f")
        #expect(context.missingKeys.isEmpty)

        // The schema the theme checks against names the same keys, the inline part's among them.
        guard case .object(let keys) = TemplateSchema.of(Sample.self) else { Issue.record("not an object"); return }
        #expect(Set(keys.keys) == ["shared", "title", "missing", "html", "items", "count", "flag"])
        guard case .list(.object(let item))? = keys["items"] else { Issue.record("items is not a list of objects"); return }
        #expect(Set(item.keys) == ["name", "note"])
    }

    @Test("each page template of the default theme has one model, and each model a template; partials have none")
    func oneModelPerTemplate() {
        let templates = PageModels.all.map { $0.template }
        #expect(Set(templates).count == templates.count, "two models render one template: \(templates)")
        let pages = Set(DefaultTheme.files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
        let partials: Set<String> = ["base", "pagination", "rank-table"]
        #expect(Set(templates) == pages.subtracting(partials))
    }
}
