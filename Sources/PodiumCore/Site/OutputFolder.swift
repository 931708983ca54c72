import Foundation

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
    let place: OutputPlace
    private let staging: String
    private let lock = NSLock()
    private let lockFile: Int32
    /// The site being replaced (`place.target`), when there is one.
    private let previous: String?
    /// The folder the previous build replaced, named in its manifest. Its files share inodes with
    /// the previous site, so removing it changes their change times: it is removed only once the
    /// files kept early were checked (`pruneReplaced`), and every identity is taken after that,
    /// at the swap, so nothing changes a kept file between this build's record and the next check.
    private let replaced: String?
    private let counts = Counts()
    /// Removal of older replaced folders and of leftovers of killed builds.
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

    struct Busy: Error, CustomStringConvertible {
        var description: String
    }

    init(place: OutputPlace) throws {
        self.place = place
        try FileManager.default.createDirectory(atPath: place.parent, withIntermediateDirectories: true)
        guard let fd = try FileSystem.lock(place.lock) else {
            throw Busy(description: "another podium build is writing \(place.display) now; wait for it to finish")
        }
        lockFile = fd
        // Holding the lock, every staging folder beside the output is a killed build's leftover.
        Self.recover(place)
        let exists = ((try? FileSystem.info(place.target)) ?? nil)?.kind == .folder
        previous = exists ? place.target : nil
        previousManifest = exists ? BuildManifest.read(place.manifest) : BuildManifest()
        let replacedName = previousManifest.replaced
        replaced = replacedName.map { (place.parent as NSString).appendingPathComponent($0) }
        // Any other folder of ours is a killed build's leftover (the previous build removed the
        // one before it): removed on another core while this build loads. Removing a name of a
        // file the site still has moves that file's change time, which can only make a page be
        // rendered again, never kept wrongly.
        for name in (try? FileSystem.children(place.parent)) ?? [] where name != replacedName && Self.isOurs(name, place) {
            let path = (place.parent as NSString).appendingPathComponent(name)
            DispatchQueue.global().async(group: purge) { FileSystem.removeTree(path) }
        }
        staging = place.beside("tmp-\(getpid())")
        FileSystem.removeTree(staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
    }

    deinit { releaseLock() }

    private var locked = true
    /// Lets the next build start (at the end of `commit` and `discard`, or when the folder goes).
    private func releaseLock() {
        lock.withLock {
            if locked { FileSystem.unlock(lockFile) }
            locked = false
        }
    }

    /// Folders Podium names beside the output: staging (`.public.tmp-PID`) and replaced
    /// (`.public.old-PID-HEX`) sites. Nothing else beside the output is ever removed.
    static func isOurs(_ name: String, _ place: OutputPlace) -> Bool {
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if name.hasPrefix(place.stagingPrefix) { return digits(name.dropFirst(place.stagingPrefix.count)) }
        guard name.hasPrefix(place.replacedPrefix) else { return false }
        let parts = name.dropFirst(place.replacedPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && digits(parts[0]) && !parts[1].isEmpty && parts[1].allSatisfy(\.isHexDigit)
    }

    /// A build killed between the two renames of a swap (systems without folder exchange) left no
    /// output: the site it replaced is put back.
    private static func recover(_ place: OutputPlace) {
        guard let bytes = try? FileSystem.read(place.journal) else { return }
        let old = (place.parent as NSString).appendingPathComponent(String(decoding: bytes, as: UTF8.self))
        if ((try? FileSystem.info(place.target, followingLinks: false)) ?? nil) == nil, isOurs((old as NSString).lastPathComponent, place) {
            try? FileSystem.rename(old, to: place.target)
        }
        FileSystem.remove(place.journal)
    }

    /// Creates the folders of a path (called before parallel writes, or under the lock).
    func prepareDirectory(for relativePath: String) throws {
        _ = try folderHandles(for: relativePath)
    }

    /// Open descriptors of a path's folder in the previous site, the new one and the folder the
    /// previous build replaced, so kept files are linked by name within their folder.
    private struct Handles { var previous: Int32, staged: Int32 }
    private var handles: [String: Handles] = [:]

    private func folderHandles(for relativePath: String) throws -> Handles {
        let dir = relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
        lock.lock(); defer { lock.unlock() }
        if let h = handles[dir] { return h }
        func under(_ root: String) -> String { dir.isEmpty ? root : root + "/" + dir }
        if !dir.isEmpty { try FileSystem.makeFolders(under(staging), display: place.display + "/" + dir) }
        // The new site's folder must open (a failure is said with its own cause, and not kept);
        // the previous and replaced sites may lack it.
        let staged = FileSystem.openFolder(under(staging))
        guard staged >= 0 else { throw FileSystem.Failure("writing", place.display + (dir.isEmpty ? "" : "/" + dir)) }
        let h = Handles(previous: previous.map { FileSystem.openFolder(under($0)) } ?? -1, staged: staged)
        handles[dir] = h
        return h
    }

    private func closeHandles() {
        lock.withLock {
            for h in handles.values { for fd in [h.previous, h.staged] where fd >= 0 { close(fd) } }
            handles.removeAll()
        }
    }

    private static func name(_ relativePath: String) -> String {
        relativePath.lastIndex(of: "/").map { String(relativePath[relativePath.index(after: $0)...]) } ?? relativePath
    }

    /// Writes bytes with plain POSIX calls (no fsync per file: the swap is what makes it safe).
    func write(_ text: String, to relativePath: String, key: Fingerprint) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: relativePath, key: key) }
    }

    /// Keeps the previous build's file when it was made from the same inputs and is untouched
    /// since (same inode, size, modification and change time); returns false (and does nothing) otherwise.
    func reuse(_ relativePath: String, key: Fingerprint) -> Bool {
        guard previous != nil, let earlier = previousManifest.records[relativePath], earlier.key == key,
              let folders = try? folderHandles(for: relativePath), folders.previous >= 0 else { return false }
        let name = Self.name(relativePath)
        guard FileSystem.identity(in: folders.previous, name) == earlier.file,
              FileSystem.link(in: folders.previous, name, to: folders.staged) else { return false }
        counts.add(kept: true)
        record(relativePath, BuildManifest.Record(key: key, file: earlier.file))   // its identity is taken at the swap
        return true
    }

    /// Starts removing the folder the previous build replaced, on another core (called once the
    /// files kept early were checked: its removal changes their change times).
    func pruneReplaced() {
        guard let replaced else { return }
        DispatchQueue.global().async(group: purge) { FileSystem.removeTree(replaced) }
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
        FileSystem.remove(staging + "/" + relativePath)
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
        let folders = try folderHandles(for: relativePath)
        let name = Self.name(relativePath)
        // The same bytes as the previous file: it is kept (a web server's cache and rsync see no change).
        if folders.previous >= 0, FileSystem.holds(in: folders.previous, name, bytes),
           let identity = FileSystem.identity(in: folders.previous, name), FileSystem.link(in: folders.previous, name, to: folders.staged) {
            counts.add(kept: true)
            record(relativePath, BuildManifest.Record(key: key, file: identity))   // taken again at the swap
            return
        }
        counts.add(kept: false)
        let identity = try FileSystem.write(bytes, in: folders.staged, name, display: place.display + "/" + relativePath)
        record(relativePath, BuildManifest.Record(key: key, file: identity))
    }

    /// Puts the new site in place of the old one. Where the system can exchange two folders in
    /// one step, the output exists at every instant; elsewhere two renames, with a journal the
    /// next build uses to put the old site back if this one is killed in between. The manifest is
    /// made sure to exist before (the folder is Podium's) and written for real after.
    func commit() throws {
        defer { releaseLock() }
        // Every folder Podium removes is gone now: no link count, so no change time, moves after this.
        purge.wait()
        recordIdentities()
        closeHandles()
        if ((try? FileSystem.info(place.manifest, followingLinks: false)) ?? nil) == nil {
            try BuildManifest().write(to: place.manifest)
        }
        let old = (place.parent as NSString).appendingPathComponent(place.replacedPrefix + "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))")
        var replacedName: String?
        if previous != nil {
            replacedName = (old as NSString).lastPathComponent
            if try FileSystem.exchange(staging, place.target) {
                try FileSystem.rename(staging, to: old)
            } else {
                try FileSystem.writeAtomically(Array(replacedName!.utf8), to: place.journal)
                try FileSystem.rename(place.target, to: old)
                do { try FileSystem.rename(staging, to: place.target) } catch {
                    try? FileSystem.rename(old, to: place.target)
                    FileSystem.remove(place.journal)
                    throw error
                }
                FileSystem.remove(place.journal)
            }
        } else {
            try FileSystem.rename(staging, to: place.target)
        }
        if let name = replacedName, tidy {
            // Removing the replaced site changes the change time of every file it shares with the
            // new one: their identities are taken again after.
            FileSystem.removeTree((place.parent as NSString).appendingPathComponent(name))
            var again: [String: BuildManifest.Record] = [:]
            for (path, r) in manifest.records {
                if let identity = FileIdentity.of(path: place.target + "/" + path) { again[path] = BuildManifest.Record(key: r.key, file: identity) }
            }
            manifest.records = again
            replacedName = nil
        }
        manifest.replaced = replacedName
        try manifest.write(to: place.manifest)
    }

    /// Each file's identity as the new folder holds it (kept files' change times moved when they
    /// were linked and when the replaced folder went), on all cores.
    private func recordIdentities() {
        let records = lock.withLock { Array(manifest.records) }
        let identities = records.concurrentMap { path, _ -> FileIdentity? in
            guard let folders = try? folderHandles(for: path) else { return nil }
            return FileSystem.identity(in: folders.staged, Self.name(path))
        }
        lock.withLock {
            for (i, (path, r)) in records.enumerated() {
                if let identity = identities[i] { manifest.records[path] = BuildManifest.Record(key: r.key, file: identity) } else { manifest.records[path] = nil }
            }
        }
    }

    func discard() {
        closeHandles()
        FileSystem.removeTree(staging)
        releaseLock()
    }
}
