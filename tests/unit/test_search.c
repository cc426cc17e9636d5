/* test_search.c: search across places, services and pages. Builds stores in
 * TEST_TMP_DIR from the real schema with hand-written destinations, services and
 * pages and their search rows (as the content build writes them), then checks that
 * hits map to the right kind and item, come grouped by kind and best first within
 * each, that a kind with thousands of matches cannot crowd out the others, that a
 * search index naming something the store lacks is refused, and the time per
 * keystroke with 10,000 services. */
#include "test.h"

#include "err.h"
#include "schema.h"
#include "store.h"
#include "utf8.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TMP(name) TEST_TMP_DIR "/search_" name

static const char base_rows[] =
    "INSERT INTO meta VALUES('site_name', 'Test Hospital'), ('reception', 'Main reception'),"
    " ('built_at', '2026-01-01T00:00:00Z');\n"
    "INSERT INTO building VALUES('main', 'Main Building', 0);\n"
    "INSERT INTO floor VALUES('g', 'main', 0, 'Ground floor', 0, 0, 0);\n"
    "INSERT INTO waypoint VALUES('door', 'g', 0, 0, 'the main door', 0),"
    " ('hall', 'g', 0, 0, '', 1);\n"
    "INSERT INTO path VALUES('door', 'hall', 'walk', 20, 'Walk ahead', 0),"
    " ('hall', 'door', 'walk', 20, 'Walk back', 1);\n"
    "INSERT INTO kiosk VALUES('k', 'Main door', 'door', 0);\n"
    "INSERT INTO dest_type VALUES('clinic', 'Clinics', 0), ('food', 'Food and drink', 1);\n"
    "INSERT INTO destination(id, name, type_id, floor_id, waypoint_id, summary, keywords)"
    " VALUES('cardio', 'Cardiology Clinic', 'clinic', 'g', 'hall', 'Heart tests', 'ecg'),"
    " ('cafe', 'Caf\xc3\xa9', 'food', 'g', 'hall', 'Hot drinks', 'coffee'),"
    " ('chapel', 'Chapel', 'clinic', 'g', 'hall', 'A quiet place', 'prayer'),"
    " ('xray', 'X-ray', 'clinic', 'g', 'hall', 'Imaging', 'radiology');\n"
    "INSERT INTO page VALUES('contact', 'Contact PALS', 'How to reach PALS', '', 0),"
    " ('concerns', 'Concerns and complaints', 'How to raise a concern', '', 1),"
    " ('privacy', 'Your information', 'What the kiosk keeps', '', 2);\n"
    "INSERT INTO page_block VALUES('contact', 0, 'paragraph', 0, 'Phone or drop in.', ''),"
    " ('contact', 1, 'link', 0, 'Find PALS', 'place:cardio'),"
    " ('concerns', 0, 'heading', 2, 'Time limit', ''),"
    " ('concerns', 1, 'bullet', 1, 'Within 12 months, about cardiology or anything', ''),"
    " ('privacy', 0, 'numbered', 1, 'Sealed so only PALS can read it; cleared from the"
    " screen', '');\n";

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

/* One search row, folded as the content build folds it. */
static int index_row(sqlite3_stmt *ins, const char *kind, const char *ref, const char *title,
                     const char *body)
{
    char ftitle[512], fbody[2048];
    utf8_fold(title, ftitle, sizeof ftitle);
    utf8_fold(body, fbody, sizeof fbody);
    sqlite3_bind_text(ins, 1, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, ref, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, ftitle, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, fbody, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(ins);
    return rc;
}

/* Indexes every destination, service and page in the store, the way the content
 * build does (for pages, the summary and every block's text). */
static int index_all(sqlite3 *db)
{
    static const char *const sources[] = {
        "SELECT 'destination', id, name, summary || ' ' || keywords FROM destination",
        "SELECT 'service', id, name, description FROM service",
        "SELECT 'page', p.id, p.title, p.summary || ' ' ||"
        " coalesce((SELECT group_concat(text, ' ') FROM page_block b"
        "  WHERE b.page_id = p.id), '') FROM page p",
    };
    sqlite3_stmt *ins = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO search(kind, ref, title, body) VALUES(?, ?, ?, ?)",
                           -1, &ins, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t k = 0; k < sizeof sources / sizeof sources[0] && rc == 0; k++) {
        sqlite3_stmt *sel = NULL;
        rc = sqlite3_prepare_v2(db, sources[k], -1, &sel, NULL) == SQLITE_OK ? 0 : -1;
        while (rc == 0 && sqlite3_step(sel) == SQLITE_ROW)
            rc = index_row(ins, (const char *)sqlite3_column_text(sel, 0),
                           (const char *)sqlite3_column_text(sel, 1),
                           (const char *)sqlite3_column_text(sel, 2),
                           (const char *)sqlite3_column_text(sel, 3));
        sqlite3_finalize(sel);
    }
    sqlite3_finalize(ins);
    return rc;
}

