/* store_search.c: search that forgives. What a person typed is folded and cut into
 * words; each word (or run of words) that is one of the content's synonyms becomes
 * "any of its group"; the words become one FTS5 expression that store.c runs. When it
 * finds nothing, the words that match nothing are corrected, cheapest evidence first:
 *   1. two neighbours that are one word of the content ("car park" -> "carpark");
 *   2. one word that is two neighbouring words of the content ("xray" -> "x ray"),
 *      split where both halves are words of the content (search_word) and the pair
 *      stands together in some row;
 *   3. a misspelling: the words of the content that share the most trigrams with it
 *      (FTS5 trigram index over search_word, counted through its fts5vocab table, in
 *      a range of lengths given by the rowid), ranked by Damerau-Levenshtein distance,
 *      then by how often the content uses them.
 * and the search runs again with the corrections, which become the "Did you mean".
 * Every step is bounded (16 words, 4 corrected, 24 letters split, 48 candidates), so
 * no input costs more than a few milliseconds.
 * What a person types is personal data: every buffer that holds it or an expression made
 * from it is wiped before returning, and SQLite is given it without copying. */
#include "store_search.h"

#include "err.h"
#include "mem.h"
#include "search_words.h"
#include "store_internal.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    QUERY_MAX = 256,     /* bytes of folded query used; a touch keyboard types less */
    QUERY_WORDS = 16,    /* words beyond this are ignored */
    WORDS_BYTES = 2048,  /* the words and their corrections */
    CORRECT_MAX = 4,     /* words corrected in one search at most */
    SPLIT_MAX = 24,      /* longer words (code points) are not split */
    TRIGRAMS = SEARCH_WORD_MAX - 2,
    CANDIDATES = 48,     /* words ranked by edit distance for one misspelling */
    EXPR_MAX = 64 * 1024,
    PHRASE_MAX = 4 * QUERY_MAX,
};

/* ==== synonyms ==== */

typedef struct SynTerm {
    const char *text;    /* folded words joined by single spaces */
    const char **words;  /* nwords words */
    int nwords;
    size_t group_start, group_end; /* the group's terms in SearchAids.terms */
} SynTerm;

struct SearchAids {
    sqlite3_stmt *q_probe;   /* does an expression match any row? */
    sqlite3_stmt *q_word;    /* is this a word of the content? */
    sqlite3_stmt *q_prefix;  /* does a word of the content start with this? */
    sqlite3_stmt *q_similar; /* words sharing trigrams, in a range of lengths */
    SynTerm *terms;          /* grouped, groups in the table's order */
    size_t nterms;
    size_t *by_word;         /* indices of terms by first word, longer terms first */
    Arena arena;             /* the terms' text */
};

static const char sql_probe[] = "SELECT rowid FROM search WHERE search MATCH ?1 LIMIT 1";
static const char sql_word[] = "SELECT 1 FROM search_word WHERE word = ?1";
static const char sql_prefix[] =
    "SELECT 1 FROM search_word WHERE word >= ?1 AND word < ?1 || x'ff' LIMIT 1";
static const char sql_synonyms[] = "SELECT grp, term FROM synonym ORDER BY grp, sort, term";

/* The trigram candidates: ?1 to ?TRIGRAMS the word's trigrams (unused ones NULL),
 * then the rowid range. */
static char *similar_sql(void)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    int rc = strbuf_adds(&sb, "SELECT w.word, w.uses FROM (SELECT doc, count(*) AS shared"
                              " FROM search_trigram_terms WHERE term IN (");
    for (int i = 1; i <= TRIGRAMS && rc == 0; i++)
        rc = strbuf_addf(&sb, i > 1 ? ", ?%d" : "?%d", i);
    if (rc == 0)
        rc = strbuf_addf(&sb, ") AND doc BETWEEN ?%d AND ?%d GROUP BY doc"
                              " ORDER BY shared DESC, doc LIMIT %d) AS c"
                              " JOIN search_word AS w ON w.id = c.doc",
                         TRIGRAMS + 1, TRIGRAMS + 2, CANDIDATES);
    if (rc != 0) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb);
}

