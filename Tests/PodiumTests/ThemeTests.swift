import Foundation
import Testing
@testable import PodiumCore

@Suite("Theme")
struct ThemeTests {
    @Test("the embedded default theme is exactly templates/ (run scripts/embed-theme after editing)")
    func embeddedThemeMatchesFolder() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../templates").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted()
        #expect(names == DefaultTheme.files.keys.sorted())
        for name in names {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            #expect(DefaultTheme.files[name] == text, "\(name) differs from the embedded copy")
        }
    }

    @Test("a site's template replaces the default one; a key no one provides fails with its name and line")
    func overrideAndMissingKey() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.write("templates/home.mustache", "{{<base}}{{$main}}<p>自定义首页 {{siteTitle}}</p>{{/main}}{{/base}}\n")
        try site.build()
        #expect(try site.read("index.html").contains("<p>自定义首页 测试站点</p>"))

        let before = site.snapshot()
        try site.write("templates/home.mustache", "{{<base}}{{$main}}\n<p>{{siteTitle}}</p>\n<p>{{notAKey}}</p>{{/main}}{{/base}}\n")
        let errors = site.failingBuild()
        let e = try #require(errors.first)
        #expect(e.path == "templates/home.mustache" && e.line == 3)
        #expect(e.message.contains("\"notAKey\""))
        #expect(site.snapshot() == before)
    }

    @Test("a template that includes a missing partial is an error at load")
    func missingPartial() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.write("templates/leaderboard.mustache", "{{<base}}{{$main}}\n{{>rank-tabel}}{{/main}}{{/base}}\n")
        let errors = site.failingBuild()
        #expect(errors.contains { $0.path == "templates/leaderboard.mustache" && $0.line == 2 && $0.message.contains("\"rank-tabel\"") })
    }

    @Test("Markdown drops raw HTML and links outside http, https, mailto and relative")
    func markdownSafety() {
        let html = Markdown.html("<div onclick=x>hi</div>\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:x@example.org) [d](../rel) [e](ftp://x)")
        #expect(!html.contains("onclick") && !html.contains("javascript") && !html.contains("data:") && !html.contains("ftp:"))
        #expect(html.contains("<a href=\"mailto:x@example.org\">c</a>") && html.contains("<a href=\"../rel\">d</a>"))
        #expect(html.contains("a") && html.contains(" e"))
    }

    @Test("the link check catches a broken link in an overridden template; a sub-path site has a sitemap of absolute addresses")
    func linkCheckAndSitemap() throws {
        let site = try TestSite(site: ["baseURL": "https://example.org/results/"])
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.build()
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/results/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/results/campaigns/c/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/results/campaigns/c/entries/a.html</loc>"))
        #expect(!sitemap.contains("404.html"))
        #expect(try site.read("robots.txt").contains("Sitemap: https://example.org/results/sitemap.xml"))

        let before = site.snapshot()
        try site.write("templates/entry.mustache", "{{<base}}{{$main}}<a href=\"{{root}}campaigns/c/nowhere.html\">x</a> <img src=\"../missing.png\">{{/main}}{{/base}}\n")
        let errors = site.failingBuild()
        #expect(errors.contains { $0.path == "campaigns/c/entries/a.html" && $0.message.contains("\"../../../campaigns/c/nowhere.html\"") && $0.message.contains("template \"entry\"") })
        #expect(site.snapshot() == before)
    }

    @Test("init writes a site that builds and checks clean, and refuses to overwrite one")
    func initSite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteTemplate.write(to: folder)
        let diagnostics = SiteBuilder.check(BuildOptions(site: folder))
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        let report = try SiteBuilder.build(BuildOptions(site: folder)).get()
        #expect(report.pages > 10)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("public/notices/reading-2025.html").path))
        #expect(throws: Diagnostic.self) { try SiteTemplate.write(to: folder) }
    }

    @Test("the style sheet is published under a name that changes with its bytes")
    func fingerprintedAssets() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a")])
        try site.build()
        let first = try site.stylesheet()
        #expect(first.range(of: #"^style\.[0-9a-f]{8}\.css$"#, options: .regularExpression) != nil)
        try site.write("templates/style.css", "body { color: #000; }\n")
        try site.build()
        let second = try site.stylesheet()
        #expect(second != first && site.exists(second) && !site.exists(first))
        #expect(try site.read(second) == "body { color: #000; }\n")
    }
}
