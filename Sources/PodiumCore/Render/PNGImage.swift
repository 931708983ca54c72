/// A small PNG writer for the images a site shares (its icons, each campaign's card): up to four
/// colours (a 2-bit palette), so a 600 × 315 card is 47 KB stored without compression; no
/// library is needed and the bytes are the same on every machine.
struct PNGImage {
    let width: Int
    let height: Int
    /// Up to four RGB colours; pixels are indices into it.
    let palette: [(UInt8, UInt8, UInt8)]
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int, palette: [(UInt8, UInt8, UInt8)], background: UInt8 = 0) {
        precondition(palette.count <= 4 && width > 0 && height > 0)
        self.width = width
        self.height = height
        self.palette = palette
        pixels = [UInt8](repeating: background, count: width * height)
    }

    /// Paints a rectangle (clipped to the image).
    mutating func fill(x: Int, y: Int, width w: Int, height h: Int, colour: UInt8) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { pixels[row * width + column] = colour }
        }
    }

    var bytes: [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            png += UInt32(data.count).bigEndianBytes
            let body = Array(type.utf8) + data
            png += body
            png += CRC32.of(body).bigEndianBytes
        }
        chunk("IHDR", UInt32(width).bigEndianBytes + UInt32(height).bigEndianBytes + [2, 3, 0, 0, 0])   // 2-bit, palette
        chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] })
        // Each row: filter byte 0, then four pixels a byte.
        let rowBytes = (width + 3) / 4
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (rowBytes + 1))
        for row in 0..<height {
            raw.append(0)
            for byte in 0..<rowBytes {
                var b: UInt8 = 0
                for k in 0..<4 {
                    let x = byte * 4 + k
                    b |= (x < width ? pixels[row * width + x] & 3 : 0) << UInt8(6 - 2 * k)
                }
                raw.append(b)
            }
        }
        chunk("IDAT", Self.zlibStored(raw))
        chunk("IEND", [])
        return png
    }

    /// zlib (RFC 1950) with deflate's stored blocks (RFC 1951 §3.2.4): valid, uncompressed.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let last: UInt8 = offset + n == data.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + ((b << 16) | a).bigEndianBytes
    }
}

enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func of(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension UInt32 {
    var bigEndianBytes: [UInt8] { [UInt8(self >> 24), UInt8((self >> 16) & 0xFF), UInt8((self >> 8) & 0xFF), UInt8(self & 0xFF)] }
}
