import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a site into a fresh folder beside the destination and swaps it in only when every
/// file is written, so a failed build leaves the previous `public/` exactly as it was.
final class OutputFolder: @unchecked Sendable {
    let destination: URL
    let staging: URL
    private var createdDirectories: Set<String> = [""]
    private let lock = NSLock()

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        // The name is derived from the process id, not the clock; staging folders are removed on failure.
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).tmp-\(getpid())")
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
        let path = staging.appendingPathComponent(relativePath).path
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
