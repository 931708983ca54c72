import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fingerprints of a build's inputs, grouped the way pages depend on them, so a page whose
/// inputs did not change can keep the previous build's file without being rendered again.
///
/// The groups are deliberately coarse (whole files, never single fields): a page is rendered
/// again whenever any file it may read changed. A test changes each kind of input in turn and
/// checks that the incremental build equals a fresh one, byte for byte.
struct InputDigest: Sendable, Equatable {
    /// The podium executable and this format: a new Podium renders everything again.
    var program: Fingerprint
    /// The theme's templates and assets (default and the site's own).
    var theme: Fingerprint
    /// `content/` except campaigns and notices (site.json), and the list of campaign folders.
    var site: Fingerprint
    /// Per campaign slug: every file of its folder except `weeks/`.
    var campaigns: [String: Fingerprint]
    /// Per campaign slug: each weekly snapshot, in file-name (date) order.
    var weeks: [String: [Fingerprint]]
    /// `content/notices/`, attachments included.
    var notices: Fingerprint
    /// Names, sizes and modification times of content/ and templates/ when the digest was made:
    /// compared again after rendering, cheaply, to notice files edited during the build.
    var stamp: Fingerprint
    /// Whether content/notices holds a notice (a top-level `.md` file).
    var hasNotices: Bool

    /// `stamp`: taken before anything is read (a file edited after it makes the final check fail).
    static func compute(site: URL, theme: Theme, stamp: Fingerprint) -> InputDigest {
        let content = site.appendingPathComponent("content")
        var themeHash = FingerprintHasher()
        for (name, source) in (theme.templates.map { ($0.key + ".mustache", $0.value) } + theme.assets.map { ($0.key, $0.value) })
            .sorted(by: { $0.0 < $1.0 }) {
            themeHash.add(name)
            themeHash.add(source.text)
        }
        var siteHash = FingerprintHasher()
        for name in SiteLoader.sortedChildren(content) where name != "campaigns" && name != "notices" {
            addTree(content.appendingPathComponent(name), name: name, to: &siteHash)
        }
        let campaignsFolder = content.appendingPathComponent("campaigns")
        let slugs = SiteLoader.sortedChildren(campaignsFolder)
        for slug in slugs { siteHash.add(slug) }
        var campaigns: [String: Fingerprint] = [:], weeks: [String: [Fingerprint]] = [:]
        for slug in slugs {
            let folder = campaignsFolder.appendingPathComponent(slug)
            var core = FingerprintHasher()
            for name in SiteLoader.sortedChildren(folder) where name != "weeks" {
                addTree(folder.appendingPathComponent(name), name: name, to: &core)
            }
            campaigns[slug] = core.finish()
            let weeksFolder = folder.appendingPathComponent("weeks")
            weeks[slug] = SiteLoader.sortedChildren(weeksFolder).map { name in
                var h = FingerprintHasher()
                addTree(weeksFolder.appendingPathComponent(name), name: name, to: &h)
                return h.finish()
            }
        }
        var notices = FingerprintHasher()
        addTree(content.appendingPathComponent("notices"), name: "notices", to: &notices)
        let hasNotices = SiteLoader.sortedChildren(content.appendingPathComponent("notices")).contains { $0.hasSuffix(".md") }
        return InputDigest(program: programFingerprint(), theme: themeHash.finish(), site: siteHash.finish(),
                           campaigns: campaigns, weeks: weeks, notices: notices.finish(), stamp: stamp, hasNotices: hasNotices)
    }

    /// A file's name and bytes, or a folder's name and its children, recursively.
    private static func addTree(_ url: URL, name: String, to hasher: inout FingerprintHasher) {
        hasher.add(name)
        var info = stat()
        guard stat(url.path, &info) == 0 else { hasher.add(-1); return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let children = SiteLoader.sortedChildren(url)
            hasher.add(children.count)
            for child in children { addTree(url.appendingPathComponent(child), name: child, to: &hasher) }
            return
        }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { hasher.add(-2); return }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            buffer.withUnsafeBytes { hasher.add(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// The names, sizes and modification times of everything a build reads.
    static func stamp(site: URL) -> Fingerprint {
        var h = FingerprintHasher()
        func walk(_ url: URL, _ name: String) {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return }
            h.add(name)
            h.add(Int(info.st_size))
            h.add(Int(info.st_mtim.tv_sec))
            h.add(Int(info.st_mtim.tv_nsec))
            if (info.st_mode & S_IFMT) == S_IFDIR {
                for child in SiteLoader.sortedChildren(url) { walk(url.appendingPathComponent(child), child) }
            }
        }
        walk(site.appendingPathComponent("content"), "content")
        walk(site.appendingPathComponent("templates"), "templates")
        return h.finish()
    }

    /// The running executable's identity (size, modification time, inode), and the format version.
    private static func programFingerprint() -> Fingerprint {
        var h = FingerprintHasher()
        h.add("podium incremental format 1")
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 {
            h.add(Int(info.st_size))
            h.add(Int(info.st_mtim.tv_sec))
            h.add(Int(info.st_mtim.tv_nsec))
            h.add(Int(bitPattern: UInt(info.st_ino)))
        } else {
            h.add(Int.random(in: 0...Int.max))   // unknown program: never reuse
        }
        return h.finish()
    }

    /// A digest that matches nothing (for a build that fails before it renders).
    static var unusable: InputDigest {
        let never = Fingerprint(high: .random(in: 0...UInt64.max), low: .random(in: 0...UInt64.max))
        return InputDigest(program: never, theme: never, site: never, campaigns: [:], weeks: [:], notices: never, stamp: never, hasNotices: false)
    }

    /// What every page depends on: the program, the theme and site.json.
    var base: Fingerprint { .of(program, theme, site) }

    /// Everything: for the few pages that summarize the whole site (home, overview, search, sitemap).
    var all: Fingerprint {
        var h = FingerprintHasher()
        h.add(base)
        for slug in campaigns.keys.sorted() {
            h.add(slug)
            h.add(campaigns[slug]!)
            for w in weeks[slug] ?? [] { h.add(w) }
        }
        h.add(notices)
        return h.finish()
    }

    /// Every campaign's own files (not their weeks): what notice pages read of campaigns (titles).
    var allCampaigns: Fingerprint {
        var h = FingerprintHasher()
        for slug in campaigns.keys.sorted() { h.add(slug); h.add(campaigns[slug]!) }
        return h.finish()
    }

    /// Snapshots 0…i of a campaign: what week i's page and download read.
    func weeksThrough(_ slug: String, _ i: Int) -> Fingerprint {
        var h = FingerprintHasher()
        for w in (weeks[slug] ?? []).prefix(i + 1) { h.add(w) }
        return h.finish()
    }
}
