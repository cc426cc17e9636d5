/* content_synonyms.c: synonyms.csv, the words that mean the same to someone searching
 * ("loo, toilet, WC"): reads and checks it (file:line:column for a row with fewer than
 * two words or phrases, a word with no letters, a phrase of too many words, or a word
 * already in another row), and writes the groups into the store's synonym table, then
 * the "did you mean" vocabulary from every search row and synonym (search_words.c). */
#include "content_model.h"

#include "row_writer.h"
#include "search_words.h"
#include "utf8.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

enum {
    SYN_WORDS, SYN_NOTE, SYN_NCOLS,
    TERM_MAX_WORDS = 8,  /* words in one phrase */
    TERM_MAX_BYTES = 120,
};

static const CsvColumn synonym_cols[SYN_NCOLS] = {{"words", true}, {"note", false}};

typedef struct SrcSynonymGroup {
    const char **terms; /* folded, words joined by single spaces; in the model's arena */
    size_t nterms;
    int line;
} SrcSynonymGroup;

struct SrcSynonyms {
    SrcSynonymGroup *groups;
    size_t ngroups, cap;
    IdIndex seen; /* every term kept, with the line of its row */
};

/* The term's words, folded and joined by single spaces, into out; returns the number
 * of words (0 when it has none, SIZE_MAX when it has too many or is too long). */
static size_t normal_term(const char *raw, char *out, size_t cap)
{
    char folded[TERM_MAX_BYTES * 2 + 1];
    if (strlen(raw) > TERM_MAX_BYTES)
        return SIZE_MAX;
    utf8_fold(raw, folded, sizeof folded);
    size_t len = strlen(folded), pos = 0, start, wlen, n = 0, o = 0;
    while (search_next_word(folded, len, &pos, &start, &wlen)) {
        if (++n > TERM_MAX_WORDS || o + wlen + 2 > cap)
            return SIZE_MAX;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, folded + start, wlen);
        o += wlen;
    }
    out[o] = '\0';
    return n;
}

/* Checks and keeps one row's terms. */
static void load_row(ContentModel *m, struct SrcSynonyms *syn, const Cell *c)
{
    const char *cell = cell_text(c, SYN_WORDS);
    const char *terms[64];
    size_t nterms = 0;
    bool ok = true;
    for (const char *p = cell; *p && ok;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char raw[TERM_MAX_BYTES + 2], term[TERM_MAX_BYTES * 2 + 1];
        if (n > TERM_MAX_BYTES) {
            cell_error(c, SYN_WORDS, "'%.40s...' is too long for a search word or phrase (at "
                       "most %d characters); separate the words with commas", p,
                       TERM_MAX_BYTES);
            ok = false;
            break;
        }
        const char *next = comma ? comma + 1 : p + n;
        while (n > 0 && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        memcpy(raw, p, n);
        raw[n] = '\0';
        p = next;
        size_t words = normal_term(raw, term, sizeof term);
        if (words == 0) {
            /* "loo,,toilet" or a trailing comma: nothing there, nothing to report */
            if (n > 0) {
                cell_error(c, SYN_WORDS, "'%s' has no letters or digits, so nobody can "
                           "search for it; write it out ('A&E' is fine, '&' alone is not)",
                           raw);
                ok = false;
            }
            continue;
        }
        if (words == SIZE_MAX) {
            cell_error(c, SYN_WORDS, "'%s' has more than %d words; a synonym is a word or a "
                       "short phrase", raw, TERM_MAX_WORDS);
            ok = false;
            continue;
        }
        bool again = false;
        for (size_t k = 0; k < nterms && !again; k++)
            again = strcmp(terms[k], term) == 0;
        if (again) {
            cell_warning(c, SYN_WORDS, "'%s' is listed twice in this row", raw);
            continue;
        }
        const IdEntry *e = id_index_get(&syn->seen, term);
        if (e) {
            cell_error(c, SYN_WORDS, "'%s' is already in the row on line %d; a word can be "
                       "in one row only, so put the two rows together", raw, e->line);
            ok = false;
            continue;
        }
        if (nterms == sizeof terms / sizeof terms[0]) {
            cell_error(c, SYN_WORDS, "this row has more than %zu words or phrases; split it "
                       "into rows of words that mean exactly the same",
                       sizeof terms / sizeof terms[0]);
            ok = false;
            break;
        }
        terms[nterms++] = src_keep(m, term);
    }
    if (ok && nterms < 2) {
        cell_error(c, SYN_WORDS, nterms == 0 ? "there are no words; list two or more words or "
                   "phrases that mean the same, separated by commas ('loo, toilet, WC')"
                   : "there is only one word; list two or more words or phrases that mean "
                   "the same, separated by commas ('loo, toilet, WC')");
        ok = false;
    }
    if (!ok)
        return;
    if (mem_grow((void **)&syn->groups, &syn->cap, syn->ngroups + 1, sizeof *syn->groups)) {
        diag_add(m->diags, DIAG_ERROR, c->path, c->row->line, 0, "out of memory");
        return;
    }
    SrcSynonymGroup *g = &syn->groups[syn->ngroups++];
    g->terms = arena_alloc(&m->arena, nterms * sizeof *g->terms);
    if (!g->terms) {
        syn->ngroups--;
        diag_add(m->diags, DIAG_ERROR, c->path, c->row->line, 0, "out of memory");
        return;
    }
    memcpy(g->terms, terms, nterms * sizeof *terms);
    g->nterms = nterms;
    g->line = c->row->line;
    for (size_t k = 0; k < nterms; k++)
        id_index_put(&syn->seen, terms[k], (int)syn->ngroups - 1, g->line, NULL);
}

void content_load_synonyms(ContentModel *m)
{
    struct SrcSynonyms *syn = mem_zalloc(sizeof *syn);
    if (!syn) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory");
        return;
    }
    m->synonyms = syn;
    SrcTable st = {.file = "synonyms.csv"};
    CsvTable t;
    csv_table_init(&t);
    if (src_open_table(m, &st, &t, synonym_cols, SYN_NCOLS, true)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (!t.rows[i].bad)
                load_row(m, syn, &c);
        }
    }
    csv_table_release(&t);
    src_table_release(&st);
}

void content_write_synonyms(const ContentModel *m, RowWriter *w)
{
    const struct SrcSynonyms *syn = m->synonyms;
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO synonym(grp, term, sort) "
                                             "VALUES(:grp, :term, :sort)");
    for (size_t g = 0; syn && g < syn->ngroups; g++)
        for (size_t k = 0; k < syn->groups[g].nterms; k++)
            ROW_INSERT(w, st, "writing the synonyms", ROW_INT(":grp", (int)g),
                       ROW_TEXT(":term", syn->groups[g].terms[k]), ROW_INT(":sort", (int)k));
    sqlite3_finalize(st);
    if (w->failed)
        return;
    char why[300];
    if (search_words_write(w->db, why, sizeof why) != 0)
        row_writer_fail(w, "%s", why);
}

size_t content_synonym_groups(const ContentModel *m)
{
    return m->synonyms ? m->synonyms->ngroups : 0;
}

void src_synonyms_free(struct SrcSynonyms *s)
{
    if (!s)
        return;
    mem_free(s->groups);
    id_index_release(&s->seen);
    mem_free(s);
}
