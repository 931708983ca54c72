import Foundation

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

    /// From the walk taken before anything was read (`tree`): its stamp is compared again at the
    /// end of the build. Every file the walk found is fingerprinted, hidden ones too: what the
    /// loader ignores can still not change a page without changing a key.
    static func compute(tree: InputTree, theme: Theme) -> InputDigest {
        var themeHash = FingerprintHasher()
        for (name, source) in (theme.templates.map { ($0.key + ".mustache", $0.value) } + theme.assets.map { ($0.key, $0.value) })
            .sorted(by: { $0.0 < $1.0 }) {
            themeHash.add(name)
            themeHash.add(source.text)
        }
        var siteHash = FingerprintHasher()
        var campaignHashes: [String: FingerprintHasher] = [:], weekHashes: [String: [(String, FingerprintHasher)]] = [:]
        var notices = FingerprintHasher()
        var hasNotices = false
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for item in tree.items(under: "content") {
            let parts = item.path.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            func add(_ h: inout FingerprintHasher) {
                h.add(item.path)
                if item.isFolder { h.add(-3) } else { addBytes(tree.url(item), to: &h, buffer: &buffer) }
            }
            switch parts[1] {
            case "campaigns" where parts.count == 3:
                siteHash.add(parts[2])   // the list of campaign folders
                if item.isFolder { campaignHashes[parts[2]] = FingerprintHasher() }
            case "campaigns" where parts.count >= 4:
                // Week i of the loader is the i-th visible name of weeks/: hidden names count with the campaign.
                if parts[3] == "weeks", parts.count >= 5, !parts[4].hasPrefix(".") {
                    let name = String(parts[4].prefix { $0 != "/" })
                    var list = weekHashes[parts[2], default: []]
                    if list.last?.0 != name { list.append((name, FingerprintHasher())) }
                    add(&list[list.count - 1].1)
                    weekHashes[parts[2]] = list
                } else {
                    add(&campaignHashes[parts[2], default: FingerprintHasher()])
                }
            case "notices":
                add(&notices)
                if parts.count == 3, !item.isFolder, parts[2].hasSuffix(".md"), !parts[2].hasPrefix(".") { hasNotices = true }
            default:
                add(&siteHash)
            }
        }
        return InputDigest(program: .program, theme: themeHash.finish(), site: siteHash.finish(),
                           campaigns: campaignHashes.mapValues { $0.finish() },
                           weeks: weekHashes.mapValues { $0.map { $0.1.finish() } },
                           notices: notices.finish(), stamp: tree.stamp, hasNotices: hasNotices)
    }

    /// A file's bytes, read a megabyte at a time (`buffer`), so a site's largest file is never
    /// held whole here while the loader holds it too (a file that cannot be read leaves a mark
    /// that never matches a readable one).
    private static func addBytes(_ url: URL, to hasher: inout FingerprintHasher, buffer: inout [UInt8]) {
        do { try FileSystem.forEachChunk(url.path, buffer: &buffer) { hasher.add(bytes: $0) } } catch { hasher.add(-2) }
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
