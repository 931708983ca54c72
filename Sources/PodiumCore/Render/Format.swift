extension Entry {
    /// Who made it, as pages show it: the author and the union, the union left out when it is the author (unit entries).
    var credits: [String] { [author, union == author ? nil : union].compactMap { $0 } }
}

/// Numbers and dates as the pages show them (pre-formatted: templates never format).
public enum Format {
    /// `12,345`: written from the last digit into a buffer on the stack (the leaderboards show
    /// three of these per row).
    public static func integer(_ n: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var at = buffer.count, rest = n.magnitude, count = 0
            repeat {
                if count > 0 && count % 3 == 0 { at -= 1; buffer[at] = 0x2C }
                at -= 1
                buffer[at] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            if n < 0 { at -= 1; buffer[at] = 0x2D }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[at...]), as: UTF8.self)
        }
    }

    public static func points(_ p: Points?) -> String { p.map(\.description) ?? "—" }
}
