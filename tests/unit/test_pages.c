/* test_pages.c: information pages, from the volunteer's text to the kiosk's blocks and
 * search. Builds the sample content (content/pages) and checks the blocks the kiosk
 * loads; builds tests/data/pages/good over the small base content and checks every
 * kind of block, link and the page order; checks the exact file:line:column and
 * wording of every problem in tests/data/pages/bad (and a page with invalid UTF-8);
 * and searches pages by words from their text, with word endings and accents. */
#include "content.h"
#include "err.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASE_DIR TEST_DATA_DIR "/content-bad/base"
#define PAGES_DIR TEST_DATA_DIR "/pages"

/* ==== files ==== */

/* A fresh copy of the base content with tests/data/pages/<name> as its pages folder
 * (no pages folder when name is NULL). Returns the directory (static buffer). */
static const char *make_case(const char *name, const char *label)
{
    static char dir[512];
    char pages[600], from[600];
    snprintf(dir, sizeof dir, "%s/pages-%s", TEST_TMP_DIR, label);
    tl_remove_tree(dir);
    tl_put_files(BASE_DIR, dir, true);
    if (name) {
        snprintf(pages, sizeof pages, "%s/pages", dir);
        snprintf(from, sizeof from, "%s/%s", PAGES_DIR, name);
        tl_put_files(from, pages, true);
    }
    return dir;
}

/* ==== diagnostics ==== */

/* ==== the loaded pages ==== */

static const Page *find_page(const Site *s, const char *id)
{
    int i = site_find_page(s, id);
    CHECK(i >= 0);
    return i >= 0 ? &s->pages[i] : NULL;
}

/* Checks block i of page p. */
#define CHECK_BLOCK(p, i, k, lvl, txt, tgt)                                          \
    do {                                                                             \
        CHECK((size_t)(i) < (p)->nblocks);                                           \
        if ((size_t)(i) < (p)->nblocks) {                                            \
            CHECK_INT((p)->blocks[i].kind, k);                                       \
            CHECK_INT((p)->blocks[i].level, lvl);                                    \
            CHECK_STR((p)->blocks[i].text, txt);                                     \
            CHECK_STR((p)->blocks[i].target, tgt);                                   \
        }                                                                            \
    } while (0)

/* The index of the first block of `kind` whose text contains `text`, or -1. */
static int find_block(const Page *p, PageBlockKind kind, const char *text)
{
    for (size_t i = 0; p && i < p->nblocks; i++)
        if (p->blocks[i].kind == kind && strstr(p->blocks[i].text, text))
            return (int)i;
    return -1;
}

static Store *build_and_open(const char *src, const char *db)
{
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    unlink(db);
    int rc = content_build(src, db, &dl, &stats);
    CHECK_INT(rc, 0);
    CHECK_INT(dl.nerrors, 0);
    if (dl.nerrors)
        diag_print(&dl, stderr);
    diag_release(&dl);
    Store *st = rc == 0 ? store_open(db) : NULL;
    if (rc == 0 && !st)
        fprintf(stderr, "  store_open: %s\n", err_msg());
    CHECK(rc != 0 || st != NULL);
    return st;
}

/* ==== tests ==== */

