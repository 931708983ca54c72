import Foundation

/// The frame of a cache file that is trusted by its key (`EntriesCache`, `StandingsCache`): a
/// magic string, the key the file is named by, the body's length and a fingerprint of the body,
/// then the body. A file is read back only whole and under its key; a torn, truncated, edited or
/// foreign file is a miss.
enum KeyedFile {
    /// The file's bytes and where its body starts, if the file is whole and is the one for `key`.
    static func read(_ path: String, magic: String, key: Fingerprint) -> (bytes: [UInt8], bodyStart: Int)? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        var header = ByteReader(bytes)
        guard header.string() == magic, header.int() == Int(bitPattern: UInt(key.high)), header.int() == Int(bitPattern: UInt(key.low)) else { return nil }
        let length = header.int(), sumHigh = header.int(), sumLow = header.int()
        let start = bytes.count - length
        guard !header.failed, length > 0, start == header.offset else { return nil }
        var sum = FingerprintHasher()
        bytes.withUnsafeBytes { sum.add(bytes: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        let found = sum.finish()
        guard Int(bitPattern: UInt(found.high)) == sumHigh, Int(bitPattern: UInt(found.low)) == sumLow else { return nil }
        return (bytes, start)
    }

    /// Written under a temporary name and renamed: a reader never sees half a file.
    static func write(_ body: [UInt8], to path: String, magic: String, key: Fingerprint) {
        var sum = FingerprintHasher()
        sum.add(body)
        let found = sum.finish()
        var file = ByteWriter(capacity: 96)
        file.string(magic)
        for n in [Int(bitPattern: UInt(key.high)), Int(bitPattern: UInt(key.low)), body.count,
                  Int(bitPattern: UInt(found.high)), Int(bitPattern: UInt(found.low))] { file.int(n) }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileSystem.writeAtomically(file.bytes + body, to: path)
    }
}
