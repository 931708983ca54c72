import Foundation

/// Where a build may write, decided before anything is created or moved: the output folder (or,
/// when `public` is a link such as a web root, the folder it points to, which is then replaced
/// while the link stays) must not be, hold or lie inside the site's `content/` or `templates/`,
/// and an existing folder is replaced only when Podium made it (its manifest lies beside it) or
/// it is empty. Podium never deletes a folder it did not create.
struct OutputPlace: Sendable {
    /// The folder that is swapped: the destination, or the real folder a link destination names.
    let target: String
    /// The folder holding `target` and Podium's files beside it (staging, manifest, lock, cache).
    let parent: String
    /// `target`'s last name: `public`.
    let name: String
    /// How the output is named in messages (`public`, or the path given with --output).
    let display: String

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    init(destination: URL, site: URL) throws(Refusal) {
        let given = destination.standardizedFileURL.path
        display = Self.display(destination, site: site)
        let isLink = ((try? FileSystem.info(given, followingLinks: false)) ?? nil)?.kind == .link
        if isLink {
            guard let real = FileSystem.realPath(given), ((try? FileSystem.info(real)) ?? nil)?.kind == .folder else {
                throw Refusal(description: "is a link to nothing or to something that is not a folder")
            }
            target = real
        } else {
            target = Self.resolved(given)
        }
        parent = (target as NSString).deletingLastPathComponent
        name = (target as NSString).lastPathComponent
        guard target != "/", !name.isEmpty else { throw Refusal(description: "cannot be the root of the file system") }

        for source in ["content", "templates"] {
            guard let root = FileSystem.realPath(site.appendingPathComponent(source).path) else { continue }
            if FileSystem.isInside(target, root) {
                throw Refusal(description: "is inside the site's \(source)/ folder: the build would replace your source; write the site elsewhere (the default is public/ beside content/)")
            }
            if FileSystem.isInside(root, target) {
                throw Refusal(description: "holds the site's \(source)/ folder: the build would replace your source; write the site elsewhere (the default is public/ beside content/)")
            }
        }
        let info: FileSystem.Info?
        do { info = try FileSystem.info(target) } catch { throw Refusal(description: error.reason) }
        if let info {
            guard info.kind == .folder else { throw Refusal(description: "exists and is not a folder") }
            let madeByPodium = ((try? FileSystem.info(manifest, followingLinks: false)) ?? nil) != nil
            let empty = ((try? FileSystem.children(target)) ?? ["?"]).isEmpty
            if !madeByPodium && !empty {
                throw Refusal(description: "already holds files that Podium did not write (there is no \(manifest) beside it): move them away or name an empty or new folder with --output")
            }
        }
    }

    /// How an output is named in messages: `public` for the default, else the path given.
    static func display(_ destination: URL, site: URL) -> String {
        let given = destination.standardizedFileURL.path
        return given == site.appendingPathComponent("public").standardizedFileURL.path ? "public" : given
    }

    /// The path with links resolved as far as it exists (the rest appended as given).
    private static func resolved(_ path: String) -> String {
        var existing = path, rest: [String] = []
        while FileSystem.realPath(existing) == nil, existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let base = FileSystem.realPath(existing) ?? existing
        return rest.reduce(base) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// A file or folder of Podium's beside the output: `.public.<suffix>`.
    func beside(_ suffix: String) -> String { (parent as NSString).appendingPathComponent(".\(name).\(suffix)") }

    var manifest: String { beside("podium-manifest") }
    var lock: String { beside("podium-lock") }
    /// The journal of a swap made with two renames (where the system cannot exchange folders).
    var journal: String { beside("podium-swap") }
    var stagingPrefix: String { ".\(name).tmp-" }
    var replacedPrefix: String { ".\(name).old-" }
}
