import Foundation

/// HTML made by Podium (Markdown through libcmark): pages copy its bytes as they are in `{{{ }}}`.
/// It keeps the buffer it was written in (libcmark's own output, or an `HTMLBuffer`), so the
/// HTML of a page is never copied between being made and being put in the page. Immutable.
public final class HTMLFragment: @unchecked Sendable, CustomStringConvertible {
    private let allocation: UnsafeMutableRawPointer?
    private let start: UnsafeMutableRawPointer?
    public let count: Int

    /// Takes ownership of `allocation` (made with malloc), whose bytes start at `offset`.
    init(owning allocation: UnsafeMutableRawPointer?, offset: Int = 0, count: Int) {
        self.allocation = allocation
        self.start = allocation.map { $0 + offset }
        self.count = count
    }

    convenience init(_ bytes: UnsafeRawBufferPointer) {
        var buffer = HTMLBuffer(capacity: bytes.count)
        buffer.append(bytes)
        self.init(buffer)
    }

    public convenience init(_ bytes: [UInt8]) {
        var buffer = HTMLBuffer(capacity: bytes.count)
        bytes.withUnsafeBytes { buffer.append($0) }
        self.init(buffer)
    }

    convenience init(_ buffer: consuming HTMLBuffer) {
        let (start, count) = buffer.release()
        self.init(owning: start, count: count)
    }

    deinit { free(allocation) }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
    public var description: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

/// A growing byte buffer in malloc'd memory that becomes an `HTMLFragment` without a copy.
struct HTMLBuffer: ~Copyable {
    private var start: UnsafeMutableRawPointer?
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = malloc(self.capacity)
    }

    deinit { free(start) }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        memcpy(start! + count, from, bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    /// Three pieces, room made once (a table cell: its tag, its text, its end tag).
    @inline(__always)
    mutating func append(_ a: StaticString, _ b: UnsafeRawBufferPointer, _ c: StaticString) {
        let total = a.utf8CodeUnitCount + b.count + c.utf8CodeUnitCount
        if count + total > capacity { grow(to: count + total) }
        var at = start! + count
        memcpy(at, a.utf8Start, a.utf8CodeUnitCount); at += a.utf8CodeUnitCount
        if let from = b.baseAddress { memcpy(at, from, b.count) }
        at += b.count
        memcpy(at, c.utf8Start, c.utf8CodeUnitCount)
        count += total
    }

    mutating func removeAll() { count = 0 }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    mutating func append(_ byte: UInt8) {
        if count + 1 > capacity { grow(to: count + 1) }
        start!.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    private mutating func grow(to needed: Int) {
        capacity = max(needed, capacity * 2)
        guard let moved = realloc(start, capacity) else { fatalError("out of memory for \(capacity) bytes of HTML") }
        start = moved
    }

    /// The bytes and their ownership, handed to the caller.
    consuming func release() -> (UnsafeMutableRawPointer?, Int) {
        let result = (start, count)
        discard self
        return result
    }
}

/// In a page model, HTML is a value the template copies with `{{{ }}}` (its text, when encoded elsewhere).
extension HTMLFragment: Codable {
    public convenience init(from decoder: any Decoder) throws {
        self.init(Array(try decoder.singleValueContainer().decode(String.self).utf8))
    }

    public func encode(to encoder: any Encoder) throws {
        if let page = encoder as? TemplateEncoder {
            page.storage.single = .html(self)
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
