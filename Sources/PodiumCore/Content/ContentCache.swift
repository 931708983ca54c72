import Foundation

/// What loading keeps between builds, in one folder beside the output (`.public.podium-cache/`,
/// never inside it): entries (`EntriesCache`) and weekly snapshots (`SnapshotCache`) already read
/// and checked (the standings computed from them are kept there too, by the build). Each file is
/// named by the key it stands for; a build keeps the files it used and removes the rest (each
/// kind its own: `prune` names the suffixes), so the folder holds only what the site has.
public struct ContentCache: Sendable {
    let snapshots: SnapshotCache
    let entries: EntriesCache

    /// The cache that goes with an output folder.
    init(output: URL) {
        let folder = Self.folder(output: output)
        snapshots = SnapshotCache(folder: folder)
        entries = EntriesCache(folder: folder)
    }

    /// The folder of the caches that go with an output folder (beside it, never inside).
    static func folder(output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).podium-cache")
    }

    /// Removes every cache file but the ones named (`SnapshotCache.fileName`, `EntriesCache.fileName`).
    func prune(keeping names: Set<String>) {
        Self.prune(snapshots.folder, suffixes: [SnapshotCache.suffix, EntriesCache.suffix], keeping: names)
    }

    /// Removes every file of `folder` with one of these suffixes but the ones named.
    static func prune(_ folder: URL, suffixes: [String], keeping names: Set<String>) {
        for name in (try? FileSystem.children(folder.path)) ?? [] where !names.contains(name) && suffixes.contains(where: name.hasSuffix) {
            FileSystem.remove(folder.appendingPathComponent(name).path)
        }
    }
}
