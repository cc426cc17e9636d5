/* test_core.c: unit tests for app/core: utf8, strbuf, arena and allocation helpers,
 * diag, err and log. */
#include "test.h"

#include "diag.h"
#include "err.h"
#include "log.h"
#include "mem.h"
#include "strbuf.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== utf8 ==== */

static bool valid_str(const char *s)
{
    return utf8_valid(s, strlen(s));
}

static void test_utf8_valid_good(void)
{
    CHECK(utf8_valid("", 0));
    CHECK(valid_str("plain ASCII"));
    CHECK(valid_str("Caf\xC3\xA9"));             /* é, 2 bytes */
    CHECK(valid_str("\xE2\x82\xAC"));            /* €, 3 bytes */
    CHECK(valid_str("\xF0\x9D\x84\x9E"));        /* U+1D11E, 4 bytes */
    CHECK(valid_str("\xC2\x80"));                /* U+0080, smallest 2-byte */
    CHECK(valid_str("\xE0\xA0\x80"));            /* U+0800, smallest 3-byte */
    CHECK(valid_str("\xF0\x90\x80\x80"));        /* U+10000, smallest 4-byte */
    CHECK(valid_str("\xED\x9F\xBF"));            /* U+D7FF, just below surrogates */
    CHECK(valid_str("\xEE\x80\x80"));            /* U+E000, just above surrogates */
    CHECK(valid_str("\xEF\xBF\xBD"));            /* U+FFFD itself is well formed */
    CHECK(valid_str("\xF4\x8F\xBF\xBF"));        /* U+10FFFF, the last code point */
    CHECK(utf8_valid("a\0b", 3));                /* NUL is a code point */
    /* len limits what is looked at: a bad byte past len does not count. */
    CHECK(utf8_valid("ab\xFF", 2));
}

static void test_utf8_valid_bad(void)
{
    /* Overlong encodings. */
    CHECK(!valid_str("\xC0\xAF"));
    CHECK(!valid_str("\xC1\xBF"));
    CHECK(!valid_str("\xE0\x80\xAF"));
    CHECK(!valid_str("\xE0\x9F\xBF"));
    CHECK(!valid_str("\xF0\x80\x80\xAF"));
    CHECK(!valid_str("\xF0\x8F\xBF\xBF"));
    /* UTF-16 surrogates. */
    CHECK(!valid_str("\xED\xA0\x80"));
    CHECK(!valid_str("\xED\xBF\xBF"));
    /* Truncated sequences, at the end and in the middle. */
    CHECK(!valid_str("\xC3"));
    CHECK(!valid_str("\xE2\x82"));
    CHECK(!valid_str("\xF0\x9D\x84"));
    CHECK(!valid_str("\xE2\x82x"));
    CHECK(!valid_str("\xEF\xBF"));               /* a truncated U+FFFD is still bad */
    CHECK(!utf8_valid("\xC3\xA9", 1));           /* cut by len */
    /* Beyond U+10FFFF and impossible lead bytes. */
    CHECK(!valid_str("\xF4\x90\x80\x80"));
    CHECK(!valid_str("\xF7\xBF\xBF\xBF"));
    CHECK(!valid_str("\xF8\x88\x80\x80\x80"));
    CHECK(!valid_str("\xFF"));
    CHECK(!valid_str("\xFE"));
    /* Stray continuation bytes. */
    CHECK(!valid_str("\x80"));
    CHECK(!valid_str("a\xBF"));
    CHECK(!valid_str("\xC3\xA9\xA9"));
}

