import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encoding of a spreadsheet export (contract §13): UTF-8, with or without a byte-order
/// mark (Excel's 「CSV UTF-8」), or GB18030 (what Excel's plain 「CSV」 writes on Chinese Windows,
/// GBK being part of it). GB18030 is decoded by the C library's iconv.
enum SheetEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    struct Failure: Error, Equatable {
        /// The first row that cannot be read, and the offending bytes' offset in the file.
        var row: Int
        var offset: Int
        var message: String
    }

    /// The file's text as UTF-8 bytes, and the encoding it was in.
    ///
    /// A file that is valid UTF-8 is UTF-8. A file with a byte-order mark, or whose text before
    /// its first invalid byte already holds two or more multi-byte UTF-8 characters, is UTF-8 with
    /// a damaged byte (GB18030 text almost never looks like UTF-8 for two characters in a row, and
    /// reading damaged UTF-8 as GB18030 would publish garbled names). Anything else must decode as
    /// GB18030 from start to end.
    static func decode(_ bytes: [UInt8]) -> Result<(text: [UInt8], encoding: SheetEncoding), Failure> {
        let (badUTF8, multiByte) = SiteLoader.utf8Scan(bytes)
        guard let badUTF8 else { return .success((bytes, .utf8)) }
        let rowOf = { (offset: Int) in bytes.withUnsafeBufferPointer { CSVRecords.row(at: offset, in: $0) } }
        let saveAs = "save it again as 「CSV UTF-8（逗号分隔）」"
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(Failure(row: 1, offset: 0, message: "the file is UTF-16 (Excel's 「Unicode 文本」), which is not read: \(saveAs)"))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || multiByte >= 2 {
            return .failure(Failure(row: rowOf(badUTF8), offset: badUTF8,
                                    message: "the file is UTF-8 but byte 0x\(hex(bytes[badUTF8])) here is not: the file is damaged; \(saveAs)"))
        }
        switch gb18030(bytes) {
        case .success(let text): return .success((text, .gb18030))
        case .failure(let badGB):
            return .failure(Failure(row: rowOf(badUTF8), offset: badUTF8,
                                    message: "the file is neither UTF-8 (byte 0x\(hex(bytes[badUTF8])) in this row) nor GB18030 (row \(rowOf(badGB.offset)) cannot be read): \(saveAs)"))
        }
    }

    private static func hex(_ b: UInt8) -> String { (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }

    struct Undecodable: Error { var offset: Int }

    /// GB18030 bytes as UTF-8, or the offset of the first sequence that is not GB18030.
    static func gb18030(_ bytes: [UInt8]) -> Result<[UInt8], Undecodable> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return .failure(Undecodable(offset: 0)) }
        defer { iconv_close(converter) }
        // A GB18030 character of 1, 2 or 4 bytes is at most 4 bytes of UTF-8 (3 for 2 bytes).
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let inputCount = input.count
        return input.withUnsafeMutableBytes { inRaw -> Result<[UInt8], Undecodable> in
            output.withUnsafeMutableBytes { outRaw -> Result<[UInt8], Undecodable> in
                var inPointer: UnsafeMutablePointer<CChar>? = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputCount, outLeft = outRaw.count
                if inputCount > 0, iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    return .failure(Undecodable(offset: inputCount - inLeft))
                }
                return .success(Array(outRaw.prefix(outRaw.count - outLeft)))
            }
        }
    }
}
