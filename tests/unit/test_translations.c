/* test_translations.c: content in several languages (issue 10 part 3). Builds a copy of
 * the small content in tests/data/content-bad/base with translation columns (name_cy,
 * summary_cy, label_cy), a page in English and in Welsh, and checks: the store holds
 * the translations and the kiosk's Site gives the Welsh words, or the English ones
 * flagged as a fallback where there are none; content check counts what is missing per
 * language; a column or page file whose suffix is not a language Signpost knows (or not
 * one in site.ini's languages) is a warning naming its file and column; search finds a
 * place by its Welsh name and by its English one; a store of the old schema version is
 * refused with a clear message. */
#include "content.h"
#include "err.h"
#include "site.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASE TEST_DATA_DIR "/content-bad/base"

/* The base content with Welsh translations laid over it. Returns the folder. */
static const char *make_content(const char *name, const char *site_extra,
                                const char *dest_csv)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/translations-%s", TEST_TMP_DIR, name);
    tl_remove_tree(dir);
    tl_put_files(BASE, dir, true);
    char site[512];
    snprintf(site, sizeof site, "[site]\nname = Test Hospital\nphone = 01632 960999\n"
             "reception = Front desk\n%s", site_extra);
    tl_put_text(dir, "site.ini", site);
    tl_put_text(dir, "destination_types.csv",
                "id,label,label_cy\nfood,Food and drink,Bwyd a diod\nward,Wards,\n");
    tl_put_text(dir, "destinations.csv", dest_csv);
    char pages[600];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    mkdir(pages, 0755);
    tl_put_text(pages, "help.md", "title: Help\nsummary: How to get help.\n\nAsk at the "
                                  "front desk.\n");
    tl_put_text(pages, "help.cy.md", "title: Help\nsummary: Sut i gael help.\n\nGofynnwch "
                                     "wrth y ddesg flaen.\n");
    tl_put_text(pages, "other.md", "title: Other\nsummary: Another page.\n\nMore words.\n");
    return dir;
}

static const char dest_csv[] =
    "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords,name_cy,"
    "summary_cy\n"
    "cafe,Café,food,ground,cafe,Mon-Fri 08:00-18:00,Step-free.,,,Drinks and snacks.,coffee,"
    "Caffi Glas,Diodydd a byrbrydau.\n"
    "ward,Ward 1,ward,first,ward,Mon-Sun 11:00-20:00,,01632 960123,,A ward.,beds,,\n";

static void test_build_and_load(void)
{
    const char *dir = make_content("build", "languages = cy\n", dest_csv);
    char out[600];
    snprintf(out, sizeof out, "%s.db", dir);
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    CHECK_INT(content_build(dir, out, &dl, &stats), 0);
    CHECK_INT(dl.nerrors, 0);
    diag_print(&dl, stderr);
    diag_release(&dl);
    /* The counts content check prints. */
    CHECK_INT(stats.nlangs, 1);
    CHECK_STR(stats.langs[0].lang, "cy");
    CHECK_INT(stats.langs[0].destinations, 1);
    CHECK_INT(stats.langs[0].types, 1);
    CHECK_INT(stats.langs[0].pages, 1);
    char line[512];
    content_lang_stats_text(&stats, &stats.langs[0], line, sizeof line);
    CHECK_CONTAINS(line, "cy: 1 of 2 destinations, 1 of 2 destination types");
    CHECK_CONTAINS(line, "1 of 2 pages missing a translation");

    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM translation"), 3);
    CHECK_STR(tl_query_text(db, "SELECT text FROM translation WHERE tbl = 'destination' AND "
                                "id = 'cafe' AND col = 'name' AND lang = 'cy'"),
              "Caffi Glas");
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM page_tr WHERE lang = 'cy'"), 1);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM page_tr_block WHERE lang = 'cy'"), 1);
    sqlite3_close(db);

    Store *st = store_open(out);
    CHECK(st != NULL);
    if (!st)
        return;
    const Site *s = store_site(st);
    int cafe = site_find_destination(s, "cafe"), ward = site_find_destination(s, "ward");
    bool fb = false;
    CHECK_STR(site_text(s, "cy", TR_DESTINATION, TR_NAME, cafe, s->destinations[cafe].name,
                        &fb), "Caffi Glas");
    CHECK_STR(site_text(s, "cy", TR_DESTINATION, TR_SUMMARY, cafe,
                        s->destinations[cafe].summary, &fb), "Diodydd a byrbrydau.");
    CHECK(!fb);
    /* No Welsh access notes: the English, flagged. */
    CHECK_STR(site_text(s, "cy", TR_DESTINATION, TR_ACCESSIBILITY, cafe,
                        s->destinations[cafe].accessibility, &fb), "Step-free.");
    CHECK(fb);
    fb = false;
    CHECK_STR(site_text(s, "cy", TR_DESTINATION, TR_NAME, ward, s->destinations[ward].name,
                        &fb), "Ward 1");
    CHECK(fb);
    /* English is never a fallback; nor is an empty English field. */
    fb = false;
    CHECK_STR(site_text(s, "en", TR_DESTINATION, TR_NAME, cafe, s->destinations[cafe].name,
                        &fb), "Café");
    CHECK_STR(site_text(s, "cy", TR_DESTINATION, TR_SUMMARY, ward, "", &fb), "");
    CHECK(!fb);
    /* Polish: nothing at all, everything flagged. */
    CHECK(site_has_language(s, "cy"));
    CHECK(!site_has_language(s, "pl"));
    CHECK_STR(site_text(s, "pl", TR_DEST_TYPE, TR_NAME, 0, s->types[0].label, &fb),
              s->types[0].label);
    CHECK(fb);
    /* Pages: the Welsh page, or the English one flagged. */
    int help = site_find_page(s, "help"), other = site_find_page(s, "other");
    fb = false;
    const Page *p = site_page(s, "cy", help, &fb);
    CHECK(p && !fb);
    if (p) {
        CHECK_STR(p->summary, "Sut i gael help.");
        CHECK_INT((int)p->nblocks, 1);
        if (p->nblocks)
            CHECK_STR(p->blocks[0].text, "Gofynnwch wrth y ddesg flaen.");
    }
    p = site_page(s, "cy", other, &fb);
    CHECK(p && fb);
    if (p)
        CHECK_STR(p->title, "Other");
    /* Search: by the Welsh name, and still by the English one. */
    SearchHit hits[8];
    int n = store_search(st, "caffi", hits, 8);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_INT(hits[0].index, cafe);
    CHECK_INT(store_search(st, "cafe", hits, 8), 1);
    CHECK(store_search(st, "gofynnwch", hits, 8) >= 1); /* the Welsh page's words */
    store_close(st);
}

