/* mem.h: allocation helpers and secure wiping.
 * mem_wipe() clears memory in a way the compiler may not optimise away; use it on any
 * buffer that held what a person typed before it is freed or reused.
 * Arena: a bump allocator for strings and rows whose lifetime is one screen or one
 * load. Everything allocated from it is released together by arena_reset()/arena_release();
 * individual allocations are never freed. */
#ifndef SIGNPOST_MEM_H
#define SIGNPOST_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* calloc that records "out of memory" via err_set() on failure. */
void *mem_zalloc(size_t size);
/* realloc that leaves *ptr untouched and returns -1 on failure. */
int mem_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);
/* Secure zero (not optimised away). */
void mem_wipe(void *ptr, size_t len);
/* strdup that returns NULL (and sets err) on failure; NULL in gives NULL out. */
char *mem_strdup(const char *s);

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
