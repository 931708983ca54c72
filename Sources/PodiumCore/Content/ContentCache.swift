import Foundation

/// What loading keeps between builds, in one folder beside the output (`.public.podium-cache/`,
/// never inside it): entries (`EntriesCache`) and weekly snapshots (`SnapshotCache`) already read
/// and checked. Each file is named by the key it stands for; a build keeps the files it used and
/// removes the rest, so the folder holds only what the site has.
public struct ContentCache: Sendable {
    let snapshots: SnapshotCache
    let entries: EntriesCache

    /// The cache that goes with an output folder.
    init(output: URL) {
        let folder = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).podium-cache")
        snapshots = SnapshotCache(folder: folder)
        entries = EntriesCache(folder: folder)
    }

    /// Removes every cache file but the ones named (`SnapshotCache.fileName`, `EntriesCache.fileName`).
    func prune(keeping names: Set<String>) {
        let folder = snapshots.folder
        for name in (try? FileSystem.children(folder.path)) ?? [] where !names.contains(name) && (name.hasSuffix(SnapshotCache.suffix) || name.hasSuffix(EntriesCache.suffix)) {
            FileSystem.remove(folder.appendingPathComponent(name).path)
        }
    }
}
