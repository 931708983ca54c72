import Foundation

/// The built-in link check: every internal link and asset a page names must be a file the build
/// writes. Absolute URLs (http, https, mailto…) and fragments are not checked.
enum LinkCheck {
    /// Where the `href` and `src` values of a page are in its bytes (` href="…"`, ` src="…"`):
    /// `memchr` finds each `=` (rare outside attributes), then what precedes it is checked.
    static func targets(in b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        guard let base = b.baseAddress else { return found }
        let n = b.count
        var i = 0
        while i + 6 < n {
            guard let hit = memchr(base + i, 0x3D, n - 6 - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard b[i + 1] == 0x22 else { i += 1; continue }
            let isHref = i >= 5 && b[i - 5] == 0x20 && b[i - 4] == 0x68 && b[i - 3] == 0x72 && b[i - 2] == 0x65 && b[i - 1] == 0x66
            let isSrc = i >= 4 && b[i - 4] == 0x20 && b[i - 3] == 0x73 && b[i - 2] == 0x72 && b[i - 1] == 0x63
            i += 2
            guard isHref || isSrc else { continue }
            let start = i
            i = memchr(base + start, 0x22, n - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
            found.append(start..<i)
        }
        return found
    }

    /// The output path an internal link from `page` leads to when `files` holds no such file (as
    /// written or percent-decoded); nil when the link is fine or not internal.
    static func missing(_ link: String, from page: String, in files: Set<String>) -> String? {
        guard let path = RelativeLink.resolve(link, from: page), !files.contains(path), !files.contains(RelativeLink.decoded(path)) else { return nil }
        return path
    }

    /// The links of one folder known to lead to files: pages of a folder share most links, and a
    /// worker renders a folder's pages one after another. The links are kept as bytes in a table
    /// open by address (a hash of the bytes, then the bytes compared), so a link already seen
    /// costs no String and no string hashing; a String is made only for a link to resolve.
    struct Known {
        private struct Slot { var hash: UInt64 = 0; var start: Int32 = 0; var length: Int32 = -1 }
        private var folder = ""
        private var bytes: [UInt8] = []
        /// A power of two of slots, at most half full; `length` -1: empty.
        private var slots = [Slot](repeating: Slot(), count: 256)
        private var count = 0

        /// Starts over when `page` is in another folder than the pages before it.
        mutating func enter(_ page: String) {
            let current = Routes.folder(of: page)
            guard !current.utf8.elementsEqual(folder.utf8) else { return }
            folder = String(current)
            bytes.removeAll(keepingCapacity: true)
            for i in slots.indices { slots[i] = Slot() }
            count = 0
        }

        /// FNV-1a over the bytes, its bits mixed at the end (the table uses the low ones).
        static func hash(_ link: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in link { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            h ^= h >> 33
            h &*= 0xFF51_AFD7_ED55_8CCD
            return h ^ (h >> 33)
        }

        func contains(_ link: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: hash) & mask
            while slots[i].length >= 0 {
                let s = slots[i]
                if s.hash == hash && Int(s.length) == link.count
                    && bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(s.start), link.baseAddress!, link.count) == 0 }) {
                    return true
                }
                i = (i + 1) & mask
            }
            return false
        }

        mutating func insert(_ link: UnsafeBufferPointer<UInt8>, hash: UInt64) {
            if (count + 1) * 2 > slots.count {
                let old = slots
                slots = [Slot](repeating: Slot(), count: old.count * 2)
                for s in old where s.length >= 0 { place(s) }
            }
            place(Slot(hash: hash, start: Int32(bytes.count), length: Int32(link.count)))
            bytes.append(contentsOf: link)
            count += 1
        }

        private mutating func place(_ slot: Slot) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i].length >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// Problems for one page: links to files the site does not have.
    static func check(_ html: [UInt8], page: String, template: String, files: Set<String>, known: inout Known) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        known.enter(page)
        html.withUnsafeBufferPointer { b in
            for range in targets(in: b) {
                // An empty link (`href=""`) has no bytes to point at: it is looked up as a String.
                let bytes = UnsafeBufferPointer(rebasing: b[range]), hash = Known.hash(bytes)
                if !range.isEmpty, known.contains(bytes, hash: hash) { continue }
                let link = String(decoding: bytes, as: UTF8.self)
                guard missing(link, from: page, in: files) != nil else {
                    if !range.isEmpty { known.insert(bytes, hash: hash) }
                    continue
                }
                problems.append(Diagnostic(.error, path: page, message: "links to \"\(link)\", which the site does not have (template \"\(template)\")"))
            }
        }
        return problems
    }
}
