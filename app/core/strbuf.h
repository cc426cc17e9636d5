/* strbuf.h: a growable NUL-terminated byte string (modelled on git's strbuf).
 * Invariants: `buf` is never NULL after strbuf_init() and always NUL-terminated;
 * `len` excludes the NUL. A buffer may carry a hard limit (`max`, 0 = none): an
 * append that would pass it fails with -1 and leaves the buffer unchanged.
 * strbuf_release() frees the bytes (wiping them first when `wipe` is set). */
#ifndef SIGNPOST_STRBUF_H
#define SIGNPOST_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct StrBuf {
    char *buf;   /* owned, or a static "" before the first append */
    size_t len;  /* bytes used, excluding the NUL */
    size_t cap;  /* bytes allocated (0 while buf is the static "") */
    size_t max;  /* hard limit on len, 0 for none */
    bool wipe;   /* wipe on release and regrowth (personal data) */
} StrBuf;

void strbuf_init(StrBuf *sb, size_t max);
int strbuf_add(StrBuf *sb, const char *data, size_t len);
int strbuf_adds(StrBuf *sb, const char *s);
int strbuf_addc(StrBuf *sb, char c);
int strbuf_addf(StrBuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as a JSON string literal, quotes included. */
int strbuf_add_json(StrBuf *sb, const char *s);
void strbuf_truncate(StrBuf *sb, size_t len);
void strbuf_reset(StrBuf *sb);
void strbuf_release(StrBuf *sb);
/* Hands the bytes to the caller (free() them) and re-initialises sb. */
char *strbuf_detach(StrBuf *sb);

#endif
