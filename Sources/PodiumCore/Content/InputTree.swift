import Foundation

/// Everything a run may read under `content/` and `templates/`, walked once, without ever
/// leaving the site or blocking: a link is followed only when it resolves inside its own root
/// (`content/` or `templates/`); a link back to a folder that holds it (a loop), a FIFO, a
/// device or a socket, a folder that cannot be read, each is a problem naming the path. Hidden
/// (dot) names are walked too: whatever is there may be published or change a page.
///
/// The same walk gives the stamp a build compares before and after (names, sizes, modification
/// and change times) and the file list `InputDigest` fingerprints; `podium serve` polls it.
public struct InputTree: Sendable {
    public struct Item: Sendable {
        /// Relative to the site folder: `content/campaigns/x/entries.json`.
        public var path: String
        public var isFolder: Bool
        public var identity: FileIdentity
    }

    public private(set) var items: [Item] = []
    public private(set) var problems = Diagnostics()
    let site: URL

    /// Folders nested deeper than this are refused (a chain of links inside the site).
    static let maxDepth = 32
    static let roots = ["content", "templates"]

    public static func scan(site: URL) -> InputTree {
        var tree = InputTree(site: site)
        for root in roots {
            let path = site.appendingPathComponent(root).path
            guard let real = FileSystem.realPath(path) else { continue }
            do {
                guard let info = try FileSystem.info(real), info.kind == .folder else {
                    tree.problems.error(root, "is not a folder")
                    continue
                }
                tree.walk(path, display: root, root: real, ancestors: [Ancestor(info)], depth: 0)
            } catch {
                tree.problems.error(root, "cannot be read: \(error.reason)")
            }
        }
        return tree
    }

    private struct Ancestor: Equatable {
        var device: UInt64, inode: UInt64
        init(_ info: FileSystem.Info) { device = info.device; inode = info.identity.inode }
    }

    private mutating func walk(_ path: String, display: String, root: String, ancestors: [Ancestor], depth: Int) {
        let names: [String]
        do { names = try FileSystem.children(path) } catch {
            problems.error(display, "the folder cannot be read: \(error.reason)")
            return
        }
        for name in names {
            let child = path + "/" + name, shown = display + "/" + name
            do {
                guard var info = try FileSystem.info(child, followingLinks: false) else { continue }   // removed meanwhile
                if info.kind == .link {
                    // A link to nothing is passed over (an editor's lock file is one); if the site
                    // names it, the loader says the file is missing.
                    guard let real = FileSystem.realPath(child) else {
                        problems.warning(shown, "is a link to nothing (the file it names does not exist): ignored", category: "files ignored")
                        continue
                    }
                    guard FileSystem.isInside(real, root) else {
                        problems.error(shown, "is a link to \(real), outside \(display.prefix { $0 != "/" })/: copy the file into the site instead")
                        continue
                    }
                    guard let target = try FileSystem.info(child) else { continue }
                    info = target
                }
                switch info.kind {
                case .file, .link:
                    items.append(Item(path: shown, isFolder: false, identity: info.identity))
                case .special(let what):
                    problems.error(shown, Self.special(what))
                case .folder:
                    if ancestors.contains(Ancestor(info)) {
                        problems.error(shown, "is a link to a folder that holds it (a loop): remove the link")
                    } else if depth >= Self.maxDepth {
                        problems.error(shown, "folders are nested more than \(Self.maxDepth) deep here")
                    } else {
                        items.append(Item(path: shown, isFolder: true, identity: info.identity))
                        walk(child, display: shown, root: root, ancestors: ancestors + [Ancestor(info)], depth: depth + 1)
                    }
                }
            } catch {
                problems.error(shown, "cannot be read: \(error.reason)")
            }
        }
    }

    /// The message for a FIFO, device or socket: one wording for the walk and for the loaders.
    static func special(_ what: String) -> String {
        "is \(what), not a file: remove it (Podium reads only files and folders)"
    }

    /// Names, sizes and modification and change times of everything: equal stamps mean no file
    /// was added, removed, edited or touched in between.
    public var stamp: Fingerprint {
        var h = FingerprintHasher()
        for item in items {
            h.add(item.path)
            h.add(item.isFolder)
            h.add(item.identity.size)
            h.add(item.identity.seconds)
            h.add(item.identity.nanoseconds)
            h.add(item.identity.changeSeconds)
            h.add(item.identity.changeNanoseconds)
        }
        for problem in problems.all { h.add(problem.description) }
        return h.finish()
    }

    /// Items below a folder (given relative to the site, e.g. `content/notices`), in walk order.
    func items(under folder: String) -> ArraySlice<Item> {
        let prefix = folder + "/"
        guard let start = items.firstIndex(where: { $0.path.hasPrefix(prefix) }) else { return [] }
        var end = start
        while end < items.count, items[end].path.hasPrefix(prefix) { end += 1 }
        return items[start..<end]
    }

    /// The absolute location of an item.
    func url(_ item: Item) -> URL { site.appendingPathComponent(item.path) }
}
