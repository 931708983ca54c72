import Foundation

/// What the previous build wrote: for each file of `public/`, the key of its inputs and the
/// identity of the file it left (inode, size, modification and change time), and the name of the
/// folder it replaced. Kept beside the output, not in it (`.public.podium-manifest`), so it is
/// never published.
///
/// A file is kept only when its key matches *and* the file is still the one the build left: a
/// file edited by hand (even with its modification time put back: the change time moves), or a
/// manifest that outlived its folder, makes the page render again. Linking a file changes its
/// change time, so a build records each kept file after its last link operation (`OutputFolder`).
struct BuildManifest: Sendable {
    struct Record: Sendable, Equatable {
        var key: Fingerprint
        var file: FileIdentity
    }

    var records: [String: Record] = [:]
    /// The records as the file lists them (read manifests only): the previous build's plan order,
    /// a folder's files together.
    var lines: [(path: String, record: Record)] = []
    /// The folder beside the output holding the site this build replaced (`.public.old-…`).
    var replaced: String?

    static let header = "podium-manifest 2"

    /// The manifest of the previous build, or an empty one when it is missing or unreadable.
    /// (Read by bytes: a big site's manifest has a line for each of tens of thousands of files.)
    static func read(_ path: String) -> BuildManifest {
        guard let bytes = try? FileSystem.read(path) else { return BuildManifest() }
        var manifest = BuildManifest()
        bytes.withUnsafeBufferPointer { b in
            // A record per line: the table is sized once instead of growing through every doubling.
            let count = UnsafeRawBufferPointer(b).count(of: 0x0A)
            manifest.records.reserveCapacity(count)
            manifest.lines.reserveCapacity(count)
            var i = 0
            func line() -> Range<Int> {
                let start = i
                while i < b.count, b[i] != 0x0A { i += 1 }
                defer { i += 1 }
                return start..<i
            }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            guard text(line()) == header else { return }
            let replacedLine = line()
            if replacedLine.count > 9, text(replacedLine.lowerBound..<replacedLine.lowerBound + 9) == "replaced " {
                manifest.replaced = text(replacedLine.lowerBound + 9..<replacedLine.upperBound)
            }
            while i < b.count {
                let r = line()
                var j = r.lowerBound
                func number() -> UInt64? {
                    var value: UInt64 = 0, digits = 0
                    while j < r.upperBound, b[j] != 0x20 {
                        guard b[j] >= 0x30 && b[j] <= 0x39, digits < 19 else { return nil }
                        value = value * 10 + UInt64(b[j] - 0x30)
                        digits += 1
                        j += 1
                    }
                    j += 1
                    return digits > 0 ? value : nil
                }
                // The key is two 16-digit halves written as one word.
                guard r.count > 33, b[r.lowerBound + 32] == 0x20 else { continue }
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
                // Numbers too large for their field (a manifest edited by hand) make the line unusable.
                guard ok, let inode = number(), let size = number().flatMap(Int.init(exactly:)),
                      let seconds = number().flatMap(Int.init(exactly:)), let nanoseconds = number().flatMap(Int.init(exactly:)),
                      let changeSeconds = number().flatMap(Int.init(exactly:)), let changeNanoseconds = number().flatMap(Int.init(exactly:)),
                      j <= r.upperBound else { continue }
                let path = text(j..<r.upperBound)
                let record = Record(key: Fingerprint(high: high, low: low),
                                    file: FileIdentity(inode: inode, size: size, seconds: seconds, nanoseconds: nanoseconds,
                                                       changeSeconds: changeSeconds, changeNanoseconds: changeNanoseconds))
                // A path listed twice (a manifest edited by hand) counts once, as its first line says.
                if let first = manifest.records.updateValue(record, forKey: path) { manifest.records[path] = first } else { manifest.lines.append((path, record)) }
            }
        }
        return manifest
    }

    /// The manifest's text (written as bytes: a line for each of tens of thousands of files), in
    /// `order` (the plan's, which every build of the same site repeats: no sorting) or by path:
    /// the heading, then the lines made before (`body`) or now.
    func text(order: [String]? = nil, body: [[UInt8]]? = nil) -> [[UInt8]] {
        [Array((Self.header + "\n" + "replaced \(replaced ?? "")\n").utf8)] + (body ?? self.body(order: order))
    }

    /// The records' lines, in `order` or by path, made a piece at a time on every core (they are
    /// the swap's longest step) and kept in those pieces: a million files' lines are never joined.
    func body(order: [String]? = nil) -> [[UInt8]] {
        let paths = order ?? records.keys.sorted(by: { $0.precedesInCodePoints($1) })
        let pieces = stride(from: 0, to: paths.count, by: 4096).map { $0..<min(paths.count, $0 + 4096) }
        return pieces.concurrentMap { lines(paths[$0]) }
    }

    /// The lines of these paths' records, in their order.
    private func lines(_ paths: ArraySlice<String>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(paths.count * 120)
        // Digits are written straight into the bytes: no string is made for any of them.
        func hex(_ word: UInt64) {
            for shift in stride(from: 60, through: 0, by: -4) {
                let d = UInt8(truncatingIfNeeded: word >> UInt64(shift)) & 0xF
                out.append(d < 10 ? 0x30 + d : 0x61 + d - 10)
            }
        }
        func decimal(_ n: UInt64) {
            out.append(0x20)
            out.append(decimal: n)
        }
        for path in paths {
            guard let r = records[path] else { continue }
            hex(r.key.high)
            hex(r.key.low)
            decimal(r.file.inode)
            decimal(UInt64(max(0, r.file.size)))
            decimal(UInt64(max(0, r.file.seconds)))
            decimal(UInt64(max(0, r.file.nanoseconds)))
            decimal(UInt64(max(0, r.file.changeSeconds)))
            decimal(UInt64(max(0, r.file.changeNanoseconds)))
            out.append(0x20)
            out.append(text: path)
            out.append(0x0A)
        }
        return out
    }

    /// Written under another name and renamed, so a reader never sees half a manifest.
    func write(to path: String, order: [String]? = nil, body: [[UInt8]]? = nil) throws {
        try FileSystem.writeAtomically(parts: text(order: order, body: body), to: path)
    }
}
