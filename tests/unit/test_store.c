/* test_store.c: the content store reader. Builds small stores in TEST_TMP_DIR from the
 * real schema plus hand-written rows, then checks the loaded Site (order, references,
 * hours, plans, the route graph), search (case, accents, word order, unfinished last
 * word, hostile punctuation, ranking), and that missing, wrong-version, garbage,
 * truncated, damaged and inconsistent stores are refused with a message saying which
 * file and what is wrong. Ends with a timing check on 10,000 searchable rows. */
#include "test.h"

#include "err.h"
#include "schema.h"
#include "store.h"
#include "utf8.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP(name) TEST_TMP_DIR "/store_" name

static const char base_rows[] =
    "INSERT INTO meta VALUES('site_name', 'St Elsewhere Hospital'),"
    " ('site_phone', '01632 960000'), ('site_web', 'https://st-elsewhere.example.nhs.uk'),"
    " ('reception', 'Main reception, ground floor'), ('built_at', '2024-05-01 10:00');\n"
    /* Inserted out of order: the sort column decides. */
    "INSERT INTO building VALUES('river', 'Riverside Wing', 1), ('main', 'Main Building', 0);\n"
    "INSERT INTO floor VALUES('river-g', 'river', 0, 'Ground floor', 500, 400, 2),"
    " ('main-1', 'main', 1, 'First floor', 1000, 800, 1),"
    " ('main-g', 'main', 0, 'Ground floor', 1000, 800, 0);\n"
    "INSERT INTO waypoint VALUES('w-entrance', 'main-g', 10, 400, 'the main entrance', 0),"
    " ('w-lobby', 'main-g', 100, 400, '', 1), ('w-lift-g', 'main-g', 120, 350, 'the lifts', 2),"
    " ('w-cafe', 'main-g', 300, 400, '', 3), ('w-lift-1', 'main-1', 120, 350, 'the lifts', 4),"
    " ('w-landing', 'main-1', 100, 400, '', 5), ('w-cardio', 'main-1', 600, 300, '', 6),"
    " ('w-river', 'river-g', 50, 200, 'the riverside doors', 7);\n"
    "INSERT INTO path VALUES"
    " ('w-entrance', 'w-lobby', 'walk', 90, 'Walk ahead to the lobby', 0),"
    " ('w-lobby', 'w-entrance', 'walk', 90, 'Walk back to the entrance', 1),"
    " ('w-lobby', 'w-cafe', 'walk', 200, 'The cafe is on your right', 2),"
    " ('w-cafe', 'w-lobby', 'walk', 200, 'Walk back to the lobby', 3),"
    " ('w-lobby', 'w-landing', 'stairs', 15, 'Take the stairs up', 4),"
    " ('w-landing', 'w-lobby', 'stairs', 15, 'Take the stairs down', 5),"
    " ('w-lobby', 'w-lift-g', 'walk', 20, 'Walk to the lifts', 6),"
    " ('w-lift-g', 'w-lobby', 'walk', 20, 'Walk to the lobby', 7),"
    " ('w-lift-g', 'w-lift-1', 'lift', 30, 'Take the lift to floor 1', 8),"
    " ('w-lift-1', 'w-lift-g', 'lift', 30, 'Take the lift to the ground floor', 9),"
    " ('w-lift-1', 'w-landing', 'walk', 20, 'Walk to the landing', 10),"
    " ('w-landing', 'w-lift-1', 'walk', 20, 'Walk to the lifts', 11),"
    " ('w-landing', 'w-cardio', 'walk', 500, 'Cardiology is at the end', 12),"
    " ('w-cardio', 'w-landing', 'walk', 500, 'Walk back to the landing', 13),"
    " ('w-entrance', 'w-river', 'outside', 150, 'Follow the path to Riverside', 14),"
    " ('w-river', 'w-entrance', 'OUTSIDE', 150, 'Follow the path to the main entrance', 15);\n"
    "INSERT INTO dest_type VALUES('room', 'Rooms', 2), ('clinic', 'Clinics', 0),"
    " ('food', 'Food and drink', 1);\n"
    "INSERT INTO destination(id, name, type_id, floor_id, waypoint_id, hours, always_open,"
    " accessibility, phone, web, summary, keywords) VALUES"
    " ('xray', 'X-ray', 'clinic', 'main-g', 'w-lobby', '', 0, '', '', '',"
    "  'Plain film X-rays', 'radiology imaging'),"
    " ('cafe', 'Café Nero', 'food', 'main-g', 'w-cafe', 'Mon-Fri 08:00-18:00; Sat 09:00-12:00',"
    "  0, 'Level access', '01632 960001', 'https://cafe.example', 'Hot drinks and snacks',"
    "  'coffee tea sandwiches'),"
    " ('pharmacy', 'pharmacy', 'clinic', 'main-g', 'w-lobby', '', 0, '', '', '',"
    "  'Collect prescriptions', 'medicines chemist دواخانہ'),"
    " ('lodz', 'Łódź Room', 'room', 'main-1', 'w-landing', '', 0, '', '', '',"
    "  'Meeting room', 'meeting'),"
    " ('cardio', 'Cardiology Clinic', 'clinic', 'main-1', 'w-cardio', '', 0, '', '', '',"
    "  'Heart clinic', 'ecg echo heart'),"
    " ('radrec', 'Radiology Reception', 'clinic', 'main-g', 'w-lobby', '', 0, '', '', '',"
    "  'Check in for scans', 'scans'),"
    " ('ent', 'Ear, Nose & Throat', 'clinic', 'main-1', 'w-landing', '', 0, '', '', '',"
    "  'ENT outpatients', 'hearing'),"
    " ('ae', 'Emergency Department (A&E)', 'clinic', 'river-g', 'w-river', '24 hours', 1,"
    "  '', '999', '', 'Accident and emergency', 'urgent');\n"
    /* Days out of order: loading sorts by day. */
    "INSERT INTO opening_hours VALUES('cafe', 5, 540, 720), ('cafe', 2, 480, 1080),"
    " ('cafe', 0, 480, 1080), ('cafe', 1, 480, 1080), ('cafe', 4, 480, 1080),"
    " ('cafe', 3, 480, 1080);\n"
    "INSERT INTO kiosk VALUES('kiosk-riverside', 'Riverside doors', 'w-river', 1),"
    " ('kiosk-main-entrance', 'Main entrance', 'w-entrance', 0);\n"
    "INSERT INTO plan_shape VALUES('main-1', 'room', 500, 250, 200, 100, 'Cardiology', 1),"
    " ('main-g', 'outline', 0, 0, 1000, 800, '', 0),"
    " ('main-1', 'outline', 0, 0, 1000, 800, '', 0),"
    " ('main-g', 'room', 250, 350, 100, 100, 'Café', 2),"
    " ('river-g', 'outline', 0, 0, 500, 400, '', 0);\n";

