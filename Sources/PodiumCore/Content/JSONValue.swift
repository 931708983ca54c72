/// A JSON value that remembers where it stands in its file and keeps numbers as written,
/// so that scores stay exact decimals and every problem can name its line and column.
public indirect enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    /// The number's literal text, e.g. `62.125`: converted exactly by `ExactDecimal`.
    case number(String)
    case bool(Bool)
    case null

    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}

public struct JSONNode: Sendable {
    /// Byte offset of the value's first byte in its file.
    public var offset: Int
    public var value: JSONValue
}

public struct JSONMember: Sendable {
    public var key: String
    public var keyOffset: Int
    public var value: JSONNode
}

/// A parsed JSON file: the root value and the bytes needed to turn offsets into lines and columns.
public struct JSONDocument: Sendable {
    public let path: String
    public let root: JSONNode
    let lineIndex: LineIndex

    public func position(_ offset: Int) -> SourcePosition { lineIndex.position(of: offset) }
}

/// Maps byte offsets of a UTF-8 text to 1-based lines and columns.
struct LineIndex: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var i = lineStarts[low]
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A column counted up to a continuation byte still names the character it belongs to.
        return SourcePosition(line: low + 1, column: max(column, 1))
    }
}
