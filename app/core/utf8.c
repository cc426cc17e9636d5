/* utf8.c: UTF-8 stepping, validation and search folding (see utf8.h). */
#include "utf8.h"

#include "mem.h"

#include <string.h>

uint32_t utf8_decode(const char *str, size_t len, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str;
    *n = 1;
    if (len == 0)
        return 0xFFFD;
    unsigned char c = s[0];
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
        need = 2; cp = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 3; cp = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 4; cp = c & 0x07; min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (len < need)
        return 0xFFFD;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *n = need;
    return cp;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        uint32_t cp = utf8_decode(s + i, len - i, &n);
        if (cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF))
            return false;
        i += n;
    }
    return true;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_prev(const char *s, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

size_t utf8_count(const char *s)
{
    size_t count = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            count++;
    return count;
}

/* Folds one Latin code point to its plain lower-case ASCII spelling, or returns NULL
 * when the code point has no such spelling (it is then lower-cased if it can be). */
static const char *fold_latin(uint32_t cp)
{
    /* Latin-1 Supplement, U+00C0..U+00FF. */
    static const char *const latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
    };
    /* Latin Extended-A, U+0100..U+017F, in pairs (upper, lower) mostly. */
    static const char latinA[129] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        static const char letters[26][2] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
            "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"};
        if (cp == 0x132 || cp == 0x133)
            return "ij";
        if (cp == 0x152 || cp == 0x153)
            return "oe";
        return letters[latinA[cp - 0x100] - 'a'];
    }
    switch (cp) {
    case 0x1E80: case 0x1E81: case 0x1E82: case 0x1E83: case 0x1E84: case 0x1E85:
        return "w"; /* Welsh ẁ ẃ ẅ */
    case 0x1EF2: case 0x1EF3:
        return "y"; /* Welsh ỳ */
    case 0x2019: case 0x2018:
        return "'";
    default:
        return NULL;
    }
}

size_t utf8_fold(const char *s, char *out, size_t cap)
{
    size_t len = strlen(s), i = 0, o = 0;
    if (cap == 0)
        return 0;
    while (i < len) {
        size_t n;
        uint32_t cp = utf8_decode(s + i, len - i, &n);
        char tmp[4];
        const char *rep = NULL;
        size_t rlen;
        if (cp < 0x80) {
            tmp[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
            rep = tmp;
            rlen = 1;
        } else if ((rep = fold_latin(cp)) != NULL) {
            rlen = strlen(rep);
        } else {
            /* Greek and Cyrillic capitals fold to small letters; others pass through. */
            if (cp >= 0x391 && cp <= 0x3A9)
                cp += 0x20;
            else if (cp >= 0x410 && cp <= 0x42F)
                cp += 0x20;
            else if (cp >= 0x400 && cp <= 0x40F)
                cp += 0x50;
            rlen = utf8_encode(cp, tmp);
            rep = tmp;
        }
        if (o + rlen + 1 > cap)
            break;
        memcpy(out + o, rep, rlen);
        o += rlen;
        i += n;
    }
    out[o] = '\0';
    return o;
}

char *utf8_fold_dup(const char *s)
{
    size_t cap = strlen(s) * 2 + 16;
    char *out = mem_alloc(cap);
    if (out)
        utf8_fold(s, out, cap);
    return out;
}

/* ==== edit distance ==== */

/* Decodes at most UTF8_DISTANCE_MAX code points of a word; returns the count, or
 * SIZE_MAX when the word is longer. */
static size_t decode_word(const char *s, size_t len, uint32_t *out)
{
    size_t i = 0, k = 0, n;
    while (i < len) {
        if (k == UTF8_DISTANCE_MAX)
            return SIZE_MAX;
        out[k++] = utf8_decode(s + i, len - i, &n);
        i += n;
    }
    return k;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t utf8_distance(const char *a, size_t alen, const char *b, size_t blen, bool prefix,
                     size_t limit)
{
    uint32_t x[UTF8_DISTANCE_MAX], y[UTF8_DISTANCE_MAX];
    size_t n = decode_word(a, alen, x), m = decode_word(b, blen, y);
    if (n == SIZE_MAX || m == SIZE_MAX)
        return limit + 1;
    /* Rows i-2, i-1 and i of the (n+1) x (m+1) table. */
    size_t rows[3][UTF8_DISTANCE_MAX + 1];
    for (size_t j = 0; j <= m; j++)
        rows[0][j] = j;
    size_t *two = NULL, *prev = rows[0], *cur = rows[1];
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            size_t d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (two && i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                two[j - 2] + 1 < d)
                d = two[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1; /* every later row is at least this far */
        size_t *spare = two ? two : rows[2];
        two = prev;
        prev = cur;
        cur = spare;
    }
    size_t d = prev[m];
    if (prefix)
        for (size_t j = 0; j < m; j++)
            if (prev[j] < d)
                d = prev[j];
    return d > limit ? limit + 1 : d;
}