/* Runs SQL on an open handle; reports and returns -1 on failure. */
static int exec_sql(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "  sql failed: %s\n", msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Fills the search table the way the content build does: one row per destination,
 * title = folded name, body = folded summary and keywords. */
static int index_destinations(sqlite3 *db)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT id, name, summary || ' ' || keywords FROM destination",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO search VALUES('destination', ?1, ?2, ?3)", -1,
                           &ins, NULL) != SQLITE_OK)
        goto out;
    while (sqlite3_step(sel) == SQLITE_ROW) {
        char title[512], body[1024];
        utf8_fold((const char *)sqlite3_column_text(sel, 1), title, sizeof title);
        utf8_fold((const char *)sqlite3_column_text(sel, 2), body, sizeof body);
        sqlite3_bind_text(ins, 1, (const char *)sqlite3_column_text(sel, 0), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, body, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            goto out;
        sqlite3_reset(ins);
    }
    rc = 0;
out:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    return rc;
}

/* Writes a store at path: schema, then `rows`, then `extra` (may be NULL), then the
 * search index. Returns 0 or -1. */
static int make_store(const char *path, const char *rows, const char *extra)
{
    unlink(path);
    sqlite3 *db = NULL;
    int rc = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        goto out;
    if (exec_sql(db, "BEGIN") || exec_sql(db, store_schema_sql) || exec_sql(db, rows) ||
        (extra && exec_sql(db, extra)) || index_destinations(db) || exec_sql(db, "COMMIT"))
        goto out;
    rc = 0;
out:
    sqlite3_close(db);
    return rc;
}