static void test_utf8_decode_encode(void)
{
    static const struct { uint32_t cp; size_t len; } edges[] = {
        {0x0, 1}, {0x41, 1}, {0x7F, 1}, {0x80, 2}, {0xE9, 2}, {0x7FF, 2},
        {0x800, 3}, {0x20AC, 3}, {0xD7FF, 3}, {0xE000, 3}, {0xFFFD, 3}, {0xFFFF, 3},
        {0x10000, 4}, {0x1D11E, 4}, {0x10FFFF, 4},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        char buf[4];
        size_t len = utf8_encode(edges[i].cp, buf);
        CHECK_INT(len, edges[i].len);
        size_t n = 0;
        CHECK_INT(utf8_decode(buf, len, &n), edges[i].cp);
        CHECK_INT(n, len);
        CHECK(utf8_valid(buf, len));
    }
    /* Known bytes. */
    char buf[4];
    CHECK_INT(utf8_encode(0x20AC, buf), 3);
    CHECK(memcmp(buf, "\xE2\x82\xAC", 3) == 0);
    CHECK_INT(utf8_encode(0x1D11E, buf), 4);
    CHECK(memcmp(buf, "\xF0\x9D\x84\x9E", 4) == 0);

    /* Every code point (sampled), skipping surrogates, survives the round trip. */
    int bad = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp += 13) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        size_t len = utf8_encode(cp, buf), n = 0;
        if (utf8_decode(buf, len, &n) != cp || n != len || !utf8_valid(buf, len))
            bad++;
    }
    CHECK_INT(bad, 0);

    /* Malformed input gives U+FFFD and steps one byte. */
    size_t n = 99;
    CHECK_INT(utf8_decode("\xC0\xAF", 2, &n), 0xFFFD);
    CHECK_INT(n, 1);
    n = 99;
    CHECK_INT(utf8_decode("\xE2\x82", 2, &n), 0xFFFD);
    CHECK_INT(n, 1);
    n = 99;
    CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &n), 0xFFFD);
    CHECK_INT(n, 1);
    n = 99;
    CHECK_INT(utf8_decode("\xF4\x90\x80\x80", 4, &n), 0xFFFD);
    CHECK_INT(n, 1);
    n = 99;
    CHECK_INT(utf8_decode("a", 0, &n), 0xFFFD);
    CHECK_INT(n, 1);
    /* Decoding respects len even when more bytes follow. */
    n = 0;
    CHECK_INT(utf8_decode("\xC3\xA9", 1, &n), 0xFFFD);
}

static void test_utf8_prev_count(void)
{
    /* a (1) é (2) € (3) U+1D11E (4): starts at 0, 1, 3, 6; end at 10. */
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E";
    CHECK_INT(strlen(s), 10);
    CHECK_INT(utf8_prev(s, 10), 6);
    CHECK_INT(utf8_prev(s, 6), 3);
    CHECK_INT(utf8_prev(s, 3), 1);
    CHECK_INT(utf8_prev(s, 1), 0);
    CHECK_INT(utf8_prev(s, 0), 0);
    /* From inside a sequence, back to its start. */
    CHECK_INT(utf8_prev(s, 8), 6);
    CHECK_INT(utf8_count(s), 4);
    CHECK_INT(utf8_count(""), 0);
    CHECK_INT(utf8_count("abc"), 3);
    CHECK_INT(utf8_count("\xC5\x81\xC3\xB3\x64\xC5\xBA"), 4); /* Łódź */
}

static void check_fold(const char *in, const char *want)
{
    char out[128];
    size_t n = utf8_fold(in, out, sizeof out);
    CHECK_STR(out, want);
    CHECK_INT(n, strlen(want));
}

static void test_utf8_fold_latin(void)
{
    check_fold("", "");
    check_fold("Caf\xC3\xA9", "cafe");                               /* Café */
    check_fold("\xC5\x81\xC3\x93\x44\xC5\xB9", "lodz");              /* ŁÓDŹ */
    check_fold("\xC5\x81\xC3\xB3\x64\xC5\xBA", "lodz");              /* Łódź */
    check_fold("Stra\xC3\x9F" "e", "strasse");                        /* Straße */
    check_fold("\xC5\xB4y\xC5\xB7", "wyy");                          /* Ŵyŷ (Welsh) */
    check_fold("\xE1\xBA\x80\xE1\xBA\x83\xE1\xBA\x85", "www");       /* Ẁẃẅ */
    check_fold("\xE1\xBB\xB2\xE1\xBB\xB3", "yy");                    /* Ỳỳ */
    check_fold("\xC3\x86sop", "aesop");                              /* Æsop */
    check_fold("\xC5\x92uvre", "oeuvre");                            /* Œuvre */
    check_fold("\xC3\x98stergaard", "ostergaard");                   /* Østergaard */
    check_fold("\xC3\x9E\xC3\xB3r", "thor");                         /* Þór */
    check_fold("\xC5\x9Awi\xC4\x99ty", "swiety");                   /* Święty */
    check_fold("Dvo\xC5\x99\xC3\xA1k", "dvorak");                    /* Dvořák */
    check_fold("O\xE2\x80\x99" "Brien", "o'brien");                     /* O’Brien */
    check_fold("A&E / X-Ray 2", "a&e / x-ray 2");
    /* × and ÷ are not letters: kept as they are. */
    check_fold("2\xC3\x97" "3", "2\xC3\x97" "3");
}

