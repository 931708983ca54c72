import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the previous build wrote: for each file of `public/`, the key of its inputs and the
/// identity of the file it left (inode, size, modification time). Kept beside the output, not in
/// it (`.public.podium-manifest`), so it is never published.
///
/// A file is kept only when its key matches *and* the file is still the one the build left:
/// a file edited by hand, or a manifest that outlived its folder, makes the page render again.
struct BuildManifest: Sendable {
    struct Record: Sendable, Equatable {
        var key: Fingerprint
        var file: FileIdentity
    }

    var records: [String: Record] = [:]

    static let header = "podium-manifest 1"

    static func location(of destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).podium-manifest")
    }

    /// The manifest of the previous build, or an empty one when it is missing or unreadable.
    /// (Read by bytes: a big site's manifest has a line for each of tens of thousands of files.)
    static func read(for destination: URL) -> BuildManifest {
        guard let data = FileManager.default.contents(atPath: location(of: destination).path) else { return BuildManifest() }
        var manifest = BuildManifest()
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            func line() -> Range<Int> {
                let start = i
                while i < b.count, b[i] != 0x0A { i += 1 }
                defer { i += 1 }
                return start..<i
            }
            guard String(decoding: UnsafeBufferPointer(rebasing: b[line()]), as: UTF8.self) == header else { return }
            while i < b.count {
                let r = line()
                var j = r.lowerBound
                func number(hex: Bool = false) -> UInt64? {
                    var value: UInt64 = 0, digits = 0
                    while j < r.upperBound, b[j] != 0x20 {
                        let c = b[j]
                        let d: UInt64
                        switch c {
                        case 0x30...0x39: d = UInt64(c - 0x30)
                        case 0x61...0x66 where hex: d = UInt64(c - 0x61 + 10)
                        default: return nil
                        }
                        value = hex ? (value << 4) | d : value &* 10 &+ d
                        digits += 1
                        j += 1
                    }
                    j += 1
                    return digits > 0 ? value : nil
                }
                // The key is two 16-digit halves written as one word.
                guard r.count > 33, b[r.lowerBound + 32] == 0x20 else { continue }
                j = r.lowerBound
                var high: UInt64 = 0, low: UInt64 = 0, ok = true
                for k in 0..<32 {
                    let c = b[j + k]
                    let d: UInt64
                    switch c {
                    case 0x30...0x39: d = UInt64(c - 0x30)
                    case 0x61...0x66: d = UInt64(c - 0x61 + 10)
                    default: ok = false; d = 0
                    }
                    if k < 16 { high = (high << 4) | d } else { low = (low << 4) | d }
                }
                j += 33
                guard ok, let inode = number(), let size = number(), let seconds = number(), let nanoseconds = number(), j <= r.upperBound else { continue }
                let path = String(decoding: UnsafeBufferPointer(rebasing: b[j..<r.upperBound]), as: UTF8.self)
                manifest.records[path] = Record(key: Fingerprint(high: high, low: low),
                                                file: FileIdentity(inode: inode, size: Int(size), seconds: Int(seconds), nanoseconds: Int(nanoseconds)))
            }
        }
        return manifest
    }

    /// The manifest's text, paths in order.
    func text() -> String {
        var out = Self.header + "\n"
        out.reserveCapacity(records.count * 100)
        for path in records.keys.sorted() {
            let r = records[path]!
            out += r.key.description
            out += " "
            out += String(r.file.inode)
            out += " "
            out += String(r.file.size)
            out += " "
            out += String(r.file.seconds)
            out += " "
            out += String(r.file.nanoseconds)
            out += " "
            out += path
            out += "\n"
        }
        return out
    }
}

/// A file as the file system knows it: unchanged files keep all four.
struct FileIdentity: Sendable, Equatable {
    var inode: UInt64
    var size: Int
    var seconds: Int
    var nanoseconds: Int

    init(inode: UInt64, size: Int, seconds: Int, nanoseconds: Int) {
        self.inode = inode
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ info: stat) {
        self.init(inode: UInt64(info.st_ino), size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
    }

    static func of(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(info)
    }
}