/* Inserts `n` services named after the lists below (many starting with C), every one
 * "near the cardiology clinic". */
static int add_services(sqlite3 *db, int n)
{
    static const char *const topic[] = {
        "Carers", "Cancer", "Crisis", "Diabetes", "Dementia", "Stroke", "Heart", "Breathing",
        "Bereavement", "Counselling", "Money", "Transport", "Hearing", "Sight", "Parents",
        "Young people", "Veterans", "Recovery", "Wellbeing", "Autism",
    };
    static const char *const kind[] = {"Support Group", "Helpline", "Drop-in", "Caf\xc3\xa9",
                                       "Advice Service", "Network", "Club", "Centre"};
    sqlite3_stmt *ins = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO service(id, name, status, description, sort)"
                               " VALUES(?, ?, 'active', ?, ?)", -1, &ins, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char id[32], name[96], desc[200];
        snprintf(id, sizeof id, "svc-%05d", i);
        snprintf(name, sizeof name, "%s %s %d", topic[i % 20], kind[(i / 20) % 8], i / 160 + 1);
        snprintf(desc, sizeof desc, "Meets weekly for people affected by %s; free, friendly "
                 "and confidential, near the cardiology clinic", topic[(i * 7) % 20]);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, desc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 4, i);
        rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    return rc;
}

/* Writes a store: schema, base rows, `nservices` services, `extra` SQL (may be NULL),
 * then the search index. */
static int make_store(const char *path, int nservices, const char *extra)
{
    unlink(path);
    sqlite3 *db = NULL;
    int rc = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        goto out;
    if (exec_sql(db, "BEGIN") || exec_sql(db, store_schema_sql) || exec_sql(db, base_rows) ||
        add_services(db, nservices) || (extra && exec_sql(db, extra)) || index_all(db) ||
        exec_sql(db, "COMMIT"))
        goto out;
    rc = 0;
out:
    sqlite3_close(db);
    return rc;
}

static Store *open_store(const char *path)
{
    Store *st = store_open(path);
    if (!st)
        fprintf(stderr, "  store_open: %s\n", err_msg());
    CHECK(st != NULL);
    return st;
}

/* The name or title of a hit. */
static const char *hit_name(const Store *st, SearchHit h)
{
    const Site *s = store_site(st);
    switch (h.kind) {
    case SEARCH_DESTINATION:
        return s->destinations[h.index].name;
    case SEARCH_SERVICE:
        return s->services[h.index].name;
    case SEARCH_PAGE:
        return s->pages[h.index].title;
    }
    return "";
}

static int count_kind(const SearchHit *hits, int n, SearchKind kind)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += hits[i].kind == kind;
    return c;
}

/* Hits are grouped by kind, in SearchKind order. */
static void check_grouped(const SearchHit *hits, int n)
{
    for (int i = 1; i < n; i++)
        CHECK(hits[i - 1].kind <= hits[i].kind);
}

/* ==== tests ==== */