static void test_utf8_fold_other_scripts(void)
{
    /* Scripts without case pass through byte for byte. */
    check_fold("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
    check_fold("\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");
    check_fold("\xE0\xA8\xAA\xE0\xA9\xB0", "\xE0\xA8\xAA\xE0\xA9\xB0"); /* Gurmukhi */
    /* Lower-case Greek and Cyrillic are already folded. */
    check_fold("\xCE\xB1\xCE\xB2\xCE\xB3", "\xCE\xB1\xCE\xB2\xCE\xB3");
    check_fold("\xD0\xBC\xD0\xB8\xD1\x80", "\xD0\xBC\xD0\xB8\xD1\x80");
    /* Their capitals fold to small letters (case-insensitive search). */
    check_fold("\xCE\x91\xCE\x92\xCE\x93", "\xCE\xB1\xCE\xB2\xCE\xB3");       /* ΑΒΓ */
    check_fold("\xD0\x9C\xD0\x98\xD0\xA0", "\xD0\xBC\xD0\xB8\xD1\x80");       /* МИР */
    check_fold("\xD0\x81", "\xD1\x91");                                       /* Ё → ё */
    /* Malformed input comes out as U+FFFD: the output is always valid UTF-8. */
    char out[32];
    utf8_fold("a\xFF" "b", out, sizeof out);
    CHECK_STR(out, "a\xEF\xBF\xBD" "b");
}

static void test_utf8_fold_small_cap(void)
{
    /* A mix of 1-, 2-, 3- and 4-byte output and multi-letter folds. */
    const char *in = "\xC3\x9F" "A\xE6\x97\xA5\xC3\x86" "b\xF0\x9D\x84\x9E\xCE\xB1" "C";
    char full[64];
    size_t full_len = utf8_fold(in, full, sizeof full);
    CHECK_STR(full, "ssa\xE6\x97\xA5" "aeb\xF0\x9D\x84\x9E\xCE\xB1" "c");
    for (size_t cap = 1; cap <= full_len + 1; cap++) {
        char out[64];
        memset(out, 'U', sizeof out);
        size_t n = utf8_fold(in, out, cap);
        const char *nul = memchr(out, '\0', cap);
        CHECK(nul != NULL);                       /* NUL-terminated within cap */
        if (!nul)
            continue;
        CHECK_INT(n, strlen(out));
        CHECK(n < cap);
        CHECK(utf8_valid(out, n));                /* never splits a code point */
        CHECK(strncmp(out, full, n) == 0);        /* a prefix of the full fold */
        CHECK(out[cap] == 'U' || cap == sizeof out); /* nothing written past cap */
        /* It stops only when the next whole piece does not fit: the longest piece
         * boundary (ß→"ss" and Æ→"ae" are single pieces) that leaves room for the NUL. */
        static const size_t bounds[] = {0, 2, 3, 6, 8, 9, 13, 15, 16};
        size_t want = 0;
        for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++)
            if (bounds[b] + 1 <= cap)
                want = bounds[b];
        CHECK_INT(n, want);
    }
    /* ß needs two bytes: with room for one it is left out, not half-written. */
    char out[8];
    CHECK_INT(utf8_fold("\xC3\x9F", out, 2), 0);
    CHECK_STR(out, "");
    CHECK_INT(utf8_fold("\xC3\x9F", out, 3), 2);
    CHECK_STR(out, "ss");
    /* cap 0 writes nothing. */
    memset(out, 'U', sizeof out);
    CHECK_INT(utf8_fold("abc", out, 0), 0);
    CHECK(out[0] == 'U');
}