static int first_word_cmp(const SynTerm *a, const SynTerm *b)
{
    int c = strcmp(a->words[0], b->words[0]);
    return c ? c : b->nwords - a->nwords;
}

static const SynTerm *sort_terms; /* qsort has no context argument */

static int by_word_cmp(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int c = first_word_cmp(&sort_terms[i], &sort_terms[j]);
    return c ? c : (i > j) - (i < j);
}

/* Splits a term into its words (in the arena): 1, 0 when it has none (or more than a
 * query can have), -1 when out of memory. */
static int split_term(Arena *ar, const char *folded, SynTerm *t)
{
    size_t len = strlen(folded), pos = 0, start, wlen, n = 0;
    while (search_next_word(folded, len, &pos, &start, &wlen))
        n++;
    if (n == 0 || n > QUERY_WORDS)
        return 0;
    t->words = arena_alloc(ar, n * sizeof *t->words);
    StrBuf text;
    strbuf_init(&text, 0);
    pos = 0;
    int rc = 0;
    for (size_t i = 0; t->words && search_next_word(folded, len, &pos, &start, &wlen); i++) {
        t->words[i] = arena_strndup(ar, folded + start, wlen);
        if (!t->words[i])
            t->words = NULL;
        if (i > 0 && rc == 0)
            rc = strbuf_addc(&text, ' ');
        if (rc == 0)
            rc = strbuf_add(&text, folded + start, wlen);
    }
    t->text = rc != 0 ? NULL : arena_strdup(ar, text.buf);
    strbuf_release(&text);
    t->nwords = (int)n;
    return t->words && t->text ? 1 : -1;
}

static int load_synonyms(SearchAids *a, sqlite3 *db, const char *path)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, sql_synonyms, -1, &q, NULL) != SQLITE_OK)
        return store_db_error(path, db, "synonym");
    size_t cap = 0;
    sqlite3_int64 group = 0;
    size_t group_start = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(q, 1);
        char *folded = utf8_fold_dup(term ? term : "");
        if (!folded || mem_grow((void **)&a->terms, &cap, a->nterms + 1, sizeof *a->terms)) {
            mem_free(folded);
            sqlite3_finalize(q);
            return err_set("content store %s: out of memory", path);
        }
        SynTerm t = {0};
        int ok = split_term(&a->arena, folded, &t);
        mem_free(folded);
        if (ok < 0) {
            sqlite3_finalize(q);
            return err_set("content store %s: out of memory", path);
        }
        if (ok == 0)
            continue; /* no words: nothing a person could type */
        sqlite3_int64 g = sqlite3_column_int64(q, 0);
        if (a->nterms == 0 || g != group) {
            for (size_t i = group_start; i < a->nterms; i++)
                a->terms[i].group_end = a->nterms;
            group = g;
            group_start = a->nterms;
        }
        t.group_start = group_start;
        a->terms[a->nterms++] = t;
    }
    for (size_t i = group_start; i < a->nterms; i++)
        a->terms[i].group_end = a->nterms;
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_db_error(path, db, "synonym");
    a->by_word = mem_zalloc_array(a->nterms ? a->nterms : 1, sizeof *a->by_word);
    if (!a->by_word)
        return err_set("content store %s: out of memory", path);
    for (size_t i = 0; i < a->nterms; i++)
        a->by_word[i] = i;
    sort_terms = a->terms;
    qsort(a->by_word, a->nterms, sizeof *a->by_word, by_word_cmp);
    sort_terms = NULL;
    return 0;
}

