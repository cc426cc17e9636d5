/* test_content.c: the content build. Builds the sample content in content/ and reads
 * the store back with SQLite; then builds broken copies of the small content in
 * tests/data/content-bad/base (each case directory there replaces one file, and a few
 * cases write their bytes here) and checks the exact file:line:column and wording of
 * each problem, and that a failed build never touches an existing store. */
#include "content.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define BAD_DIR TEST_DATA_DIR "/content-bad"

/* ==== files ==== */

/* A fresh copy of the base content with case `name`'s files laid over it (when
 * tests/data/content-bad/<name> exists). Returns the directory (static buffer). */
static const char *make_case(const char *name)
{
    static char dir[512];
    char overlay[512];
    snprintf(dir, sizeof dir, "%s/content-%s", TEST_TMP_DIR, name);
    snprintf(overlay, sizeof overlay, "%s/%s", BAD_DIR, name);
    tl_remove_tree(dir);
    tl_put_files(BAD_DIR "/base", dir, true);
    tl_put_files(overlay, dir, false);
    return dir;
}

/* ==== diagnostics ==== */

/* Checks `dir` and expects exactly `errors` errors and `warnings` warnings. */
static void check_case(const char *dir, DiagList *dl, size_t errors, size_t warnings)
{
    diag_init(dl);
    int rc = content_check(dir, dl, NULL);
    CHECK_INT(rc, errors ? -1 : 0);
    CHECK_INT(dl->nerrors, errors);
    CHECK_INT(dl->nwarnings, warnings);
}

/* ==== tests ==== */

static void test_sample_content_builds(void)
{
    const char *out = TEST_TMP_DIR "/content-sample.db";
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    int rc = content_build(SOURCE_ROOT "/content", out, &dl, &stats);
    CHECK_INT(rc, 0);
    CHECK_INT(dl.nerrors, 0);
    /* The only warnings: support services left unchecked for over a year, on purpose
     * (test_directory_content.c checks them). */
    size_t unchecked = 0;
    for (size_t i = 0; i < dl.len; i++)
        unchecked += strstr(dl.items[i].message, "over a year ago") != NULL;
    CHECK_INT(dl.nwarnings, unchecked);
    if (dl.len > unchecked)
        diag_print(&dl, stderr);
    diag_release(&dl);
    CHECK(stats.buildings >= 2);
    CHECK(stats.floors >= 5);
    CHECK(stats.destinations >= 45);
    CHECK(stats.kiosks >= 3);
    CHECK(!tl_exists(TEST_TMP_DIR "/content-sample.db.tmp"));

    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_INT(tl_query_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    CHECK_STR(tl_query_text(db, "PRAGMA integrity_check"), "ok");
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM building"), stats.buildings);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM floor"), stats.floors);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM waypoint"), stats.waypoints);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM destination"), stats.destinations);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM kiosk"), stats.kiosks);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM plan_shape"), stats.shapes);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM search WHERE kind = 'destination'"),
              stats.destinations);
    /* Information pages (content/pages), each searchable; test_pages.c checks them. */
    CHECK(stats.pages >= 6);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM page"), stats.pages);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM search WHERE kind = 'page'"), stats.pages);
    /* Two-way paths are stored once per direction. */
    CHECK(tl_query_int(db, "SELECT count(*) FROM path") > stats.paths);
    /* Rows keep the order of the CSV files. */
    CHECK_STR(tl_query_text(db, "SELECT id FROM building ORDER BY sort LIMIT 1"), "main");
    CHECK_STR(tl_query_text(db, "SELECT name FROM floor WHERE id = 'main-lg'"), "Lower ground floor");
    CHECK_INT(tl_query_int(db, "SELECT level FROM floor WHERE id = 'main-lg'"), -1);
    CHECK_STR(tl_query_text(db, "SELECT id FROM kiosk ORDER BY sort LIMIT 1"), "main-entrance");
    CHECK_STR(tl_query_text(db, "SELECT label FROM dest_type ORDER BY sort LIMIT 1"), "Departments");
    /* A destination, with the floor and waypoint it is reached by. */
    CHECK_STR(tl_query_text(db, "SELECT name FROM destination WHERE id = 'cafe'"),
              "Northgate Caf\xc3\xa9");
    CHECK_STR(tl_query_text(db, "SELECT floor_id || ' ' || waypoint_id || ' ' || type_id "
                             "FROM destination WHERE id = 'cafe'"), "main-g cafe food");
    CHECK_INT(tl_query_int(db, "SELECT always_open FROM destination "
                            "WHERE id = 'emergency-department'"), 1);
    /* PALS: Mon-Fri 09:00-16:30 is five rows, Monday first. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM opening_hours WHERE destination_id = 'pals'"), 5);
    CHECK_INT(tl_query_int(db, "SELECT opens FROM opening_hours "
                            "WHERE destination_id = 'pals' AND day = 0"), 540);
    CHECK_INT(tl_query_int(db, "SELECT closes FROM opening_hours "
                            "WHERE destination_id = 'pals' AND day = 4"), 990);
    /* Search is folded: "cafe" finds "Café", and keywords are searchable. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM search "
                            "WHERE search MATCH 'title:cafe' AND ref = 'cafe'"), 1);
    CHECK_STR(tl_query_text(db, "SELECT ref FROM search WHERE search MATCH 'phlebotomy'"),
              "blood-tests");
    CHECK_STR(tl_query_text(db, "SELECT value FROM meta WHERE key = 'site_name'"),
              "Northgate General Hospital");
    CHECK_STR(tl_query_text(db, "SELECT value FROM meta WHERE key = 'site_phone'"), "01632 960000");
    CHECK_INT(tl_query_int(db, "SELECT length(value) FROM meta WHERE key = 'built_at'"), 20);
    /* Every phone number is in Ofcom's drama range; every web address is example.org. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM destination WHERE phone != '' AND "
                            "phone NOT GLOB '01632 960[0-9][0-9][0-9]'"), 0);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM destination WHERE web != '' AND "
                            "web NOT LIKE 'https://northgate.example.org/%'"), 0);
    CHECK(tl_query_int(db, "SELECT count(*) FROM destination WHERE web = ''") >
          tl_query_int(db, "SELECT count(*) FROM destination WHERE web != ''"));
    /* Stairs and lifts both exist, and the floors have plans. */
    CHECK(tl_query_int(db, "SELECT count(*) FROM path WHERE kind = 'stairs'") > 0);
    CHECK(tl_query_int(db, "SELECT count(*) FROM path WHERE kind = 'lift'") > 0);
    CHECK(tl_query_int(db, "SELECT count(DISTINCT floor_id) FROM plan_shape") >= 2);
    sqlite3_close(db);
}