/* ==== strbuf ==== */

static void test_strbuf_append(void)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    CHECK(sb.buf != NULL);
    CHECK_STR(sb.buf, "");
    CHECK_INT(sb.len, 0);
    CHECK_INT(strbuf_adds(&sb, "hello"), 0);
    CHECK_INT(strbuf_addc(&sb, ','), 0);
    CHECK_INT(strbuf_add(&sb, " worldXXX", 6), 0);
    CHECK_STR(sb.buf, "hello, world");
    CHECK_INT(sb.len, 12);
    CHECK_INT(strbuf_addf(&sb, " %d-%s-%03d", 42, "x", 7), 0);
    CHECK_STR(sb.buf, "hello, world 42-x-007");
    CHECK_INT(sb.len, strlen(sb.buf));
    /* Growing well past the first allocation keeps every byte. */
    strbuf_reset(&sb);
    CHECK_STR(sb.buf, "");
    for (int i = 0; i < 1000; i++)
        CHECK_INT(strbuf_addc(&sb, (char)('a' + i % 26)), 0);
    CHECK_INT(sb.len, 1000);
    CHECK(sb.cap > 1000);
    int wrong = 0;
    for (int i = 0; i < 1000; i++)
        if (sb.buf[i] != (char)('a' + i % 26))
            wrong++;
    CHECK_INT(wrong, 0);
    CHECK(sb.buf[1000] == '\0');
    /* A long addf. */
    strbuf_reset(&sb);
    CHECK_INT(strbuf_addf(&sb, "%500s|", "end"), 0);
    CHECK_INT(sb.len, 501);
    CHECK_STR(sb.buf + 497, "end|");
    strbuf_release(&sb);
    CHECK_STR(sb.buf, "");
    CHECK_INT(sb.len, 0);
    CHECK_INT(sb.cap, 0);
}

static void test_strbuf_max(void)
{
    StrBuf sb;
    strbuf_init(&sb, 5);
    CHECK_INT(strbuf_adds(&sb, "abc"), 0);
    err_clear();
    CHECK_INT(strbuf_adds(&sb, "def"), -1);
    CHECK_STR(sb.buf, "abc");
    CHECK_INT(sb.len, 3);
    CHECK_CONTAINS(err_msg(), "too long");
    CHECK_INT(strbuf_addf(&sb, "%d", 123), -1);
    CHECK_STR(sb.buf, "abc");
    CHECK_INT(strbuf_add_json(&sb, "x"), -1); /* needs 3 bytes, 2 left */
    CHECK_STR(sb.buf, "abc");
    CHECK_INT(sb.len, 3);
    /* Exactly up to the limit is fine, one more is not. */
    CHECK_INT(strbuf_adds(&sb, "de"), 0);
    CHECK_STR(sb.buf, "abcde");
    CHECK_INT(strbuf_addc(&sb, 'f'), -1);
    CHECK_STR(sb.buf, "abcde");
    CHECK_INT(sb.len, 5);
    /* The limit survives reset and release. */
    strbuf_release(&sb);
    CHECK_INT(sb.max, 5);
    CHECK_INT(strbuf_adds(&sb, "123456"), -1);
    CHECK_STR(sb.buf, "");
    strbuf_release(&sb);
}

