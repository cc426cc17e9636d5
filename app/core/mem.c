/* mem.c: the allocation door (the only caller of malloc, calloc and realloc, with the
 * test hook that fails the Nth allocation), secure wipe and the bump arena (see mem.h). */
#include "mem.h"

#include "err.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== the allocation door ==== */

static unsigned long allocations; /* tried so far */
static unsigned long fail_at;     /* the allocation number that fails; 0: none */
static bool fail_sticky;          /* and every one after it */

void mem_fail_at(unsigned long n, bool sticky)
{
    fail_at = n ? allocations + n : 0;
    fail_sticky = sticky;
}

unsigned long mem_allocations(void)
{
    return allocations;
}

/* Counts an allocation; true when the test hook says this one fails. */
static bool injected_failure(void)
{
    allocations++;
    return fail_at != 0 && (allocations == fail_at || (fail_sticky && allocations > fail_at));
}

void *mem_alloc(size_t size)
{
    void *p = injected_failure() ? NULL : malloc(size ? size : 1);
    if (!p)
        err_set("out of memory (%zu bytes)", size);
    return p;
}

void *mem_zalloc(size_t size)
{
    void *p = injected_failure() ? NULL : calloc(1, size ? size : 1);
    if (!p)
        err_set("out of memory (%zu bytes)", size);
    return p;
}

void *mem_zalloc_array(size_t n, size_t elem_size)
{
    if (elem_size && n > SIZE_MAX / elem_size) {
        err_set("out of memory (array of %zu)", n);
        return NULL;
    }
    return mem_zalloc(n * elem_size);
}

int mem_resize(void **ptr, size_t size)
{
    void *np = injected_failure() ? NULL : realloc(*ptr, size ? size : 1);
    if (!np)
        return err_set("out of memory (%zu bytes)", size);
    *ptr = np;
    return 0;
}

int mem_grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
    assert(elem_size > 0);
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem_size)
            return err_set("out of memory (array of %zu)", need);
        ncap *= 2;
    }
    void *np = *ptr;
    if (mem_resize(&np, ncap * elem_size) != 0)
        return err_set("out of memory (array of %zu)", need);
    memset((char *)np + *cap * elem_size, 0, (ncap - *cap) * elem_size);
    *ptr = np;
    *cap = ncap;
    return 0;
}

void mem_free(void *ptr)
{
    free(ptr);
}

void mem_free_wiped(void *ptr, size_t len)
{
    if (!ptr)
        return;
    mem_wipe(ptr, len);
    free(ptr);
}

void mem_wipe(void *ptr, size_t len)
{
    if (!ptr || !len)
        return;
    volatile unsigned char *p = ptr;
    while (len--)
        *p++ = 0;
#if defined(__GNUC__)
    __asm__ __volatile__("" : : "r"(ptr) : "memory");
#endif
}

char *mem_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = mem_alloc(n);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    return d;
}

/* ==== arena ==== */

struct ArenaBlock {
    ArenaBlock *next;
    size_t cap;
    size_t used;
    max_align_t data[]; /* the block's bytes */
};

enum { ARENA_BLOCK_MIN = 16 * 1024 };

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->wipe = false;
}

void *arena_alloc(Arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    /* Rounding up (and the block header) must not wrap round to a small size. */
    if (size > SIZE_MAX - sizeof(ArenaBlock) - align) {
        err_set("out of memory (arena allocation of %zu)", size);
        return NULL;
    }
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK_MIN ? size : ARENA_BLOCK_MIN;
        b = mem_alloc(sizeof(ArenaBlock) + cap);
        if (!b) {
            err_set("out of memory (arena block of %zu)", cap);
            return NULL;
        }
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(Arena *a, const char *s)
{
    if (!s)
        s = "";
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *d = arena_alloc(a, (size_t)n + 1);
    if (!d)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void arena_reset(Arena *a)
{
    ArenaBlock *b = a->head;
    if (!b)
        return;
    /* Keep only the oldest block (the last in the list), free the rest. */
    ArenaBlock *keep = b;
    while (keep->next)
        keep = keep->next;
    while (b != keep) {
        ArenaBlock *next = b->next;
        if (a->wipe)
            mem_wipe(b->data, b->used);
        mem_free(b);
        b = next;
    }
    if (a->wipe)
        mem_wipe(keep->data, keep->used);
    keep->used = 0;
    a->head = keep;
    a->used = 0;
}

void arena_release(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        if (a->wipe)
            mem_wipe(b->data, b->used);
        mem_free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}