SearchAids *search_aids_open(sqlite3 *db, const char *path)
{
    SearchAids *a = mem_zalloc(sizeof *a);
    if (!a) {
        err_set("content store %s: out of memory", path);
        return NULL;
    }
    arena_init(&a->arena);
    char *similar = similar_sql();
    const unsigned flags = SQLITE_PREPARE_PERSISTENT;
    if (!similar) {
        err_set("content store %s: out of memory", path);
        search_aids_close(a);
        return NULL;
    }
    if (sqlite3_prepare_v3(db, sql_probe, -1, flags, &a->q_probe, NULL) ||
        sqlite3_prepare_v3(db, sql_word, -1, flags, &a->q_word, NULL) ||
        sqlite3_prepare_v3(db, sql_prefix, -1, flags, &a->q_prefix, NULL) ||
        sqlite3_prepare_v3(db, similar, -1, flags, &a->q_similar, NULL)) {
        store_db_error(path, db, "search_word");
        mem_free(similar);
        search_aids_close(a);
        return NULL;
    }
    mem_free(similar);
    if (load_synonyms(a, db, path) != 0) {
        search_aids_close(a);
        return NULL;
    }
    return a;
}

void search_aids_close(SearchAids *a)
{
    if (!a)
        return;
    sqlite3_finalize(a->q_probe);
    sqlite3_finalize(a->q_word);
    sqlite3_finalize(a->q_prefix);
    sqlite3_finalize(a->q_similar);
    mem_free(a->terms);
    mem_free(a->by_word);
    arena_release(&a->arena);
    mem_free(a);
}

/* ==== the words typed ==== */

typedef struct Words {
    char buf[WORDS_BYTES]; /* every word NUL-terminated, corrections after them */
    size_t used;
    const char *w[QUERY_WORDS];
    size_t len[QUERY_WORDS];
    bool known[QUERY_WORDS];  /* matches something (or is a synonym) */
    int n;
} Words;

/* Makes word i the n bytes at s (copied). -1 when there is no room. */
static int words_set(Words *ws, int i, const char *s, size_t n)
{
    if (ws->used + n + 1 > sizeof ws->buf)
        return -1;
    char *dst = ws->buf + ws->used;
    memmove(dst, s, n);
    dst[n] = '\0';
    ws->used += n + 1;
    ws->w[i] = dst;
    ws->len[i] = n;
    return 0;
}

static void words_remove(Words *ws, int i)
{
    for (int k = i; k + 1 < ws->n; k++) {
        ws->w[k] = ws->w[k + 1];
        ws->len[k] = ws->len[k + 1];
        ws->known[k] = ws->known[k + 1];
    }
    ws->n--;
}

static void words_from_query(Words *ws, const char *query)
{
    char folded[QUERY_MAX];
    utf8_fold(query, folded, sizeof folded);
    size_t len = strlen(folded), pos = 0, start, wlen;
    ws->used = 0;
    ws->n = 0;
    while (ws->n < QUERY_WORDS && search_next_word(folded, len, &pos, &start, &wlen))
        if (words_set(ws, ws->n, folded + start, wlen) == 0)
            ws->n++;
    mem_wipe(folded, sizeof folded);
}

/* ==== expressions ==== */

/* Appends `"text"` (or `"text"*`), doubling any quote. */
static int add_phrase(StrBuf *e, const char *text, size_t len, bool star)
{
    int rc = strbuf_addc(e, '"');
    for (size_t i = 0; i < len && rc == 0; i++)
        rc = text[i] == '"' ? strbuf_add(e, "\"\"", 2) : strbuf_addc(e, text[i]);
    if (rc == 0)
        rc = strbuf_add(e, star ? "\"*" : "\"", star ? 2 : 1);
    return rc;
}

/* The synonym term that the words from i on start with, the longest when several do;
 * NULL when none. */
