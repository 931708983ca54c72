/// The fields of a snapshot row, as the row's JSON object gives them or as read straight from
/// its bytes when the row has its usual form (`init(plain:_:)`).
struct SnapshotRowFields {
    var id: String
    var likes: Int
    var views: Int
    /// Offsets of the id's string (its opening quote), of the likes' digits and of the views' (-1: absent).
    var idOffset: Int
    var likesOffset: Int
    var viewsOffset = -1

    init(id: String, likes: Int, views: Int, idOffset: Int, likesOffset: Int, viewsOffset: Int) {
        (self.id, self.likes, self.views) = (id, likes, views)
        (self.idOffset, self.likesOffset, self.viewsOffset) = (idOffset, likesOffset, viewsOffset)
    }

    /// A row in its usual form, read straight from its bytes: `{"id": "…", "likes": N, "views": N}`
    /// (keys in any order, `views` optional), the id a plain string, the counts plain digits. Most
    /// rows of most files are exactly that, and reading them this way skips building a tree per
    /// row. Anything else (escapes, other keys, a repeated key, null, signs, decimals, exponents,
    /// leading zeros, more than 12 digits, an id without a printable ASCII character) is nil, and
    /// the row is parsed and checked as any JSON, so every problem is reported as before. The fuzz
    /// target for snapshots compares this read with the whole file's read on every input.
    init?(plain bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        func skipSpace() { while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 } }
        /// A string with no escape and no control character: the offset of its opening quote and the end of its contents.
        func plainString() -> (start: Int, contents: Range<Int>)? {
            guard i < end, bytes[i] == 0x22 else { return nil }
            let start = i
            i += 1
            let from = i
            while i < end, bytes[i] != 0x22 {
                guard bytes[i] >= 0x20, bytes[i] != 0x5C else { return nil }
                i += 1
            }
            guard i < end else { return nil }
            i += 1
            return (start, from..<i - 1)
        }
        /// 1 to 12 digits, no leading zero (below `JSONObject.maxCount`).
        func count() -> (value: Int, offset: Int)? {
            let start = i
            var value = 0
            while i < end, bytes[i] >= 0x30 && bytes[i] <= 0x39, i - start < 13 {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            let digits = i - start
            guard digits >= 1, digits <= 12, digits == 1 || bytes[start] != 0x30 else { return nil }
            return (value, start)
        }
        func key(_ r: Range<Int>, is word: StaticString) -> Bool {
            r.count == word.utf8CodeUnitCount && zip(bytes[r], UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
        }

        skipSpace()
        guard i < end, bytes[i] == 0x7B else { return nil }
        i += 1
        var id: (offset: Int, contents: Range<Int>)?, likes: (value: Int, offset: Int)?, views: (value: Int, offset: Int)?
        while true {
            skipSpace()
            guard let name = plainString()?.contents else { return nil }
            skipSpace()
            guard i < end, bytes[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            if key(name, is: "id"), id == nil {
                guard let s = plainString() else { return nil }
                id = (s.start, s.contents)
            } else if key(name, is: "likes"), likes == nil {
                guard let n = count() else { return nil }
                likes = n
            } else if key(name, is: "views"), views == nil {
                guard let n = count() else { return nil }
                views = n
            } else {
                return nil
            }
            skipSpace()
            guard i < end else { return nil }
            if bytes[i] == 0x2C { i += 1; continue }
            guard bytes[i] == 0x7D else { return nil }
            i += 1
            break
        }
        skipSpace()
        // Not blank: some printable ASCII character (a blank id is the full read's error).
        guard i == end, let id, let likes, bytes[id.contents].contains(where: { $0 > 0x20 && $0 < 0x7F }) else { return nil }
        self.id = String(decoding: UnsafeBufferPointer(rebasing: bytes[id.contents]), as: UTF8.self)
        self.likes = likes.value
        self.views = views?.value ?? 0
        idOffset = id.offset
        likesOffset = likes.offset
        viewsOffset = views?.offset ?? -1
    }
}
