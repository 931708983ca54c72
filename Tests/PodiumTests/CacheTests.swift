import Foundation
import Testing
@testable import PodiumCore

/// The entries cache (`EntriesCache`): a rebuild reads a campaign's checked entries back instead
/// of parsing them again, but only from a whole file written for exactly these inputs. And the
/// weekly snapshots' rows (`SnapshotCache`), used only when every value agrees with the file.
@Suite("Caches between builds")
struct CacheTests {
    let fm = FileManager.default

    /// An entry with every field set, so the round trip covers each one.
    func fullEntry(_ id: String, status: String = "published") -> [String: Any] {
        entry(id, likes: 12, scores: [88.5, 90.25], [
            "phone": "13800000000", "kind": "unit", "union": "河北省总工会", "region": "石家庄", "division": "河北",
            "organizations": ["组织甲", "组织乙"], "group": "甲组", "category": "微电影", "submitted": "2021-03-05T09:30:00+08:00",
            "status": status, "durationSeconds": 170.5, "videoMB": 88.25, "textChars": 1200, "images": ["a.jpg", "b.jpg"],
            "cover": "cover.png", "video": "https://example.org/v.mp4", "views": 345, "favorites": 6,
            "badges": ["劳动模范"], "summary": "简介 <b>&</b>",
        ])
    }

