/* store_pages.c: loads the information pages (page and page_block tables) from an open
 * content store into the Site, checking what the kiosk relies on when it shows them:
 * every block belongs to a page, has a known kind, headings are level 1 to 3 and
 * links have a target. Blocks of all pages share one array in the Site's arena, read
 * in page order so each page's blocks are one slice of it. */
#include "store_pages.h"

#include "store_internal.h"

#include <assert.h>
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

static const char sql_pages[] = "SELECT id, title, summary, url FROM page ORDER BY sort, id";
/* In the pages' own order, so each page's blocks come together; a block whose page is
 * missing has a NULL p.id (and sorts first). */
static const char sql_blocks[] =
    "SELECT b.page_id, p.id, b.kind, b.level, b.text, b.target FROM page_block b"
    " LEFT JOIN page p ON p.id = b.page_id ORDER BY p.sort, p.id, b.seq";

static int load_pages(StoreLoad *ld)
{
    Site *s = ld->site;
    RowReader rr;
    size_t i = 0;
    if (row_reader_open(&rr, ld, "page", sql_pages) == 0)
        s->pages = store_load_array(ld, rr.rows, sizeof *s->pages);
    while (row_reader_next(&rr) == 1) {
        Page *p = &s->pages[i++];
        p->id = row_copy(&rr, 0);
        p->title = row_copy(&rr, 1);
        p->summary = row_copy(&rr, 2);
        p->url = row_copy(&rr, 3);
    }
    s->npages = i;
    return row_reader_close(&rr);
}

/* Reads one block of page `page_id` into b, checking its kind, level and target. 0, or
 * -1 with the load failed. */
static int read_block(StoreLoad *ld, RowReader *rr, const char *page_id, PageBlock *b)
{
    const char *kind_name = row_text(rr, 2);
    int kind = page_block_kind_parse(kind_name);
    b->level = row_int(rr, 3);
    b->text = row_copy(rr, 4);
    b->target = row_copy(rr, 5);
    if (ld->failed)
        return -1;
    if (kind < 0)
        return store_load_fail(ld, "page '%s' has a block of kind '%s', which this kiosk does "
                               "not know", page_id, kind_name);
    b->kind = (PageBlockKind)kind;
    if (b->kind == PAGE_HEADING && (b->level < 1 || b->level > 3))
        return store_load_fail(ld, "page '%s' has a heading of level %d (1 to 3 are shown)",
                               page_id, b->level);
    if (b->kind == PAGE_LINK && !b->target[0])
        return store_load_fail(ld, "page '%s' has a link that goes nowhere", page_id);
    return 0;
}

static int load_blocks(StoreLoad *ld)
{
    Site *s = ld->site;
    RowReader rr;
    PageBlock *all = NULL;
    size_t i = 0, cur = 0;
    if (row_reader_open(&rr, ld, "page_block", sql_blocks) == 0)
        all = store_load_array(ld, rr.rows, sizeof *all);
    while (row_reader_next(&rr) == 1) {
        const char *page_id = row_text(&rr, 0);
        if (row_is_null(&rr, 1)) {
            store_load_fail(ld, "a page block belongs to page '%s', which is not in the store",
                            page_id);
            break;
        }
        while (cur < s->npages && strcmp(s->pages[cur].id, page_id) != 0)
            cur++;
        if (cur == s->npages) {
            store_load_fail(ld, "the blocks of page '%s' are out of order", page_id);
            break;
        }
        PageBlock *b = &all[i++];
        if (read_block(ld, &rr, page_id, b) != 0)
            break;
        Page *p = &s->pages[cur];
        if (p->nblocks == 0)
            p->blocks = b;
        p->nblocks++;
        assert(p->blocks + p->nblocks == b + 1); /* a page's blocks are one slice */
    }
    return row_reader_close(&rr);
}

int store_pages_load(StoreLoad *ld)
{
    Site *site = ld->site;
    site->pages = NULL;
    site->npages = 0;
    if (load_pages(ld) != 0 || load_blocks(ld) != 0)
        return -1;
    return 0;
}