static Store *open_sample(void)
{
    if (make_store(TMP("sample.db"), base_rows, NULL) != 0)
        return NULL;
    Store *st = store_open(TMP("sample.db"));
    if (!st)
        fprintf(stderr, "  store_open: %s\n", err_msg());
    return st;
}

/* ==== loading ==== */

static void test_site_contents(void)
{
    Store *st = open_sample();
    CHECK(st != NULL);
    if (!st)
        return;
    const Site *s = store_site(st);
    CHECK_STR(s->name, "St Elsewhere Hospital");
    CHECK_STR(s->phone, "01632 960000");
    CHECK_STR(s->web, "https://st-elsewhere.example.nhs.uk");
    CHECK_STR(s->reception, "Main reception, ground floor");
    CHECK_STR(s->content_version, "2024-05-01 10:00");

    CHECK_INT(s->nbuildings, 2);
    CHECK_STR(s->buildings[0].id, "main");
    CHECK_STR(s->buildings[1].name, "Riverside Wing");

    CHECK_INT(s->nfloors, 3);
    CHECK_STR(s->floors[0].id, "main-g");
    CHECK_STR(s->floors[1].id, "main-1");
    CHECK_STR(s->floors[1].name, "First floor");
    CHECK_INT(s->floors[1].level, 1);
    CHECK_INT(s->floors[1].building, 0);
    CHECK_INT(s->floors[2].building, 1);
    CHECK_INT(s->floors[2].plan_w, 500);
    CHECK_INT(s->floors[2].plan_h, 400);

    CHECK_INT(s->nwaypoints, 8);
    CHECK_STR(s->waypoints[0].id, "w-entrance");
    CHECK_STR(s->waypoints[0].landmark, "the main entrance");
    CHECK_INT(s->waypoints[4].floor, 1);
    CHECK(s->waypoints[3].x == 300.0 && s->waypoints[3].y == 400.0);

    CHECK_INT(s->ntypes, 3);
    CHECK_STR(s->types[0].id, "clinic");
    CHECK_STR(s->types[2].label, "Rooms");
    CHECK_INT(site_find_type(s, "food"), 1);
    CHECK_INT(site_find_type(s, "nope"), -1);

    CHECK_INT(s->nkiosks, 2);
    CHECK_STR(s->kiosks[0].id, "kiosk-main-entrance");
    CHECK_INT(s->kiosks[0].waypoint, 0);
    CHECK_INT(site_find_kiosk(s, "kiosk-riverside"), 1);
    CHECK_INT(s->kiosks[1].waypoint, 7);
    CHECK_INT(site_find_kiosk(s, "kiosk-outpatients"), -1);
    CHECK_INT(site_find_kiosk(s, NULL), -1);
    store_close(st);
}

