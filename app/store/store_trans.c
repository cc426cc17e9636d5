/* store_trans.c: the content's translations in memory (see site.h and store_trans.h).
 * Only the translations that exist are loaded: one SiteText (a 64-bit key and a
 * pointer) per translated cell, sorted, so a screen finds one by bisection and a
 * kiosk whose content is English only holds nothing more. Translated pages are kept
 * whole beside the English ones (PageTr). */
#include "store_trans.h"

#include "site.h"
#include "store_directory.h"
#include "store_internal.h"
#include "store_pages.h"

#include <stdlib.h>
#include <string.h>

static const char *const table_names[TR_NTABLES] = {"dest_type", "destination", "category",
                                                    "service"};
static const char *const column_names[TR_NCOLUMNS] = {
    "name", "summary", "accessibility", "description", "eligibility", "fees", "attending",
    "alert"};
/* Which columns each table translates (bit per TrColumn). */
static const unsigned table_columns[TR_NTABLES] = {
    [TR_DEST_TYPE] = 1u << TR_NAME,
    [TR_DESTINATION] = 1u << TR_NAME | 1u << TR_SUMMARY | 1u << TR_ACCESSIBILITY,
    [TR_CATEGORY] = 1u << TR_NAME | 1u << TR_DESCRIPTION,
    [TR_SERVICE] = 1u << TR_NAME | 1u << TR_DESCRIPTION | 1u << TR_ELIGIBILITY |
                   1u << TR_FEES | 1u << TR_ATTENDING | 1u << TR_ALERT,
};

const char *tr_table_name(TrTable t)
{
    return (unsigned)t < TR_NTABLES ? table_names[t] : "?";
}

const char *tr_column_name(TrTable t, TrColumn c)
{
    if (c == TR_NAME && (t == TR_DEST_TYPE || t == TR_CATEGORY))
        return "label";
    return (unsigned)c < TR_NCOLUMNS ? column_names[c] : "?";
}

int tr_table_parse(const char *s)
{
    for (int t = 0; t < TR_NTABLES; t++)
        if (strcmp(s, table_names[t]) == 0)
            return t;
    return -1;
}

int tr_column_parse(TrTable t, const char *s)
{
    if ((unsigned)t >= TR_NTABLES)
        return -1;
    for (int c = 0; c < TR_NCOLUMNS; c++)
        if ((table_columns[t] & (1u << c)) && strcmp(s, tr_column_name(t, (TrColumn)c)) == 0)
            return c;
    return -1;
}

static uint64_t text_key(int lang, TrTable t, TrColumn c, int index)
{
    return (uint64_t)lang << 48 | (uint64_t)t << 40 | (uint64_t)c << 32 | (uint32_t)index;
}

static bool is_english(const char *lang)
{
    return !lang || !lang[0] || strcmp(lang, "en") == 0 || strncmp(lang, "en-", 3) == 0;
}

static int lang_index(const Site *s, const char *lang)
{
    for (size_t i = 0; i < s->ntr_langs; i++)
        if (strcmp(s->tr_langs[i], lang) == 0)
            return (int)i;
    return -1;
}

bool site_has_language(const Site *s, const char *lang)
{
    return s && lang && lang_index(s, lang) >= 0;
}

const char *site_text(const Site *s, const char *lang, TrTable t, TrColumn c, int index,
                      const char *english, bool *fallback)
{
    if (!english || !english[0] || is_english(lang) || !s)
        return english;
    int li = lang_index(s, lang);
    if (li >= 0 && index >= 0) {
        uint64_t key = text_key(li, t, c, index);
        size_t lo = 0, hi = s->ntexts;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s->texts[mid].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < s->ntexts && s->texts[lo].key == key)
            return s->texts[lo].text;
    }
    if (fallback)
        *fallback = true;
    return english;
}

const Page *site_page(const Site *s, const char *lang, int index, bool *fallback)
{
    if (!s || index < 0 || (size_t)index >= s->npages)
        return NULL;
    if (is_english(lang))
        return &s->pages[index];
    int li = lang_index(s, lang);
    for (size_t i = 0; li >= 0 && i < s->npage_trs; i++)
        if (s->page_trs[i].lang == li && s->page_trs[i].page == index)
            return &s->page_trs[i].tr;
    if (fallback)
        *fallback = true;
    return &s->pages[index];
}

/* ==== loading ==== */

/* The index of lang in the Site's list, adding it (at most 64 languages). */
static int lang_add(StoreLoad *ld, const char *lang)
{
    Site *s = ld->site;
    int i = lang_index(s, lang);
    if (i >= 0)
        return i;
    if (s->ntr_langs >= 64)
        return store_load_fail(ld, "translations into more than 64 languages");
    const char **grown = store_load_array(ld, s->ntr_langs + 1, sizeof *grown);
    const char *copy = arena_strdup(&s->arena, lang);
    if (!grown || !copy)
        return store_load_oom(ld);
    if (s->ntr_langs)
        memcpy(grown, s->tr_langs, s->ntr_langs * sizeof *grown);
    grown[s->ntr_langs] = copy;
    s->tr_langs = grown;
    return (int)s->ntr_langs++;
}

static int text_cmp(const void *a, const void *b)
{
    uint64_t x = ((const SiteText *)a)->key, y = ((const SiteText *)b)->key;
    return x < y ? -1 : x > y;
}

/* The row of table t with this id, through maps built once per load. */
typedef struct Maps {
    IdMap map[TR_NTABLES];
    bool built[TR_NTABLES];
} Maps;