static void test_sample_pages(void)
{
    Store *st = build_and_open(SOURCE_ROOT "/content", TEST_TMP_DIR "/pages-sample.db");
    if (!st)
        return;
    const Site *s = store_site(st);
    CHECK_INT(s->npages, 6);
    /* In the order their details give. */
    CHECK_STR(s->pages[0].id, "how-to-raise-a-concern");
    CHECK_STR(s->pages[1].id, "about-pals");
    CHECK_STR(s->pages[5].id, "your-information");
    static const char *const ids[] = {"how-to-raise-a-concern", "about-pals",
                                      "complaints-advocacy", "ombudsman", "what-happens-next",
                                      "your-information"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const Page *p = find_page(s, ids[i]);
        if (!p)
            continue;
        CHECK(p->title[0] && p->summary[0] && p->nblocks > 3);
        CHECK(strncmp(p->url, "https://northgate.example.org/", 30) == 0);
    }

    const Page *p = find_page(s, "how-to-raise-a-concern");
    CHECK_STR(p ? p->title : NULL, "How to raise a concern");
    /* A heading, then the two choices as a numbered list with emphasis kept plainly. */
    int h = find_block(p, PAGE_HEADING, "You have two choices");
    CHECK(h >= 0);
    if (h >= 0) {
        CHECK_INT(p->blocks[h].level, 2);
        CHECK_INT(p->blocks[h + 1].kind, PAGE_NUMBERED);
        CHECK_INT(p->blocks[h + 1].level, 1);
        CHECK(strncmp(p->blocks[h + 1].text, "Talk to PALS. ", 14) == 0);
        CHECK_INT(p->blocks[h + 2].kind, PAGE_NUMBERED);
        CHECK_INT(p->blocks[h + 2].level, 2);
    }
    int b = find_block(p, PAGE_BULLET, "You, about your own care.");
    CHECK(b >= 0 && p->blocks[b].level == 1);
    /* Internal links become buttons after their paragraph or list item. */
    int l = find_block(p, PAGE_LINK, "About PALS");
    CHECK(l >= 0);
    if (l >= 0) {
        CHECK_STR(p->blocks[l].target, "page:about-pals");
        CHECK_STR(p->blocks[l + 1].text, "Find the PALS office");
        CHECK_STR(p->blocks[l + 1].target, "place:pals");
    }
    /* The page starts the concern form: a kiosk: link. */
    l = find_block(p, PAGE_LINK, "Raise a concern now");
    CHECK(l >= 0);
    if (l >= 0)
        CHECK_STR(p->blocks[l].target, "kiosk:concern");
    l = find_block(p, PAGE_LINK, "NHS complaints advocacy");
    CHECK(l > 0);
    if (l > 0) {
        CHECK_STR(p->blocks[l].target, "page:complaints-advocacy");
        CHECK_INT(p->blocks[l - 1].kind, PAGE_BULLET);
        CHECK_CONTAINS(p->blocks[l - 1].text, "help to make a complaint: NHS complaints advocacy");
    }
    for (size_t i = 0; p && i < p->nblocks; i++)
        CHECK(p->blocks[i].kind == PAGE_LINK ? p->blocks[i].target[0] != '\0'
                                             : p->blocks[i].target[0] == '\0');

    /* A web link is shown in the text, short. */
    p = find_page(s, "about-pals");
    b = find_block(p, PAGE_BULLET, "Read more on our website");
    CHECK(b >= 0);
    if (b >= 0)
        CHECK_STR(p->blocks[b].text, "Read more on our website: PALS pages "
                                     "(northgate.example.org/pals).");
    CHECK(find_block(p, PAGE_LINK, "Show me the way to PALS") >= 0);

    /* The advocacy page leads to the advocacy service. */
    p = find_page(s, "complaints-advocacy");
    l = find_block(p, PAGE_LINK, "Contact Northgate Advocacy");
    CHECK(l >= 0);
    if (l >= 0) {
        CHECK_STR(p->blocks[l].target, "service:complaints-advocacy");
        CHECK(store_find_service(st, "complaints-advocacy") >= 0);
    }
    /* Every button leads somewhere the kiosk has. */
    for (size_t i = 0; i < s->npages; i++) {
        for (size_t k = 0; k < s->pages[i].nblocks; k++) {
            const PageBlock *blk = &s->pages[i].blocks[k];
            if (blk->kind != PAGE_LINK)
                continue;
            const char *t = blk->target;
            bool found = strncmp(t, "page:", 5) == 0 ? site_find_page(s, t + 5) >= 0
                       : strncmp(t, "place:", 6) == 0 ? site_find_destination(s, t + 6) >= 0
                       : strncmp(t, "kiosk:page/", 11) == 0 ? site_find_page(s, t + 11) >= 0
                       : strcmp(t, "kiosk:concern") == 0 || strcmp(t, "kiosk:find") == 0 ||
                                 strcmp(t, "kiosk:support") == 0 ||
                                 strcmp(t, "kiosk:search") == 0 || strcmp(t, "kiosk:needs") == 0
                           ? true
                           : strncmp(t, "service:", 8) == 0 && store_find_service(st, t + 8) >= 0;
            if (!found)
                fprintf(stderr, "  page %s: link to %s goes nowhere\n", s->pages[i].id, t);
            CHECK(found);
        }
    }
    store_close(st);
}