static void test_destinations_a_to_z(void)
{
    Store *st = open_sample();
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    const Site *s = store_site(st);
    /* Case and accents do not matter: "pharmacy" sits between "Łódź Room" and
     * "Radiology Reception", and "Łódź" files under L. */
    static const char *const order[] = {
        "Café Nero", "Cardiology Clinic", "Ear, Nose & Throat", "Emergency Department (A&E)",
        "Łódź Room", "pharmacy", "Radiology Reception", "X-ray",
    };
    CHECK_INT(s->ndestinations, 8);
    for (size_t i = 0; i < s->ndestinations && i < 8; i++)
        CHECK_STR(s->destinations[i].name, order[i]);

    int cafe = site_find_destination(s, "cafe");
    CHECK_INT(cafe, 0);
    const Destination *d = &s->destinations[cafe];
    CHECK_STR(d->summary, "Hot drinks and snacks");
    CHECK_STR(d->hours_text, "Mon-Fri 08:00-18:00; Sat 09:00-12:00");
    CHECK_STR(d->accessibility, "Level access");
    CHECK_STR(d->phone, "01632 960001");
    CHECK_STR(d->web, "https://cafe.example");
    CHECK_STR(s->types[d->type].id, "food");
    CHECK_STR(s->floors[d->floor].id, "main-g");
    CHECK_STR(s->waypoints[d->waypoint].id, "w-cafe");
    CHECK(!d->always_open);
    CHECK_INT(d->nspans, 6);
    for (size_t i = 0; i < d->nspans; i++)
        CHECK_INT(d->spans[i].day, i);
    if (d->nspans == 6) {
        CHECK_INT(d->spans[0].opens, 480);
        CHECK_INT(d->spans[0].closes, 1080);
        CHECK_INT(d->spans[5].opens, 540);
        CHECK_INT(d->spans[5].closes, 720);
    }

    int ae = site_find_destination(s, "ae");
    CHECK(ae >= 0);
    if (ae >= 0) {
        CHECK(s->destinations[ae].always_open);
        CHECK_INT(s->destinations[ae].nspans, 0);
        CHECK_STR(s->floors[s->destinations[ae].floor].id, "river-g");
    }
    CHECK_INT(site_find_destination(s, "lodz"), 4);
    CHECK_INT(site_find_destination(s, "xray"), 7);
    CHECK_INT(site_find_destination(s, "zzz"), -1);
    CHECK_INT(site_find_destination(s, ""), -1);

    /* Every destination can be found by its own id. */
    for (size_t i = 0; i < s->ndestinations; i++)
        CHECK_INT(site_find_destination(s, s->destinations[i].id), i);
    store_close(st);
}

static void test_plans_and_routes(void)
{
    Store *st = open_sample();
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    const Site *s = store_site(st);
    /* Grouped by floor in floor order, each floor's shapes in their sort order. */
    CHECK_INT(s->nshapes, 5);
    static const int floors[] = {0, 0, 1, 1, 2};
    static const char *const kinds[] = {"outline", "room", "outline", "room", "outline"};
    for (size_t i = 0; i < s->nshapes && i < 5; i++) {
        CHECK_INT(s->shapes[i].floor, floors[i]);
        CHECK_STR(s->shapes[i].kind, kinds[i]);
    }
    CHECK_STR(s->shapes[1].label, "Café");
    CHECK(s->shapes[3].x == 500 && s->shapes[3].w == 200 && s->shapes[3].h == 100);

    CHECK_INT(s->nedges, 16);
    CHECK(s->graph != NULL);
    CHECK_INT(route_graph_nodes(s->graph), 8);
    CHECK_INT(s->edges[15].kind, PATH_OUTSIDE); /* kinds are read case-insensitively */

    int from = s->kiosks[site_find_kiosk(s, "kiosk-main-entrance")].waypoint;
    int to = s->destinations[site_find_destination(s, "cardio")].waypoint;
    Route r;
    CHECK_INT(route_find(s->graph, from, to, 0, &r), 0);
    CHECK(r.uses_stairs && !r.uses_lift);
    CHECK(r.length_m == 90 + 15 + 500);
    if (r.nedges == 3)
        CHECK_STR(s->edges[r.edges[1]].instruction, "Take the stairs up");
    route_release(&r);
    CHECK_INT(route_find(s->graph, from, to, ROUTE_STEP_FREE, &r), 0);
    CHECK(!r.uses_stairs && r.uses_lift);
    CHECK(r.length_m == 90 + 20 + 30 + 20 + 500);
    route_release(&r);
    store_close(st);
}

/* ==== search ==== */

/* The id of the best hit for `query`, or "" when there is none. */
static const char *top(Store *st, const char *query)
{
    SearchHit hits[8];
    int n = store_search(st, query, hits, 8);
    if (n <= 0)
        return "";
    return store_site(st)->destinations[hits[0].index].id;
}

/* True when `id` is among the hits for `query`. */
static int finds(Store *st, const char *query, const char *id)
{
    SearchHit hits[16];
    int n = store_search(st, query, hits, 16);
    for (int i = 0; i < n; i++)
        if (strcmp(store_site(st)->destinations[hits[i].index].id, id) == 0)
            return 1;
    return 0;
}