static const SynTerm *synonym_at(const SearchAids *a, const Words *ws, int i)
{
    size_t lo = 0, hi = a->nterms;
    while (lo < hi) { /* the first term whose first word is not below w[i] */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(a->terms[a->by_word[mid]].words[0], ws->w[i]) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < a->nterms; k++) {
        const SynTerm *t = &a->terms[a->by_word[k]];
        if (strcmp(t->words[0], ws->w[i]) != 0)
            break;
        if (t->nwords > ws->n - i)
            continue;
        int j = 1;
        while (j < t->nwords && strcmp(t->words[j], ws->w[i + j]) == 0)
            j++;
        if (j == t->nwords)
            return t; /* longer terms come first */
    }
    return NULL;
}

/* Every word must match (each as the start of a word); a synonym matches as any term
 * of its group: the one typed as before, the others as whole words or phrases (word
 * endings still stemmed), so "cafe" finds "coffee" but not "coffers". */
static int build_expr(const SearchAids *a, const Words *ws, bool synonyms, StrBuf *e)
{
    int rc = 0;
    size_t groups[QUERY_WORDS]; /* the synonym groups already in (by their first term) */
    int ngroups = 0;
    for (int i = 0; i < ws->n && rc == 0;) {
        const SynTerm *t = synonyms ? synonym_at(a, ws, i) : NULL;
        /* A word or group typed twice adds nothing to an AND but time. */
        bool again = false;
        for (int j = 0; j < i && !again && !t; j++)
            again = strcmp(ws->w[j], ws->w[i]) == 0;
        for (int g = 0; g < ngroups && !again && t; g++)
            again = groups[g] == t->group_start;
        if (again) {
            i += t ? t->nwords : 1;
            continue;
        }
        if (e->len)
            rc = strbuf_add(e, " AND ", 5);
        if (!t) {
            rc = rc ? rc : add_phrase(e, ws->w[i], ws->len[i], true);
            i++;
            continue;
        }
        groups[ngroups++] = t->group_start;
        rc = rc ? rc : strbuf_addc(e, '(');
        for (size_t k = t->group_start; k < t->group_end && rc == 0; k++) {
            const SynTerm *u = &a->terms[k];
            if (k > t->group_start)
                rc = strbuf_add(e, " OR ", 4);
            rc = rc ? rc : add_phrase(e, u->text, strlen(u->text), u == t && u->nwords == 1);
        }
        rc = rc ? rc : strbuf_addc(e, ')');
        i += t->nwords;
    }
    return rc;
}

static int search_expr(Store *st, const Words *ws, bool synonyms, unsigned kinds,
                       SearchHit *hits, size_t max)
{
    StrBuf e;
    strbuf_init(&e, EXPR_MAX);
    e.wipe = true;
    int found;
    if (build_expr(store_search_aids(st), ws, synonyms, &e) != 0)
        found = err_set("search: the search is too long or out of memory");
    else
        found = store_search_expr(st, e.buf, kinds, hits, max);
    strbuf_release(&e);
    return found;
}

static bool has_synonym(const SearchAids *a, const Words *ws)
{
    for (int i = 0; i < ws->n; i++)
        if (synonym_at(a, ws, i))
            return true;
    return false;
}

static bool hit_in(const SearchHit *h, const SearchHit *list, int n)
{
    for (int i = 0; i < n; i++)
        if (list[i].kind == h->kind && list[i].index == h->index)
            return true;
    return false;
}

/* Puts the hits of the words as typed (`first`) before those the synonyms add
 * (`hits`), kind by kind, and shares `max` between the kinds as store.c does: each kind
 * in turn takes its next until the hits are full. The result goes into hits. */