static void test_strbuf_json(void)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    CHECK_INT(strbuf_add_json(&sb, "plain"), 0);
    CHECK_STR(sb.buf, "\"plain\"");
    strbuf_reset(&sb);
    CHECK_INT(strbuf_add_json(&sb, ""), 0);
    CHECK_STR(sb.buf, "\"\"");
    strbuf_reset(&sb);
    CHECK_INT(strbuf_add_json(&sb, "say \"hi\" C:\\dir\nnext\r\tend"), 0);
    CHECK_STR(sb.buf, "\"say \\\"hi\\\" C:\\\\dir\\nnext\\r\\tend\"");
    strbuf_reset(&sb);
    CHECK_INT(strbuf_add_json(&sb, "\x01\x08\x0c\x1f|\x7f"), 0);
    CHECK_STR(sb.buf, "\"\\u0001\\u0008\\u000c\\u001f|\x7f\"");
    strbuf_reset(&sb);
    /* UTF-8 passes through as it is. */
    CHECK_INT(strbuf_add_json(&sb, "Caf\xC3\xA9 \xE2\x82\xAC"), 0);
    CHECK_STR(sb.buf, "\"Caf\xC3\xA9 \xE2\x82\xAC\"");
    /* Appends after what is there. */
    strbuf_reset(&sb);
    strbuf_adds(&sb, "{\"k\":");
    strbuf_add_json(&sb, "v");
    strbuf_addc(&sb, '}');
    CHECK_STR(sb.buf, "{\"k\":\"v\"}");
    strbuf_release(&sb);

    /* With a limit, an escaped string that does not fit leaves the buffer as it was
     * (the limit applies to the whole append, not to each escaped byte). */
    strbuf_init(&sb, 12);
    strbuf_adds(&sb, "ab");
    CHECK_INT(strbuf_add_json(&sb, "12345678\n"), -1); /* needs 12 bytes, 10 left */
    CHECK_STR(sb.buf, "ab");
    CHECK_INT(sb.len, 2);
    CHECK_INT(strbuf_add_json(&sb, "123456\n"), 0); /* exactly 10 bytes */
    CHECK_STR(sb.buf, "ab\"123456\\n\"");
    strbuf_release(&sb);
}

static void test_strbuf_truncate_detach(void)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    strbuf_adds(&sb, "hello");
    strbuf_truncate(&sb, 10); /* longer than it is: no change */
    CHECK_STR(sb.buf, "hello");
    CHECK_INT(sb.len, 5);
    strbuf_truncate(&sb, 2);
    CHECK_STR(sb.buf, "he");
    CHECK_INT(sb.len, 2);
    strbuf_adds(&sb, "y");
    CHECK_STR(sb.buf, "hey");
    char *s = strbuf_detach(&sb);
    CHECK_STR(s, "hey");
    CHECK(s != sb.buf);
    CHECK_STR(sb.buf, "");
    CHECK_INT(sb.len, 0);
    CHECK_INT(sb.cap, 0);
    free(s);
    /* Detaching an empty buffer still gives a string the caller can free. */
    s = strbuf_detach(&sb);
    CHECK(s != NULL);
    CHECK_STR(s, "");
    free(s);
    /* The buffer is usable again afterwards. */
    CHECK_INT(strbuf_adds(&sb, "again"), 0);
    CHECK_STR(sb.buf, "again");
    strbuf_release(&sb);
}

static void test_strbuf_wipe(void)
{
    StrBuf sb;
    strbuf_init(&sb, 64);
    sb.wipe = true;
    strbuf_adds(&sb, "secret");
    char *p = sb.buf;
    /* Truncating wipes the bytes cut off, not just the first of them. */
    strbuf_truncate(&sb, 2);
    CHECK(sb.buf == p);
    CHECK_STR(sb.buf, "se");
    int left = 0;
    for (int i = 2; i < 6; i++)
        if (p[i] != '\0')
            left++;
    CHECK_INT(left, 0);
    /* Release frees, re-initialises and keeps the wipe setting and the limit. */
    strbuf_release(&sb);
    CHECK(sb.wipe);
    CHECK_INT(sb.max, 64);
    CHECK_STR(sb.buf, "");
    CHECK_INT(sb.len, 0);
    CHECK_INT(sb.cap, 0);
    /* So does detach: a buffer for personal data stays one after its text is taken. */
    strbuf_adds(&sb, "secret");
    char *d = strbuf_detach(&sb);
    CHECK_STR(d, "secret");
    free(d);
    CHECK(sb.wipe);
    CHECK_INT(sb.max, 64);
    strbuf_release(&sb);
}

