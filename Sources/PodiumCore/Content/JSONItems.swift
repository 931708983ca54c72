/// A JSON file whose list (the root array, or the one member of a root object) is read item by
/// item: the items' places are found by following only strings and brackets, then each item is
/// parsed on its own (`JSONParser.parseItem`) and dropped once read, instead of the whole file
/// being held as one tree first: a million entries are a tree of tens of millions of values.
///
/// The scan decides nothing about the file's validity: an item that is not one JSON value fails
/// its own parse, and a file the scan cannot split (another shape, a bracket not closed, an empty
/// item) is no `JSONItems`. Either way the caller reads the whole file as before, and that parse
/// says where the file is wrong.
struct JSONItems: Sendable {
    let bytes: [UInt8]
    /// Each item's bytes.
    let ranges: [Range<Int>]
    /// Turns the file's offsets into positions (its root is not kept: the items are the file).
    let document: JSONDocument

    /// Nil when the bytes are not UTF-8 or cannot be split into items (the whole read says why).
    /// - Parameter member: nil for a root array; else the key of a root object's only member,
    ///   whose value is the list (`{"entries": [...]}`).
    init?(bytes: [UInt8], display: String, member: String? = nil) {
        guard SiteLoader.firstInvalidUTF8(bytes) == nil, let ranges = Self.ranges(bytes, member: member) else { return nil }
        self.bytes = bytes
        self.ranges = ranges
        document = JSONDocument(path: display, root: JSONNode(offset: 0, value: .null), lineIndex: LineIndex(bytes))
    }

    /// Where each item starts (what a message naming an item points at).
    var offsets: [Int] { ranges.map(\.lowerBound) }

    /// Item `i`'s value and the keys it repeats; nil when it is not one JSON value.
    func item(_ i: Int) -> (node: JSONNode, duplicates: [(key: String, offset: Int)])? {
        try? JSONParser.parseItem(bytes, ranges[i])
    }

    private static func ranges(_ bytes: [UInt8], member: String?) -> [Range<Int>]? {
        bytes.withUnsafeBufferPointer { b -> [Range<Int>]? in
            var scan = Scan(b: b)
            // A UTF-8 byte-order mark is tolerated, as the parser tolerates it.
            if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { scan.i = 3 }
            if let member {
                guard scan.expect(0x7B), scan.expect(0x22), scan.expect(Array(member.utf8)), scan.expect(0x22, spaced: false),
                      scan.expect(0x3A) else { return nil }   // { "member" :
            }
            guard scan.expect(0x5B), let items = scan.list() else { return nil }
            if member != nil { guard scan.expect(0x7D) else { return nil } }
            scan.skipSpace()
            return scan.i == b.count ? items : nil
        }
    }

    private struct Scan {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        mutating func skipSpace() { while i < b.count, Self.isSpace(b[i]) { i += 1 } }

        /// The byte `c` next (after white space unless `spaced` is false), stepped over.
        mutating func expect(_ c: UInt8, spaced: Bool = true) -> Bool {
            if spaced { skipSpace() }
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }

        mutating func expect(_ word: [UInt8]) -> Bool {
            guard b.count - i >= word.count, b[i..<i + word.count].elementsEqual(word) else { return false }
            i += word.count
            return true
        }

        /// The items of a list whose `[` was just read, through its `]`.
        mutating func list() -> [Range<Int>]? {
            var ranges: [Range<Int>] = []
            while true {
                skipSpace()
                let start = i
                var depth = 0
                scan: while i < b.count {
                    switch b[i] {
                    case 0x22:   // a string: to its closing quote, stepping over escapes
                        i += 1
                        while i < b.count, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
                        i += 1
                    case 0x7B, 0x5B: depth += 1; i += 1   // { [
                    case 0x7D, 0x5D:   // } ]
                        if depth == 0 { break scan }
                        depth -= 1; i += 1
                    case 0x2C:   // ,
                        if depth == 0 { break scan }
                        i += 1
                    default: i += 1
                    }
                }
                guard i < b.count else { return nil }
                var end = i
                while end > start, Self.isSpace(b[end - 1]) { end -= 1 }
                let closes = b[i] == 0x5D
                if end == start {
                    // Only `[]` (and white space in it) is a list without items.
                    guard closes, ranges.isEmpty else { return nil }
                } else {
                    ranges.append(start..<end)
                }
                i += 1
                if closes { return ranges }
                // A '}' closing the list would be a bracket out of place: left to the parse.
                if b[i - 1] != 0x2C { return nil }
            }
        }
    }
}