static void test_wrong_column_count(void)
{
    DiagList dl;
    check_case(make_case("wrong-columns"), &dl, 2, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 3, 11,
                  "this row has 10 values but the header has 11 columns"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 4, 12,
                  "this row has 12 values but the header has 11 columns; text with a comma"));
    diag_release(&dl);
}

static void test_bad_hours(void)
{
    DiagList dl;
    check_case(make_case("bad-hours"), &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 3, 6,
                  "at character 1: 'Tusday' is not a day; did you mean Tue?"));
    diag_release(&dl);
}

static void test_unknown_waypoint(void)
{
    DiagList dl;
    check_case(make_case("unknown-waypoint"), &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 2, 5,
                  "there is no waypoint 'caffe' in waypoints.csv; did you mean 'cafe'?"));
    diag_release(&dl);
}

static void test_duplicate_id(void)
{
    DiagList dl;
    check_case(make_case("duplicate-id"), &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "waypoints.csv", 9, 1,
                  "the id 'lift-g' is already used on line 3"));
    diag_release(&dl);
}

/* The kiosk copes with a place no route reaches (it says it cannot show directions
 * there), so it is a warning and the rest of the content can still be published. */
static void test_unreachable_destination_is_a_warning(void)
{
    DiagList dl;
    check_case(make_case("unreachable"), &dl, 0, 1);
    CHECK(tl_diag(&dl, DIAG_WARNING, "destinations.csv", 2, 5,
                  "no route reaches destination 'Caf\xc3\xa9' (waypoint 'cafe') from kiosk "
                  "'entrance', so the kiosk will say it cannot show directions there"));
    diag_release(&dl);
}

static void test_no_step_free_route_is_a_warning(void)
{
    DiagList dl;
    check_case(make_case("no-step-free"), &dl, 0, 1);
    CHECK(tl_diag(&dl, DIAG_WARNING, "destinations.csv", 3, 5,
                  "there is no step-free route to destination 'Ward 1' from kiosk 'entrance'"));
    diag_release(&dl);
}

