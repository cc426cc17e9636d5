/* mem.h: the one allocation door, secure wiping and the bump arena.
 * Every heap allocation in the program goes through mem_alloc(), mem_zalloc(),
 * mem_grow(), mem_resize() or mem_strdup() (and the arena, which uses them), so a test
 * can make the Nth allocation fail with mem_fail_at() and check that the failure is
 * reported and nothing leaks. Blocks from these functions are released with mem_free()
 * (or mem_free_wiped() when they held personal data).
 * mem_wipe() clears memory in a way the compiler may not optimise away; use it on any
 * buffer that held what a person typed before it is freed or reused.
 * Arena: a bump allocator for strings and rows whose lifetime is one screen or one
 * load. Everything allocated from it is released together by arena_reset()/arena_release();
 * individual allocations are never freed. */
#ifndef SIGNPOST_MEM_H
#define SIGNPOST_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* malloc: size bytes (at least one), not cleared. NULL with "out of memory" recorded
 * via err_set() on failure. The caller frees the block with mem_free(). */
void *mem_alloc(size_t size);
/* The same, cleared to zero (calloc). */
void *mem_zalloc(size_t size);
/* n elements of elem_size bytes, cleared; NULL (with the message) when n * elem_size
 * overflows or memory runs out. */
void *mem_zalloc_array(size_t n, size_t elem_size);
/* Grows the array *ptr of *cap elements so it holds at least `need` (doubling, new
 * elements cleared). Leaves *ptr and *cap untouched and returns -1 (message set) on
 * failure; 0 otherwise. */
int mem_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);
/* realloc: resizes *ptr to size bytes (at least one); the bytes beyond the old size are
 * not cleared. Leaves *ptr untouched and returns -1 (message set) on failure. */
int mem_resize(void **ptr, size_t size);
/* strdup that returns NULL (and sets err) on failure; NULL in gives NULL out. */
char *mem_strdup(const char *s);
/* Frees a block from this module; NULL is a no-op. */
void mem_free(void *ptr);
/* Wipes the first len bytes of ptr (mem_wipe), then frees it; NULL is a no-op. */
void mem_free_wiped(void *ptr, size_t len);
/* Secure zero (not optimised away). */
void mem_wipe(void *ptr, size_t len);

/* ==== test hook: fail the Nth allocation ==== */

/* Makes the nth allocation from now fail (1: the next one), and every one after it
 * too when `sticky`; 0 turns failures off. For tests only: the counter is global and
 * not thread safe. */
void mem_fail_at(unsigned long n, bool sticky);
/* Allocations made (tried) since the program started, failed ones included: run a
 * loader once to learn how many it makes, then fail each in turn. */
unsigned long mem_allocations(void);

/* ==== arena ==== */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head; /* newest block first; owned */
    size_t used;      /* bytes handed out, for statistics */
    bool wipe;        /* wipe blocks on reset/release (for personal data) */
} Arena;

void arena_init(Arena *a);
/* Zeroed memory aligned for any type, or NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* Copy of s (NULL gives ""), or NULL when out of memory. */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Forgets every allocation but keeps the first block for reuse. */
void arena_reset(Arena *a);
/* Frees every block. */
void arena_release(Arena *a);

#endif
