import Dispatch
import Foundation
import Synchronization

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
    /// The files to keep, in batches any thread may take (`help`); nil until they are listed.
    private let listed = DispatchGroup()
    private var batches: Batches?

    init(_ options: BuildOptions, place: OutputPlace, tree: InputTree, theme: Theme?) {
        keysKnown.enter()
        listed.enter()
        DispatchQueue.global().async(group: group) { [self] in
            var left = false, done = false
            func leave() { if !left { left = true; keysKnown.leave() } }
            func list(_ b: Batches?) { if !done { done = true; batches = b; listed.leave() } }
            defer { leave(); list(nil) }
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
                let work = Batches(folder, folder.previousManifest.lines.filter { known.contains($0.record.key) })
                list(work)
                work.keep()
                folder.pruneReplaced()
                return (digest, folder)
            }
        }
    }

    /// The files kept early, a batch at a time, by the thread that lists them and by any other
    /// that calls `help` meanwhile. Each batch is kept by one thread.
    private final class Batches: Sendable {
        let folder: OutputFolder
        let files: [(path: String, record: BuildManifest.Record)]
        private let next = Atomic<Int>(0)
        /// Entered for each batch being kept.
        private let keeping = DispatchGroup()
        static let size = 256

        init(_ folder: OutputFolder, _ files: [(path: String, record: BuildManifest.Record)]) {
            (self.folder, self.files) = (folder, files)
        }

        /// Keeps batches until none is left. With `all`, returns only once every batch is kept,
        /// by whichever thread took it.
        func keep(all: Bool = true) {
            while true {
                keeping.enter()
                defer { keeping.leave() }
                let start = next.add(Self.size, ordering: .relaxed).oldValue
                guard start < files.count else { break }
                folder.reuse(files[start..<min(files.count, start + Self.size)])
            }
            if all { keeping.wait() }
        }
    }

    /// Keeps files on the calling thread too, until none is left to take (a thread with nothing
    /// else to do before `wait`).
    func help() {
        listed.wait()
        batches?.keep(all: false)
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