static void test_unknown_suffix(void)
{
    /* name_xx: no such language; name_pl: known, but not in site.ini's languages. */
    const char *dir = make_content("suffix", "languages = cy\n",
        "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords,name_xx,"
        "name_pl\n"
        "cafe,Café,food,ground,cafe,,,,,,,Kafe,Kawiarnia\n"
        "ward,Ward 1,ward,first,ward,,,,,,,,\n");
    char pages[600];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    tl_put_text(pages, "help.zz.md", "title: Zz\nsummary: Zz.\n\nZz.\n");
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    CHECK_INT(content_check(dir, &dl, &stats), 0);
    CHECK(tl_diag(&dl, DIAG_WARNING, "destinations.csv", 1, 12,
                  "column 'name_xx': 'xx' is not a language Signpost knows"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "destinations.csv", 1, 13,
                  "'pl' is not one of the languages in site.ini"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "help.zz.md", 0, 0,
                  "'zz' is not a language Signpost knows"));
    CHECK_INT(stats.langs[0].destinations, 0);
    diag_release(&dl);

    /* A bad code in site.ini's languages is an error at its line. */
    dir = make_content("site-lang", "languages = cy, klingon\n", dest_csv);
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "site.ini", 5, 0,
                  "'klingon' is not a language Signpost knows"));
    diag_release(&dl);
}

static void test_languages_found(void)
{
    /* Without site.ini's languages, the counts are for the languages found. */
    const char *dir = make_content("found", "", dest_csv);
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    CHECK_INT(content_check(dir, &dl, &stats), 0);
    CHECK_INT(dl.nwarnings, 0);
    diag_print(&dl, stderr);
    CHECK_INT(stats.nlangs, 1);
    CHECK_STR(stats.langs[0].lang, "cy");
    diag_release(&dl);
    /* A translated page with no English page is a warning, not shown. */
    char pages[600];
    snprintf(pages, sizeof pages, "%s/pages", dir);
    tl_put_text(pages, "lost.cy.md", "title: Coll\nsummary: Coll.\n\nGeiriau.\n");
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, &stats), 0);
    CHECK(tl_diag(&dl, DIAG_WARNING, "lost.cy.md", 0, 0, "there is no English page lost.md"));
    diag_release(&dl);
}

static void test_old_store_refused(void)
{
    const char *dir = make_content("old", "", dest_csv);
    char out[600];
    snprintf(out, sizeof out, "%s.db", dir);
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_build(dir, out, &dl, NULL), 0);
    diag_release(&dl);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(out, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    Store *st = store_open(out);
    CHECK(st == NULL);
    CHECK_CONTAINS(err_msg(), "schema version 3, from an older signpostctl");
    CHECK_CONTAINS(err_msg(), "rebuild");
    store_close(st);
}

int main(void)
{
    TEST_RUN(test_build_and_load);
    TEST_RUN(test_unknown_suffix);
    TEST_RUN(test_languages_found);
    TEST_RUN(test_old_store_refused);
    return TEST_REPORT();
}
