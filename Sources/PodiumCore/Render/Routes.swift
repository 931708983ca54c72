import Foundation

/// Where every page and download lives in `public/`, relative to its root. Index pages are linked
/// by their folder (`campaigns/x/`), other pages by file (`campaigns/x/entries/y.html`), so that a
/// campaign of 100,000 entries does not need 100,000 folders.
public enum Routes {
    public static let pageSize = 50

    public static let home = "index.html"
    /// A theme asset's published name carries a hash of its bytes (`style.3f2a9c1b.css`), so a
    /// browser can cache it for good and still sees every change.
    public static func asset(_ name: String, bytes text: String) -> String {
        let hash = String(Hashing.sha256Hex(text).prefix(8))
        guard let dot = name.lastIndex(of: ".") else { return name + "." + hash }
        return name[..<dot] + "." + hash + name[dot...]
    }

    /// The site's icons, drawn at build time (`ShareImages`).
    public static let icon = "favicon.png"
    public static let touchIcon = "apple-touch-icon.png"
    /// A campaign's card for link previews.
    public static func card(_ slug: String) -> String { "campaigns/\(slug)/card.png" }
    public static let notices = "notices/index.html"
    public static let feed = "feed.xml"
    public static func notice(_ slug: String) -> String { "notices/\(slug).html" }
    public static func attachment(_ file: String) -> String { "notices/\(file)" }

    public static func campaign(_ slug: String) -> String { "campaigns/\(slug)/index.html" }
    public static func leaderboard(_ slug: String, page: Int = 1) -> String {
        page == 1 ? "campaigns/\(slug)/leaderboard/index.html" : "campaigns/\(slug)/leaderboard/\(page).html"
    }
    public static func entry(_ slug: String, _ id: String) -> String { "campaigns/\(slug)/entries/\(id).html" }
    public static func divisions(_ slug: String) -> String { "campaigns/\(slug)/divisions.html" }
    public static func regions(_ slug: String) -> String { "campaigns/\(slug)/regions.html" }
    public static func organizations(_ slug: String, page: Int = 1) -> String {
        page == 1 ? "campaigns/\(slug)/organizations/index.html" : "campaigns/\(slug)/organizations/\(page).html"
    }
    public static func weeks(_ slug: String) -> String { "campaigns/\(slug)/weeks/index.html" }
    public static func week(_ slug: String, _ date: CalendarDate) -> String { "campaigns/\(slug)/weeks/\(date).html" }
    public static func weekDownload(_ slug: String, _ date: CalendarDate) -> String { "campaigns/\(slug)/weeks/\(date).json" }
    public static func audit(_ slug: String, page: Int = 1) -> String {
        page == 1 ? "campaigns/\(slug)/audit/index.html" : "campaigns/\(slug)/audit/\(page).html"
    }
    public static func byLikes(_ slug: String, page: Int = 1) -> String {
        page == 1 ? "campaigns/\(slug)/leaderboard/likes/index.html" : "campaigns/\(slug)/leaderboard/likes/\(page).html"
    }
    /// A division's or organization's own ranking; the key is a hash of its name, so the address
    /// stays the same when ranks change from week to week.
    public static func division(_ slug: String, _ name: String, page: Int = 1) -> String {
        "campaigns/\(slug)/divisions/\(key(name))" + (page == 1 ? ".html" : "-\(page).html")
    }
    public static func organization(_ slug: String, _ name: String, page: Int = 1) -> String {
        "campaigns/\(slug)/organizations/o-\(key(name))" + (page == 1 ? ".html" : "-\(page).html")
    }
    public static func key(_ name: String) -> String { String(Hashing.sha256Hex(name).prefix(12)) }
    public static let notFound = "404.html"
    public static let search = "search.html"
    public static let searchIndex = "search.json"
    public static func searchBlock(_ k: Int) -> String { "search/records-\(k).json" }
    public static func searchShard(_ h: Int) -> String { "search/keys-\(h).json" }
    public static func gallery(_ slug: String) -> String { "campaigns/\(slug)/winners/index.html" }
    public static func announcement(_ slug: String) -> String { "campaigns/\(slug)/winners/announcement.html" }
    public static func certificate(_ slug: String, _ name: String) -> String { "campaigns/\(slug)/certificates/\(name).html" }
    public static func verify(_ slug: String) -> String { "campaigns/\(slug)/certificates/index.html" }
    public static func media(_ slug: String, _ path: String) -> String { "campaigns/\(slug)/\(path)" }
    public static func group(_ slug: String, _ number: Int) -> String { "campaigns/\(slug)/groups/\(number).html" }
    public static func download(_ slug: String, _ name: String) -> String { "campaigns/\(slug)/\(name)" }

    /// `../../` for a page two folders down: links stay relative, so the site works under any sub-path.
    /// The folder a path is in (`campaigns/c/entries` for `campaigns/c/entries/a.html`; empty at
    /// the top), split at its last "/" by bytes: paths are split for each of tens of thousands of files.
    static func folder(of path: String) -> Substring {
        path[..<(path.utf8.lastIndex(of: 0x2F) ?? path.startIndex)]
    }

    public static func root(of path: String) -> String {
        String(repeating: "../", count: path.utf8.filter { $0 == UInt8(ascii: "/") }.count)
    }

    /// How a page links to another: folders for index pages.
    public static func link(_ target: String, from root: String) -> String {
        // The suffix compared by bytes: every page's links and the sitemap's tens of thousands of addresses come here.
        target.hasUTF8Suffix("/index.html") ? root + target.dropLast("index.html".count) : (target == home ? (root.isEmpty ? "./" : root) : root + target)
    }

    /// A path as a link: each segment percent-encoded, so a file named with `& ' " < > # ?`, spaces
    /// or any script works on a real server (the link check decodes it again).
    public static func href(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? String($0) }
            .joined(separator: "/")
    }

    private static let segmentAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    public static func pageCount(_ items: Int) -> Int { max(1, (items + pageSize - 1) / pageSize) }

    /// The positions shown on a page (1-based) of a list of `items`.
    public static func pageRange(_ page: Int, of items: Int) -> Range<Int> {
        let start = min((page - 1) * pageSize, items)
        return start..<min(start + pageSize, items)
    }
}
