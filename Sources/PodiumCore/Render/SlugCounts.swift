import Foundation

/// Heading ids of a document, kept unique: a repeated id is numbered (`id`, `id-2`, `id-3`…), past
/// any id a heading already has (`# foo`, `# foo`, `# foo-2` → `foo`, `foo-2`, `foo-2-2`). Ids are
/// bytes kept in one buffer and found by an open-addressing table: no string is made per heading.
struct SlugCounts {
    /// How often each id was asked for, and which ids were given.
    private var requested = ByteCounts(), given = ByteCounts()

    /// Counts the id at `ids[start...]` and, when it is taken, appends the first free `-N`.
    mutating func number(_ ids: inout [UInt8], from start: Int) {
        let uses = ids.withUnsafeBufferPointer { requested.count(UnsafeBufferPointer(rebasing: $0[start...])) }
        if uses == 1, claim(ids, from: start) { return }
        let base = ids.count
        var n = max(uses, 2)
        while true {
            ids.removeSubrange(base...)
            ids.append(0x2D)
            var digits: [UInt8] = []
            var k = n
            while k > 0 { digits.append(UInt8(0x30 + k % 10)); k /= 10 }
            ids.append(contentsOf: digits.reversed())
            if claim(ids, from: start) { return }
            n += 1
        }
    }

    private mutating func claim(_ ids: [UInt8], from start: Int) -> Bool {
        ids.withUnsafeBufferPointer { given.count(UnsafeBufferPointer(rebasing: $0[start...])) } == 1
    }
}

/// Counts of byte strings.
private struct ByteCounts {
    private var keys: [UInt8] = []
    private var entries: [(hash: UInt64, start: Int, count: Int, uses: Int)] = []
    private var slots = [Int](repeating: -1, count: 16)

    /// The number of uses of `slug`, this one included.
    mutating func count(_ slug: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a
        for b in slug { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let e = slots[slot]
            if entries[e].hash == hash && entries[e].count == slug.count
                && keys.withUnsafeBufferPointer({ memcmp($0.baseAddress! + entries[e].start, slug.baseAddress!, slug.count) == 0 }) {
                entries[e].uses += 1
                return entries[e].uses
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = entries.count
        entries.append((hash, keys.count, slug.count, 1))
        keys.append(contentsOf: slug)
        if entries.count * 2 > slots.count { grow() }
        return 1
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, e) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: e.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = i
        }
    }
}
