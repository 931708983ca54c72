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
///
/// With the previous build's manifest, a file whose inputs did not change is kept without being
/// rendered at all (`reuse`); the new manifest is put beside the output when the swap is done.
final class OutputFolder: @unchecked Sendable {
    let destination: URL
    let staging: URL
    private let stagingPath: String
    private let lock = NSLock()
    private let previous: String?
    private let counts = Counts()
    /// Removal of the folders earlier builds replaced.
    private let purge = DispatchGroup()
    /// The previous build's manifest (empty without a previous folder), and the one being made.
    let previousManifest: BuildManifest
    private var manifest = BuildManifest()

    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var written = 0, kept = 0
        func add(kept k: Bool) { lock.withLock { if k { kept += 1 } else { written += 1 } } }
        func remove(kept k: Bool) { lock.withLock { if k { kept -= 1 } else { written -= 1 } } }
    }

    var written: Int { counts.written }
    var kept: Int { counts.kept }

    /// Remove the replaced folder at once instead of at the next build.
    var tidy = false

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
        previousManifest = previous == nil ? BuildManifest() : BuildManifest.read(for: self.destination)
        // The folder an earlier build replaced is removed now, on another core, while this build
        // loads its content (see `commit`).
        let prefix = ".\(self.destination.lastPathComponent).old-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let path = parent.appendingPathComponent(name).path
            DispatchQueue.global().async(group: purge) { Self.removeTree(path) }
        }
        if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Creates the folders of a path (called before parallel writes, or under the lock).
    func prepareDirectory(for relativePath: String) throws {
        _ = try folderHandles(for: relativePath)
    }

    /// Open descriptors of a path's folder in the previous site and in the new one, so kept files
    /// are linked by name within their folder (no path walked per file); the folder is created.
    private var handles: [String: (previous: Int32, staged: Int32)] = [:]

    private func folderHandles(for relativePath: String) throws -> (previous: Int32, staged: Int32) {
        let dir = relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
        lock.lock(); defer { lock.unlock() }
        if let h = handles[dir] { return h }
        if !dir.isEmpty { try FileManager.default.createDirectory(at: staging.appendingPathComponent(dir), withIntermediateDirectories: true) }
        let staged = open(dir.isEmpty ? stagingPath : stagingPath + "/" + dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let old = previous.map { open(dir.isEmpty ? $0 : $0 + "/" + dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1
        handles[dir] = (old, staged)
        return (old, staged)
    }

    private func closeHandles() {
        lock.withLock {
            for (_, h) in handles { if h.previous >= 0 { close(h.previous) }; if h.staged >= 0 { close(h.staged) } }
            handles.removeAll()
        }
    }

    /// Writes bytes with plain POSIX calls (no fsync per file: the swap is what makes it safe).
    func write(_ text: String, to relativePath: String, key: Fingerprint) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: relativePath, key: key) }
    }

    /// Keeps the previous build's file when it was made from the same inputs and is untouched
    /// since; returns false (and does nothing) otherwise.
    func reuse(_ relativePath: String, key: Fingerprint) -> Bool {
        guard previous != nil, let earlier = previousManifest.records[relativePath], earlier.key == key,
              let folders = try? folderHandles(for: relativePath), folders.previous >= 0, folders.staged >= 0 else { return false }
        let name = relativePath.lastIndex(of: "/").map { String(relativePath[relativePath.index(after: $0)...]) } ?? relativePath
        var info = stat()
        guard fstatat(folders.previous, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              FileIdentity(info) == earlier.file,
              linkat(folders.previous, name, folders.staged, name, 0) == 0 else { return false }
        counts.add(kept: true)
        record(relativePath, BuildManifest.Record(key: key, file: earlier.file))
        return true
    }

    private func record(_ relativePath: String, _ r: BuildManifest.Record) {
        lock.withLock { manifest.records[relativePath] = r }
    }

    /// The key of a file already in the new folder (kept early), if any.
    func stagedKey(_ relativePath: String) -> Fingerprint? { lock.withLock { manifest.records[relativePath]?.key } }

    /// Takes a kept file out of the new folder again.
    func unstage(_ relativePath: String) {
        let removed = lock.withLock { manifest.records.removeValue(forKey: relativePath) != nil }
        guard removed else { return }
        unlink(stagingPath + "/" + relativePath)
        counts.remove(kept: true)
    }

    /// Removes from the new folder every file the plan does not produce.
    func keepOnly(_ paths: Set<String>) {
        let extra = lock.withLock { manifest.records.keys.filter { !paths.contains($0) } }
        for path in extra { unstage(path) }
    }

    /// Writes no manifest, so the next build renders every file.
    func forgetManifest() { lock.withLock { manifest.records.removeAll() } }

    func write(bytes: UnsafeRawBufferPointer, to relativePath: String, key: Fingerprint) throws {
        try prepareDirectory(for: relativePath)
        let path = stagingPath + "/" + relativePath
        if let previous, Self.sameBytes(previous + "/" + relativePath, bytes), link(previous + "/" + relativePath, path) == 0 {
            counts.add(kept: true)
            if let identity = FileIdentity.of(path: path) { record(relativePath, BuildManifest.Record(key: key, file: identity)) }
            return
        }
        counts.add(kept: false)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: relativePath, reason: String(cString: strerror(errno))) }
        defer {
            var info = stat()
            if fstat(fd, &info) == 0 { record(relativePath, BuildManifest.Record(key: key, file: FileIdentity(info))) }
            close(fd)
        }
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
    /// renamed in, the new manifest put beside it; the old one is left for the next build (or `tidy`).
    func commit() throws {
        closeHandles()
        let fm = FileManager.default
        // The new manifest is written first and renamed into place after the swap; should the
        // process stop in between, the old manifest no longer matches the files' identities.
        let manifestURL = BuildManifest.location(of: destination)
        let pendingManifest = manifestURL.deletingLastPathComponent().appendingPathComponent(manifestURL.lastPathComponent + ".new-\(getpid())")
        try Data(manifest.text().utf8).write(to: pendingManifest)
        purge.wait()
        let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))")
        if fm.fileExists(atPath: old.path) { Self.removeTree(old.path) }
        let hadPrevious = fm.fileExists(atPath: destination.path)
        if hadPrevious { try fm.moveItem(at: destination, to: old) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious { try? fm.moveItem(at: old, to: destination) }
            throw error
        }
        _ = rename(pendingManifest.path, manifestURL.path)
        // The replaced folder (mostly names of files the new one links too) is left for the next
        // build to remove while it loads: its 10⁴–10⁵ names cost a rebuild a tenth of a second or
        // more if removed here. Nothing in it is published; `podium build --tidy` removes it now.
        if hadPrevious && tidy { Self.removeTree(old.path) }
    }

    /// Removes a folder and everything in it with plain POSIX calls (names relative to each
    /// open folder, no path strings built per file): a previous site has tens of thousands of names.
    static func removeTree(_ path: String) {
        func empty(_ fd: Int32) {
            guard let dir = fdopendir(fd) else { close(fd); return }
            defer { closedir(dir) }
            func removeFolder(_ name: String) {
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                if child >= 0 { empty(child) }
                unlinkat(fd, name, AT_REMOVEDIR)
            }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                // A folder, or (file systems that do not report types) an entry unlink refuses as one.
                if entry.pointee.d_type == UInt8(DT_DIR) || (unlinkat(fd, name, 0) != 0 && errno == EISDIR) { removeFolder(name) }
            }
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return }
        empty(fd)
        rmdir(path)
    }

    func discard() {
        closeHandles()
        try? FileManager.default.removeItem(at: staging)
    }
}

struct OutputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write \(path): \(reason)" }
}