static void test_invalid_utf8(void)
{
    const char *dir = make_case("invalid-utf8");
    /* "Caf\xe9" is Latin-1, as a spreadsheet saving "CSV (not UTF-8)" writes it. */
    tl_put_text(dir, "destinations.csv",
                "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords\n"
                "cafe,Caf\xe9,food,ground,cafe,,,,,Drinks.,coffee\n"
                "ward,Ward 1,ward,first,ward,,,,,A ward.,beds\n");
    DiagList dl;
    check_case(dir, &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 2, 2, "not valid UTF-8"));
    diag_release(&dl);
}

/* Rewrites a file of `dir` with a byte order mark and CRLF line ends, as Excel saves. */
static void to_excel_style(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *data = tl_read_file(path, &len);
    CHECK(data != NULL);
    if (!data)
        return;
    char *out = malloc(len * 2 + 4);
    size_t n = 0;
    memcpy(out, "\xEF\xBB\xBF", 3);
    n = 3;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n')
            out[n++] = '\r';
        out[n++] = data[i];
    }
    tl_put(path, out, n);
    free(out);
    free(data);
}

static void test_bom_and_crlf_accepted(void)
{
    const char *dir = make_case("bom-crlf");
    const char *files[] = {"buildings.csv", "floors.csv", "waypoints.csv", "paths.csv",
                           "destination_types.csv", "destinations.csv", "kiosks.csv",
                           "plans.csv", "site.ini"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        to_excel_style(dir, files[i]);
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    char out[512];
    snprintf(out, sizeof out, "%s/content-bom-crlf.db", TEST_TMP_DIR);
    CHECK_INT(content_build(dir, out, &dl, &stats), 0);
    if (dl.len)
        diag_print(&dl, stderr);
    CHECK_INT(dl.len, 0);
    CHECK_INT(stats.destinations, 2);
    CHECK_INT(stats.paths, 8);
    diag_release(&dl);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(out, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    /* No stray \r or BOM in the values. */
    CHECK_STR(tl_query_text(db, "SELECT id FROM building"), "main");
    CHECK_STR(tl_query_text(db, "SELECT keywords FROM destination WHERE id = 'ward'"), "beds");
    CHECK_STR(tl_query_text(db, "SELECT value FROM meta WHERE key = 'reception'"), "Front desk");
    CHECK_STR(tl_query_text(db, "SELECT instruction FROM path WHERE from_id = 'entrance' AND "
                             "to_id = 'cafe'"), "The caf\xc3\xa9 is on your right, past the desk.");
    sqlite3_close(db);
}

static void test_quoted_line_breaks_keep_line_numbers(void)
{
    const char *dir = make_case("quoted-newlines");
    /* Row 2's summary spans two lines, so row 3 starts on line 4. */
    tl_put_text(dir, "destinations.csv",
                "id,name,type,floor,waypoint,hours,accessibility,phone,web,summary,keywords\n"
                "cafe,Caf\xc3\xa9,food,ground,cafe,,,,,"
                "\"Drinks, snacks,\nand \"\"cakes\"\"\",coffee\n"
                "ward,Ward 1,ward,first,ward,Mon 25:00-26:00,,,,A ward.,beds\n");
    DiagList dl;
    check_case(dir, &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 4, 6,
                  "at character 5: '25:00' is not a time (use 24-hour times like 08:00 "
                  "or 17:30)"));
    diag_release(&dl);
}

static void test_unclosed_quote(void)
{
    const char *dir = make_case("unclosed-quote");
    tl_put_text(dir, "kiosks.csv", "id,name,waypoint\nentrance,\"Front door,entrance\n");
    DiagList dl;
    check_case(dir, &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "kiosks.csv", 2, 2, "never closed"));
    diag_release(&dl);
}

