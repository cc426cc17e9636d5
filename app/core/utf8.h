/* utf8.h: small UTF-8 helpers: validation, stepping by code point, and folding text
 * for matching (lower case, accents removed, ł→l, ß→ss) so that a search typed on a
 * plain keyboard finds "Łódź" or "Café". Folding covers Latin scripts; other scripts
 * pass through unchanged. */
#ifndef SIGNPOST_UTF8_H
#define SIGNPOST_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Decodes the code point at s (of at most len bytes); stores its byte length in *n.
 * Returns 0xFFFD with *n = 1 on a malformed sequence. */
uint32_t utf8_decode(const char *s, size_t len, size_t *n);

/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* Byte offset of the start of the code point before `pos` (0 when pos is 0). */
size_t utf8_prev(const char *s, size_t pos);

/* Number of code points. */
size_t utf8_count(const char *s);

/* Folds s into out (at most cap bytes including the NUL); returns the folded length.
 * Output is always NUL-terminated and never splits a code point. */
size_t utf8_fold(const char *s, char *out, size_t cap);

/* A folded copy of s in a new buffer with room for the whole of it (a folded code point
 * takes at most twice its bytes), to mem_free(); NULL (err set) when out of memory. */
char *utf8_fold_dup(const char *s);

/* The one edit distance of the program: Damerau-Levenshtein (optimal string alignment:
 * a letter wrong, missing, extra or two neighbours swapped each cost 1) between the
 * UTF-8 words a and b (alen and blen bytes), by code point. With `prefix`, the distance
 * from a to the nearest start of b ("cardiolg" is 1 from "cardiology"), for a word still
 * being typed. Returns at most limit + 1 (anything further is "too far"), and limit + 1
 * for words over UTF8_DISTANCE_MAX code points. Used for search's "did you mean", the
 * content check's ids and column names, and opening hours' day names. */
enum { UTF8_DISTANCE_MAX = 64 };
size_t utf8_distance(const char *a, size_t alen, const char *b, size_t blen, bool prefix,
                     size_t limit);

#endif
