import Foundation
// Podium runs on Linux only (Package.swift, README): the folder exchange is Linux's renameat2,
// identities use Linux's stat fields, and the build machines and CI are Linux.
#if os(Linux)
import Glibc
#else
#error("Podium builds on Linux only: Support/FileSystem.swift uses Linux's renameat2 and stat layout")
#endif

/// The one place where Podium talks to the file system below Foundation: reading an input
/// file without ever blocking on a FIFO or a device, the kind and identity of a path, real paths
/// for containment checks, folder listings that report their errors, and the atomic exchange of
/// two folders. Everything else calls these (or Foundation); no other file walks `readdir`.
public enum FileSystem {
    /// An operating-system error on a path, said the way people read it:
    /// "no space left on device while writing public/index.html".
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var code: Int32
        public var action: String
        /// What a path is when it is neither a file nor a folder ("a FIFO (named pipe)", "a device").
        public var special: String?

        public init(_ action: String, _ path: String, code: Int32 = errno, special: String? = nil) {
            self.action = action
            self.path = path
            self.code = code
            self.special = special
        }

        public var reason: String { special.map { "it is \($0)" } ?? FileSystem.reason(code) }
        public var description: String { "\(reason) while \(action) \(path)" }
    }

    /// strerror's text, lower-cased as in the middle of a sentence.
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    public enum Kind: Sendable, Equatable {
        case file, folder, link, special(String)
    }

    /// What stat says of a file: its kind and what changes when its bytes or metadata do.
    public struct Info: Sendable, Equatable {
        public var kind: Kind
        public var device: UInt64
        public var identity: FileIdentity

        init(_ s: stat) {
            switch s.st_mode & S_IFMT {
            case S_IFREG: kind = .file
            case S_IFDIR: kind = .folder
            case S_IFLNK: kind = .link
            case S_IFIFO: kind = .special("a FIFO (named pipe)")
            case S_IFCHR, S_IFBLK: kind = .special("a device")
            case S_IFSOCK: kind = .special("a socket")
            default: kind = .special("not a regular file")
            }
            device = UInt64(s.st_dev)
            identity = FileIdentity(s)
        }
    }

    /// The path's kind and identity; `nil` when nothing is there. Other failures throw.
    public static func info(_ path: String, followingLinks: Bool = true) throws(Failure) -> Info? {
        var s = stat()
        let r = followingLinks ? stat(path, &s) : lstat(path, &s)
        if r == 0 { return Info(s) }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw Failure("reading", path)
    }

    /// The names in a folder (not `.` and `..`), in code-point order; hidden names included.
    /// A missing folder has none; a file where a folder should be, or an unreadable folder, throws.
    public static func children(_ path: String) throws(Failure) -> [String] {
        try entries(path).map(\.name).sorted { $0.precedesInCodePoints($1) }
    }

    /// A folder's names (not `.` and `..`), in the order the folder lists them, each with whether
    /// it is a folder (from the listing itself where the file system says, else from lstat).
    static func entries(_ path: String) throws(Failure) -> [(name: String, isFolder: Bool)] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw Failure("listing", path)
        }
        defer { closedir(dir) }
        var names: [(name: String, isFolder: Bool)] = []
        // d_name is read in place as a C string: a dirent is a variable-length record.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        errno = 0
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." {
                let type = entry.pointee.d_type
                let isFolder = type == UInt8(DT_UNKNOWN) ? ((try? info(path + "/" + name, followingLinks: false)) ?? nil)?.kind == .folder
                    : type == UInt8(DT_DIR)
                names.append((name, isFolder))
            }
            errno = 0
        }
        if errno != 0 { throw Failure("listing", path) }
        return names
    }

    /// The path with every link resolved, or `nil` when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `folder` or lies below it (both real paths).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// A regular file's bytes. Opened without blocking, so a FIFO or a device is refused, not
    /// waited on; a folder, a FIFO, a device or a socket is an error; so is a file over `limit`.
    public static func read(_ path: String, limit: Int = 1 << 31) throws(Failure) -> [UInt8] {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        guard size <= limit else { throw Failure("reading", path, code: EFBIG) }
        return try read(fd, path: path, upTo: limit, expected: size)
    }

    /// The first bytes of a regular file (at most `count`), refused as `read` refuses.
    public static func head(_ path: String, count: Int) throws(Failure) -> [UInt8] {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        return try read(fd, path: path, upTo: count, expected: min(size, count), stopAtLimit: true)
    }

    /// The next bytes of an open file into `buffer` (from its start); 0 at the end. A read error
    /// throws: it never passes for the end of the file.
    static func readChunk(_ fd: Int32, into buffer: inout [UInt8], path: String) throws(Failure) -> Int {
        let n = buffer.withUnsafeMutableBytes { readRetrying(fd, into: $0) }
        if n < 0 { throw Failure("reading", path) }
        return n
    }

    /// A regular file's bytes, refused as `read` refuses, handed to `body` in full chunks of
    /// `buffer.count` bytes (the last one shorter), so equal bytes always come in equal chunks and
    /// the file is never held whole. The caller's buffer serves file after file.
    static func forEachChunk(_ path: String, buffer: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) throws(Failure) {
        let (fd, _) = try openRegular(path)
        defer { close(fd) }
        while true {
            var filled = 0
            while filled < buffer.count {
                let n = buffer.withUnsafeMutableBytes { readRetrying(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
                if n < 0 { throw Failure("reading", path) }
                if n == 0 { break }
                filled += n
            }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<filled])) }
            if filled < buffer.count { return }
        }
    }

    /// `read`, again when a signal interrupts it; -1 (with errno) on an error.
    private static func readRetrying(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 || errno != EINTR { return n }
        }
    }

    /// Opens a path for reading only if it is a regular file (after links); its size.
    static func openRegular(_ path: String) throws(Failure) -> (Int32, Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("reading", path) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { close(fd); throw Failure("reading", path) }
        let kind = Info(s).kind
        if kind == .folder { close(fd); throw Failure("reading", path, code: EISDIR) }
        if case .special(let what) = kind { close(fd); throw Failure("reading", path, code: EINVAL, special: what) }
        return (fd, Int(s.st_size))
    }

    private static func read(_ fd: Int32, path: String, upTo limit: Int, expected: Int, stopAtLimit: Bool = false) throws(Failure) -> [UInt8] {
        // Room for a byte more than the file, so its end is seen without growing the array (a
        // copy of every byte, in fresh memory); it grows only for a file that grew while read.
        // The bytes are read straight into it: nothing is zeroed first.
        var capacity = stopAtLimit ? expected : expected + 1
        var bytes: [UInt8] = []
        var count = 0, ended = false
        var failure: Int32?   // errno of a failed read, or EFBIG past the limit
        while true {
            if count == capacity {
                if stopAtLimit && count >= limit { break }
                capacity += max(4096, count)   // the file grew while read
            }
            var more = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                if count > 0 { _ = bytes.withUnsafeBytes { memcpy(buffer.baseAddress!, $0.baseAddress!, count) } }
                while true {
                    let want = stopAtLimit ? min(capacity, limit) - count : capacity - count
                    guard want > 0 else { break }
                    let n = readRetrying(fd, into: UnsafeMutableRawBufferPointer(start: buffer.baseAddress! + count, count: want))
                    if n < 0 { failure = errno; break }
                    if n == 0 { ended = true; break }
                    count += n
                    if !stopAtLimit && count > limit { failure = EFBIG; break }
                }
                initialized = count
            }
            swap(&bytes, &more)
            if let failure { throw Failure("reading", path, code: failure) }
            if ended || (stopAtLimit && count >= limit) { break }
        }
        return bytes
    }

    /// Creates a folder and the folders above it that are missing (`mkdir -p`).
    static func makeFolders(_ path: String, display: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw Failure("writing", display) }
        }
    }

    // Names within open folders: a site of 10⁵ files is written and kept without a path walked per file.

    /// An open folder (-1 when it cannot be opened); links are not followed.
    static func openFolder(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
    }

    /// A regular file's identity by name in an open folder (not following links).
    static func identity(in folder: Int32, _ name: UnsafePointer<CChar>) -> FileIdentity? {
        var s = stat()
        guard fstatat(folder, name, &s, AT_SYMLINK_NOFOLLOW) == 0, (s.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(s)
    }

    static func identity(in folder: Int32, _ name: String) -> FileIdentity? {
        name.withCString { identity(in: folder, $0) }
    }

    /// A second name for a file, in another open folder.
    static func link(in folder: Int32, _ name: String, to other: Int32) -> Bool {
        linkat(folder, name, other, name, 0) == 0
    }

    /// Removes a file (nothing when it is not there).
    static func remove(_ path: String) {
        _ = Glibc.unlink(path)
    }

    /// Removes a folder if it is empty (nothing otherwise).
    static func removeEmptyFolder(_ path: String) {
        _ = Glibc.rmdir(path)
    }

    static func unlink(in folder: Int32, _ name: String) {
        _ = unlinkat(folder, name, 0)
    }

    /// The inode a name in an open folder stands for (not following links), and whether it is a folder.
    static func entry(in folder: Int32, _ name: String) -> (inode: UInt64, isFolder: Bool)? {
        var s = stat()
        guard fstatat(folder, name, &s, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return (UInt64(s.st_ino), (s.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Whether a regular file holds exactly these bytes (size first, then the bytes).
    static func holds(in folder: Int32, _ name: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let identity = identity(in: folder, name), identity.size == bytes.count else { return false }
        let fd = openat(folder, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
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

    /// Writes all of `bytes` to a new file by name in an open folder (no fsync: an atomic folder
    /// swap is what makes a build safe); its identity.
    /// A new file only: a name already there is an error, never truncated (in a recycled folder
    /// it may be a second name of a published file).
    static func write(_ bytes: UnsafeRawBufferPointer, in folder: Int32, _ name: String, display: String) throws(Failure) -> FileIdentity {
        let fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Failure("writing", display) }
        return try write(bytes, to: fd, display: display)
    }

    /// Writes all of `bytes` to a new file at a path; its identity.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, display: String) throws(Failure) -> FileIdentity {
        try write(bytes, to: create(path, display: display), display: display)
    }

    /// A file opened for writing, made new or emptied.
    private static func create(_ path: String, display: String) throws(Failure) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure("writing", display) }
        return fd
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, display: String) throws(Failure) -> FileIdentity {
        defer { close(fd) }
        try writeAll(bytes, to: fd, display: display)
        var s = stat()
        guard fstat(fd, &s) == 0 else { throw Failure("writing", display) }
        return FileIdentity(s)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, display: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure("writing", display)
            }
            offset += n
        }
    }

    /// Writes a file under another name and renames it, so a reader never sees half of it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try writeAtomically(parts: [bytes], to: path)
    }

    /// The same for a file made of parts, one after the other (never joined in memory).
    static func writeAtomically(parts: [[UInt8]], to path: String) throws {
        let temporary = path + ".new-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let fd = try create(temporary, display: temporary)
        defer { close(fd) }
        for part in parts { try part.withUnsafeBytes { try writeAll($0, to: fd, display: temporary) } }
        try rename(temporary, to: path)
    }

    /// Swaps two paths in one step (Linux's `renameat2` with `RENAME_EXCHANGE`): at every instant
    /// each name holds one of the two. Returns false where the system cannot (then nothing moved).
    static func exchange(_ a: String, _ b: String) throws(Failure) -> Bool {
        guard let call = renameat2 else { return false }
        if call(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0 { return true }
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return false }
        throw Failure("replacing", b)
    }

    /// glibc has `renameat2` since 2.28, but its header hides it from Swift's Glibc module.
    private static let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// Renames, reporting the error as a `Failure`.
    static func rename(_ from: String, to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw Failure("renaming \(from) to", to) }
    }

    /// An exclusive lock on a file beside the output, held until the returned descriptor is closed;
    /// `nil` when another process holds it.
    static func lock(_ path: String) throws(Failure) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure("locking", path) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        let code = errno
        close(fd)
        if code == EWOULDBLOCK { return nil }
        throw Failure("locking", path, code: code)
    }

    /// Releases the lock, then closes: a process started meanwhile holds a copy of the descriptor
    /// until it runs its program, and closing ours alone would leave the lock held by that copy.
    static func unlock(_ fd: Int32) {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Removes a folder and everything in it; links are removed, never followed (Foundation).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A file as the file system knows it. Size and modification time change with its bytes; the
/// status-change time (ctime) changes with any edit, even one whose modification time was put back.
public struct FileIdentity: Sendable, Equatable, Hashable {
    var inode: UInt64
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var changeSeconds: Int
    var changeNanoseconds: Int

    init(inode: UInt64, size: Int, seconds: Int, nanoseconds: Int, changeSeconds: Int, changeNanoseconds: Int) {
        self.inode = inode
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.changeSeconds = changeSeconds
        self.changeNanoseconds = changeNanoseconds
    }

    init(_ info: stat) {
        self.init(inode: UInt64(info.st_ino), size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                  changeSeconds: Int(info.st_ctim.tv_sec), changeNanoseconds: Int(info.st_ctim.tv_nsec))
    }

    static func of(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(info)
    }
}