static int merge_hits(const SearchHit *first, int nf, SearchHit *hits, int nh, size_t max)
{
    SearchHit *all = mem_zalloc_array((size_t)nf + (size_t)nh + 1, sizeof *all);
    if (!all)
        return err_set("search: out of memory");
    enum { KINDS = SEARCH_PAGE + 1 };
    size_t n = 0, start[KINDS + 1], have[KINDS], take[KINDS] = {0}, total = 0;
    for (int k = 0; k < KINDS; k++) {
        start[k] = n;
        for (int i = 0; i < nf; i++)
            if (first[i].kind == (SearchKind)k)
                all[n++] = first[i];
        for (int i = 0; i < nh; i++)
            if (hits[i].kind == (SearchKind)k && !hit_in(&hits[i], first, nf))
                all[n++] = hits[i];
        have[k] = n - start[k];
    }
    start[KINDS] = n;
    for (bool more = true; more && total < max;) {
        more = false;
        for (int k = 0; k < KINDS && total < max; k++) {
            if (take[k] < have[k]) {
                take[k]++;
                total++;
                more = true;
            }
        }
    }
    int found = 0;
    for (int k = 0; k < KINDS; k++)
        for (size_t i = 0; i < take[k]; i++)
            hits[found++] = all[start[k] + i];
    mem_free(all);
    return found;
}

/* Searches for the words; with synonyms, what the words as typed find comes first
 * within each kind, then what their synonyms add ("cardiology" lists the cardiology
 * clinic before the coronary care unit). */
static int search_words(Store *st, const Words *ws, unsigned kinds, SearchHit *hits,
                        size_t max)
{
    if (!has_synonym(store_search_aids(st), ws))
        return search_expr(st, ws, false, kinds, hits, max);
    SearchHit *typed = mem_zalloc_array(max, sizeof *typed);
    if (!typed)
        return err_set("search: out of memory");
    int nt = search_expr(st, ws, false, kinds, typed, max);
    int found = nt < 0 ? nt : search_expr(st, ws, true, kinds, hits, max);
    if (nt > 0 && found >= 0)
        found = merge_hits(typed, nt, hits, found, max);
    mem_free(typed);
    return found;
}

/* ==== corrections ==== */

/* Steps a statement with its bindings to its first row: 1 for a row, 0 for none (or an
 * error, which only means no correction). */
static int any_row(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc;
}

/* Does `"text"*` match any row of the search index? */
static bool matches(SearchAids *a, const char *text, size_t len)
{
    StrBuf e;
    strbuf_init(&e, PHRASE_MAX);
    e.wipe = true;
    bool found = false;
    if (add_phrase(&e, text, len, true) == 0) {
        sqlite3_bind_text(a->q_probe, 1, e.buf, (int)e.len, SQLITE_STATIC);
        found = any_row(a->q_probe);
    }
    strbuf_release(&e);
    return found;
}

/* Is text (len bytes) a word of the content, or with `prefix` the start of one? */
static bool is_word(SearchAids *a, const char *text, size_t len, bool prefix)
{
    sqlite3_stmt *q = prefix ? a->q_prefix : a->q_word;
    sqlite3_bind_text(q, 1, text, (int)len, SQLITE_STATIC);
    return any_row(q);
}

/* Byte offsets of the code points of w (at most SEARCH_WORD_MAX + 1 of them). Returns
 * the number of code points, or SIZE_MAX when there are more. */
static size_t code_points(const char *w, size_t len, size_t *at)
{
    size_t i = 0, k = 0, n;
    while (i < len) {
        if (k == SEARCH_WORD_MAX)
            return SIZE_MAX;
        at[k++] = i;
        utf8_decode(w + i, len - i, &n);
        i += n;
    }
    at[k] = len;
    return k;
}

/* "xray" -> "x ray": the split nearest the middle where the left part is a word of the
 * content, the right part a word (or the start of one, for the last word) and the two
 * stand together in some row. Writes the pair into out; false when there is none. */
