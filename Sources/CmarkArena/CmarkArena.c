// Memory for rendering Markdown with libcmark: allocations are cut one after another from large
// blocks and given back all at once when the rendering ends, instead of a malloc and a free for
// every node, text and buffer, and a walk of the tree to free it. Allocations of 64 KB and more
// (the output of a long text) are ordinary malloc memory, listed, so they grow without copies.
//
// libcmark's allocator takes no context, so the arena is the calling thread's (thread-local
// state: one instruction to reach). Nested opens share it; the outermost close gives everything
// back. A thread keeps its first block for its next rendering; it is freed when the thread ends.
#include "CmarkArena.h"
#include <cmark.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { HEADER = 16, LARGE_HEADER = 32, LARGE = 64 << 10, FIRST_BLOCK = 64 << 10, BLOCK = 1 << 20,
       REUSED = 1024, CLASSES = REUSED / 16 + 1 };

// Before each allocation: its size, and whether it is large. A large one also has the previous
// and next large allocations before that.
typedef struct { size_t size; size_t large; } header;
typedef struct { char *previous; char *next; } links;

typedef struct {
    int depth;
    char *block;       // the newest block; each block's first word points to the one before
    char *cursor;
    size_t remaining;
    char *last;        // the newest small allocation, which can grow in place
    char *large;       // the newest large allocation not yet freed
    char *freed[CLASSES];   // freed small allocations by size (16-byte steps), for reuse
    int registered;    // whether the thread-exit cleanup is set
} arena;

static _Thread_local arena state;

static header *header_of(char *p) { return (header *)(p - HEADER); }
static links *links_of(char *p) { return (links *)(p - LARGE_HEADER); }
static size_t rounded(size_t n) { return (n + 15) & ~(size_t)15; }

static void link_large(char *p) {
    links_of(p)->previous = NULL;
    links_of(p)->next = state.large;
    if (state.large) links_of(state.large)->previous = p;
    state.large = p;
}

static void unlink_large(char *p) {
    char *before = links_of(p)->previous, *after = links_of(p)->next;
    if (before) links_of(before)->next = after; else state.large = after;
    if (after) links_of(after)->previous = before;
}

static pthread_key_t cleanup_key;
static pthread_once_t cleanup_once = PTHREAD_ONCE_INIT;

static void release(void);
static void give_back(char *p);

static void thread_ends(void *unused) {
    (void)unused;
    release();
    free(state.block);
    state.block = NULL;
}

static void make_cleanup_key(void) { pthread_key_create(&cleanup_key, thread_ends); }

static void add_block(size_t need) {
    size_t bytes = state.block ? BLOCK : FIRST_BLOCK;
    if (bytes < need + HEADER) bytes = need + HEADER;
    char *block = malloc(bytes);
    if (!block) abort();
    *(char **)block = state.block;
    state.block = block;
    state.cursor = block + HEADER;
    state.remaining = bytes - HEADER;
    if (!state.registered) {
        pthread_once(&cleanup_once, make_cleanup_key);
        pthread_setspecific(cleanup_key, &state);   // any non-NULL value runs the cleanup
        state.registered = 1;
    }
}

static void *allocate_large(size_t n) {
    char *base = calloc(1, n + LARGE_HEADER);
    if (!base) return NULL;
    char *p = base + LARGE_HEADER;
    header_of(p)->size = n;
    header_of(p)->large = 1;
    link_large(p);
    return p;
}

static void *allocate(size_t n, int zeroed) {
    if (n >= LARGE) return allocate_large(n);
    // A freed allocation of the same rounded size, if any (libcmark frees its parsing temporaries
    // and the old copies of buffers that grew).
    if (n <= REUSED && state.freed[rounded(n) / 16]) {
        char *p = state.freed[rounded(n) / 16];
        state.freed[rounded(n) / 16] = *(char **)p;
        header_of(p)->size = n;
        if (zeroed) memset(p, 0, n);
        return p;
    }
    size_t need = HEADER + rounded(n);
    if (need > state.remaining) add_block(need);
    char *p = state.cursor + HEADER;
    header_of(p)->size = n;
    header_of(p)->large = 0;
    state.cursor += need;
    state.remaining -= need;
    state.last = p;
    if (zeroed) memset(p, 0, n);   // a kept block holds the last rendering's bytes
    return p;
}

static void *arena_calloc(size_t count, size_t size) { return allocate(count * size, 1); }

static void *arena_realloc(void *pointer, size_t n) {
    char *p = pointer;
    if (!p) return allocate(n, 0);
    size_t old = header_of(p)->size;
    if (header_of(p)->large) {
        unlink_large(p);
        char *base = realloc(p - LARGE_HEADER, n + LARGE_HEADER);
        if (!base) { link_large(p); return NULL; }
        char *moved = base + LARGE_HEADER;
        header_of(moved)->size = n;
        link_large(moved);
        return moved;
    }
    if (n <= old) { header_of(p)->size = n; return p; }
    // The newest allocation grows in place while its block has room.
    size_t grow = rounded(n) - rounded(old);
    if (p == state.last && n < LARGE && grow <= state.remaining) {
        state.cursor += grow;
        state.remaining -= grow;
        header_of(p)->size = n;
        return p;
    }
    char *moved = allocate(n, 0);
    if (moved) { memcpy(moved, p, old); give_back(p); }
    return moved;
}

static void give_back(char *p) {
    size_t size = rounded(header_of(p)->size);
    if (size > REUSED || size < sizeof(char *)) return;   // kept with its block
    *(char **)p = state.freed[size / 16];
    state.freed[size / 16] = p;
}

static void arena_free(void *pointer) {
    char *p = pointer;
    if (!p) return;
    if (!header_of(p)->large) { give_back(p); return; }
    unlink_large(p);
    free(p - LARGE_HEADER);
}

static cmark_mem allocator = { arena_calloc, arena_realloc, arena_free };

// Gives back every block but the first, kept for the next rendering, and every large allocation
// still held.
static void release(void) {
    while (state.large) {
        char *p = state.large;
        state.large = links_of(p)->next;
        free(p - LARGE_HEADER);
    }
    if (!state.block) return;
    char *b = state.block, *before;
    while ((before = *(char **)b)) { free(b); b = before; }
    state.block = b;
    state.cursor = b + HEADER;
    state.remaining = FIRST_BLOCK - HEADER;
    state.last = NULL;
    memset(state.freed, 0, sizeof state.freed);
}

void *podium_arena_open(void) {
    state.depth += 1;
    return &allocator;
}

void podium_arena_close(void) {
    state.depth -= 1;
    if (state.depth == 0) release();
}

void *podium_arena_adopt(void *pointer, size_t *offset) {
    char *p = pointer;
    if (!p || !header_of(p)->large) return NULL;
    unlink_large(p);
    *offset = LARGE_HEADER;
    return p - LARGE_HEADER;
}