static void test_every_kind(void)
{
    CHECK_INT(make_store(TMP("small.db"), 80, NULL), 0);
    Store *st = open_store(TMP("small.db"));
    if (!st)
        return;
    const Site *s = store_site(st);
    CHECK_INT(s->npages, 3);
    CHECK_INT(s->nservices, 80);
    SearchHit hits[32];
    /* "cardiology": a destination's name, every service's description, a page's text. */
    int n = store_search(st, "cardiology", hits, 32);
    CHECK(n > 0);
    check_grouped(hits, n);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), 1);
    CHECK_INT(count_kind(hits, n, SEARCH_PAGE), 1);
    if (n > 0) {
        CHECK_INT(hits[0].kind, SEARCH_DESTINATION);
        CHECK_STR(hit_name(st, hits[0]), "Cardiology Clinic");
        CHECK_INT(hits[n - 1].kind, SEARCH_PAGE);
        CHECK_STR(hit_name(st, hits[n - 1]), "Concerns and complaints");
    }
    /* Shared fairly: each kind gets its turn. */
    n = store_search(st, "cardiology", hits, 3);
    CHECK_INT(n, 3);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), 1);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 1);
    CHECK_INT(count_kind(hits, n, SEARCH_PAGE), 1);
    /* Best first within a kind: the title counts above the text. */
    n = store_search(st, "pals", hits, 32);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(hit_name(st, hits[0]), "Contact PALS");
        CHECK_INT(hits[0].kind, SEARCH_PAGE);
    }
    /* Pages are found by their blocks' words too, with word endings and folding. */
    n = store_search(st, "SEALED", hits, 32);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(hit_name(st, hits[0]), "Your information");
    n = store_search(st, "complaining", hits, 32);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(hit_name(st, hits[0]), "Concerns and complaints");
    /* Services by name, accents folded. */
    n = store_search(st, "carers cafe", hits, 32);
    CHECK(n >= 1);
    for (int i = 0; i < n; i++) {
        CHECK_INT(hits[i].kind, SEARCH_SERVICE);
        CHECK(strncmp(hit_name(st, hits[i]), "Carers Caf\xc3\xa9", 12) == 0);
    }
    store_close(st);
}

static void test_crowded_prefix(void)
{
    CHECK_INT(make_store(TMP("crowd.db"), 4000, NULL), 0);
    Store *st = open_store(TMP("crowd.db"));
    if (!st)
        return;
    const Site *s = store_site(st);
    /* "c" matches thousands of services (their names and descriptions), three places
     * and every page: each kind still gets its share, places and pages whole. */
    SearchHit hits[12];
    int n = store_search(st, "c", hits, 12);
    CHECK_INT(n, 12);
    check_grouped(hits, n);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), 3);
    CHECK_INT(count_kind(hits, n, SEARCH_PAGE), 3);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 6);
    if (n == 12) {
        /* Places A to Z, names first ("Café", "Cardiology Clinic", "Chapel"). */
        CHECK_STR(hit_name(st, hits[0]), "Caf\xc3\xa9");
        CHECK_STR(hit_name(st, hits[2]), "Chapel");
        /* Services A to Z among those whose names match. */
        for (int i = 4; i < 9; i++)
            CHECK(hits[i - 1].index < hits[i].index);
        CHECK_STR(hit_name(st, hits[3]), s->services[hits[3].index].name);
        CHECK(strncmp(hit_name(st, hits[3]), "Autism Caf", 10) == 0);
        /* Pages in their own order; "Your information" matches only in its text. */
        CHECK_STR(hit_name(st, hits[9]), "Contact PALS");
        CHECK_STR(hit_name(st, hits[10]), "Concerns and complaints");
        CHECK_STR(hit_name(st, hits[11]), "Your information");
    }
    /* A little room: the places and pages still come first in their turns. */
    n = store_search(st, "c", hits, 3);
    CHECK_INT(n, 3);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), 1);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 1);
    CHECK_INT(count_kind(hits, n, SEARCH_PAGE), 1);
    /* Searching places only ("Find a place"): all the hits are theirs. */
    n = store_search_kinds(st, "c", 1u << SEARCH_DESTINATION, hits, 12);
    CHECK_INT(n, 3);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), 3);
    n = store_search_kinds(st, "c", 1u << SEARCH_SERVICE, hits, 12);
    CHECK_INT(n, 12);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 12);
    unsigned places_and_pages = (1u << SEARCH_DESTINATION) | (1u << SEARCH_PAGE);
    n = store_search_kinds(st, "cardiology", places_and_pages, hits, 12);
    CHECK_INT(n, 2);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 0);
    CHECK_INT(store_search_kinds(st, "c", 0, hits, 12), 0);
    /* When only services match, they fill every hit. */
    n = store_search(st, "veterans", hits, 12);
    CHECK_INT(n, 12);
    CHECK_INT(count_kind(hits, n, SEARCH_SERVICE), 12);
    store_close(st);
}

