import Foundation

/// How often each heading id has been used in a document, so a repeated id is numbered
/// (`id`, `id-2`, `id-3`…). Ids are bytes kept in one buffer and found by an open-addressing
/// table: no string or array is made per heading.
struct SlugCounts {
    private var keys: [UInt8] = []
    private var entries: [(hash: UInt64, start: Int, count: Int, uses: Int)] = []
    private var slots = [Int](repeating: -1, count: 16)

    /// Counts the id at `ids[start...]` and, from its second use on, appends `-N` to it.
    mutating func number(_ ids: inout [UInt8], from start: Int) {
        let uses = ids.withUnsafeBufferPointer { count(UnsafeBufferPointer(rebasing: $0[start...])) }
        guard uses > 1 else { return }
        ids.append(0x2D)
        var digits: [UInt8] = []
        var n = uses
        while n > 0 { digits.append(UInt8(0x30 + n % 10)); n /= 10 }
        ids.append(contentsOf: digits.reversed())
    }

    /// The number of uses of `slug`, this one included.
    private mutating func count(_ slug: UnsafeBufferPointer<UInt8>) -> Int {
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
