/* content_trans.c: the content's translations. A table's text columns may have a
 * translation column beside them, named after the column and a language (`name_cy`,
 * `summary_cy`); each non-empty cell of one is a translation of that row's words. The
 * languages are those Signpost knows (config_language_code()); site.ini's `languages`
 * may narrow them to the ones this content is translated into, and then `content
 * check` counts, per language, what is still missing. A suffix that is not such a
 * language is a warning naming the file and column, and the column is left out. */
#include "content_model.h"

#include "config.h"
#include "content.h"
#include "row_writer.h"
#include "site.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void known_list(char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; config_language_code(i) && o + 8 < cap; i++) {
        const char *code = config_language_code(i);
        if (strcmp(code, "en") == 0)
            continue;
        o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? ", " : "", code);
    }
}

static bool known_language(const char *lang)
{
    return strcmp(lang, "en") != 0 && config_language_name(lang) != NULL;
}

static void add_lang(ContentModel *m, const char *lang)
{
    for (size_t i = 0; i < m->nlangs; i++)
        if (strcmp(m->langs[i], lang) == 0)
            return;
    if (m->nlangs < CONTENT_LANGS_MAX)
        m->langs[m->nlangs++] = lang;
}

void content_trans_site_languages(ContentModel *m)
{
    const char *s = m->site_languages;
    if (!s || !s[0])
        return;
    while (*s) {
        while (*s == ' ' || *s == ',' || *s == '\t')
            s++;
        size_t n = strcspn(s, " ,\t");
        if (n == 0)
            break;
        char code[32];
        snprintf(code, sizeof code, "%.*s", (int)(n < 31 ? n : 31), s);
        if (strcmp(code, "en") == 0) {
            /* English is always there: the content is written in it. */
        } else if (!known_language(code)) {
            char list[200];
            known_list(list, sizeof list);
            diag_add(m->diags, DIAG_ERROR, m->site_path, m->site_languages_line, 0,
                     "languages: '%s' is not a language Signpost knows; use BCP 47 codes "
                     "from: %s", code, list);
        } else {
            add_lang(m, src_keep(m, code));
        }
        s += n;
    }
}

bool content_lang_ok(ContentModel *m, const char *lang, char *why, size_t cap)
{
    char list[200];
    if (!known_language(lang)) {
        known_list(list, sizeof list);
        snprintf(why, cap, "'%s' is not a language Signpost knows (%s)", lang, list);
        return false;
    }
    if (m->site_languages && m->site_languages[0]) {
        for (size_t i = 0; i < m->nlangs; i++)
            if (strcmp(m->langs[i], lang) == 0)
                return true;
        snprintf(why, cap, "'%s' is not one of the languages in site.ini (languages = %s); "
                 "add it there", lang, m->site_languages);
        return false;
    }
    return true;
}

void src_trans_columns(ContentModel *m, CsvTable *t)
{
    for (size_t k = 0; k < t->ntrcols; k++) {
        CsvTransColumn *tc = &t->trcols[k];
        char why[400];
        if (content_lang_ok(m, tc->lang, why, sizeof why))
            continue;
        diag_add(m->diags, DIAG_WARNING, t->path, t->header_line, tc->index + 1,
                 "column '%s': %s, so it is ignored; translation columns are named after "
                 "the column and the language, like %s_cy", t->header[tc->index], why,
                 t->columns[tc->col].name);
        tc->lang = NULL;
    }
}

void src_trans_row(ContentModel *m, const Cell *c, int table, const char *id)
{
    const CsvTable *t = c->t;
    for (size_t k = 0; k < t->ntrcols; k++) {
        const CsvTransColumn *tc = &t->trcols[k];
        const char *text = csv_trans_cell(t, c->row, k);
        if (!tc->lang || !text[0])
            continue;
        int column = tr_column_parse((TrTable)table, t->columns[tc->col].name);
        if (column < 0)
            continue;
        SrcTrans *tr = model_push(m, (void **)&m->trans, &m->ntrans, &m->captrans,
                                  sizeof *m->trans);
        if (!tr)
            return;
        *tr = (SrcTrans){table, column, id, src_keep(m, tc->lang), src_keep(m, text)};
    }
}

static int trans_cmp(const void *pa, const void *pb)
{
    const SrcTrans *a = pa, *b = pb;
    if (a->table != b->table)
        return a->table < b->table ? -1 : 1;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return strcmp(a->lang, b->lang);
}

void content_check_translations(ContentModel *m)
{
    if (m->ntrans > 1)
        qsort(m->trans, m->ntrans, sizeof *m->trans, trans_cmp);
    /* The same cell translated twice (name_cy in two columns): the first is kept. */
    size_t n = 0;
    for (size_t i = 0; i < m->ntrans; i++)
        if (n == 0 || trans_cmp(&m->trans[n - 1], &m->trans[i]) != 0)
            m->trans[n++] = m->trans[i];
    m->ntrans = n;
    if (!m->site_languages || !m->site_languages[0])
        for (size_t i = 0; i < m->ntrans; i++)
            add_lang(m, m->trans[i].lang);
}