static void test_index_must_match_store(void)
{
    /* A row of a kind this kiosk does not know. */
    CHECK_INT(make_store(TMP("kind.db"), 2,
                         "INSERT INTO search VALUES('leaflet', 'x', 'x', '');"), 0);
    CHECK(store_open(TMP("kind.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "the search index has a row of kind 'leaflet'");
    /* Rows naming a page or a service the store does not have. */
    CHECK_INT(make_store(TMP("page.db"), 2,
                         "INSERT INTO search VALUES('page', 'gone', 'gone', '');"), 0);
    CHECK(store_open(TMP("page.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "the search index names page 'gone', which is not in the store");
    CHECK_INT(make_store(TMP("svc.db"), 2,
                         "INSERT INTO search VALUES('service', 'svc-99999', 'x', '');"), 0);
    CHECK(store_open(TMP("svc.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "names service 'svc-99999'");
    /* Page blocks the kiosk could not show. */
    CHECK_INT(make_store(TMP("orphan.db"), 0, "INSERT INTO page_block"
                         " VALUES('nowhere', 0, 'paragraph', 0, 'Lost', '');"), 0);
    CHECK(store_open(TMP("orphan.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "a page block belongs to page 'nowhere', which is not in the store");
    CHECK_INT(make_store(TMP("level.db"), 0, "INSERT INTO page_block"
                         " VALUES('privacy', 1, 'heading', 5, 'Deep', '');"), 0);
    CHECK(store_open(TMP("level.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "page 'privacy' has a heading of level 5");
    CHECK_INT(make_store(TMP("link.db"), 0, "INSERT INTO page_block"
                         " VALUES('privacy', 1, 'link', 0, 'Nowhere', '');"), 0);
    CHECK(store_open(TMP("link.db")) == NULL);
    CHECK_CONTAINS(err_msg(), "page 'privacy' has a link that goes nowhere");
}

/* 10,000 services beside the places and pages; each keystroke well under 2 ms in a
 * release build. */
static void test_timing(void)
{
    CHECK_INT(make_store(TMP("big.db"), 10000, NULL), 0);
    clock_t t0 = clock();
    Store *st = open_store(TMP("big.db"));
    double open_ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
    if (!st)
        return;
    CHECK_INT(store_site(st)->nservices, 10000);
    /* What a person types, one keystroke at a time. */
    static const char *const typed[] = {
        "c", "ca", "car", "care", "carer", "carers", "carers s", "carers su", "carers sup",
        "d", "de", "dem", "deme", "dementia", "dementia c", "dementia cafe",
        "a", "ad", "adv", "advi", "advice", "complaint", "cardiology", "pals", "zebra",
        "f", "fr", "fre", "free", "friendly confidential",
    };
    enum { NQ = sizeof typed / sizeof typed[0], ROUNDS = 10 };
    SearchHit hits[30];
    int total = 0, slowest = 0;
    clock_t spent[NQ] = {0};
    for (int r = 0; r < ROUNDS; r++) {
        for (int q = 0; q < NQ; q++) {
            clock_t q0 = clock();
            int n = store_search(st, typed[q], hits, 30);
            spent[q] += clock() - q0;
            CHECK(n >= 0);
            total += n;
        }
    }
    clock_t all = 0;
    for (int q = 0; q < NQ; q++) {
        all += spent[q];
        if (spent[q] > spent[slowest])
            slowest = q;
    }
    double ms = (double)all * 1000.0 / CLOCKS_PER_SEC / (ROUNDS * NQ);
    double worst = (double)spent[slowest] * 1000.0 / CLOCKS_PER_SEC / ROUNDS;
    printf("  10,000 services, 4 places, 3 pages: open %.1f ms, %.3f ms per keystroke, "
           "slowest '%s' %.3f ms (%d hits)\n", open_ms, ms, typed[slowest], worst, total);
    /* Generous: sanitizer builds run several times slower than release builds. */
    CHECK(ms < 10.0);
    CHECK(worst < 20.0);
    store_close(st);
}

int main(void)
{
    TEST_RUN(test_every_kind);
    TEST_RUN(test_crowded_prefix);
    TEST_RUN(test_index_must_match_store);
    TEST_RUN(test_timing);
    return TEST_REPORT();
}
