/// The lines of a Markdown source that are link reference definitions (`[1]: https://…`), with any
/// container's indentation or `>` taken off. A piece of a document rendered alone (a table cell)
/// gets them appended, so that `[通知][1]` resolves there as it does in the document; definitions
/// render as nothing.
enum LinkDefinitions {
    static func lines(in source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < source.count {
            var end = start
            while end < source.count && source[end] != 0x0A { end += 1 }
            var i = start
            while i < end && (source[i] == 0x20 || source[i] == 0x3E || source[i] == 0x09) { i += 1 }
            if i < end, source[i] == 0x5B, let close = label(source, from: i, to: end), close + 1 < end, source[close + 1] == 0x3A {
                if out.isEmpty { out += [0x0A, 0x0A] }
                out += source[i..<end]
                out.append(0x0A)
            }
            start = end + 1
        }
        return out
    }

    /// The index of the `]` that closes the label opened at `open` (backslash escapes skipped).
    private static func label(_ s: UnsafeBufferPointer<UInt8>, from open: Int, to end: Int) -> Int? {
        var i = open + 1
        while i < end {
            switch s[i] {
            case 0x5C: i += 2
            case 0x5B: return nil
            case 0x5D: return i > open + 1 ? i : nil
            default: i += 1
            }
        }
        return nil
    }
}