static void test_search_matching(void)
{
    Store *st = open_sample();
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    /* Case and accents. */
    CHECK_STR(top(st, "cafe"), "cafe");
    CHECK_STR(top(st, "CAFÉ"), "cafe");
    CHECK_STR(top(st, "Café nero"), "cafe");
    CHECK_STR(top(st, "lodz"), "lodz");
    CHECK_STR(top(st, "ŁÓDŹ"), "lodz");
    CHECK_STR(top(st, "łódź room"), "lodz");
    /* Word order, and the last word unfinished. */
    CHECK_STR(top(st, "clinic cardiology"), "cardio");
    CHECK_STR(top(st, "cardiology cli"), "cardio");
    CHECK_STR(top(st, "card"), "cardio");
    CHECK_STR(top(st, "pharm"), "pharmacy");
    CHECK_STR(top(st, "nero caf"), "cafe");
    /* Keywords and summary are searched too. */
    CHECK_STR(top(st, "coffee"), "cafe");
    CHECK_STR(top(st, "prescriptions"), "pharmacy");
    CHECK_STR(top(st, "x-ray"), "xray");
    CHECK_STR(top(st, "X RAY"), "xray");
    CHECK_STR(top(st, "ear nose throat"), "ent");
    CHECK_STR(top(st, "a&e"), "ae");
    CHECK(finds(st, "heart", "cardio"));
    CHECK(finds(st, "scan", "radrec"));
    CHECK(finds(st, "imaging", "xray"));
    CHECK(!finds(st, "imaging", "radrec"));
    CHECK(finds(st, "دواخانہ", "pharmacy")); /* other scripts pass through whole */
    /* Every word must match. */
    CHECK_STR(top(st, "cafe cardiology"), "");
    CHECK_STR(top(st, "zebra"), "");
    store_close(st);
}

static void test_search_ranking_and_limits(void)
{
    Store *st = open_sample();
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    /* "radiology" is the name of one place and a keyword of another: the name wins. */
    SearchHit hits[8];
    CHECK_INT(store_search(st, "radiology", hits, 8), 2);
    CHECK_STR(store_site(st)->destinations[hits[0].index].id, "radrec");
    CHECK_STR(store_site(st)->destinations[hits[1].index].id, "xray");
    CHECK_INT(hits[0].kind, SEARCH_DESTINATION);

    /* "c" starts words in several places; max is respected, hits are distinct. */
    int n = store_search(st, "c", hits, 8);
    CHECK(n >= 4);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            CHECK(hits[i].index != hits[j].index);
    CHECK_INT(store_search(st, "c", hits, 2), 2);
    CHECK_INT(store_search(st, "c", hits, 0), 0);

    /* Same query, same answer. */
    SearchHit again[8];
    int n2 = store_search(st, "c", again, 8);
    CHECK_INT(n2, n);
    for (int i = 0; i < n && i < n2; i++)
        CHECK_INT(again[i].index, hits[i].index);

    /* Nothing typed, or nothing but spaces and punctuation: no hits, no error. */
    CHECK_INT(store_search(st, "", hits, 8), 0);
    CHECK_INT(store_search(st, "   ", hits, 8), 0);
    CHECK_INT(store_search(st, " !?.,;:-_ ", hits, 8), 0);
    CHECK_INT(store_search(st, NULL, hits, 8), 0);
    CHECK_INT(store_search(NULL, "cafe", hits, 8), -1);
    store_close(st);
}