static bool split_word(SearchAids *a, const char *w, size_t len, bool last, char *out,
                       size_t cap)
{
    size_t at[SEARCH_WORD_MAX + 1];
    size_t cps = code_points(w, len, at);
    if (cps == SIZE_MAX || cps < 2 || cps > SPLIT_MAX || len + 2 > cap)
        return false;
    size_t mid = cps / 2;
    for (size_t d = 0; d <= mid; d++) {
        for (int side = 0; side < 2; side++) {
            /* mid, mid - 1, mid + 1, mid - 2, ...: halves as even as can be first */
            size_t cut = side ? mid + d : mid - d;
            if ((side && d == 0) || cut < 1 || cut >= cps)
                continue;
            size_t b = at[cut];
            if (!is_word(a, w, b, false) || !is_word(a, w + b, len - b, last))
                continue;
            memcpy(out, w, b);
            out[b] = ' ';
            memcpy(out + b + 1, w + b, len - b);
            out[len + 1] = '\0';
            if (matches(a, out, len + 1))
                return true;
        }
    }
    mem_wipe(out, cap);
    return false;
}

/* The word of the content nearest to w (see the file comment), within one edit for
 * words of three or four letters and two for longer ones; with `last`, w may be the
 * start of it. Writes it into out; false when there is none. */
static bool similar_word(SearchAids *a, const char *w, size_t len, bool last, char *out,
                         size_t cap)
{
    size_t at[SEARCH_WORD_MAX + 1];
    size_t cps = code_points(w, len, at);
    if (cps == SIZE_MAX || cps < 3)
        return false;
    size_t limit = cps <= 4 ? 1 : 2;
    sqlite3_stmt *q = a->q_similar;
    for (size_t i = 0; i + 3 <= cps && i < TRIGRAMS; i++)
        sqlite3_bind_text(q, (int)i + 1, w + at[i], (int)(at[i + 3] - at[i]), SQLITE_STATIC);
    sqlite3_bind_int64(q, TRIGRAMS + 1, (sqlite3_int64)(cps - limit) << SEARCH_WORD_LEN_SHIFT);
    sqlite3_bind_int64(q, TRIGRAMS + 2,
                       last ? INT64_MAX
                            : ((sqlite3_int64)(cps + limit + 1) << SEARCH_WORD_LEN_SHIFT) - 1);
    out[0] = '\0';
    size_t best_d = limit + 1;
    sqlite3_int64 best_uses = 0;
    bool found = false;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *cand = (const char *)sqlite3_column_text(q, 0);
        size_t clen = (size_t)sqlite3_column_bytes(q, 0);
        sqlite3_int64 uses = sqlite3_column_int64(q, 1);
        if (!cand || clen + 1 > cap)
            continue;
        size_t d = utf8_distance(w, len, cand, clen, last, limit);
        if (d > limit || d > best_d)
            continue;
        if (d == best_d && (uses < best_uses || (uses == best_uses && strcmp(cand, out) >= 0)))
            continue;
        memcpy(out, cand, clen + 1);
        best_d = d;
        best_uses = uses;
        found = true;
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return found;
}

/* Corrects the words that match nothing (see the file comment). Returns true when any
 * word changed. */
