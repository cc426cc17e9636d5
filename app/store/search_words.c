/* search_words.c: word boundaries and the writer of
 * the "did you mean" vocabulary (see search_words.h). The vocabulary is counted in a
 * hash table in memory while the search rows are read, then written once per word. */
#include "search_words.h"

#include "mem.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

bool search_is_separator(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                 (cp >= '0' && cp <= '9'));
    return (cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) ||  /* punctuation, currency, arrows, maths, shapes */
           (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK punctuation */
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF); /* emoji and pictographs */
}

bool search_next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *wlen)
{
    size_t i = *pos, n;
    while (i < len && search_is_separator(utf8_decode(s + i, len - i, &n)))
        i += n;
    if (i >= len) {
        *pos = len;
        return false;
    }
    *start = i;
    while (i < len && !search_is_separator(utf8_decode(s + i, len - i, &n)))
        i += n;
    *wlen = i - *start;
    *pos = i;
    return true;
}

/* ==== the vocabulary ==== */

typedef struct WordSlot {
    char *word; /* owned; NULL for an empty slot */
    size_t len, cps;
    long uses;
} WordSlot;

typedef struct WordCount {
    WordSlot *slots;
    size_t cap, len;
} WordCount;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static WordSlot *find_slot(WordSlot *slots, size_t cap, const char *w, size_t n)
{
    size_t i = (size_t)hash_bytes(w, n) & (cap - 1);
    while (slots[i].word && !(slots[i].len == n && memcmp(slots[i].word, w, n) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(WordCount *wc)
{
    size_t cap = wc->cap ? wc->cap * 2 : 1024;
    WordSlot *slots = mem_zalloc_array(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < wc->cap; i++)
        if (wc->slots[i].word)
            *find_slot(slots, cap, wc->slots[i].word, wc->slots[i].len) = wc->slots[i];
    mem_free(wc->slots);
    wc->slots = slots;
    wc->cap = cap;
    return 0;
}

/* Counts one word; words with digits and long words are left out. */
static int count_word(WordCount *wc, const char *w, size_t n)
{
    size_t cps = 0, i = 0, step;
    while (i < n) {
        uint32_t cp = utf8_decode(w + i, n - i, &step);
        if (cp >= '0' && cp <= '9')
            return 0;
        i += step;
        cps++;
    }
    if (cps > SEARCH_WORD_MAX)
        return 0;
    if ((wc->len + 1) * 2 > wc->cap && grow(wc) != 0)
        return -1;
    WordSlot *s = find_slot(wc->slots, wc->cap, w, n);
    if (!s->word) {
        s->word = mem_alloc(n + 1);
        if (!s->word)
            return -1;
        memcpy(s->word, w, n);
        s->word[n] = '\0';
        s->len = n;
        s->cps = cps;
        wc->len++;
    }
    s->uses++;
    return 0;
}

static int count_text(WordCount *wc, const char *s)
{
    size_t len = strlen(s), pos = 0, start, wlen;
    while (search_next_word(s, len, &pos, &start, &wlen))
        if (count_word(wc, s + start, wlen) != 0)
            return -1;
    return 0;
}

static void release(WordCount *wc)
{
    for (size_t i = 0; i < wc->cap; i++)
        mem_free(wc->slots[i].word);
    mem_free(wc->slots);
}

int search_words_write(sqlite3 *db, char *why, size_t cap)
{
    static const char sql_read[] = "SELECT title, body FROM search"
                                   " UNION ALL SELECT term, '' FROM synonym";
    WordCount wc = {0};
    sqlite3_stmt *rd = NULL, *ins = NULL;
    int rc = -1;
    const char *failed = NULL;
    if (sqlite3_prepare_v2(db, sql_read, -1, &rd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO search_word(id, word, uses) VALUES(?1, ?2, ?3)",
                           -1, &ins, NULL) != SQLITE_OK) {
        failed = "preparing the vocabulary";
        goto out;
    }
    int step;
    while ((step = sqlite3_step(rd)) == SQLITE_ROW) {
        for (int col = 0; col < 2; col++) {
            const unsigned char *text = sqlite3_column_text(rd, col);
            if (text && count_text(&wc, (const char *)text) != 0) {
                snprintf(why, cap, "out of memory while counting the search words");
                goto out;
            }
        }
    }
    if (step != SQLITE_DONE) {
        failed = "reading the search rows";
        goto out;
    }
    sqlite3_int64 serial = 0;
    for (size_t i = 0; i < wc.cap; i++) {
        const WordSlot *s = &wc.slots[i];
        if (!s->word)
            continue;
        if (++serial >> SEARCH_WORD_LEN_SHIFT)
            break; /* sixteen million words: the rest go without suggestions */
        sqlite3_int64 id = ((sqlite3_int64)s->cps << SEARCH_WORD_LEN_SHIFT) | serial;
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, s->word, (int)s->len, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, s->uses);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            failed = "writing the search words";
            goto out;
        }
        sqlite3_reset(ins);
    }
    if (sqlite3_exec(db, "INSERT INTO search_trigram(search_trigram) VALUES('rebuild')", NULL,
                     NULL, NULL) != SQLITE_OK) {
        failed = "indexing the search words";
        goto out;
    }
    rc = 0;
out:
    if (failed)
        snprintf(why, cap, "%s failed: %s", failed, sqlite3_errmsg(db));
    sqlite3_finalize(rd);
    sqlite3_finalize(ins);
    release(&wc);
    return rc;
}
