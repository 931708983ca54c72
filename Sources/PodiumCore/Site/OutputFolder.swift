import Foundation

/// Writes a site into a folder beside the destination and swaps it in only when every file is
/// written, so a failed build leaves the previous `public/` exactly as it was. That folder is new
/// for a first build; a rebuild takes the folder the previous build replaced (the site of two
/// builds ago) and makes it the new site: names already holding the file to keep stay, every other
/// name is cleared before it is written (a file is only ever created new, never truncated: it may
/// be a second name of a published file), and what the plan does not make is swept out.
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
    /// the previous site, so removing it changes their change times: when it is not recycled, it
    /// is removed only once the files kept early were checked (`pruneReplaced`), and the identity
    /// of every linked file is taken after that, at the swap, so nothing changes a kept file
    /// between this build's record and the next check. A name cleared in a recycled folder holds a
    /// file only that folder has, or the previous site's file at the same path, which this build
    /// replaces (a file never changes path): clearing it moves no kept file's change time.
    private let replaced: String?
    /// Whether the new folder is the replaced one, renamed (`init`): it already holds most of the
    /// files a rebuild keeps, so they need no new link, and nothing has to be removed meanwhile.
    private let recycled: Bool
    private let counts = Counts()
    /// Removal of older replaced folders and of leftovers of killed builds.
    private let purge = DispatchGroup()
    /// The previous build's manifest (empty without a previous folder), and the one being made.
    let previousManifest: BuildManifest
    private var manifest = BuildManifest() { didSet { changes &+= 1 } }
    /// How many times the new manifest changed, and its lines as made ahead (`prepareManifest`)
    /// after the change with that number: they hold while the number stays.
    private var changes = 0
    private var body: (bytes: [[UInt8]], after: Int)?
    /// Paths whose file was linked in this build: their identity is taken at the swap.
    private var unsettled: Set<String> = []

    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var written = 0, kept = 0
        func add(kept k: Int) { lock.withLock { kept += k } }
        func add(written w: Int) { lock.withLock { written += w } }
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
        manifest.records.reserveCapacity(previousManifest.records.count)
        // Only a name Podium gives (`.public.old-PID-HEX`): a manifest edited to name another folder is not followed.
        let replacedName = previousManifest.replaced.flatMap { Self.isOurs($0, place) && !$0.hasPrefix(place.stagingPrefix) ? $0 : nil }
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
        // The replaced folder holds the site of two builds ago, whose names are mostly the files a
        // rebuild keeps: it becomes the new folder, instead of being removed while every kept file
        // is linked again. What this build does not make is swept out of it at the end (`keepOnly`).
        if let replaced, ((try? FileSystem.info(replaced, followingLinks: false)) ?? nil)?.kind == .folder,
           (try? FileSystem.rename(replaced, to: staging)) != nil {
            recycled = true
        } else {
            recycled = false
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        }
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
    private var handles: [Substring: Handles] = [:]

    private func folderHandles(for relativePath: String) throws -> Handles {
        let dir = Routes.folder(of: relativePath)
        lock.lock(); defer { lock.unlock() }
        if let h = handles[dir] { return h }
        func under(_ root: String) -> String { dir.isEmpty ? root : root + "/" + dir }
        if !dir.isEmpty {
            // A recycled folder may hold a file where this build needs a folder.
            if recycled { removeNonFolders(along: String(dir)) }
            try FileSystem.makeFolders(under(staging), display: place.display + "/" + dir)
        }
        // The new site's folder must open (a failure is said with its own cause, and not kept);
        // the previous and replaced sites may lack it.
        let staged = FileSystem.openFolder(under(staging))
        guard staged >= 0 else { throw FileSystem.Failure("writing", place.display + (dir.isEmpty ? "" : "/" + dir)) }
        let h = Handles(previous: previous.map { FileSystem.openFolder(under($0)) } ?? -1, staged: staged)
        handles[dir] = h
        return h
    }

    /// Removes whatever is not a folder on the way to `dir` in the new folder.
    private func removeNonFolders(along dir: String) {
        var path = staging
        for part in dir.split(separator: "/") {
            path += "/" + part
            guard let info = (try? FileSystem.info(path, followingLinks: false)) ?? nil else { return }
            if info.kind != .folder { FileSystem.remove(path) }
        }
    }

    /// Clears a name of the new folder for this build's file: in a recycled folder it may hold
    /// another file (or a folder) from two builds ago. True when the name already is the file
    /// `inode` (nothing to do).
    private func clear(_ relativePath: String, _ name: String, in folders: Handles, keeping inode: UInt64? = nil) -> Bool {
        guard recycled, let there = FileSystem.entry(in: folders.staged, name) else { return false }
        if !there.isFolder, there.inode == inode { return true }
        if there.isFolder { FileSystem.removeTree(staging + "/" + relativePath) } else { FileSystem.unlink(in: folders.staged, name) }
        return false
    }

    /// Puts the previous site's file under its name in the new folder: `.inPlace` when a recycled
    /// folder already has it there (nothing changed it), `.linked` when it was linked (which moves
    /// its change time), nil when it could not be.
    private enum Placed { case inPlace, linked }
    private func linkPrevious(_ relativePath: String, _ name: String, inode: UInt64, _ folders: Handles) -> Placed? {
        if clear(relativePath, name, in: folders, keeping: inode) { return .inPlace }
        return FileSystem.link(in: folders.previous, name, to: folders.staged) ? .linked : nil
    }

    private func closeHandles() {
        lock.withLock {
            for h in handles.values { for fd in [h.previous, h.staged] where fd >= 0 { close(fd) } }
            handles.removeAll()
        }
    }

    private static func name(_ relativePath: String) -> String {
        relativePath.utf8.lastIndex(of: 0x2F).map { String(relativePath[relativePath.utf8.index(after: $0)...]) } ?? relativePath
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
              let folders = try? folderHandles(for: relativePath), let placed = keep(relativePath, earlier.file, folders) else { return false }
        counts.add(kept: 1)
        // A linked file's identity is taken again at the swap; one left in place keeps its own.
        record(relativePath, BuildManifest.Record(key: key, file: earlier.file), settled: placed == .inPlace)
        return true
    }

    /// `reuse` for files of the previous manifest (each with its record there), a batch at a time:
    /// the new folder's lock is taken once for the batch, not once per file, so several threads
    /// can keep batches at once. A batch's files are in the manifest's order, a folder's together.
    func reuse(_ batch: ArraySlice<(path: String, record: BuildManifest.Record)>) {
        guard previous != nil else { return }
        var placed: [Placed?] = []
        placed.reserveCapacity(batch.count)
        var folder: Substring?, folders: Handles?
        for (path, earlier) in batch {
            let here = Routes.folder(of: path)
            if here != folder { (folder, folders) = (here, try? folderHandles(for: path)) }
            placed.append(folders.flatMap { keep(path, earlier.file, $0) })
        }
        let kept = lock.withLock {
            var kept = 0
            for ((path, record), how) in zip(batch, placed) {
                guard let how else { continue }
                manifest.records[path] = record
                if how != .inPlace { unsettled.insert(path) }
                kept += 1
            }
            return kept
        }
        counts.add(kept: kept)
    }

    /// Puts the previous build's file at `relativePath` in the new folder if it is still `file`
    /// (same inode, size, modification and change time); nil (nothing done) otherwise.
    private func keep(_ relativePath: String, _ file: FileIdentity, _ folders: Handles) -> Placed? {
        guard folders.previous >= 0 else { return nil }
        return relativePath.withCString { path -> Placed? in
            // The name is read where it lies in the path (no string is made for it).
            let name = strrchr(path, 0x2F).map { UnsafePointer($0 + 1) } ?? path
            // A recycled folder mostly holds the very file already (the previous site's file is
            // another name of it): one look at that name then tells all. The same inode, size and
            // times as recorded means these are the bytes the key made, whatever the previous
            // site's name holds now (the swap puts this file there).
            if recycled, FileSystem.identity(in: folders.staged, name) == file { return .inPlace }
            guard FileSystem.identity(in: folders.previous, name) == file else { return nil }
            return linkPrevious(relativePath, Self.name(relativePath), inode: file.inode, folders)
        }
    }

    /// Starts removing the folder the previous build replaced, on another core (called once the
    /// files kept early were checked: its removal changes their change times).
    func pruneReplaced() {
        guard let replaced, !recycled else { return }
        DispatchQueue.global().async(group: purge) { FileSystem.removeTree(replaced) }
    }

    /// `settled`: the identity is final (a file this build wrote, or one a recycled folder already
    /// held); the others' are taken again at the swap, after every link.
    private func record(_ relativePath: String, _ r: BuildManifest.Record, settled: Bool) {
        lock.withLock {
            manifest.records[relativePath] = r
            if settled { unsettled.remove(relativePath) } else { unsettled.insert(relativePath) }
        }
    }

    /// The files already in the new folder (kept early), with their keys: read once before
    /// rendering, so the workers do not take the lock for each of tens of thousands of files.
    func stagedKeys() -> [String: Fingerprint] { lock.withLock { manifest.records.mapValues(\.key) } }

    /// Takes a kept file out of the new folder again.
    func unstage(_ relativePath: String) {
        let removed = lock.withLock { manifest.records.removeValue(forKey: relativePath) != nil }
        guard removed else { return }
        FileSystem.remove(staging + "/" + relativePath)
        counts.add(kept: -1)
    }

    /// The plan's paths in its order: the order of the manifest's lines.
    private var order: [String]?

    /// Removes from the new folder every file the plan does not produce (`order`: the same paths
    /// in the plan's order). Called once every file of the plan is in the new folder.
    func keepOnly(_ paths: Set<String>, order: [String]) {
        self.order = order
        // Every path of the plan has a record by now: more records than paths means some were
        // kept early that the plan does not make.
        let extra = lock.withLock { manifest.records.count == paths.count ? [] : manifest.records.keys.filter { !paths.contains($0) } }
        for path in extra { unstage(path) }
        if recycled { _ = sweep(staging, "", paths, files: Self.filesPerFolder(order)) }
    }

    /// How many of the plan's files each folder holds directly (the plan makes a folder's files one
    /// after another, so a count is kept per run of paths in one folder).
    private static func filesPerFolder(_ order: [String]) -> [Substring: Int] {
        var counts: [Substring: Int] = [:]
        var folder: Substring?, run = 0
        for path in order {
            let here = Routes.folder(of: path)
            if here != folder {
                if let folder { counts[folder, default: 0] += run }
                (folder, run) = (here, 0)
            }
            run += 1
        }
        if let folder { counts[folder, default: 0] += run }
        return counts
    }

    /// Removes from a recycled folder every file the plan does not make, and the folders left
    /// empty; true when `folder` is empty after. Every file of the plan is there: a folder with
    /// as many files as the plan puts in it holds those and nothing else.
    private func sweep(_ folder: String, _ prefix: String, _ paths: Set<String>, files: [Substring: Int]) -> Bool {
        let entries = (try? FileSystem.entries(folder)) ?? []
        let planned = files[Substring(prefix)] ?? 0
        let onlyPlanned = entries.count { !$0.isFolder } == planned
        var empty = planned == 0
        for (name, isFolder) in entries where isFolder || !onlyPlanned {
            let path = prefix.isEmpty ? name : prefix + "/" + name, full = folder + "/" + name
            if isFolder {
                if sweep(full, path, paths, files: files) { FileSystem.removeEmptyFolder(full) } else { empty = false }
            } else if !paths.contains(path) {
                FileSystem.remove(full)
            }
        }
        return empty
    }

    /// Makes the new manifest's lines (in `order`, the plan's) ahead of the swap, on a thread that
    /// would otherwise wait. The swap uses them if no record changed since (a linked file's identity
    /// is only taken at the swap: with such files, nothing is made ahead).
    func prepareManifest(order: [String]) {
        let (now, after, settled) = lock.withLock { (manifest, changes, unsettled.isEmpty) }
        guard settled, !tidy else { return }
        let bytes = now.body(order: order)
        lock.withLock { body = (bytes, after) }
    }

    /// Writes no manifest, so the next build renders every file.
    func forgetManifest() { lock.withLock { manifest.records.removeAll() } }

    func write(bytes: UnsafeRawBufferPointer, to relativePath: String, key: Fingerprint) throws {
        let folders = try folderHandles(for: relativePath)
        let name = Self.name(relativePath)
        // The same bytes as the previous file: it is kept (a web server's cache and rsync see no change).
        if folders.previous >= 0, FileSystem.holds(in: folders.previous, name, bytes),
           let identity = FileSystem.identity(in: folders.previous, name), let placed = linkPrevious(relativePath, name, inode: identity.inode, folders) {
            counts.add(kept: 1)
            record(relativePath, BuildManifest.Record(key: key, file: identity), settled: placed == .inPlace)
            return
        }
        counts.add(written: 1)
        _ = clear(relativePath, name, in: folders)
        let identity = try FileSystem.write(bytes, in: folders.staged, name, display: place.display + "/" + relativePath)
        record(relativePath, BuildManifest.Record(key: key, file: identity), settled: true)
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
        let ready = lock.withLock { body?.after == changes ? body?.bytes : nil }
        manifest.replaced = replacedName
        try manifest.write(to: place.manifest, order: order, body: ready)
    }

    /// The identity of each file linked in this build as the new folder holds it (its change time
    /// moved when it was linked, and when the replaced folder went), on all cores.
    private func recordIdentities() {
        let records = lock.withLock { unsettled.compactMap { path in manifest.records[path].map { (key: path, value: $0) } } }
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