/* ==== arena and allocation helpers ==== */

static void test_arena_alloc(void)
{
    Arena a;
    arena_init(&a);
    const size_t align = _Alignof(max_align_t);
    static const size_t sizes[] = {1, 3, 7, 8, 15, 16, 17, 33, 100, 1};
    char *prev = NULL;
    size_t prev_size = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = arena_alloc(&a, sizes[i]);
        CHECK(p != NULL);
        if (!p)
            continue;
        CHECK_INT((uintptr_t)p % align, 0);
        int nonzero = 0;
        for (size_t j = 0; j < sizes[i]; j++)
            if (p[j])
                nonzero++;
        CHECK_INT(nonzero, 0);
        memset(p, 0xAB, sizes[i]);
        /* Allocations do not overlap. */
        if (prev)
            CHECK(p >= prev + prev_size || p + sizes[i] <= prev);
        prev = p;
        prev_size = sizes[i];
    }
    CHECK(a.used >= 1 + 3 + 7 + 8 + 15 + 16 + 17 + 33 + 100 + 1);
    /* Zero-size allocations are distinct, aligned pointers. */
    void *z1 = arena_alloc(&a, 0), *z2 = arena_alloc(&a, 0);
    CHECK(z1 && z2 && z1 != z2);
    /* A size that cannot be met fails instead of wrapping round to a small block. */
    err_clear();
    CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
    CHECK(arena_alloc(&a, SIZE_MAX - align) == NULL);
    CHECK_CONTAINS(err_msg(), "out of memory");
    arena_release(&a);
    CHECK(a.head == NULL);
    CHECK_INT(a.used, 0);
}

static void test_arena_strings(void)
{
    Arena a;
    arena_init(&a);
    char *s = arena_strdup(&a, "hello");
    CHECK_STR(s, "hello");
    CHECK_STR(arena_strdup(&a, NULL), "");
    CHECK_STR(arena_strndup(&a, "hello", 3), "hel");
    CHECK_STR(arena_strndup(&a, "", 0), "");
    CHECK_STR(arena_printf(&a, "%s-%d-%c", "x", 5, 'z'), "x-5-z");
    CHECK_STR(s, "hello"); /* earlier strings are untouched */
    /* A printf larger than a whole block. */
    char *big = arena_printf(&a, "%40000d", 7);
    CHECK(big != NULL);
    if (big) {
        CHECK_INT(strlen(big), 40000);
        CHECK(big[39999] == '7');
        CHECK(big[0] == ' ');
    }
    CHECK_STR(s, "hello");
    arena_release(&a);
}

static void test_arena_big_and_many(void)
{
    Arena a;
    arena_init(&a);
    enum { N = 24, BIG = 20000 };
    unsigned char *blocks[N];
    for (int i = 0; i < N; i++) {
        blocks[i] = arena_alloc(&a, BIG + (size_t)i);
        CHECK(blocks[i] != NULL);
        if (blocks[i])
            memset(blocks[i], i + 1, BIG + (size_t)i);
        /* Small ones in between, so blocks fill and new ones start. */
        char *s = arena_printf(&a, "small %d", i);
        CHECK(s != NULL);
    }
    int damaged = 0;
    for (int i = 0; i < N; i++) {
        if (!blocks[i])
            continue;
        for (size_t j = 0; j < BIG + (size_t)i; j++)
            if (blocks[i][j] != (unsigned char)(i + 1)) {
                damaged++;
                break;
            }
    }
    CHECK_INT(damaged, 0);
    CHECK(a.used >= (size_t)N * BIG);
    arena_release(&a);
    CHECK(a.head == NULL);
}

