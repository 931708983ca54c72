import Foundation

/// Text as publishers save it: on Windows with CRLF line endings, on old Macs with CR alone. Read
/// as bytes (in Swift, "\r\n" is one Character, so splitting a String on "\n" never splits it),
/// both become LF, so such a file reads exactly like one saved with LF: positions, front matter,
/// Markdown and all.
enum LineEndings {
    static func normalized(_ data: some Collection<UInt8>) -> String {
        guard data.contains(0x0D) else { return String(decoding: data, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var afterCR = false
        for byte in data {
            if byte == 0x0D {
                out.append(0x0A)
            } else if !(byte == 0x0A && afterCR) {
                out.append(byte)
            }
            afterCR = byte == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }
}