static void test_many_problems_reported_together(void)
{
    const char *dir = make_case("many");
    tl_put_text(dir, "kiosks.csv", "id,name,waypoint\nFront Door,Front door,entrance\n");
    tl_put_text(dir, "floors.csv",
                "id,building,level,name,plan_width,plan_height\n"
                "ground,main,zero,Ground floor,100,50\n"
                "first,annexe,1,First floor,,\n");
    tl_put_text(dir, "site.ini",
                "[site]\nname = Test\nphone = 0163 29\nweb = www.test.example.org\n");
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "kiosks.csv", 2, 1,
                  "'Front Door' is not a valid id: use only lower-case letters, digits and "
                  "hyphens, like front-door"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "floors.csv", 2, 3, "'zero' is not a whole number"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "floors.csv", 3, 2,
                  "there is no building 'annexe' in buildings.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "site.ini", 3, 0, "'0163 29' is not a phone number"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "site.ini", 4, 0, "start it with https://"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "site.ini", 0, 0, "the reception setting is missing"));
    diag_release(&dl);
}

static void test_missing_file(void)
{
    const char *dir = make_case("missing-file");
    char path[512];
    snprintf(path, sizeof path, "%s/kiosks.csv", dir);
    unlink(path);
    DiagList dl;
    check_case(dir, &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "kiosks.csv", 0, 0, "this file is missing"));
    diag_release(&dl);
}

static void test_plan_without_shapes_is_a_warning(void)
{
    const char *dir = make_case("no-shapes");
    tl_put_text(dir, "plans.csv", "floor,kind,x,y,w,h,label\n");
    DiagList dl;
    check_case(dir, &dl, 0, 1);
    CHECK(tl_diag(&dl, DIAG_WARNING, "floors.csv", 2, 5,
                  "floor 'ground' has a plan size but no shapes in plans.csv"));
    diag_release(&dl);
}

static void test_failed_build_keeps_old_store(void)
{
    const char *out = TEST_TMP_DIR "/content-keep.db";
    const char *tmp = TEST_TMP_DIR "/content-keep.db.tmp";
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_build(make_case("good"), out, &dl, NULL), 0);
    diag_release(&dl);
    size_t before_len = 0, after_len = 0;
    char *before = tl_read_file(out, &before_len);
    CHECK(before != NULL && before_len > 0);

    /* A stale .tmp from an interrupted build must not survive a failed one either. */
    tl_put(tmp, "stale", 5);
    diag_init(&dl);
    CHECK_INT(content_build(make_case("bad-hours"), out, &dl, NULL), -1);
    CHECK_INT(dl.nerrors, 1);
    diag_release(&dl);
    char *after = tl_read_file(out, &after_len);
    CHECK(after != NULL);
    CHECK_INT(after_len, before_len);
    CHECK(after && before && memcmp(before, after, before_len) == 0);
    CHECK(!tl_exists(tmp));
    free(after);

    /* Writing into a folder that does not exist fails cleanly too. */
    diag_init(&dl);
    CHECK_INT(content_build(make_case("good"), TEST_TMP_DIR "/content-no-such-dir/x.db", &dl,
                            NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "content-no-such-dir/x.db", 0, 0,
                  "check that the folder exists and can be written to"));
    CHECK(!tl_exists(TEST_TMP_DIR "/content-no-such-dir/x.db.tmp"));
    diag_release(&dl);

    /* A good build replaces the store and removes a stale .tmp. */
    tl_put(tmp, "stale", 5);
    diag_init(&dl);
    CHECK_INT(content_build(make_case("good"), out, &dl, NULL), 0);
    diag_release(&dl);
    CHECK(!tl_exists(tmp));
    free(before);
}

int main(void)
{
    mkdir(TEST_TMP_DIR, 0755);
    TEST_RUN(test_sample_content_builds);
    TEST_RUN(test_wrong_column_count);
    TEST_RUN(test_bad_hours);
    TEST_RUN(test_unknown_waypoint);
    TEST_RUN(test_duplicate_id);
    TEST_RUN(test_unreachable_destination_is_a_warning);
    TEST_RUN(test_no_step_free_route_is_a_warning);
    TEST_RUN(test_invalid_utf8);
    TEST_RUN(test_bom_and_crlf_accepted);
    TEST_RUN(test_quoted_line_breaks_keep_line_numbers);
    TEST_RUN(test_unclosed_quote);
    TEST_RUN(test_many_problems_reported_together);
    TEST_RUN(test_missing_file);
    TEST_RUN(test_plan_without_shapes_is_a_warning);
    TEST_RUN(test_failed_build_keeps_old_store);
    return TEST_REPORT();
}
