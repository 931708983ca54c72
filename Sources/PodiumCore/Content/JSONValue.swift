/// A JSON value that remembers where it stands in its file and keeps numbers as written,
/// so that scores stay exact decimals and every problem can name its line and column.
public enum JSONValue: Sendable {
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

/// A parsed JSON file, or a spreadsheet export read as the JSON it stands for (`SheetDocument`):
/// the root value and what turns a value's offset into a position and a field name people read.
public struct JSONDocument: Sendable {
    public let path: String
    public let root: JSONNode
    let places: Places

    enum Places: Sendable {
        /// A JSON file: offsets are byte offsets, shown as line and column.
        case text(LineIndex)
        /// A sheet: offsets are cells (`CellOffset`), shown as row and column; a field is named
        /// by its column's header.
        case cells(headers: [String])
    }

    init(path: String, root: JSONNode, lineIndex: LineIndex) {
        self.init(path: path, root: root, places: .text(lineIndex))
    }

    init(path: String, root: JSONNode, places: Places) {
        self.path = path
        self.root = root
        self.places = places
    }

    public func position(_ offset: Int) -> SourcePosition {
        switch places {
        case .text(let lines): lines.position(of: offset)
        case .cells: CellOffset.position(offset)
        }
    }

    var isSheet: Bool { if case .cells = places { true } else { false } }

    /// The field as people find it: `[12].expertScores[2]` in JSON, the column's header in a sheet.
    func fieldName(_ offset: Int, _ field: FieldPath) -> String {
        guard case .cells(let headers) = places else { return field.description }
        let column = CellOffset.position(offset).column
        return column < headers.count ? headers[column] : field.description
    }

    /// How a message names item `index` of the root list, found at `offset`: `entry [3]`, `row 5`.
    func item(_ index: Int, at offset: Int, noun: String) -> String {
        isSheet ? "row \(CellOffset.position(offset).line)" : "\(noun) [\(index)]"
    }
}

/// A cell of a sheet as an offset: row and column in one number (columns below 4096).
enum CellOffset {
    static let columnBits = 12
    static let maxColumns = (1 << columnBits) - 1

    static func make(row: Int, column: Int) -> Int { row << columnBits | column }

    static func position(_ offset: Int) -> SourcePosition {
        SourcePosition(line: offset >> columnBits, column: offset & maxColumns)
    }
}

/// Maps byte offsets of a UTF-8 text to 1-based lines and columns. Columns count characters
/// (Unicode scalars); a table of scalar counts every 1 KiB keeps each lookup cheap even when a
/// whole file is one long line (minified JSON).
struct LineIndex: Sendable {
    private static let block = 1024
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    /// Scalars (UTF-8 lead bytes) before each block boundary.
    private let scalarsBefore: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.block + 1)
        var scalars = 0
        for (i, b) in bytes.enumerated() {
            if i % Self.block == 0 { checkpoints.append(scalars) }
            if b & 0xC0 != 0x80 { scalars += 1 }
            if b == 0x0A { starts.append(i + 1) }
        }
        checkpoints.append(scalars)
        lineStarts = starts
        scalarsBefore = checkpoints
    }

    /// Number of scalars that start before `offset`.
    private func scalars(before offset: Int) -> Int {
        let blockIndex = offset / Self.block
        var count = scalarsBefore[min(blockIndex, scalarsBefore.count - 1)]
        var i = blockIndex * Self.block
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), bytes.count)
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: scalars(before: clamped) - scalars(before: lineStarts[low]) + 1)
    }
}