static void test_search_hostile_input(void)
{
    Store *st = open_sample();
    if (!st) {
        CHECK(st != NULL);
        return;
    }
    /* FTS5 syntax typed as text must neither fail nor act as syntax. */
    static const char *const queries[] = {
        "\"", "\"\"", "\"cafe", "cafe\"", "caf*", "*", "cafe OR zebra", "NOT cafe",
        "cafe NOT nero", "NEAR(cafe nero)", "title:cafe", "{title}: cafe", "^cafe", "-cafe",
        "cafe AND", "AND", "(cafe", "cafe)", "'cafe'", "caf\\e", "%", "cafe;DROP TABLE x",
        "\xff\xfe", "caf\xc3", "€", "☕ cafe", "cafe\t\nnero", "+cafe+",
    };
    SearchHit hits[8];
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        err_clear();
        int n = store_search(st, queries[i], hits, 8);
        if (n < 0)
            fprintf(stderr, "  query %zu failed: %s\n", i, err_msg());
        CHECK(n >= 0);
    }
    CHECK_STR(top(st, "\"cafe"), "cafe");
    CHECK_STR(top(st, "cafe OR zebra"), ""); /* OR is a word here, and matches nothing */
    CHECK_STR(top(st, "title:cafe"), "");   /* likewise "title" */
    CHECK_STR(top(st, "☕ cafe"), "cafe");   /* symbols are not words */
    CHECK_STR(top(st, "€ cafe"), "cafe");
    CHECK_STR(top(st, "(cafe)"), "cafe");
    CHECK_STR(top(st, "'cafe'"), "cafe");

    /* A very long query is cut short, not overrun. */
    char longq[4000];
    for (size_t i = 0; i + 5 < sizeof longq; i += 5)
        memcpy(longq + i, "cafe ", 5);
    longq[sizeof longq - 1] = '\0';
    CHECK(store_search(st, longq, hits, 8) >= 0);
    CHECK_STR(top(st, longq), "cafe");
    store_close(st);
}

/* ==== refusing bad stores ==== */

static int write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t put = fwrite(data, 1, len, f);
    return fclose(f) == 0 && put == len ? 0 : -1;
}

static unsigned char *read_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

static void test_missing_file(void)
{
    const char *path = TMP("missing.db");
    unlink(path);
    err_clear();
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "content store " TMP("missing.db") " does not exist");
    struct stat sb;
    CHECK(stat(path, &sb) != 0 && errno == ENOENT); /* not created */
    CHECK(store_open(TEST_TMP_DIR "/no-such-dir/content.db") == NULL);
    CHECK_CONTAINS(err_msg(), "does not exist");
    CHECK(store_open(TEST_TMP_DIR) == NULL);
    CHECK_CONTAINS(err_msg(), "is a folder");
    CHECK(store_open("") == NULL);
    CHECK(store_open(NULL) == NULL);
    store_close(NULL);
    CHECK(store_site(NULL) == NULL);
}

static void test_wrong_version(void)
{
    const char *path = TMP("v2.db");
    CHECK_INT(make_store(path, base_rows, "PRAGMA user_version = 2;"), 0);
    err_clear();
    CHECK(store_open(path) == NULL);
    CHECK_STR(err_msg(), "content store " TMP("v2.db") " has schema version 2, from an older "
                         "signpostctl; this kiosk reads version 4 (version 4 added "
                         "translations): rebuild it with signpostctl content build");

    /* An SQLite file that is not a content store at all. */
    path = TMP("other.db");
    unlink(path);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    exec_sql(db, "CREATE TABLE notes(x); INSERT INTO notes VALUES(1);");
    sqlite3_close(db);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "is not a Signpost content store");
}

static void test_garbage_and_empty_files(void)
{
    const char *path = TMP("garbage.db");
    static const char text[] =
        "[kiosk]\nlocation = kiosk-main-entrance\n"
        "This is a config file, not a database, and it is long enough to have a header.\n"
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n";
    CHECK_INT(write_bytes(path, text, sizeof text - 1), 0);
    err_clear();
    CHECK(store_open(path) == NULL);
    CHECK_STR(err_msg(), "content store " TMP("garbage.db")
                         " is not a Signpost content store (file is not a database)");

    path = TMP("empty.db");
    CHECK_INT(write_bytes(path, "", 0), 0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "content store " TMP("empty.db") " is not a Signpost content "
                              "store");
}

