import CCmark
import CmarkArena

/// libcmark's memory while Podium renders Markdown: an arena (Sources/CmarkArena, in C, since
/// libcmark's allocator takes no context and the arena is the calling thread's). Allocations are
/// cut one after another from large blocks and given back all at once when the rendering ends,
/// instead of a `malloc` and a `free` for each node and text and a walk of the tree to free it.
enum CmarkArena {
    /// Runs `body` with libcmark's allocator set to this thread's arena. Nothing allocated through
    /// it may be used after the outermost `use` returns, except what `adopt` took out. Nested
    /// `use` (a table cell rendered while its page is) share the arena.
    static func use<R>(_ body: (UnsafeMutablePointer<cmark_mem>) throws -> R) rethrows -> R {
        let mem = podium_arena_open()!.assumingMemoryBound(to: cmark_mem.self)
        defer { podium_arena_close() }
        return try body(mem)
    }

    /// Takes an allocation out of the arena if it is one of the large ones (64 KB and more): the
    /// caller then owns the memory at `base` (to give back with `free`); the bytes start at
    /// `base + offset`.
    static func adopt(_ pointer: UnsafeMutableRawPointer) -> (base: UnsafeMutableRawPointer, offset: Int)? {
        var offset = 0
        guard let base = podium_arena_adopt(pointer, &offset) else { return nil }
        return (base, offset)
    }
}