static int row_of(StoreLoad *ld, Maps *mp, TrTable t, const char *id)
{
    const Site *s = ld->site;
    if (!mp->built[t]) {
        mp->built[t] = true;
        int rc = 0;
        switch (t) {
        case TR_DEST_TYPE:
            rc = idmap_build(ld, &mp->map[t], s->types, s->ntypes, sizeof *s->types,
                             offsetof(DestType, id));
            break;
        case TR_DESTINATION:
            rc = idmap_build(ld, &mp->map[t], s->destinations, s->ndestinations,
                             sizeof *s->destinations, offsetof(Destination, id));
            break;
        case TR_CATEGORY:
            rc = idmap_build(ld, &mp->map[t], s->categories, s->ncategories,
                             sizeof *s->categories, offsetof(Category, id));
            break;
        default: /* services are not in memory: found in the store */
            break;
        }
        if (rc != 0)
            return -1;
    }
    if (t == TR_SERVICE)
        return ld->dir ? dir_find_service(ld->dir, ld->db, id) : -1;
    return idmap_find(&mp->map[t], id);
}

static int load_texts(StoreLoad *ld)
{
    Site *s = ld->site;
    RowReader rr;
    Maps mp = {0};
    size_t n = 0;
    if (row_reader_open(&rr, ld, "translation",
                        "SELECT tbl, id, col, lang, text FROM translation") == 0)
        s->texts = store_load_array(ld, rr.rows, sizeof *s->texts);
    while (row_reader_next(&rr) == 1) {
        const char *tbl = row_text(&rr, 0), *id = row_text(&rr, 1), *col = row_text(&rr, 2);
        int t = tr_table_parse(tbl);
        int c = t >= 0 ? tr_column_parse((TrTable)t, col) : -1;
        if (t < 0 || c < 0) {
            store_load_fail(ld, "a translation is of %s.%s, which has no translations", tbl,
                            col);
            break;
        }
        int index = row_of(ld, &mp, (TrTable)t, id);
        if (ld->failed)
            break;
        if (index < 0) {
            store_load_fail(ld, "a translation is of %s '%s', which is not in the store", tbl,
                            id);
            break;
        }
        int li = lang_add(ld, row_text(&rr, 3));
        if (li < 0)
            break;
        const char *text = row_copy(&rr, 4);
        s->texts[n++] = (SiteText){text_key(li, (TrTable)t, (TrColumn)c, index), text};
    }
    for (int t = 0; t < TR_NTABLES; t++)
        idmap_release(&mp.map[t]);
    s->ntexts = n;
    if (n > 1)
        qsort(s->texts, n, sizeof *s->texts, text_cmp);
    return row_reader_close(&rr);
}

static int load_pages(StoreLoad *ld)
{
    Site *s = ld->site;
    RowReader rr;
    size_t n = 0;
    if (row_reader_open(&rr, ld, "page_tr", "SELECT page_id, lang, title, summary FROM page_tr"
                                            " ORDER BY lang, page_id") == 0)
        s->page_trs = store_load_array(ld, rr.rows, sizeof *s->page_trs);
    while (row_reader_next(&rr) == 1) {
        const char *id = row_text(&rr, 0);
        int page = site_find_page(s, id);
        if (page < 0) {
            store_load_fail(ld, "page '%s' is translated but not in the store", id);
            break;
        }
        int li = lang_add(ld, row_text(&rr, 1));
        if (li < 0)
            break;
        PageTr *p = &s->page_trs[n++];
        p->page = page;
        p->lang = li;
        p->tr.id = s->pages[page].id;
        p->tr.url = s->pages[page].url;
        p->tr.title = row_copy(&rr, 2);
        p->tr.summary = row_copy(&rr, 3);
    }
    s->npage_trs = n;
    if (row_reader_close(&rr) != 0)
        return -1;

    PageBlock *all = NULL;
    size_t i = 0, cur = 0;
    if (row_reader_open(&rr, ld, "page_tr_block",
                        "SELECT page_id, lang, kind, level, text, target FROM page_tr_block"
                        " ORDER BY lang, page_id, seq") == 0)
        all = store_load_array(ld, rr.rows, sizeof *all);
    while (row_reader_next(&rr) == 1) {
        const char *id = row_text(&rr, 0);
        int li = lang_index(s, row_text(&rr, 1));
        while (cur < n && !(s->page_trs[cur].lang == li &&
                            strcmp(s->page_trs[cur].tr.id, id) == 0))
            cur++;
        if (cur == n) {
            store_load_fail(ld, "the translated blocks of page '%s' are out of order or "
                            "without their page", id);
            break;
        }
        PageBlock *b = &all[i++];
        const char *kind_name = row_text(&rr, 2);
        int kind = page_block_kind_parse(kind_name);
        b->level = row_int(&rr, 3);
        b->text = row_copy(&rr, 4);
        b->target = row_copy(&rr, 5);
        if (kind < 0 || (kind == PAGE_HEADING && (b->level < 1 || b->level > 3)) ||
            (kind == PAGE_LINK && !b->target[0])) {
            store_load_fail(ld, "translated page '%s' has a block the kiosk cannot show "
                            "(%s)", id, kind_name);
            break;
        }
        b->kind = (PageBlockKind)kind;
        Page *p = &s->page_trs[cur].tr;
        if (p->nblocks == 0)
            p->blocks = b;
        p->nblocks++;
    }
    return row_reader_close(&rr);
}

int store_trans_load(StoreLoad *ld)
{
    Site *s = ld->site;
    s->tr_langs = NULL;
    s->ntr_langs = s->ntexts = s->npage_trs = 0;
    s->texts = NULL;
    s->page_trs = NULL;
    if (load_texts(ld) != 0 || load_pages(ld) != 0)
        return -1;
    return 0;
}