static void test_truncated_and_damaged(void)
{
    CHECK_INT(make_store(TMP("good.db"), base_rows, NULL), 0);
    size_t len = 0;
    unsigned char *bytes = read_bytes(TMP("good.db"), &len);
    CHECK(bytes != NULL && len >= 8 * 4096);
    if (!bytes)
        return;

    /* Cut off after the first three pages, as an interrupted copy would. */
    CHECK_INT(write_bytes(TMP("truncated.db"), bytes, 3 * 4096), 0);
    err_clear();
    CHECK(store_open(TMP("truncated.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "content store " TMP("truncated.db") " is ");
    CHECK_CONTAINS(err_msg(), "rebuild it with signpostctl content build");

    /* Cut mid-page. */
    CHECK_INT(write_bytes(TMP("truncated2.db"), bytes, len - 1000), 0);
    CHECK(store_open(TMP("truncated2.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "rebuild it with signpostctl content build");

    /* Scribble over every page after the first (headers included). */
    unsigned char *damaged = malloc(len);
    if (damaged) {
        memcpy(damaged, bytes, len);
        for (size_t page = 1; page * 4096 < len; page++)
            for (size_t i = 0; i < 64; i++)
                damaged[page * 4096 + i] = (unsigned char)(0xA5 ^ (i * 37));
        CHECK_INT(write_bytes(TMP("damaged.db"), damaged, len), 0);
        err_clear();
        CHECK(store_open(TMP("damaged.db")) == NULL);
        CHECK_CONTAINS(err_msg(), "content store " TMP("damaged.db") " is damaged");
        free(damaged);
    }
    free(bytes);
}

static void test_inconsistent_store(void)
{
    const char *path = TMP("broken.db");
    CHECK_INT(make_store(path, base_rows,
                         "INSERT INTO waypoint VALUES('w-lost', 'nowhere', 0, 0, '', 99);"), 0);
    err_clear();
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "content store " TMP("broken.db") " is inconsistent");
    CHECK_CONTAINS(err_msg(), "waypoint 'w-lost' is on floor 'nowhere', which is not in the "
                              "store");

    CHECK_INT(make_store(path, base_rows,
                         "INSERT INTO path VALUES('w-lobby', 'w-cafe', 'teleport', 1, '', 99);"),
              0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "kind 'teleport'");

    CHECK_INT(make_store(path, base_rows,
                         "INSERT INTO kiosk VALUES('k', 'Kiosk', 'w-gone', 9);"), 0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "kiosk 'k' stands at waypoint 'w-gone'");

    CHECK_INT(make_store(path, base_rows,
                         "INSERT INTO opening_hours VALUES('ghost', 0, 60, 120);"), 0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "destination 'ghost'");

    CHECK_INT(make_store(path, base_rows,
                         "INSERT INTO search VALUES('destination', 'gone', 'gone', '');"), 0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "search index names destination 'gone'");

    CHECK_INT(make_store(path, base_rows, "DROP TABLE plan_shape;"), 0);
    CHECK(store_open(path) == NULL);
    CHECK_CONTAINS(err_msg(), "no such table: plan_shape");
}

/* ==== timing ==== */

/* 10,000 generated destinations; each query must average well under 2 ms. */
static void test_search_timing(void)
{
    static const char *const specialty[] = {
        "Cardiology", "Renal", "Orthopaedic", "Fracture", "Diabetes", "Dermatology",
        "Oncology", "Haematology", "Neurology", "Urology", "Gynaecology", "Maternity",
        "Paediatric", "Respiratory", "Rheumatology", "Ophthalmology", "Audiology",
        "Physiotherapy", "Radiology", "Endoscopy",
    };
    static const char *const place[] = {"Clinic", "Ward", "Office", "Unit", "Reception",
                                         "Waiting Area", "Day Unit", "Store", "Lab",
                                         "Treatment Room"};
    const char *path = TMP("big.db");
    CHECK_INT(make_store(path, base_rows, NULL), 0);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    exec_sql(db, "BEGIN");
    sqlite3_stmt *ins = NULL, *fts = NULL;
    sqlite3_prepare_v2(db, "INSERT INTO destination(id, name, type_id, floor_id, waypoint_id,"
                           " summary, keywords) VALUES(?1, ?2, 'clinic', 'main-g', 'w-lobby',"
                           " ?3, ?4)", -1, &ins, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO search VALUES('destination', ?1, ?2, ?3)", -1, &fts,
                       NULL);
    for (int i = 0; i < 10000; i++) {
        char id[32], name[128], summary[160], kw[128], ftitle[128], fbody[320];
        snprintf(id, sizeof id, "gen-%05d", i);
        snprintf(name, sizeof name, "%s %s %d", specialty[i % 20], place[(i / 20) % 10],
                 i / 200 + 1);
        snprintf(summary, sizeof summary, "%s services for adults and children, floor %d",
                 specialty[(i * 7) % 20], i % 6);
        snprintf(kw, sizeof kw, "%s appointments outpatients", specialty[(i * 3) % 20]);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, summary, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, kw, -1, SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        char both[320];
        snprintf(both, sizeof both, "%s %s", summary, kw);
        utf8_fold(name, ftitle, sizeof ftitle);
        utf8_fold(both, fbody, sizeof fbody);
        sqlite3_bind_text(fts, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fts, 2, ftitle, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fts, 3, fbody, -1, SQLITE_TRANSIENT);
        sqlite3_step(fts);
        sqlite3_reset(fts);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(fts);
    exec_sql(db, "COMMIT");
    sqlite3_close(db);

    clock_t t0 = clock();
    Store *st = store_open(path);
    double open_ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(store_site(st)->ndestinations, 10008);

    static const char *const queries[] = {
        "cardiology", "card", "c", "renal ward", "ward renal 3", "ortho cli", "o",
        "physio", "outpatients", "children", "maternity day", "lab 12", "zebra", "a",
        "haematology treatment room", "radiology reception 7",
    };
    enum { NQ = sizeof queries / sizeof queries[0], ROUNDS = 20 };
    SearchHit hits[20];
    t0 = clock();
    int total = 0;
    for (int r = 0; r < ROUNDS; r++)
        for (int q = 0; q < NQ; q++) {
            int n = store_search(st, queries[q], hits, 20);
            CHECK(n >= 0);
            total += n;
        }
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / (ROUNDS * NQ);
    printf("  10,008 destinations: open %.1f ms, %.3f ms per search (%d hits)\n", open_ms, ms,
           total);
    CHECK_STR(store_site(st)->destinations[hits[0].index].name, "Radiology Reception 7");

    /* A prefix matching thousands of rows ranks names first, each group A to Z. */
    const Site *s = store_site(st);
    int n = store_search(st, "c", hits, 20);
    CHECK_INT(n, 20);
    for (int i = 1; i < n; i++)
        CHECK(hits[i - 1].index < hits[i].index);
    CHECK_STR(s->destinations[hits[0].index].name, "Audiology Clinic 1");
    /* Only in the keywords of every row: A to Z over everything that matches. */
    n = store_search(st, "outpatients", hits, 20);
    CHECK_INT(n, 20);
    for (int i = 1; i < n; i++)
        CHECK(hits[i - 1].index < hits[i].index);
    /* Names first even when they come late in the alphabet. */
    n = store_search(st, "st", hits, 20);
    CHECK_INT(n, 20);
    if (n > 0)
        CHECK_STR(s->destinations[hits[0].index].name, "Audiology Store 1");
    /* Generous: sanitizer builds run several times slower than release builds. */
    CHECK(ms < 10.0);
    store_close(st);
}

int main(void)
{
    TEST_RUN(test_site_contents);
    TEST_RUN(test_destinations_a_to_z);
    TEST_RUN(test_plans_and_routes);
    TEST_RUN(test_search_matching);
    TEST_RUN(test_search_ranking_and_limits);
    TEST_RUN(test_search_hostile_input);
    TEST_RUN(test_missing_file);
    TEST_RUN(test_wrong_version);
    TEST_RUN(test_garbage_and_empty_files);
    TEST_RUN(test_truncated_and_damaged);
    TEST_RUN(test_inconsistent_store);
    TEST_RUN(test_search_timing);
    return TEST_REPORT();
}