static void test_arena_reset(void)
{
    Arena a;
    arena_init(&a);
    arena_reset(&a); /* on an empty arena: harmless */
    char *first = arena_alloc(&a, 64);
    CHECK(first != NULL);
    for (int i = 0; i < 10; i++)
        CHECK(arena_alloc(&a, 10000) != NULL); /* forces more blocks */
    arena_reset(&a);
    CHECK_INT(a.used, 0);
    /* The first block is kept and handed out again from its start. */
    char *again = arena_alloc(&a, 64);
    CHECK(again == first);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        if (again[i])
            nonzero++;
    CHECK_INT(nonzero, 0);
    arena_release(&a);

    /* With wipe, reset clears the kept block's bytes (they may hold what was typed). */
    arena_init(&a);
    a.wipe = true;
    char *secret = arena_strdup(&a, "secret");
    CHECK(secret != NULL);
    arena_reset(&a);
    CHECK(a.head != NULL);
    if (secret) {
        int left = 0;
        for (int i = 0; i < 6; i++)
            if (secret[i])
                left++;
        CHECK_INT(left, 0);
    }
    CHECK(a.wipe);
    arena_release(&a);
}

static void test_mem_helpers(void)
{
    int *arr = NULL;
    size_t cap = 0;
    CHECK_INT(mem_grow((void **)&arr, &cap, 5, sizeof *arr), 0);
    CHECK(arr != NULL);
    CHECK(cap >= 5);
    int nonzero = 0;
    for (size_t i = 0; i < cap; i++)
        if (arr[i])
            nonzero++;
    CHECK_INT(nonzero, 0);
    for (int i = 0; i < 5; i++)
        arr[i] = i + 1;
    size_t old_cap = cap;
    int *old = arr;
    CHECK_INT(mem_grow((void **)&arr, &cap, old_cap, sizeof *arr), 0); /* fits: no change */
    CHECK(arr == old);
    CHECK_INT(cap, old_cap);
    CHECK_INT(mem_grow((void **)&arr, &cap, 100, sizeof *arr), 0);
    CHECK(cap >= 100);
    for (int i = 0; i < 5; i++)
        CHECK_INT(arr[i], i + 1);
    nonzero = 0;
    for (size_t i = 5; i < cap; i++)
        if (arr[i])
            nonzero++;
    CHECK_INT(nonzero, 0); /* the new part is zeroed */
    /* A size that overflows fails and leaves the array alone. */
    err_clear();
    old = arr;
    old_cap = cap;
    CHECK_INT(mem_grow((void **)&arr, &cap, SIZE_MAX / 2, 16), -1);
    CHECK(arr == old);
    CHECK_INT(cap, old_cap);
    CHECK_CONTAINS(err_msg(), "out of memory");
    free(arr);

    char *z = mem_zalloc(32);
    CHECK(z != NULL);
    if (z) {
        nonzero = 0;
        for (int i = 0; i < 32; i++)
            if (z[i])
                nonzero++;
        CHECK_INT(nonzero, 0);
    }
    free(z);
    void *z0 = mem_zalloc(0);
    CHECK(z0 != NULL);
    free(z0);
    CHECK(mem_strdup(NULL) == NULL);
    char *d = mem_strdup("copy");
    CHECK_STR(d, "copy");
    free(d);

    char buf[8] = "1234567";
    mem_wipe(buf, 4);
    CHECK(buf[0] == 0 && buf[3] == 0 && buf[4] == '5');
    mem_wipe(NULL, 4); /* harmless */
}

/* ==== diag, err, log ==== */

static char *read_all(FILE *f)
{
    static char buf[4096];
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    return buf;
}