    func site() throws -> TestSite {
        let site = try TestSite()
        try site.campaign("c", ["groups": ["label": "组别", "values": ["甲组", "乙组"]], "divisions": ["河北"]],
                          entries: [fullEntry("a"), entry("b", likes: 3), fullEntry("c", status: "pending")])
        try site.write("content/campaigns/c/cover.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        return site
    }

    func bytes(_ site: TestSite, _ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: site.root.appendingPathComponent(path)))
    }

    @Test("entries read back from the cache equal the entries read from their file, every field")
    func roundTrip() throws {
        let site = try site()
        defer { site.remove() }
        let entries = try #require(SiteLoader.load(site: site.root).0?.campaigns.first?.entries)
        #expect(entries.count == 3)
        let back = try #require(EntriesCache.entries(EntriesCache.body(entries)))
        #expect(back.map { String(reflecting: $0.fields) } == entries.map { String(reflecting: $0.fields) })
        #expect(String(reflecting: entries[0].fields).contains("河北省总工会"))
    }

    @Test("the cache is read only under its key and whole: a damaged or cut file is read from entries.json again")
    func keyedAndWhole() throws {
        let site = try site()
        defer { site.remove() }
        try site.build()
        let folder = site.root.appendingPathComponent(".public.podium-cache")
        let cache = EntriesCache(folder: folder)
        let key = EntriesCache.key(campaign: try bytes(site, "content/campaigns/c/campaign.json"), file: "entries.json",
                                   bytes: try bytes(site, "content/campaigns/c/entries.json"))
        #expect(try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".entries") } == [EntriesCache.fileName(key)])

        // Whole and under its key, the file is what the build reads: a title changed in it shows.
        var entries = try #require(cache.load(key))
        entries[0].title = "缓存里的标题"
        cache.store(entries, for: key)
        try fm.removeItem(at: site.root.appendingPathComponent("public"))
        try site.build()
        #expect(try site.read("campaigns/c/entries/a.html").contains("缓存里的标题"))

        // Any damage is a miss: one byte changed, the file cut short, or a file of another key.
        let path = folder.appendingPathComponent(EntriesCache.fileName(key)).path
        let whole = try #require(fm.contents(atPath: path))
        var flipped = whole
        flipped[whole.count / 2] ^= 0x20
        let other = Fingerprint(high: key.high, low: key.low ^ 1)
        cache.store(entries, for: other)
        let foreign = try #require(fm.contents(atPath: folder.appendingPathComponent(EntriesCache.fileName(other)).path))
        for damaged in [flipped, whole.prefix(whole.count - 1), whole.prefix(40), Data(), foreign] {
            try damaged.write(to: URL(fileURLWithPath: path))
            #expect(cache.load(key) == nil)
            try fm.removeItem(at: site.root.appendingPathComponent("public"))
            try site.build()
            #expect(try site.read("campaigns/c/entries/a.html").contains("作品 a"))
            // Read again from entries.json, the entries are stored again, whole.
            #expect(try #require(cache.load(key)).first?.title == "作品 a")
        }
        // The other key's file is not the site's: the build removed it.
        #expect(!fm.fileExists(atPath: folder.appendingPathComponent(EntriesCache.fileName(other)).path))

        // Changed entries have a new key; the old file is removed.
        try site.campaign("c", ["groups": ["label": "组别", "values": ["甲组", "乙组"]], "divisions": ["河北"]],
                          entries: [fullEntry("a"), entry("b", likes: 4)])
        try site.build()
        #expect(!fm.fileExists(atPath: path))
        #expect(try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".entries") }.count == 1)
    }

    @Test("a week's rows read back from the cache in ranking order, every value as the snapshot has it; a changed value is a miss")
    func snapshotRowsRoundTrip() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a"), entry("b"), entry("c"), entry("d", ["status": "pending"])])
        // The file's order is not the ranking's: c (5 likes, 9 views), b (5, 3), a (1); d is not published.
        let week = "content/campaigns/c/weeks/2021-03-07.json"
        try site.write(week, #"{"entries": [{"id": "a", "likes": 1}, {"id": "b", "likes": 5, "views": 3}, {"id": "d", "likes": 2}, {"id": "c", "likes": 5, "views": 9}]}"#)
        try site.build()
        let entries = try #require(SiteLoader.load(site: site.root).0?.campaigns.first?.entries)
        let snapshot = try bytes(site, week)
        let cache = SnapshotCache(folder: site.root.appendingPathComponent(".public.podium-cache"))
        let key = SnapshotCache.key(bytes: snapshot, entries: SnapshotCache.entriesKey(entries))
        let ids = entries.map(\.id)
        let roster = SnapshotCache.Roster(ids: ids, published: entries.map(\.isPublished))
        let (rows, unranked) = try #require(cache.rows(for: key, bytes: snapshot, roster: roster))
        #expect(rows.map { ids[$0.entry] } == ["c", "b", "a"])
        #expect(rows.map(\.likes) == [5, 5, 1] && rows.map(\.views) == [9, 3, 0])
        #expect(unranked.map { ids[$0.entry] } == ["d"])
        for row in rows {
            let id = Array("\"\(ids[row.entry])\"".utf8), likes = Array("\(row.likes)".utf8)
            #expect(Array(snapshot[row.idOffset..<row.idOffset + id.count]) == id)
            #expect(Array(snapshot[row.likesOffset..<row.likesOffset + likes.count]) == likes)
        }
        // The same rows stored with one value changed: a miss, however well made the file.
        var changed = rows
        changed[2].likes = 7
        cache.store(changed, unranked: unranked, for: key)
        #expect(cache.rows(for: key, bytes: snapshot, roster: roster) == nil)
        // Two rows' entries swapped (c and b have the same likes): only their ids in the file tell.
        var swapped = rows
        (swapped[0].entry, swapped[1].entry) = (rows[1].entry, rows[0].entry)
        cache.store(swapped, unranked: unranked, for: key)
        #expect(cache.rows(for: key, bytes: snapshot, roster: roster) == nil)
        cache.store(rows, unranked: unranked, for: key)
        #expect(cache.rows(for: key, bytes: snapshot, roster: roster)?.rows.map(\.likes) == [5, 5, 1])
    }

    @Test("entries with a problem are not cached")
    func problemsNotCached() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", entries: [entry("a"), entry("a")])
        #expect(!site.failingBuild().isEmpty)
        let folder = site.root.appendingPathComponent(".public.podium-cache")
        #expect(((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".entries") }.isEmpty)
    }

    @Test("reading any bytes as cached entries never traps: random bytes and every cut of a real file")
    func neverTraps() throws {
        let site = try site()
        defer { site.remove() }
        let entries = try #require(SiteLoader.load(site: site.root).0?.campaigns.first?.entries)
        let body = EntriesCache.body(entries)
        for n in 0..<body.count { #expect(EntriesCache.entries(Array(body.prefix(n))) == nil) }
        var random = SplitMix64(state: 18)
        for _ in 0..<2000 {
            var bytes = body
            for _ in 0...random.below(4) { bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            _ = EntriesCache.entries(bytes)
            let noise = (0..<random.below(300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = EntriesCache.entries(noise)
        }
    }
}

/// The folder a rebuild writes into is the one the previous build replaced (the site of two
/// builds ago), renamed: whatever it holds, the result must be exactly the new site, and nothing
/// the published site holds may change while it is made.
@Suite("Recycled output folder")
struct RecycledFolderTests {
    let fm = FileManager.default

    /// Every file under a folder, with its bytes (folders listed with a trailing slash).
    func tree(_ root: URL) -> [String: String] {
        var out: [String: String] = [:]
        for path in (fm.enumerator(atPath: root.path)?.allObjects as? [String]) ?? [] {
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder)
            out[path + (isFolder.boolValue ? "/" : "")] = isFolder.boolValue ? "" : (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? "?"
        }
        return out
    }

    func build(_ files: [String: String], at root: URL) throws {
        let place = try OutputPlace(destination: root.appendingPathComponent("public"), site: root)
        let folder = try OutputFolder(place: place)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            try folder.write(text, to: path, key: Fingerprint(high: 1, low: UInt64(text.utf8.count)))
        }
        folder.keepOnly(Set(files.keys), order: files.keys.sorted())
        try folder.commit()
    }

    /// The descriptors this process holds on a file, found through /proc/self/fd.
    func descriptors(of path: String) -> [Int32] {
        let fds = (try? fm.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.compactMap { Int32($0) }.filter { fd in
            (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) == path
        }
    }

    /// A process started while a build holds the lock (tests and `podium serve` start some) has a
    /// copy of its descriptor until it runs its program: closing ours alone would leave the lock
    /// held by that copy, and the next build would be told another one is running.
    @Test("a copy of the lock's descriptor, as a process started meanwhile holds, does not keep the next build out")
    func lockCopy() throws {
        let root = fm.temporaryDirectory.appendingPathComponent("podium-lock-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let place = try OutputPlace(destination: root.appendingPathComponent("public"), site: root)
        let folder = try OutputFolder(place: place)
        #expect(throws: OutputFolder.Busy.self) { _ = try OutputFolder(place: place) }
        let held = descriptors(of: place.lock)
        try #require(held.count == 1)
        let copy = dup(held[0])
        defer { close(copy) }
        try folder.write("1", to: "a.html", key: Fingerprint(high: 1, low: 1))
        folder.keepOnly(["a.html"], order: ["a.html"])
        try folder.commit()
        try build(["a.html": "2"], at: root)
        #expect(tree(root.appendingPathComponent("public")) == ["a.html": "2"])
    }

    @Test("files put into public/ by hand are swept from the site that recycles their folder, whatever their number")
    func handAddedSwept() throws {
        let root = fm.temporaryDirectory.appendingPathComponent("podium-recycle-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let files = ["a.html": "1", "d/x.html": "x", "d/y.html": "y", "e/deep/z.html": "z"]
        let expected = ["a.html": "1", "d/": "", "d/x.html": "x", "d/y.html": "y", "e/": "", "e/deep/": "", "e/deep/z.html": "z"]
        let public_ = root.appendingPathComponent("public")
        try build(files, at: root)
        // Beside the site's files, in its folders and in one of its own; one of its files removed.
        try fm.removeItem(at: public_.appendingPathComponent("d/y.html"))
        for (path, text) in ["d/stray.html": "s", "d/y.htm": "y?", "top.txt": "t", "extra/w.html": "w", "e/deep/.hidden": "h"] {
            try fm.createDirectory(at: public_.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: public_.appendingPathComponent(path))
        }
        try build(files, at: root)
        #expect(tree(public_) == expected, "the second build writes a new folder")
        try build(files, at: root)   // recycles the folder the hand-added files are in
        #expect(tree(public_) == expected)
    }

    @Test("a rebuild in the replaced folder: files and folders swapped for each other, stale ones swept, the published site untouched")
    func recycled() throws {
        let root = fm.temporaryDirectory.appendingPathComponent("podium-recycle-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let builds: [[String: String]] = [
            ["a.html": "1", "d/x.html": "x", "gone/deep/y.html": "y", "f": "a file"],
            ["a.html": "1", "d/x.html": "x", "f": "a file"],
            // Recycles the first build's folder: d becomes a file, f a folder; gone/ is swept.
            ["a.html": "2", "d": "now a file", "f/inside.html": "in", "b.html": "b"],
            // Recycles the second's: d is a folder again, kept bytes stay where they were.
            ["a.html": "2", "d/x.html": "x again", "f": "a file"],
            ["a.html": "3"],
            ["a.html": "3", "gone/deep/y.html": "back"],
        ]
        for (n, files) in builds.enumerated() {
            let published = tree(root.appendingPathComponent("public"))
            try build(files, at: root)
            var expected: [String: String] = [:]
            for (path, text) in files {
                expected[path] = text
                var parts = path.split(separator: "/").dropLast()
                while !parts.isEmpty { expected[parts.joined(separator: "/") + "/"] = ""; parts = parts.dropLast() }
            }
            #expect(tree(root.appendingPathComponent("public")) == expected, "build \(n + 1)")
            // The site this build replaced is beside it, every byte as it was published.
            let replaced = try fm.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public.old-") }
            if n > 0 {
                #expect(replaced.count == 1, "build \(n + 1): \(replaced)")
                if let old = replaced.first { #expect(tree(root.appendingPathComponent(old)) == published, "build \(n + 1)") }
            }
            #expect(try fm.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public.tmp-") }.isEmpty)
        }
    }
}
