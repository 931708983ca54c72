import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a site into a fresh folder beside the destination and swaps it in only when every
/// file is written, so a failed build leaves the previous `public/` exactly as it was.
///
/// A file whose bytes equal the previous build's is not written again: the old file is
/// hard-linked into the new folder, so web servers' caches and rsync see only real changes, and
/// files that are no longer produced disappear with the old folder.
final class OutputFolder: @unchecked Sendable {
    let destination: URL
    let staging: URL
    private let stagingPath: String
    private var createdDirectories: Set<String> = [""]
    private let lock = NSLock()
    private let previous: String?
    private let counts = Counts()

    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var written = 0, kept = 0
        func add(kept k: Bool) { lock.withLock { if k { kept += 1 } else { written += 1 } } }
    }

    var written: Int { counts.written }
    var kept: Int { counts.kept }

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        // The name is derived from the process id, not the clock; staging folders are removed on failure.
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).tmp-\(getpid())")
        stagingPath = staging.path
        var isDir: ObjCBool = false
        previous = FileManager.default.fileExists(atPath: self.destination.path, isDirectory: &isDir) && isDir.boolValue
            ? self.destination.path : nil
        if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Creates the folders of a path (called before parallel writes, or under the lock).
    func prepareDirectory(for relativePath: String) throws {
        guard let slash = relativePath.lastIndex(of: "/") else { return }
        let dir = String(relativePath[..<slash])
        lock.lock(); defer { lock.unlock() }
        if createdDirectories.contains(dir) { return }
        try FileManager.default.createDirectory(at: staging.appendingPathComponent(dir), withIntermediateDirectories: true)
        createdDirectories.insert(dir)
    }

    /// Writes bytes with plain POSIX calls (no fsync per file: the swap is what makes it safe).
    func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: relativePath) }
    }

    func write(bytes: UnsafeRawBufferPointer, to relativePath: String) throws {
        try prepareDirectory(for: relativePath)
        let path = stagingPath + "/" + relativePath
        if let previous, Self.sameBytes(previous + "/" + relativePath, bytes), link(previous + "/" + relativePath, path) == 0 {
            counts.add(kept: true)
            return
        }
        counts.add(kept: false)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: relativePath, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: relativePath, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Whether a file holds exactly these bytes (size first, then the bytes).
    static func sameBytes(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: min(bytes.count, 1 << 16))
        var offset = 0
        while offset < bytes.count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, bytes.count - offset)) }
            guard n > 0 else { return false }
            let equal = buffer.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress! + offset, n) == 0 }
            guard equal else { return false }
            offset += n
        }
        return true
    }

    /// Puts the staged site in place of the destination: the old one is renamed away, the new one
    /// renamed in, then the old one removed.
    func commit() throws {
        let fm = FileManager.default
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
        if fm.fileExists(atPath: old.path) { try fm.removeItem(at: old) }
        let hadPrevious = fm.fileExists(atPath: destination.path)
        if hadPrevious { try fm.moveItem(at: destination, to: old) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        if hadPrevious { try? fm.removeItem(at: old) }
    }

    func discard() { try? FileManager.default.removeItem(at: staging) }
}

struct OutputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write \(path): \(reason)" }
}
