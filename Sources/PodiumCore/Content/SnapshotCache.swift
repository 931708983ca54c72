import Foundation

/// Weekly snapshots already read and found valid, kept beside the output (`.public.podium-cache/`,
/// never inside it) so an unchanged snapshot is not parsed again: a rebuild after one more week
/// reads one JSON file, not seventeen. A cache file is named by the fingerprint of the snapshot's
/// bytes and of the entries it was checked against (their ids and published state, in order).
///
/// A cache file is never trusted as it is: it must carry the key it is named by and a checksum
/// of its words, and every value it gives is read back from the snapshot's own bytes at the
/// offset it states (the id's string, likes, views), with every entry the snapshot lists
/// accounted for (its `"id"` keys counted in the bytes). Anything else is a miss, and the
/// snapshot is parsed and checked as if there were no cache.
public struct SnapshotCache: Sendable {
    let folder: URL
    private static let magic: UInt64 = 0x3350_414E_5344_4F50   // "PODSNAP3"

    init(folder: URL) { self.folder = folder }

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

    static let suffix = ".rows"
    static func fileName(_ key: Fingerprint) -> String { "\(key)" + suffix }
    private func url(_ key: Fingerprint) -> URL { folder.appendingPathComponent(Self.fileName(key)) }

    /// What a campaign's snapshots are checked against, made once for all of them: each entry's
    /// id as bytes (one table, compared with memcmp) and whether it is published, by index.
    struct Roster: Sendable {
        fileprivate let ids: [UInt8]
        /// Entry i's id is `ids[starts[i]..<starts[i + 1]]`.
        fileprivate let starts: [Int]
        fileprivate let published: [Bool]
        var count: Int { published.count }

        init(ids: [String], published: [Bool]) {
            var table: [UInt8] = [], starts = [0]
            starts.reserveCapacity(ids.count + 1)
            for id in ids {
                table.append(contentsOf: id.utf8)
                starts.append(table.count)
            }
            (self.ids, self.starts, self.published) = (table, starts, published)
        }
    }

    /// The rows (published, in ranking order) and the unranked entries, if the cache holds them
    /// and they agree with `bytes`, the snapshot's file.
    func rows(for key: Fingerprint, bytes: [UInt8], roster: Roster) -> (rows: [WeeklySnapshot.Row], unranked: [WeeklySnapshot.Unranked])? {
        guard let data = try? FileSystem.read(url(key).path), data.count >= 56, data.count % 8 == 0 else { return nil }
        // The file's words are read where they lie (not copied: a week of 20,000 rows is a megabyte).
        return data.withUnsafeBytes { raw in rows(words: Words(raw: raw), key: key, bytes: bytes, roster: roster) }
    }

    /// A cache file's little-endian words, in place.
    private struct Words {
        let raw: UnsafeRawBufferPointer
        var count: Int { raw.count / 8 }
        subscript(i: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
    }

