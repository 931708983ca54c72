/// The items of a JSON file whose root is an array, found by following only strings and
/// brackets. Each item is then parsed on its own (`JSONParser.parseItem`), on all cores, and
/// dropped once read, instead of the whole file being held as one tree first: a million entries
/// are a tree of tens of millions of values.
///
/// The scan decides nothing about the file's validity: an item that is not one JSON value
/// fails its own parse, and a file the scan cannot split (its root is not an array, a bracket
/// is not closed, an item is empty) gives nil. Either way the caller reads the whole file as
/// before, whose parse says where the file is wrong.
enum JSONItems {
    static func ranges(_ bytes: [UInt8]) -> [Range<Int>]? {
        bytes.withUnsafeBufferPointer { b -> [Range<Int>]? in
            let n = b.count
            func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
            // A UTF-8 byte-order mark is tolerated, as the parser tolerates it.
            var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            while i < n, isSpace(b[i]) { i += 1 }
            guard i < n, b[i] == 0x5B else { return nil }   // [
            i += 1
            var ranges: [Range<Int>] = []
            while true {
                while i < n, isSpace(b[i]) { i += 1 }
                let start = i
                var depth = 0
                scan: while i < n {
                    switch b[i] {
                    case 0x22:   // a string: to its closing quote, stepping over escapes
                        i += 1
                        while i < n, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
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
                guard i < n else { return nil }
                var end = i
                while end > start, isSpace(b[end - 1]) { end -= 1 }
                let closes = b[i] == 0x5D
                if end == start {
                    // Only `[]` (and whitespace in it) is a list without items.
                    guard closes, ranges.isEmpty else { return nil }
                } else {
                    ranges.append(start..<end)
                }
                i += 1
                if closes {
                    while i < n, isSpace(b[i]) { i += 1 }
                    return i == n ? ranges : nil
                }
            }
        }
    }
}