/* The first translation of (table, id), or m->ntrans. */
static size_t first_of(const ContentModel *m, int table, const char *id)
{
    size_t lo = 0, hi = m->ntrans;
    SrcTrans key = {.table = table, .column = -1, .id = id, .lang = ""};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (trans_cmp(&m->trans[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *content_trans_text(const ContentModel *m, int table, const char *id, int column,
                               const char *lang)
{
    for (size_t i = first_of(m, table, id); i < m->ntrans; i++) {
        const SrcTrans *t = &m->trans[i];
        if (t->table != table || strcmp(t->id, id) != 0)
            break;
        if (t->column == column && strcmp(t->lang, lang) == 0)
            return t->text;
    }
    return NULL;
}

char *content_trans_names(const ContentModel *m, int table, const char *id,
                          const char *english)
{
    size_t len = strlen(english) + 1, from = first_of(m, table, id);
    for (size_t i = from; i < m->ntrans; i++) {
        const SrcTrans *t = &m->trans[i];
        if (t->table != table || strcmp(t->id, id) != 0)
            break;
        if (t->column == TR_NAME)
            len += strlen(t->text) + 1;
    }
    char *out = mem_alloc(len);
    if (!out)
        return NULL;
    size_t o = (size_t)snprintf(out, len, "%s", english);
    for (size_t i = from; i < m->ntrans; i++) {
        const SrcTrans *t = &m->trans[i];
        if (t->table != table || strcmp(t->id, id) != 0)
            break;
        if (t->column == TR_NAME)
            o += (size_t)snprintf(out + o, len - o, " %s", t->text);
    }
    return out;
}

/* True when the store holds the row (inactive and defunct services are left out). */
static bool in_store(const ContentModel *m, const SrcTrans *t)
{
    if (t->table != TR_SERVICE)
        return true;
    return content_directory_has_service(m, t->id, NULL) == DIR_SHOWN;
}

void content_write_translations(const ContentModel *m, RowWriter *w)
{
    if (m->ntrans == 0)
        return;
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO translation(tbl, id, col, lang, text)"
                                             " VALUES(:tbl, :id, :col, :lang, :text)");
    for (size_t i = 0; i < m->ntrans && !w->failed; i++) {
        const SrcTrans *t = &m->trans[i];
        if (!in_store(m, t))
            continue;
        ROW_INSERT(w, st, "writing translations", ROW_TEXT(":tbl", tr_table_name(t->table)),
                   ROW_TEXT(":id", t->id),
                   ROW_TEXT(":col", tr_column_name(t->table, t->column)),
                   ROW_TEXT(":lang", t->lang), ROW_TEXT(":text", t->text));
    }
    sqlite3_finalize(st);
}

void content_trans_stats(const ContentModel *m, ContentStats *stats)
{
    stats->types = (int)m->ntypes;
    stats->translations = 0;
    stats->nlangs = 0;
    for (size_t i = 0; i < m->ntrans; i++)
        stats->translations += in_store(m, &m->trans[i]);
    for (size_t l = 0; l < m->nlangs && l < sizeof stats->langs / sizeof stats->langs[0]; l++) {
        ContentLangStats *ls = &stats->langs[stats->nlangs++];
        memset(ls, 0, sizeof *ls);
        snprintf(ls->lang, sizeof ls->lang, "%s", m->langs[l]);
        for (size_t i = 0; i < m->ntrans; i++) {
            const SrcTrans *t = &m->trans[i];
            if (t->column != TR_NAME || strcmp(t->lang, m->langs[l]) != 0 || !in_store(m, t))
                continue;
            switch (t->table) {
            case TR_DEST_TYPE: ls->types++; break;
            case TR_DESTINATION: ls->destinations++; break;
            case TR_CATEGORY: ls->categories++; break;
            default: ls->services++; break;
            }
        }
        ls->pages = (int)content_pages_translated(m, m->langs[l]);
        stats->translations += ls->pages;
    }
}

void content_lang_stats_text(const ContentStats *s, const ContentLangStats *l, char *out,
                             size_t cap)
{
    snprintf(out, cap, "%s: %d of %d destinations, %d of %d destination types, %d of %d "
             "categories, %d of %d services, %d of %d pages missing a translation", l->lang,
             s->destinations - l->destinations, s->destinations, s->types - l->types,
             s->types, s->categories - l->categories, s->categories,
             s->services - l->services, s->services, s->pages - l->pages, s->pages);
}