static void test_blocks_links_and_order(void)
{
    Store *st = build_and_open(make_case("good", "good"), TEST_TMP_DIR "/pages-good.db");
    if (!st)
        return;
    const Site *s = store_site(st);
    CHECK_INT(s->npages, 3);
    if (s->npages == 3) {
        /* By order, then pages without one by file name. */
        CHECK_STR(s->pages[0].id, "zebra");
        CHECK_STR(s->pages[1].id, "lists");
        CHECK_STR(s->pages[2].id, "target");
        CHECK_STR(s->pages[2].url, "");
    }
    const Page *p = find_page(s, "lists");
    if (!p) {
        store_close(st);
        return;
    }
    CHECK_STR(p->title, "Lists and links");
    CHECK_STR(p->summary, "Every kind of block the kiosk shows.");
    CHECK_STR(p->url, "https://northgate.example.org/pals/lists");
    CHECK_INT(p->nblocks, 16);
    CHECK_BLOCK(p, 0, PAGE_HEADING, 1, "A first heading", "");
    CHECK_BLOCK(p, 1, PAGE_PARAGRAPH, 0, "Words with emphasis, strong and code are kept "
                "plainly. A second line joins the first.", "");
    CHECK_BLOCK(p, 2, PAGE_HEADING, 2, "Bullets", "");
    CHECK_BLOCK(p, 3, PAGE_BULLET, 1, "Top item", "");
    CHECK_BLOCK(p, 4, PAGE_BULLET, 2, "Nested item", "");
    CHECK_BLOCK(p, 5, PAGE_BULLET, 3, "Deeper item", "");
    CHECK_BLOCK(p, 6, PAGE_BULLET, 1, "Back at the top", "");
    CHECK_BLOCK(p, 7, PAGE_HEADING, 3, "Numbers", "");
    /* A numbered list keeps its numbers, starting where the volunteer started it. */
    CHECK_BLOCK(p, 8, PAGE_NUMBERED, 3, "Third", "");
    CHECK_BLOCK(p, 9, PAGE_NUMBERED, 4, "Fourth", "");
    /* Web, mail and phone links are words: the address short, once. */
    CHECK_BLOCK(p, 10, PAGE_PARAGRAPH, 0, "Visit our website (northgate.example.org/pals) or "
                "northgate.example.org/visiting. Write to PALS (pals@example.org), or call "
                "01632 960100.", "");
    /* A paragraph that is only a link is only the button. */
    CHECK_BLOCK(p, 11, PAGE_LINK, 0, "Go to the target", "page:target");
    /* The words stay in the text; one button for each place, in order. */
    CHECK_BLOCK(p, 12, PAGE_PARAGRAPH, 0, "Ask at the caf\xc3\xa9 or the ward, then the "
                "caf\xc3\xa9 again.", "");
    CHECK_BLOCK(p, 13, PAGE_LINK, 0, "the caf\xc3\xa9", "place:cafe");
    CHECK_BLOCK(p, 14, PAGE_LINK, 0, "the ward", "place:ward");
    CHECK_BLOCK(p, 15, PAGE_HEADING, 2, "Setext heading", "");
    store_close(st);
}