    private func rows(words: Words, key: Fingerprint, bytes: [UInt8], roster: Roster) -> (rows: [WeeklySnapshot.Row], unranked: [WeeklySnapshot.Unranked])? {
        var h = FingerprintHasher()
        h.add(bytes: UnsafeRawBufferPointer(rebasing: words.raw[..<((words.count - 2) * 8)]))
        let sum = h.finish()
        guard words[0] == Self.magic, words[1] == key.high, words[2] == key.low,
              words[words.count - 2] == sum.high, words[words.count - 1] == sum.low else { return nil }
        let rowCount = Int(truncatingIfNeeded: words[3]), unrankedCount = Int(truncatingIfNeeded: words[4])
        guard rowCount >= 0, unrankedCount >= 0, rowCount <= words.count, unrankedCount <= words.count,
              words.count == 7 + 6 * rowCount + 2 * unrankedCount else { return nil }
        func int(_ i: Int) -> Int { Int(truncatingIfNeeded: Int64(bitPattern: words[i])) }
        return bytes.withUnsafeBufferPointer { b in roster.ids.withUnsafeBufferPointer { table -> (rows: [WeeklySnapshot.Row], unranked: [WeeklySnapshot.Unranked])? in
            // Each listed object's id is used once: a bit per byte offset.
            var seen = [UInt8](repeating: 0, count: b.count / 8 + 1)
            func listed(_ entry: Int, at offset: Int, published: Bool) -> Bool {
                guard entry >= 0, entry < roster.count, roster.published[entry] == published, offset >= 0, offset < b.count,
                      seen[offset >> 3] & (1 << (offset & 7)) == 0 else { return false }
                seen[offset >> 3] |= 1 << (offset & 7)
                return Self.string(table[roster.starts[entry]..<roster.starts[entry + 1]], at: offset, in: b)
            }
            var rows: [WeeklySnapshot.Row] = []
            rows.reserveCapacity(rowCount)
            for r in 0..<rowCount {
                let w = 5 + 6 * r
                let row = WeeklySnapshot.Row(entry: int(w), likes: int(w + 1), views: int(w + 2), likesOffset: int(w + 3),
                                             idOffset: int(w + 4), viewsOffset: int(w + 5))
                guard listed(row.entry, at: row.idOffset, published: true), Self.number(row.likes, at: row.likesOffset, in: b),
                      row.viewsOffset < 0 ? row.views == 0 : Self.number(row.views, at: row.viewsOffset, in: b) else { return nil }
                rows.append(row)
            }
            var unranked: [WeeklySnapshot.Unranked] = []
            for u in 0..<unrankedCount {
                let w = 5 + 6 * rowCount + 2 * u
                let item = WeeklySnapshot.Unranked(entry: int(w), idOffset: int(w + 1))
                guard listed(item.entry, at: item.idOffset, published: false) else { return nil }
                unranked.append(item)
            }
            // Every entry the file lists is one of these: as many `"id"` keys as rows.
            guard Self.idKeys(in: b) == rowCount + unrankedCount else { return nil }
            return (rows, unranked)
        } }
    }

    /// Whether the bytes at `offset` are exactly the JSON string of `text` (unescaped).
    private static func string(_ text: Slice<UnsafeBufferPointer<UInt8>>, at offset: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = offset + 1 + text.count
        guard b[offset] == 0x22, end < b.count, b[end] == 0x22 else { return false }
        return text.isEmpty || memcmp(b.baseAddress! + offset + 1, text.base.baseAddress! + text.startIndex, text.count) == 0
    }

    /// Whether the bytes at `offset` are the digits of `value` and no more.
    private static func number(_ value: Int, at offset: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value >= 0, offset >= 0, offset < b.count else { return false }
        var i = offset, parsed = 0, digits = 0
        while i < b.count, b[i] >= 0x30 && b[i] <= 0x39, digits < 18 {
            parsed = parsed * 10 + Int(b[i] - 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0, parsed == value, digits == 1 || b[offset] != 0x30 else { return false }
        return i == b.count || !(b[i] >= 0x30 && b[i] <= 0x39 || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45)
    }

    /// How many times `"id"` occurs in the bytes (each counted from the left, none overlapping the
    /// one before). Found by its `d`, about once a row, rather than by its quotes, eight a row.
    private static func idKeys(in b: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(b)
        var n = 0, from = 2
        while let d = raw.offset(of: 0x64, from: from) {
            if d + 1 < b.count, b[d - 2] == 0x22, b[d - 1] == 0x69, b[d + 1] == 0x22 { n += 1; from = d + 4 } else { from = d + 1 }
        }
        return n
    }

    /// Stores rows under a temporary name and renames it, so a reader never sees half a file.
    func store(_ rows: [WeeklySnapshot.Row], unranked: [WeeklySnapshot.Unranked], for key: Fingerprint) {
        var words: [UInt64] = [Self.magic, key.high, key.low, UInt64(rows.count), UInt64(unranked.count)]
        words.reserveCapacity(7 + 6 * rows.count + 2 * unranked.count)
        for r in rows {
            for v in [r.entry, r.likes, r.views, r.likesOffset, r.idOffset, r.viewsOffset] { words.append(UInt64(bitPattern: Int64(v))) }
        }
        for u in unranked { words.append(UInt64(u.entry)); words.append(UInt64(u.idOffset)) }
        // The checksum is of the words' bytes as the file holds them (little-endian).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 8 + 16)
        for w in words { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }
        var h = FingerprintHasher()
        h.add(bytes)
        let sum = h.finish()
        for w in [sum.high, sum.low] { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? FileSystem.writeAtomically(bytes, to: url(key).path)
    }
}
