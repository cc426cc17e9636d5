/* store_pages.c: loads the information pages (page and page_block tables) from an open
 * content store into the Site, checking what the kiosk relies on when it shows them:
 * every block belongs to a page, has a known kind, headings are level 1 to 3 and
 * links have a target. Blocks of all pages share one array in the Site's arena, read
 * in page order so each page's blocks are one slice of it. */
#include "store_pages.h"

#include "err.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {
    [PAGE_HEADING] = "heading", [PAGE_PARAGRAPH] = "paragraph", [PAGE_BULLET] = "bullet",
    [PAGE_NUMBERED] = "numbered", [PAGE_LINK] = "link",
};
enum { NKINDS = sizeof kind_names / sizeof kind_names[0] };

const char *page_block_kind_name(PageBlockKind kind)
{
    return (unsigned)kind < NKINDS ? kind_names[kind] : "";
}

int page_block_kind_parse(const char *s)
{
    for (int k = 0; s && k < (int)NKINDS; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return k;
    return -1;
}

static const char sql_count_pages[] = "SELECT count(*) FROM page";
static const char sql_pages[] = "SELECT id, title, summary, url FROM page ORDER BY sort, id";
static const char sql_count_blocks[] = "SELECT count(*) FROM page_block";
/* In the pages' own order, so each page's blocks come together; a block whose page is
 * missing has a NULL p.id (and sorts first). */
static const char sql_blocks[] =
    "SELECT b.page_id, p.id, b.kind, b.level, b.text, b.target FROM page_block b"
    " LEFT JOIN page p ON p.id = b.page_id ORDER BY p.sort, p.id, b.seq";

typedef struct PageLoader {
    sqlite3 *db;
    Site *site;
    const char *path;
} PageLoader;

static int inconsistent(const PageLoader *ld, const char *fmt, ...) SP_PRINTF(2, 3);
static int inconsistent(const PageLoader *ld, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return err_set("content store %s is inconsistent: %s: rebuild it with signpostctl "
                   "content build", ld->path, what);
}

static int db_failed(const PageLoader *ld)
{
    int code = sqlite3_errcode(ld->db) & 0xFF;
    if (code == SQLITE_NOMEM)
        return err_set("content store %s: out of memory", ld->path);
    if (code == SQLITE_CORRUPT)
        return err_set("content store %s is damaged (%s): rebuild it with signpostctl "
                       "content build", ld->path, sqlite3_errmsg(ld->db));
    return err_set("content store %s: its pages could not be read (%s): rebuild it with "
                   "signpostctl content build", ld->path, sqlite3_errmsg(ld->db));
}

static int count(const PageLoader *ld, const char *sql, size_t *n)
{
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(ld->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 c = sqlite3_column_int64(st, 0);
        if (c < 0 || (uint64_t)c > (uint64_t)INT_MAX)
            rc = inconsistent(ld, "a table of pages has %lld rows", (long long)c);
        else
            rc = 0, *n = (size_t)c;
    } else {
        db_failed(ld);
    }
    sqlite3_finalize(st);
    return rc;
}

/* A text column copied into the Site's arena ("" for NULL); NULL when out of memory. */
static const char *text(PageLoader *ld, sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return arena_strdup(&ld->site->arena, s ? s : "");
}

static int load_pages(PageLoader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count(ld, sql_count_pages, &n) != 0)
        return -1;
    s->pages = arena_alloc(&s->arena, (n ? n : 1) * sizeof *s->pages);
    sqlite3_stmt *st = NULL;
    if (!s->pages)
        return err_set("content store %s: out of memory", ld->path);
    if (sqlite3_prepare_v2(ld->db, sql_pages, -1, &st, NULL) != SQLITE_OK)
        return db_failed(ld);
    while (i < n && sqlite3_step(st) == SQLITE_ROW) {
        Page *p = &s->pages[i++];
        p->id = text(ld, st, 0);
        p->title = text(ld, st, 1);
        p->summary = text(ld, st, 2);
        p->url = text(ld, st, 3);
        if (!p->id || !p->title || !p->summary || !p->url) {
            sqlite3_finalize(st);
            return err_set("content store %s: out of memory", ld->path);
        }
    }
    int result = i == n ? 0 : db_failed(ld);
    sqlite3_finalize(st);
    s->npages = i;
    return result;
}

static int load_blocks(PageLoader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0, cur = 0;
    if (count(ld, sql_count_blocks, &n) != 0)
        return -1;
    PageBlock *all = arena_alloc(&s->arena, (n ? n : 1) * sizeof *all);
    sqlite3_stmt *st = NULL;
    if (!all)
        return err_set("content store %s: out of memory", ld->path);
    if (sqlite3_prepare_v2(ld->db, sql_blocks, -1, &st, NULL) != SQLITE_OK)
        return db_failed(ld);
    int result = 0;
    while (i < n && sqlite3_step(st) == SQLITE_ROW) {
        const char *page_id = (const char *)sqlite3_column_text(st, 0);
        const char *kind_name = (const char *)sqlite3_column_text(st, 2);
        if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
            result = inconsistent(ld, "a page block belongs to page '%s', which is not in "
                                  "the store", page_id ? page_id : "");
            break;
        }
        while (cur < s->npages && strcmp(s->pages[cur].id, page_id) != 0)
            cur++;
        if (cur == s->npages) {
            result = inconsistent(ld, "the blocks of page '%s' are out of order", page_id);
            break;
        }
        Page *p = &s->pages[cur];
        PageBlock *b = &all[i++];
        int kind = page_block_kind_parse(kind_name);
        b->level = sqlite3_column_int(st, 3);
        b->text = text(ld, st, 4);
        b->target = text(ld, st, 5);
        if (!b->text || !b->target) {
            result = err_set("content store %s: out of memory", ld->path);
            break;
        }
        if (kind < 0) {
            result = inconsistent(ld, "page '%s' has a block of kind '%s', which this kiosk "
                                  "does not know", page_id, kind_name ? kind_name : "");
            break;
        }
        b->kind = (PageBlockKind)kind;
        if (b->kind == PAGE_HEADING && (b->level < 1 || b->level > 3)) {
            result = inconsistent(ld, "page '%s' has a heading of level %d (1 to 3 are "
                                  "shown)", page_id, b->level);
            break;
        }
        if (b->kind == PAGE_LINK && !b->target[0]) {
            result = inconsistent(ld, "page '%s' has a link that goes nowhere", page_id);
            break;
        }
        if (p->nblocks == 0)
            p->blocks = b;
        p->nblocks++;
    }
    if (result == 0 && i < n)
        result = db_failed(ld);
    sqlite3_finalize(st);
    return result;
}

int store_pages_load(sqlite3 *db, Site *site, const char *path)
{
    PageLoader ld = {db, site, path};
    site->pages = NULL;
    site->npages = 0;
    if (load_pages(&ld) != 0 || load_blocks(&ld) != 0)
        return -1;
    return 0;
}
