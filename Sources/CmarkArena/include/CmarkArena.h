// An arena allocator for libcmark (see CmarkArena.c). Pointers are untyped here so that this
// header does not include cmark.h a second time for Swift (the CCmark module has it).
#ifndef PODIUM_CMARK_ARENA_H
#define PODIUM_CMARK_ARENA_H

#include <stddef.h>

/// Opens this thread's arena (or enters it again, nested) and returns libcmark's allocator, a
/// `cmark_mem *`, that allocates in it.
void *podium_arena_open(void);

/// Leaves the arena; the outermost close gives back everything allocated in it, except what
/// `podium_arena_adopt` took out.
void podium_arena_close(void);

/// If `p` is one of the arena's large allocations (64 KB and more), takes it out of the arena and
/// returns the malloc'd block that holds it (the caller frees it), with `*offset` set to where
/// `p` starts in it. Otherwise returns NULL.
void *podium_arena_adopt(void *p, size_t *offset);

#endif
