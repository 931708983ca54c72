/// The records of a CSV file (RFC 4180) over UTF-8 bytes, one at a time: fields are separated by
/// commas, records by CRLF, LF or CR; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""`). A line break inside a quoted field reads as LF, however it was saved.
/// A quote inside an unquoted field is kept as text (as spreadsheets read it).
///
/// Rows are counted from 1 (the header) the way a spreadsheet numbers them: a record whose quoted
/// field spans three lines is still one row.
struct CSVRecords {
    struct SyntaxError: Error, Equatable {
        var row: Int
        var column: Int
        var message: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    /// The row of the record `next` returned last.
    private(set) var row = 0
    private var scratch: [UInt8] = []

    /// `bytes` must outlive the reader; a UTF-8 byte-order mark at the start is skipped.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads the next record into `fields` (replacing what it held); false at the end of the file.
    mutating func next(into fields: inout [String]) throws(SyntaxError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard index < bytes.count else { return false }
        row += 1
        while true {
            if bytes[index] == 0x22 {
                fields.append(try quotedField(column: fields.count + 1))
            } else {
                let start = index
                while index < bytes.count, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            guard index < bytes.count else { return true }
            switch bytes[index] {
            case 0x2C:
                index += 1
                if index == bytes.count { fields.append(""); return true }
            case 0x0D:
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                return true
            default:   // LF
                index += 1
                return true
            }
        }
    }

    /// A field that starts with a quote, up to its closing quote; `index` is left after it.
    private mutating func quotedField(column: Int) throws(SyntaxError) -> String {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        var runStart = index
        while true {
            guard index < bytes.count else {
                throw SyntaxError(row: row, column: column, message: "a quoted field is not closed: its opening quote has no closing quote")
            }
            switch bytes[index] {
            case 0x22:
                scratch.append(contentsOf: bytes[runStart..<index])
                if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                    scratch.append(0x22)
                    index += 2
                    runStart = index
                    continue
                }
                index += 1
                if index < bytes.count, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    throw SyntaxError(row: row, column: column, message: "text after a closing quote: a quote inside a quoted field is written twice (\"\")")
                }
                return String(decoding: scratch, as: UTF8.self)
            case 0x0D:
                scratch.append(contentsOf: bytes[runStart..<index])
                scratch.append(0x0A)
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                runStart = index
            default:
                index += 1
            }
        }
    }

    /// The fields of one line (a row of votes.csv, which has no line breaks inside fields).
    static func fields(of line: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [String] {
        var reader = CSVRecords(line)
        reader.index = 0
        var fields: [String] = []
        _ = try reader.next(into: &fields)
        return fields.isEmpty ? [""] : fields
    }

    /// The row a byte offset falls in: records end at line breaks outside quotes. Quotes, commas
    /// and line breaks are never part of a multi-byte character in UTF-8 or GB18030, so this holds
    /// for bytes that are not yet decoded (to place an encoding problem).
    static func row(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var row = 1, quoted = false, i = 0
        while i < min(offset, bytes.count) {
            switch bytes[i] {
            case 0x22: quoted.toggle()
            case 0x0A where !quoted: row += 1
            case 0x0D where !quoted:
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A, i + 1 < offset { i += 1 }
                row += 1
            default: break
            }
            i += 1
        }
        return row
    }
}