static bool correct(SearchAids *a, Words *ws)
{
    /* A word typed twice is looked up once, and so is a pair of neighbours. */
    for (int i = 0; i < ws->n;) {
        const SynTerm *t = synonym_at(a, ws, i);
        int span = t ? t->nwords : 1;
        for (int k = i; k < i + span; k++) {
            int same = -1;
            for (int j = 0; j < k && same < 0 && !t; j++)
                if (strcmp(ws->w[j], ws->w[k]) == 0)
                    same = j;
            ws->known[k] = t || (same >= 0 ? ws->known[same]
                                           : matches(a, ws->w[k], ws->len[k]));
        }
        i += span;
    }
    bool changed = false;
    char fix[SEARCH_WORD_MAX * 8 + 2];
    /* 1. Neighbours that are one word. */
    for (int i = 0; i + 1 < ws->n; i++) {
        size_t n = ws->len[i] + ws->len[i + 1];
        bool tried = false;
        for (int j = 0; j < i && !tried; j++)
            tried = strcmp(ws->w[j], ws->w[i]) == 0 && strcmp(ws->w[j + 1], ws->w[i + 1]) == 0;
        if (tried || n + 1 >= sizeof fix)
            continue;
        if (ws->known[i] && ws->known[i + 1]) {
            /* Both match something, but perhaps not side by side ("physio therapy"). */
            memcpy(fix, ws->w[i], ws->len[i]);
            fix[ws->len[i]] = ' ';
            memcpy(fix + ws->len[i] + 1, ws->w[i + 1], ws->len[i + 1]);
            if (matches(a, fix, n + 1))
                continue;
        }
        memcpy(fix, ws->w[i], ws->len[i]);
        memcpy(fix + ws->len[i], ws->w[i + 1], ws->len[i + 1]);
        if (matches(a, fix, n) && words_set(ws, i, fix, n) == 0) {
            ws->known[i] = true;
            words_remove(ws, i + 1);
            changed = true;
        }
    }
    /* 2 and 3. One word that is two, or misspelt; a word typed again is corrected as
     * it was the first time (the old words stay in ws->buf, which only grows). */
    int budget = CORRECT_MAX;
    const char *was[QUERY_WORDS];
    for (int i = 0; i < ws->n; i++) {
        was[i] = ws->w[i];
        if (ws->known[i])
            continue;
        int same = -1;
        for (int k = 0; k < i && same < 0; k++)
            if (!ws->known[k] && strcmp(was[k], ws->w[i]) == 0)
                same = k;
        bool last = i == ws->n - 1;
        if (same >= 0) {
            if (ws->w[same] != was[same] && words_set(ws, i, ws->w[same], ws->len[same]) == 0)
                changed = true;
        } else if (budget > 0) {
            budget--;
            if ((split_word(a, ws->w[i], ws->len[i], last, fix, sizeof fix) ||
                 similar_word(a, ws->w[i], ws->len[i], last, fix, sizeof fix)) &&
                strcmp(fix, ws->w[i]) != 0 && words_set(ws, i, fix, strlen(fix)) == 0)
                changed = true;
        }
    }
    mem_wipe(fix, sizeof fix);
    return changed;
}

/* ==== the interface ==== */

int store_search_suggest(Store *st, const char *query, unsigned kinds, SearchHit *hits,
                         size_t max, char *suggest, size_t cap)
{
    if (suggest && cap)
        suggest[0] = '\0';
    if (!st || !store_search_aids(st))
        return err_set("search: no content store open");
    if (!query || max == 0)
        return 0;
    Words *ws = mem_zalloc(sizeof *ws);
    if (!ws)
        return err_set("search: out of memory");
    words_from_query(ws, query);
    int found = ws->n ? search_words(st, ws, kinds, hits, max) : 0;
    if (found == 0 && ws->n && correct(store_search_aids(st), ws)) {
        found = search_words(st, ws, kinds, hits, max);
        if (found > 0 && suggest && cap) {
            StrBuf sb;
            strbuf_init(&sb, cap - 1);
            sb.wipe = true;
            bool fits = true;
            for (int i = 0; i < ws->n && fits; i++)
                fits = (i == 0 || strbuf_addc(&sb, ' ') == 0) &&
                       strbuf_add(&sb, ws->w[i], ws->len[i]) == 0;
            if (fits)
                memcpy(suggest, sb.buf, sb.len + 1);
            strbuf_release(&sb);
        }
    }
    mem_free_wiped(ws, sizeof *ws);
    return found;
}

int store_search_kinds(Store *st, const char *query, unsigned kinds, SearchHit *hits,
                       size_t max)
{
    return store_search_suggest(st, query, kinds, hits, max, NULL, 0);
}

int store_search(Store *st, const char *query, SearchHit *hits, size_t max)
{
    return store_search_suggest(st, query, ~0u, hits, max, NULL, 0);
}