static void test_diag(void)
{
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(dl.len, 0);
    diag_add(&dl, DIAG_ERROR, "content/places.csv", 3, 2, "Name is empty in row %d.", 3);
    diag_add(&dl, DIAG_WARNING, "kiosk.ini", 7, 0, "Unknown key \"%s\".", "colour");
    diag_add(&dl, DIAG_ERROR, "content", 0, 0, "No places.");
    diag_add(&dl, DIAG_ERROR, NULL, 0, 0, "No file.");
    CHECK_INT(dl.len, 4);
    CHECK_INT(dl.nerrors, 3);
    CHECK_INT(dl.nwarnings, 1);
    CHECK_STR(dl.items[0].file, "content/places.csv");
    CHECK_INT(dl.items[0].line, 3);
    CHECK_INT(dl.items[0].column, 2);
    CHECK_STR(dl.items[0].message, "Name is empty in row 3.");
    CHECK_INT(dl.items[1].level, DIAG_WARNING);

    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (f) {
        diag_print(&dl, f);
        CHECK_STR(read_all(f), "content/places.csv:3:2: error: Name is empty in row 3.\n"
                               "kiosk.ini:7: warning: Unknown key \"colour\".\n"
                               "content: error: No places.\n"
                               ": error: No file.\n");
        fclose(f);
    }
    /* Many problems: all kept, in order. */
    for (int i = 0; i < 100; i++)
        diag_add(&dl, DIAG_WARNING, "f", i + 1, 1, "w%d", i);
    CHECK_INT(dl.len, 104);
    CHECK_INT(dl.nwarnings, 101);
    CHECK_STR(dl.items[103].message, "w99");
    CHECK_INT(dl.items[103].line, 100);
    diag_release(&dl);
    CHECK_INT(dl.len, 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK_INT(dl.nwarnings, 0);
    CHECK(dl.items == NULL);
}

static int fails_with_code(int code)
{
    return err_set("failed with code %d", code);
}

static void test_err(void)
{
    err_clear();
    CHECK_STR(err_msg(), "");
    CHECK_INT(fails_with_code(7), -1);
    CHECK_STR(err_msg(), "failed with code 7");
    CHECK_INT(err_set("second %s", "message"), -1);
    CHECK_STR(err_msg(), "second message");
    /* Long messages are cut, not overflowed. */
    char long_msg[2000];
    memset(long_msg, 'x', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = '\0';
    CHECK_INT(err_set("%s", long_msg), -1);
    CHECK_INT(strlen(err_msg()), 1023);
    err_clear();
    CHECK_STR(err_msg(), "");
}

typedef struct LogCapture {
    int count;
    LogLevel level;
    char line[256];
} LogCapture;

static void capture_sink(void *user, LogLevel level, const char *line)
{
    LogCapture *c = user;
    c->count++;
    c->level = level;
    snprintf(c->line, sizeof c->line, "%s", line);
}

static void test_log(void)
{
    LogCapture cap = {0};
    log_set_sink(capture_sink, &cap);
    log_set_level(LOG_INFO);
    log_debug("hidden %d", 1);
    CHECK_INT(cap.count, 0);
    log_info("content loaded: %d places", 12);
    CHECK_INT(cap.count, 1);
    CHECK_INT(cap.level, LOG_INFO);
    CHECK_STR(cap.line, "content loaded: 12 places");
    log_set_level(LOG_ERROR);
    log_warn("dropped");
    CHECK_INT(cap.count, 1);
    log_error("kept");
    CHECK_INT(cap.count, 2);
    CHECK_INT(cap.level, LOG_ERROR);
    CHECK_STR(cap.line, "kept");
    log_set_level(LOG_INFO);
    log_set_sink(NULL, NULL);
}

int main(void)
{
    TEST_RUN(test_utf8_valid_good);
    TEST_RUN(test_utf8_valid_bad);
    TEST_RUN(test_utf8_decode_encode);
    TEST_RUN(test_utf8_prev_count);
    TEST_RUN(test_utf8_fold_latin);
    TEST_RUN(test_utf8_fold_other_scripts);
    TEST_RUN(test_utf8_fold_small_cap);
    TEST_RUN(test_strbuf_append);
    TEST_RUN(test_strbuf_max);
    TEST_RUN(test_strbuf_json);
    TEST_RUN(test_strbuf_truncate_detach);
    TEST_RUN(test_strbuf_wipe);
    TEST_RUN(test_arena_alloc);
    TEST_RUN(test_arena_strings);
    TEST_RUN(test_arena_big_and_many);
    TEST_RUN(test_arena_reset);
    TEST_RUN(test_mem_helpers);
    TEST_RUN(test_diag);
    TEST_RUN(test_err);
    TEST_RUN(test_log);
    return TEST_REPORT();
}
