/// The images a site shares, drawn at build time: the icon (a podium of three steps, white on
/// the theme's red) for browsers' tabs and phones' home screens, and each campaign's card for
/// link previews (WeChat and Open Graph), whose steps stand as high as the campaign's first three.
enum ShareImages {
    /// The theme's red, white, gold and a darker red.
    static let palette: [(UInt8, UInt8, UInt8)] = [(0xB3, 0x26, 0x1E), (0xFF, 0xFF, 0xFF), (0xE8, 0xB0, 0x2A), (0x8A, 0x1C, 0x16)]

    /// A square icon of `size` pixels.
    static func icon(size: Int) -> [UInt8] {
        var image = PNGImage(width: size, height: size, palette: palette)
        podium(&image, x: size / 8, width: size * 3 / 4, base: size * 13 / 16, heights: [0.42, 0.62, 0.28].map { Int($0 * Double(size)) })
        return image.bytes
    }

    /// A 600 × 315 card (Open Graph's 1.91 : 1); `top` are the first three entries' figures
    /// (composite or likes), in rank order; fewer than three draw shorter steps.
    static func card(top: [Double]) -> [UInt8] {
        var image = PNGImage(width: 600, height: 315, palette: palette)
        image.fill(x: 0, y: 0, width: 600, height: 14, colour: 2)
        image.fill(x: 0, y: 301, width: 600, height: 14, colour: 3)
        let largest = max(top.max() ?? 1, 1)
        let scaled = (0..<3).map { i in i < top.count ? 60 + Int(150 * top[i] / largest) : 40 }
        podium(&image, x: 150, width: 300, base: 280, heights: [scaled[1], scaled[0], scaled[2]])
        return image.bytes
    }

    /// Three steps side by side (second, first, third from the left), a gold line on the first.
    private static func podium(_ image: inout PNGImage, x: Int, width: Int, base: Int, heights: [Int]) {
        let step = width / 3, gap = max(1, width / 60)
        for (i, h) in heights.enumerated() {
            image.fill(x: x + i * step + gap, y: base - h, width: step - 2 * gap, height: h, colour: 1)
        }
        image.fill(x: x + step + gap, y: base - heights[1], width: step - 2 * gap, height: max(2, width / 40), colour: 2)
    }
}