static void test_broken_markup(void)
{
    const char *dir = make_case("bad", "bad");
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), -1);
    /* Raw HTML, inline (the closing tag is not reported again) and as a block; on a
     * continued list line indented further than the item, the column is still the
     * tag's own. */
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/raw-html.md", 4, 6, "HTML ('<b>') cannot be shown "
                  "on the kiosk; remove it"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/raw-html.md", 6, 1, "HTML ('<div>') cannot be shown"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/raw-html.md", 11, 11, "HTML ('<i>')"));
    /* A picture. */
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/image.md", 4, 18, "pictures cannot be shown on "
                  "the kiosk"));
    /* A table, code (indented and fenced) and a heading too deep. */
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/table.md", 4, 1, "tables cannot be shown on the "
                  "kiosk; write each row as a list item"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/table.md", 8, 1, "this line starts with four "
                  "spaces"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/table.md", 10, 1, "code blocks (between ``` lines)"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/table.md", 14, 1, "this heading has 4 #s"));
    /* Links: to a page or place that is not there (warnings: the kiosk leaves the
     * button out; columns count characters, so the é before the first counts once), a
     * scheme the kiosk cannot follow, no address, no words. */
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/links.md", 4, 13, "this link goes to page "
                  "'no-such-page', which is not in the pages folder"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/links.md", 5, 6, "page 'targt', which is not in "
                  "the pages folder (as <id>.md); did you mean 'target'?"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/links.md", 5, 31, "this link goes to place "
                  "'nowhere', which is not in destinations.csv; check the spelling"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/links.md", 7, 1, "links starting with "
                  "'javascript:' cannot be used on the kiosk"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/links.md", 7, 36, "links starting with 'file:' "
                  "cannot be used"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/links.md", 9, 1, "this link has no address"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/links.md", 9, 15, "this link to page:target has "
                  "no words"));
    /* The details. */
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/no-title.md", 1, 1, "this page has no title; add a "
                  "line like 'title: How to raise a concern'"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/no-title.md", 2, 1, "'colour' is not a page detail "
                  "Signpost knows; the details are title, summary, web and order"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/empty-body.md", 4, 1, "this page has no text below "
                  "its details"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/Bad_Name.md", 0, 0, "'Bad_Name.md' cannot be a "
                  "page's file name"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/notes.txt", 0, 0, "only files ending in .md are "
                  "read as pages"));
    /* Nothing else: the valid target page and the café link are fine. */
    CHECK_INT(dl.nerrors, 16);
    CHECK_INT(dl.nwarnings, 4);
    diag_release(&dl);
}

static void test_details_and_text(void)
{
    const char *dir = make_case(NULL, "details");
    char pages[600], path[700];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    mkdir(pages, 0755);
    snprintf(path, sizeof path, "%s/bytes.md", pages);
    tl_put_str(path, "title: Bad bytes\nsummary: Saved in the wrong encoding.\n\n"
                     "Caf\xe9 au lait.\n");
    snprintf(path, sizeof path, "%s/details.md", pages);
    tl_put_str(path, "title: \nsummary: Fine.\nweb: http://northgate.example.org/x\n"
                     "order: first\nsummary: Twice.\nNo colon here\n\nText.\n");
    snprintf(path, sizeof path, "%s/no-details.md", pages);
    tl_put_str(path, "# Just a heading\n\nAnd text.\n");
    snprintf(path, sizeof path, "%s/relative.md", pages);
    tl_put_str(path, "title: Relative\nsummary: Links written as file names.\n\n"
                     "See [PALS](about-pals.md), [this](page:relative.md) and [x](page:).\n");
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/bytes.md", 4, 4, "this line is not valid UTF-8"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/details.md", 1, 8, "the title is empty"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/details.md", 3, 6, "starts with http://; give the "
                  "page's web address with https://"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/details.md", 4, 8, "'first' is not a whole number"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/details.md", 5, 1, "'summary' is given twice (also "
                  "on line 2)"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/details.md", 6, 1, "this line is not a detail "
                  "written key: value"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/no-details.md", 1, 1, "this page has no title or "
                  "summary; start the file with its details"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/relative.md", 4, 5, "'about-pals.md' is not an "
                  "address the kiosk can follow; link to another page with page:ID"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/relative.md", 4, 28, "link to the page by its id, "
                  "without .md: page:relative"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/relative.md", 4, 57, "'page:' does not say which "
                  "page"));
    CHECK_INT(dl.nerrors, 10);
    CHECK_INT(dl.nwarnings, 0);
    diag_release(&dl);

    /* No pages folder at all is fine: no pages. */
    diag_init(&dl);
    ContentStats stats = {0};
    CHECK_INT(content_check(make_case(NULL, "none"), &dl, &stats), 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK_INT(stats.pages, 0);
    diag_release(&dl);
}

/* ==== search ==== */

/* Whether a search for `query` finds page `id`. */
static bool finds_page(Store *st, const char *query, const char *id)
{
    SearchHit hits[40];
    int n = store_search(st, query, hits, 40);
    CHECK(n >= 0);
    const Site *s = store_site(st);
    for (int i = 0; i < n; i++)
        if (hits[i].kind == SEARCH_PAGE && strcmp(s->pages[hits[i].index].id, id) == 0)
            return true;
    fprintf(stderr, "  search '%s' did not find page '%s'\n", query, id);
    return false;
}

/* Links to the kiosk's own screens: known names (any case) and kiosk:page/ID become
 * buttons; an unknown name is an error with the nearest name; a page that is not there
 * a warning, as for page:ID. */
static void test_kiosk_links(void)
{
    const char *dir = make_case(NULL, "kiosk");
    char pages[600], path[700];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    mkdir(pages, 0755);
    snprintf(path, sizeof path, "%s/kiosk.md", pages);
    tl_put_str(path, "title: Kiosk links\nsummary: Buttons that open the kiosk's screens.\n\n"
                     "[Raise a concern now](kiosk:concern) or [search](kiosk:Search).\n\n"
                     "[Concern](kiosk:concen)\n\n"
                     "[This page](kiosk:page/kiosk) and [teleport](kiosk:teleport)\n\n"
                     "[Missing](kiosk:page/no-such-page) [Bad](kiosk:page/Bad_Id)\n");
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/kiosk.md", 6, 1, "the kiosk has no screen called "
                  "'concen'; did you mean kiosk:concern?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/kiosk.md", 8, 35, "the kiosk has no screen called "
                  "'teleport'; it can open kiosk:concern"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "pages/kiosk.md", 10, 36, "'kiosk:page/Bad_Id' does not "
                  "end in a valid page id"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/kiosk.md", 10, 1, "this link goes to page "
                  "'no-such-page', which is not in the pages folder"));
    CHECK_INT(dl.nerrors, 3);
    CHECK_INT(dl.nwarnings, 1);
    diag_release(&dl);
}

static void test_search_pages(void)
{
    Store *st = store_open(TEST_TMP_DIR "/pages-sample.db");
    CHECK(st != NULL);
    if (st) {
        /* Words from the pages' text, not only their titles. */
        CHECK(finds_page(st, "ombudsman", "ombudsman"));
        CHECK(finds_page(st, "ombudsman", "what-happens-next"));
        CHECK(finds_page(st, "advocacy", "complaints-advocacy"));
        CHECK(finds_page(st, "anonymous", "about-pals"));
        CHECK(finds_page(st, "anonymous", "how-to-raise-a-concern"));
        CHECK(finds_page(st, "12 months time limit", "how-to-raise-a-concern"));
        CHECK(finds_page(st, "QR printed slips", "your-information"));
        /* A page's title counts above its text. */
        SearchHit hits[20];
        int n = store_search(st, "ombudsman", hits, 20);
        int first_page = -1;
        for (int i = 0; i < n && first_page < 0; i++)
            if (hits[i].kind == SEARCH_PAGE)
                first_page = hits[i].index;
        CHECK(first_page >= 0 && strcmp(store_site(st)->pages[first_page].id, "ombudsman") == 0);
        /* Grouped by kind: places, then services, then pages. */
        for (int i = 1; i < n; i++)
            CHECK(hits[i - 1].kind <= hits[i].kind);
        store_close(st);
    }

    st = store_open(TEST_TMP_DIR "/pages-good.db");
    CHECK(st != NULL);
    if (st) {
        /* Word endings: "complaining" and "complained" find "complaints" (porter). */
        CHECK(finds_page(st, "complaining", "target"));
        CHECK(finds_page(st, "complained", "target"));
        /* Case and accents, ł included, either way round. */
        CHECK(finds_page(st, "lodz", "target"));
        CHECK(finds_page(st, "\xc5\x81\xc3\x93""D\xc5\xb9", "target"));
        CHECK(finds_page(st, "ZAZOLC gesla", "target"));
        /* Word order, and an unfinished last word. */
        CHECK(finds_page(st, "jazn zazolc", "target"));
        CHECK(finds_page(st, "emphasis plai", "lists"));
        /* Link words and short web addresses are searchable too. */
        CHECK(finds_page(st, "northgate example visiting", "lists"));
        SearchHit hits[8];
        CHECK_INT(store_search(st, "zzzzzz", hits, 8), 0);
        store_close(st);
    }
}

int main(void)
{
    TEST_RUN(test_sample_pages);
    TEST_RUN(test_blocks_links_and_order);
    TEST_RUN(test_broken_markup);
    TEST_RUN(test_details_and_text);
    TEST_RUN(test_kiosk_links);
    TEST_RUN(test_search_pages);
    return TEST_REPORT();
}
