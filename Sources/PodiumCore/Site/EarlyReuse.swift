import Dispatch
import Foundation

/// What a build can do before its content is loaded, started on another core while the content
/// loads: fingerprint the input files, read the previous manifest, and keep the previous files of
/// every family whose key is known without the content (a campaign's pages, notices, downloads).
/// A family's key covers every file that decides its paths, so an unchanged key means the same
/// files; the plan still checks each kept file's key, and drops any it does not produce.
final class EarlyReuse: @unchecked Sendable {
    private let group = DispatchGroup()
    private var outcome: Result<(digest: InputDigest, folder: OutputFolder), Error>?
    /// Left once the keys and the previous manifest are known (before anything is kept).
    private let keysKnown = DispatchGroup()
    private var previousWeeks: PreviousWeeks?

    init(_ options: BuildOptions, place: OutputPlace, tree: InputTree, theme: Theme?) {
        keysKnown.enter()
        DispatchQueue.global().async(group: group) { [self] in
            var left = false
            func leave() { if !left { left = true; keysKnown.leave() } }
            defer { leave() }
            outcome = Result {
                let folder = try OutputFolder(place: place)
                folder.tidy = options.tidy
                // A theme that does not load fails the build in `prepare`; nothing is kept meanwhile.
                guard let theme else { return (InputDigest.unusable, folder) }
                let digest = InputDigest.compute(tree: tree, theme: theme)
                let keys = PageKeys(digest: digest)
                previousWeeks = PreviousWeeks(keys: keys, manifest: folder.previousManifest)
                leave()
                let known = keys.knownBeforeLoading
                for (path, record) in folder.previousManifest.records where known.contains(record.key) {
                    _ = folder.reuse(path, key: record.key)
                }
                folder.pruneReplaced()
                return (digest, folder)
            }
        }
    }

    /// What the previous build made of each week (nil when it cannot be known: then every week is ranked).
    func weeks() -> PreviousWeeks? {
        keysKnown.wait()
        return previousWeeks
    }

    func wait() -> Result<(digest: InputDigest, folder: OutputFolder), Error> {
        group.wait()
        return outcome!
    }
}
