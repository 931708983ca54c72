import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Weekly snapshots already read and found valid, kept beside the output (`.public.podium-cache/`,
/// never inside it, and gone with the output folder's parent when that is scratch space) so an
/// unchanged snapshot is not parsed again: a rebuild after one more week reads one JSON file,
/// not seventeen. Each file is named by the fingerprint of the snapshot's bytes and of the
/// entries it was checked against (their ids and published state, in order), so a change to
/// either is a miss. A damaged or unreadable cache file is a miss too; the cache is never needed.
public struct SnapshotCache: Sendable {
    let folder: URL
    private static let magic: UInt64 = 0x3150_414E_5344_4F50   // "PODSNAP1"

    init(folder: URL) { self.folder = folder }

    /// The cache that goes with an output folder.
    init(output: URL) {
        folder = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).podium-cache")
    }

    /// What a snapshot's rows were checked against.
    static func entriesKey(_ entries: [Entry]) -> Fingerprint {
        var h = FingerprintHasher()
        for e in entries { h.add(e.id); h.add(e.isPublished) }
        return h.finish()
    }

    static func key(bytes: [UInt8], entries: Fingerprint) -> Fingerprint {
        var h = FingerprintHasher()
        h.add(bytes)
        return .of(h.finish(), entries)
    }

    private func url(_ key: Fingerprint) -> URL { folder.appendingPathComponent("\(key).rows") }

    func rows(for key: Fingerprint, entryCount: Int) -> [WeeklySnapshot.Row]? {
        guard let data = FileManager.default.contents(atPath: url(key).path), data.count >= 16, data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw -> [WeeklySnapshot.Row]? in
            let words = raw.bindMemory(to: UInt64.self)
            guard UInt64(littleEndian: words[0]) == Self.magic else { return nil }
            let count = Int(UInt64(littleEndian: words[1]))
            guard count >= 0, words.count == 2 + 4 * count else { return nil }
            var rows: [WeeklySnapshot.Row] = []
            rows.reserveCapacity(count)
            for i in 0..<count {
                let w = 2 + 4 * i
                let entry = Int(Int64(bitPattern: UInt64(littleEndian: words[w])))
                guard entry >= 0, entry < entryCount else { return nil }
                rows.append(WeeklySnapshot.Row(entry: entry, likes: Int(Int64(bitPattern: UInt64(littleEndian: words[w + 1]))),
                                               views: Int(Int64(bitPattern: UInt64(littleEndian: words[w + 2]))),
                                               likesOffset: Int(Int64(bitPattern: UInt64(littleEndian: words[w + 3])))))
            }
            return rows
        }
    }

    /// Stores rows under a temporary name and renames it, so a reader never sees half a file.
    func store(_ rows: [WeeklySnapshot.Row], for key: Fingerprint) {
        var words: [UInt64] = [Self.magic.littleEndian, UInt64(rows.count).littleEndian]
        words.reserveCapacity(2 + 4 * rows.count)
        for r in rows {
            for v in [r.entry, r.likes, r.views, r.likesOffset] { words.append(UInt64(bitPattern: Int64(v)).littleEndian) }
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = url(key)
        let temporary = folder.appendingPathComponent("\(key).rows.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        let written = words.withUnsafeBytes { FileManager.default.createFile(atPath: temporary.path, contents: Data($0)) }
        if written { _ = rename(temporary.path, final.path) } else { unlink(temporary.path) }
    }

    /// Removes the files of snapshots that no longer exist (the cache holds only what the site has).
    func prune(keeping keys: Set<Fingerprint>) {
        let keep = Set(keys.map { "\($0).rows" })
        for name in SiteLoader.sortedChildren(folder) where !keep.contains(name) && name.hasSuffix(".rows") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}
