import Foundation
import Testing
@testable import PodiumCore

/// The never-lose, never-leak, never-crash issue: each found problem, tried again.
@Suite("Hardening: hostile input and careless use")
struct HardeningTests {
    let fm = FileManager.default

    func site() throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", entries: [entry("a", likes: 3), entry("b", likes: 1)])
        return site
    }

    func build(_ site: TestSite, output: URL) -> Result<BuildReport, BuildFailure> {
        SiteBuilder.build(BuildOptions(site: site.root, output: output))
    }

    func errors(_ result: Result<BuildReport, BuildFailure>) -> [Diagnostic] {
        if case .failure(let f) = result { return f.diagnostics.filter { $0.severity == .error } }
        Issue.record("the build succeeded but should have failed")
        return []
    }

    // 1. Data loss

    @Test("an output folder that is, holds or lies inside content/ or templates/ is refused, and nothing moves")
    func outputOverSource() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("templates/extra.mustache", "x")
        let before = site.snapshot(of: "content")
        for output in ["content", ".", "content/campaigns", "templates", "templates/x"] {
            let e = errors(build(site, output: site.root.appendingPathComponent(output)))
            #expect(e.count == 1 && (e.first?.message.contains("the build would replace your source") ?? false), "\(output): \(e)")
        }
        #expect(site.snapshot(of: "content") == before)
        let names = try fm.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(names == ["content", "templates"], "nothing created or moved beside the source: \(names)")
    }

    @Test("an existing folder Podium did not make is never replaced; an empty one or its own is")
    func foreignFolder() throws {
        let site = try site()
        defer { site.remove() }
        let mine = site.root.appendingPathComponent("mine")
        try site.write("mine/keep.txt", "mine")
        let e = errors(build(site, output: mine))
        #expect(e.first?.message.contains("already holds files that Podium did not write") == true)
        #expect(try String(contentsOf: mine.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine")
        let empty = site.root.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)
        if case .failure(let f) = build(site, output: empty) { Issue.record("an empty folder is fine: \(f)") }
        if case .failure(let f) = build(site, output: empty) { Issue.record("its own folder is fine: \(f)") }
        #expect(fm.fileExists(atPath: empty.appendingPathComponent("index.html").path))
    }

    // 2. The tree walk

    @Test("folder listings read every name of any length, many times over")
    func listings() throws {
        let folder = fm.temporaryDirectory.appendingPathComponent("podium-names-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var expected: [String] = []
        for i in 0..<3000 {
            let name = String(repeating: "名", count: i % 80) + "\(i)"
            expected.append(name)
            try Data().write(to: folder.appendingPathComponent(name))
        }
        for _ in 0..<5 { #expect(try FileSystem.children(folder.path) == expected.sorted { $0.precedesInCodePoints($1) }) }
        FileSystem.removeTree(folder.path)
        #expect(!fm.fileExists(atPath: folder.path))
    }

    @Test("the file-system layer: FIFOs and folders are refused without blocking; two folders exchange in one step")
    func fileSystemLayer() throws {
        let folder = fm.temporaryDirectory.appendingPathComponent("podium-fs-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
        try Data("A".utf8).write(to: folder.appendingPathComponent("a/x"))
        try Data("B".utf8).write(to: folder.appendingPathComponent("b/x"))
        #expect(mkfifo(folder.appendingPathComponent("fifo").path, 0o644) == 0)
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read(folder.appendingPathComponent("fifo").path) }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read(folder.appendingPathComponent("a").path) }
        #expect(try FileSystem.read(folder.appendingPathComponent("a/x").path) == Array("A".utf8))
        #expect(try FileSystem.exchange(folder.appendingPathComponent("a").path, folder.appendingPathComponent("b").path))
        #expect(try FileSystem.read(folder.appendingPathComponent("a/x").path) == Array("B".utf8))
        #expect(try FileSystem.read(folder.appendingPathComponent("b/x").path) == Array("A".utf8))
        #expect(try FileSystem.children(folder.appendingPathComponent("nope").path) == [])
        #expect(throws: FileSystem.Failure.self) { try FileSystem.children(folder.appendingPathComponent("a/x").path) }
    }

    @Test("files are read whole at every size, a file's head to any count, a file over the limit refused, a file longer than it said read to its end")
    func readSizes() throws {
        let folder = fm.temporaryDirectory.appendingPathComponent("podium-read-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        var random = SplitMix64(state: 7)
        for size in [0, 1, 2, 4095, 4096, 4097, 65_536, 70_001, 1 << 20, (1 << 20) + 3] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileSystem.read(path) == bytes, "size \(size)")
            for count in Set([0, 1, max(0, size - 1), size, size + 10]) {
                #expect(try FileSystem.head(path, count: count) == Array(bytes.prefix(count)), "size \(size), head \(count)")
            }
            if size > 0 {
                #expect(throws: FileSystem.Failure.self) { try FileSystem.read(path, limit: size - 1) }
                #expect(try FileSystem.read(path, limit: size) == bytes)
            }
        }
        // /proc says its files are empty, and they are not: read on to the end all the same.
        let status = try FileSystem.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("VmRSS"))
        #expect(try FileSystem.head("/proc/self/status", count: 5) == Array(status.prefix(5)))
    }

    // 3. Crashes on input the loader accepted

    @Test("a cover that names a folder is an error at its field")
    func coverFolder() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", ["cover": "media"])])
        try fm.createDirectory(at: site.root.appendingPathComponent("content/campaigns/c/media"), withIntermediateDirectories: true)
        let e = site.failingBuild()
        #expect(e.contains { $0.field == "[0].cover" && $0.message.contains("is a folder") }, "\(e)")
    }

    @Test("a partial that includes itself, or a cycle of partials, fails when the theme loads")
    func partialCycles() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("templates/pagination.mustache", "{{> pagination}}")
        var e = site.failingBuild()
        #expect(e.contains { $0.path == "templates/pagination.mustache" && $0.message.contains("pagination → pagination") }, "\(e)")
        try site.write("templates/pagination.mustache", "{{> loop}}")
        try site.write("templates/loop.mustache", "{{> pagination}}")
        e = site.failingBuild()
        #expect(e.contains { $0.message.contains("includes itself") && $0.line == 1 }, "\(e)")
        #expect(!site.check().errors.isEmpty, "check finds it too")
    }

    @Test("Markdown nested 250,000 deep is an error with its line, in a notice and in an entry summary")
    func deepMarkdown() throws {
        let site = try TestSite()
        defer { site.remove() }
        let deep = String(repeating: "> ", count: 250_000) + "x"
        try site.campaign("c", entries: [entry("a", ["summary": deep])])
        try site.write("content/notices/n.md", "---\ntitle: 通知\ndate: 2021-03-01\n---\n\n正文\n\n" + deep + "\n")
        let e = site.failingBuild()
        #expect(e.contains { $0.path == "content/notices/n.md" && $0.line == 8 && $0.message.contains("nest more than 32") }, "\(e)")
        #expect(e.contains { $0.field == "[0].summary" && $0.message.contains("nest more than 32") }, "\(e)")
        // An ordinary list and quote pass.
        #expect(MarkdownDepth.tooDeep("> a\n> > b\n\n- x\n  - y\n    - z\n") == nil)
    }

    @Test("counts past 10^12, a snapshot of 9e18 likes and points past 10^12 are errors, not overflows")
    func hugeNumbers() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["scoring": ["likes": ["weight": 100, "normalize": "none"]]], entries: [
            entry("a", likes: 1_000_000_000_000), entry("b", likes: 9_000_000_000_000_000_000), entry("c", ["views": 9_200_000_000_000_000_000 as UInt64]),
        ])
        try site.writeJSON("content/campaigns/c/weeks/2021-03-07.json", ["entries": [["id": "a", "likes": 9_000_000_000_000_000_000]]])
        let e = site.failingBuild()
        #expect(e.contains { $0.field == "[0].likes" && $0.message.contains("more than 10¹² points") }, "\(e)")
        #expect(e.contains { $0.field == "[1].likes" && $0.message.contains("at most 1000000000000") }, "\(e)")
        #expect(e.contains { $0.field == "[2].views" && $0.message.contains("at most 1000000000000") }, "\(e)")
        #expect(e.contains { $0.path.hasSuffix("weeks/2021-03-07.json") && $0.message.contains("at most 1000000000000") }, "\(e)")
    }

    @Test("points past 10^12 fail every build, not only the first: entries outside the bounds are never cached as checked")
    func boundsEveryBuild() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["scoring": ["likes": ["weight": 100, "normalize": "none"]]], entries: [entry("a", likes: 1_000_000_000_000), entry("b", likes: 5)])
        for build in 1...2 {
            let e = site.failingBuild()
            #expect(e.contains { $0.field == "[0].likes" && $0.message.contains("more than 10¹² points") }, "build \(build): \(e)")
        }
    }

    // 4. Hangs

    @Test("links to a folder that holds them, a FIFO and a link to /dev/zero are errors, and the build ends")
    func loopsAndSpecialFiles() throws {
        let site = try site()
        defer { site.remove() }
        let media = site.root.appendingPathComponent("content/campaigns/c/media")
        try fm.createDirectory(at: media, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: media.appendingPathComponent("a").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: media.appendingPathComponent("b").path, withDestinationPath: "..")
        try fm.createDirectory(at: site.root.appendingPathComponent("content/campaigns/c/weeks"), withIntermediateDirectories: true)
        #expect(mkfifo(site.root.appendingPathComponent("content/campaigns/c/weeks/2021-03-07.json").path, 0o644) == 0)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/campaigns/c/votes.csv").path, withDestinationPath: "/dev/zero")
        let e = site.failingBuild()
        #expect(e.filter { $0.message.contains("a loop") }.count == 2, "\(e)")
        #expect(e.contains { $0.path == "content/campaigns/c/weeks/2021-03-07.json" && $0.message.contains("FIFO") }, "\(e)")
        #expect(e.contains { $0.path == "content/campaigns/c/votes.csv" && $0.message.contains("outside content/") }, "\(e)")
    }

    @Test("a link to nothing (an editor's lock file) is passed over with a warning, not an error")
    func danglingLink() throws {
        let site = try site()
        defer { site.remove() }
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/campaigns/c/.#entries.json").path, withDestinationPath: "user@host.4242")
        try site.build()
        #expect(site.check().warnings.contains { $0.path == "content/campaigns/c/.#entries.json" && $0.message.contains("link to nothing") })
    }

    // 5. Leaks

    @Test("an attachment behind a link to /etc is an error and nothing from outside is published")
    func attachmentLeak() throws {
        let site = try site()
        defer { site.remove() }
        try fm.createDirectory(at: site.root.appendingPathComponent("content/notices/attachments"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/notices/attachments/etc").path, withDestinationPath: "/etc")
        try site.write("content/notices/n.md", "---\ntitle: 通知\ndate: 2021-03-01\nattachments:\n  - title: 密码\n    file: attachments/etc/passwd\n---\n\n正文\n")
        let e = site.failingBuild()
        #expect(e.contains { $0.field == "attachments[0].file" && $0.message.contains("leads outside content/notices/") }, "\(e)")
        #expect(e.contains { $0.path == "content/notices/attachments/etc" && $0.message.contains("outside content/") }, "\(e)")
        #expect(!site.exists("notices/attachments/etc/passwd"))
    }

    // 6. Silent overwrites

    @Test("a cover published where a generated file goes is an error naming both")
    func collisions() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", ["cover": "index.html"]), entry("b", ["cover": "leaderboard.json"])])
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        try Data(png).write(to: site.root.appendingPathComponent("content/campaigns/c/index.html"))
        try Data(png).write(to: site.root.appendingPathComponent("content/campaigns/c/leaderboard.json"))
        let e = site.failingBuild()
        #expect(e.contains { $0.path == "content/campaigns/c/index.html" && $0.message.contains("public/campaigns/c/index.html, where the campaign page goes") }, "\(e)")
        #expect(e.contains { $0.path == "content/campaigns/c/leaderboard.json" && $0.message.contains("a generated file") }, "\(e)")
    }

    // 7. Silent loss

    @Test("weeks/ as a file, or campaigns/ as a file, is an error, never an empty site")
    func filesWhereFoldersGo() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("content/campaigns/c/weeks", "oops")
        var e = site.failingBuild()
        #expect(e.contains { $0.path == "content/campaigns/c/weeks" && $0.message.contains("is a file where a folder is expected") }, "\(e)")
        try fm.removeItem(at: site.root.appendingPathComponent("content/campaigns"))
        try site.write("content/campaigns", "oops")
        e = site.failingBuild()
        #expect(e.contains { $0.path == "content/campaigns" && $0.message.contains("is a file where a folder is expected") }, "\(e)")
    }

    // 8. The publish window

    @Test("a killed build's staging folder and a half-done swap are cleaned up by the next build")
    func leftovers() throws {
        let site = try site()
        defer { site.remove() }
        try site.build()
        // A staging folder of a killed build, and a swap killed between its two renames.
        try site.write(".public.tmp-999999/index.html", "half")
        try fm.moveItem(at: site.root.appendingPathComponent("public"), to: site.root.appendingPathComponent(".public.old-999999-ab"))
        try site.write(".public.podium-swap", ".public.old-999999-ab")
        let fresh = TestSite(root: site.root).snapshot(of: ".public.old-999999-ab")
        try site.build()
        #expect(site.snapshot() == fresh)
        let names = try fm.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.tmp") || $0 == ".public.podium-swap" }
        #expect(names.isEmpty, "\(names)")
    }

    @Test("a public/ that is a link (a web root) stays a link; the folder it names gets the site")
    func linkedOutput() throws {
        let site = try site()
        defer { site.remove() }
        let webroot = site.root.appendingPathComponent("www/html")
        try fm.createDirectory(at: webroot, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("public").path, withDestinationPath: webroot.path)
        try site.build()
        try site.build()
        #expect(try fm.destinationOfSymbolicLink(atPath: site.root.appendingPathComponent("public").path) == webroot.path)
        #expect(fm.fileExists(atPath: webroot.appendingPathComponent("index.html").path))
    }

    // 9. Trusted caches and hand edits

    @Test("an altered but well-formed snapshot cache file is not used")
    func tamperedCache() throws {
        let site = try site()
        defer { site.remove() }
        try site.writeJSON("content/campaigns/c/weeks/2021-03-07.json", ["entries": [["id": "a", "likes": 2], ["id": "b", "likes": 1]]])
        try site.build()
        let expected = try site.read("campaigns/c/weeks/2021-03-07.json")
        let cache = site.root.appendingPathComponent(".public.podium-cache")
        let file = try #require(try fm.contentsOfDirectory(atPath: cache.path).first { $0.hasSuffix(".rows") })
        // Likes of the first row set to 99999, the checksum made again as Podium makes it.
        var words = try Data(contentsOf: cache.appendingPathComponent(file)).withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        }
        words[6] = 99999
        var h = FingerprintHasher()
        Array(words.dropLast(2)).withUnsafeBytes { h.add(bytes: $0) }
        let sum = h.finish()
        words[words.count - 2] = sum.high
        words[words.count - 1] = sum.low
        try words.withUnsafeBytes { try Data($0).write(to: cache.appendingPathComponent(file)) }
        try fm.removeItem(at: site.root.appendingPathComponent("public"))
        try site.build()
        #expect(try site.read("campaigns/c/weeks/2021-03-07.json") == expected)
    }

    @Test("a hidden cover's edit reaches the site; a hand-edited page is rendered again even with its time put back")
    func hiddenInputsAndHandEdits() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", ["cover": ".cover.png"])])
        let cover = site.root.appendingPathComponent("content/campaigns/c/.cover.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]).write(to: cover)
        try site.build()
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 2]).write(to: cover)
        try site.build()
        #expect(fm.contents(atPath: site.root.appendingPathComponent("public/campaigns/c/.cover.png").path)?.last == 2)

        let page = site.root.appendingPathComponent("public/campaigns/c/entries/a.html")
        let original = try String(contentsOf: page, encoding: .utf8)
        let time = try #require(try fm.attributesOfItem(atPath: page.path)[.modificationDate] as? Date)
        try Data((original + "<!-- edited -->").utf8).write(to: page)
        try Data(original.replacingOccurrences(of: "作品 a", with: "作品 X").utf8).write(to: page)   // same size
        try fm.setAttributes([.modificationDate: time], ofItemAtPath: page.path)
        try site.build()
        #expect(try String(contentsOf: page, encoding: .utf8) == original)
    }

    // 10. Errors people can read

    @Test("likes: -5 is one error, not two")
    func oneErrorPerProblem() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a", likes: -5)])
        let e = site.failingBuild()
        #expect(e.count == 1, "\(e)")
    }

    // 11. Attachment names

    @Test("attachments named with & ' \" < > # ? and spaces are published and linked percent-encoded")
    func attachmentNames() throws {
        let site = try site()
        defer { site.remove() }
        let name = "报名表 & 'a' \"b\" <c> #1?.txt"
        try site.write("content/notices/attachments/\(name)", "表")
        try site.write("content/notices/n.md", "---\ntitle: 通知\ndate: 2021-03-01\nattachments:\n  - title: 报名表\n    file: 'attachments/\(name.replacingOccurrences(of: "'", with: "''"))'\n---\n\n正文\n")
        try site.build()
        #expect(site.exists("notices/attachments/\(name)"))
        let page = try site.read("notices/n.html")
        #expect(page.contains("href=\"../notices/attachments/%E6%8A%A5%E5%90%8D%E8%A1%A8%20%26%20%27a%27%20%22b%22%20%3Cc%3E%20%231%3F.txt\""), "\(page)")
    }
}
