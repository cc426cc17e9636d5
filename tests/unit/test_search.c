/* test_search.c: search across places, services and pages. Builds stores in
 * TEST_TMP_DIR from the real schema with hand-written destinations, services and
 * pages and their search rows (as the content build writes them), then checks that
 * hits map to the right kind and item, come grouped by kind and best first within
 * each, that a kind with thousands of matches cannot crowd out the others, that a
 * search index naming something the store lacks is refused, and the time per
 * keystroke with 10,000 services. Then search that forgives, on the sample content
 * built by the real content build: misspellings (a letter wrong, missing, doubled,
 * swapped; two mistakes; an unfinished word), joined and split words, word endings,
 * accents and synonyms, with the "did you mean" text; the Damerau-Levenshtein distance
 * on its own; synonyms.csv's checks; and queries of 2,000 characters or only
 * punctuation. */
#include "test.h"

#include "content.h"
#include "err.h"
#include "schema.h"
#include "search_words.h"
#include "store.h"
#include "testlib.h"
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
        add_services(db, nservices) || (extra && exec_sql(db, extra)) || index_all(db))
        goto out;
    char why[256];
    if (search_words_write(db, why, sizeof why) != 0) {
        fprintf(stderr, "  search words: %s\n", why);
        goto out;
    }
    if (exec_sql(db, "COMMIT"))
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
static const char *hit_name(Store *st, SearchHit h)
{
    const Site *s = store_site(st);
    switch (h.kind) {
    case SEARCH_DESTINATION:
        return s->destinations[h.index].name;
    case SEARCH_SERVICE:
        return store_service(st, h.index) ? store_service(st, h.index)->name : "";
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
    /* Far more services than the cache holds: each read from the store in A-to-Z
     * order, and a pointer kept while fewer than DIR_CACHE_SLOTS others are read. */
    const Service *first = store_service(st, 0);
    CHECK(first != NULL);
    char first_id[64];
    snprintf(first_id, sizeof first_id, "%s", first ? first->id : "");
    int out_of_order = 0, lost = 0;
    char prev[256] = "";
    for (int k = 0; k < 10000; k++) {
        const Service *v = store_service(st, k);
        if (!v) {
            lost++;
            continue;
        }
        char key[256];
        utf8_fold(v->name, key, sizeof key);
        out_of_order += strcmp(prev, key) > 0;
        snprintf(prev, sizeof prev, "%s", key);
        if (k < 50)
            CHECK_STR(first->id, first_id); /* still valid */
    }
    CHECK_INT(lost, 0);
    CHECK_INT(out_of_order, 0);
    CHECK_INT(store_find_service(st, first_id), 0);
    CHECK_INT(store_service(st, 10000) == NULL, 1);
    CHECK_INT(store_service(st, -1) == NULL, 1);
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

/* ==== search that forgives ==== */

static void test_edit_distance(void)
{
#define DL(a, b, prefix, limit) utf8_distance((a), strlen(a), (b), strlen(b), (prefix), (limit))
    CHECK_INT(DL("", "", false, 2), 0);
    CHECK_INT(DL("abc", "abc", false, 2), 0);
    CHECK_INT(DL("abc", "", false, 5), 3);
    CHECK_INT(DL("", "abc", false, 5), 3);
    CHECK_INT(DL("abc", "acb", false, 2), 1);               /* swapped */
    CHECK_INT(DL("ab", "ba", false, 2), 1);
    CHECK_INT(DL("cardiolgy", "cardiology", false, 2), 1);   /* missing */
    CHECK_INT(DL("maternaty", "maternity", false, 2), 1);    /* wrong */
    CHECK_INT(DL("phyysio", "physio", false, 2), 1);         /* doubled */
    CHECK_INT(DL("matirnaty", "maternity", false, 2), 2);    /* two wrong */
    CHECK_INT(DL("ca", "abc", false, 5), 3);  /* optimal string alignment, not full DL */
    CHECK_INT(DL("kitten", "sitting", false, 5), 3);
    CHECK_INT(DL("xyz", "abc", false, 1), 2);                /* past the limit: limit + 1 */
    CHECK_INT(DL("cardiolg", "cardiology", true, 2), 1);     /* unfinished */
    CHECK_INT(DL("cardio", "cardiology", true, 2), 0);
    CHECK_INT(DL("cardio", "cardiology", false, 5), 4);
    CHECK_INT(DL("\xc5\x82odz", "lodz", false, 2), 1);       /* by code point: "łodz" */
    CHECK_INT(DL("caf\xc3\xa9", "cafe", false, 2), 1);
    char longw[UTF8_DISTANCE_MAX + 8];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    CHECK_INT(DL(longw, longw, false, 2), 3); /* over UTF8_DISTANCE_MAX: too far */
#undef DL
}

#define SAMPLE_DB TMP("sample.db")

static Store *open_sample(void)
{
    static bool built;
    if (!built) {
        DiagList dl;
        diag_init(&dl);
        unlink(SAMPLE_DB);
        int rc = content_build(SOURCE_ROOT "/content", SAMPLE_DB, &dl, NULL);
        if (rc != 0)
            diag_print(&dl, stderr);
        diag_release(&dl);
        CHECK_INT(rc, 0);
        built = rc == 0;
    }
    return built ? open_store(SAMPLE_DB) : NULL;
}

/* The first hit of `kind` for `query`, with the suggestion in `suggest`. */
static const char *first_of(Store *st, const char *query, SearchKind kind, char *suggest,
                            size_t cap)
{
    SearchHit hits[40];
    int n = store_search_suggest(st, query, ~0u, hits, 40, suggest, cap);
    for (int i = 0; i < n; i++)
        if (hits[i].kind == kind)
            return hit_name(st, hits[i]);
    return "(none)";
}

/* The first place `query` finds starts with `name`, and the suggestion is `suggest`
 * ("" for an exact match). */
#define CHECK_PLACE(st, query, name, suggest_want)                                         \
    do {                                                                                   \
        char sug_[128];                                                                    \
        const char *got_ = first_of((st), (query), SEARCH_DESTINATION, sug_, sizeof sug_); \
        if (strncmp(got_, (name), strlen(name)) != 0)                                      \
            fprintf(stderr, "  '%s': first place '%s', wanted '%s'\n", (query), got_,     \
                    (name));                                                               \
        CHECK(strncmp(got_, (name), strlen(name)) == 0);                                   \
        CHECK_STR(sug_, (suggest_want));                                                   \
    } while (0)

/* The first place `query` finds has `part` in its name (case and accents aside). */
#define CHECK_PLACE_HAS(st, query, part, suggest_want)                                     \
    do {                                                                                   \
        char sug_[128], a_[256], b_[64];                                                   \
        utf8_fold(first_of((st), (query), SEARCH_DESTINATION, sug_, sizeof sug_), a_,       \
                  sizeof a_);                                                              \
        utf8_fold((part), b_, sizeof b_);                                                  \
        if (!strstr(a_, b_))                                                               \
            fprintf(stderr, "  '%s': first place '%s', wanted one with '%s'\n", (query),  \
                    a_, b_);                                                               \
        CHECK(strstr(a_, b_) != NULL);                                                     \
        CHECK_STR(sug_, (suggest_want));                                                   \
    } while (0)

static void test_sample_mistakes(void)
{
    Store *st = open_sample();
    if (!st)
        return;
    /* What works already stays exact. */
    CHECK_PLACE(st, "x-ray", "X-ray and Imaging", "");
    CHECK_PLACE(st, "cardiology", "Cardiology Clinic", "");
    CHECK_PLACE(st, "maternity", "Maternity Unit", "");
    /* Joined and split words. */
    CHECK_PLACE(st, "xray", "X-ray and Imaging", "x ray");
    CHECK_PLACE(st, "x ray", "X-ray and Imaging", "");
    CHECK_PLACE(st, "XRAY", "X-ray and Imaging", "x ray");
    CHECK_PLACE(st, "carpark", "Car park pay machines", "car park");
    CHECK_PLACE(st, "physio therapy", "Physiotherapy", "physiotherapy");
    /* A letter wrong, missing, doubled or swapped; two mistakes. */
    CHECK_PLACE(st, "cardiolgy", "Cardiology Clinic", "cardiology");
    CHECK_PLACE(st, "maternaty", "Maternity Unit", "maternity");
    CHECK_PLACE(st, "pharmcy", "Outpatient Pharmacy", "pharmacy");
    CHECK_PLACE(st, "physiotherrapy", "Physiotherapy", "physiotherapy");
    CHECK_PLACE(st, "audoilogy", "Audiology", "audiology");
    CHECK_PLACE(st, "chapul", "Chapel", "chapel");
    CHECK_PLACE(st, "matirnaty", "Maternity Unit", "maternity");
    CHECK_PLACE(st, "endoscpy unit", "Endoscopy Unit", "endoscopy unit");
    /* The last word still being typed. */
    CHECK_PLACE(st, "cardiolg", "Cardiology Clinic", "cardiology");
    CHECK_PLACE(st, "fracutre cl", "Fracture Clinic", "fracture cl");
    /* The stemmer forgives some endings by itself: then there is nothing to suggest. */
    CHECK_PLACE(st, "fractue cl", "Fracture Clinic", "");
    /* Word endings and accents. */
    CHECK_PLACE_HAS(st, "toilets", "toilet", "");
    CHECK_PLACE_HAS(st, "toilet", "toilet", "");
    CHECK_PLACE_HAS(st, "toilette", "toilet", "toilets");
    CHECK_PLACE(st, "fractures", "Fracture Clinic", "");
    CHECK_PLACE(st, "caf\xc3\xa9", "Northgate Caf\xc3\xa9", "");
    CHECK_PLACE(st, "cafe", "Northgate Caf\xc3\xa9", "");
    CHECK_PLACE(st, "CAF\xc3\x89", "Northgate Caf\xc3\xa9", "");
    CHECK_PLACE(st, "mat\xc3\xa9rnity", "Maternity Unit", "");
    CHECK_PLACE(st, "n\xc3\xa9onatal", "Neonatal Unit", "");
    CHECK_PLACE(st, "neonatel", "Neonatal Unit", "neonatal");
    /* Synonyms, and a misspelt synonym. */
    CHECK_PLACE_HAS(st, "loo", "toilet", "");
    CHECK_PLACE_HAS(st, "WC", "toilet", "");
    CHECK_PLACE(st, "A&E", "Emergency Department", "");
    CHECK_PLACE(st, "casualty", "Emergency Department", "");
    CHECK_PLACE(st, "chemist", "Outpatient Pharmacy", "");
    CHECK_PLACE(st, "bloods", "Blood Test Centre", "");
    CHECK_PLACE(st, "chemsit", "Outpatient Pharmacy", "chemist");
    CHECK_PLACE(st, "cashpoint", "Cash machine", "");
    /* Services and pages forgive too. */
    char sug[128];
    CHECK(strncmp(first_of(st, "berevement", SEARCH_SERVICE, sug, sizeof sug), "Bereavement",
                  11) == 0);
    CHECK_STR(sug, "bereavement");
    CHECK(strstr(first_of(st, "ombudsmen", SEARCH_PAGE, sug, sizeof sug), "Ombudsman") != NULL);
    CHECK_STR(sug, "ombudsman");
    /* Nothing near: nothing found and nothing suggested. */
    SearchHit hits[40];
    CHECK_INT(store_search_suggest(st, "zzqx", ~0u, hits, 40, sug, sizeof sug), 0);
    CHECK_STR(sug, "");
    CHECK_INT(store_search_suggest(st, "qwertyuiop", ~0u, hits, 40, sug, sizeof sug), 0);
    CHECK_STR(sug, "");
    /* "Find a place" forgives within places. */
    int n = store_search_suggest(st, "maternaty", 1u << SEARCH_DESTINATION, hits, 40, sug,
                                 sizeof sug);
    CHECK(n > 0);
    CHECK_INT(count_kind(hits, n, SEARCH_DESTINATION), n);
    CHECK_STR(sug, "maternity");
    /* store_search() forgives, without saying how. */
    n = store_search(st, "cardiolgy", hits, 40);
    CHECK(n > 0);
    if (n > 0)
        CHECK(strstr(hit_name(st, hits[0]), "Cardiology") != NULL);
    /* A suggestion that does not fit is not given (the hits still are). */
    char small[4];
    n = store_search_suggest(st, "cardiolgy", ~0u, hits, 40, small, sizeof small);
    CHECK(n > 0);
    CHECK_STR(small, "");
    store_close(st);
}

/* synonyms.csv's rows are checked with file:line:column. */
static void test_synonyms_checked(void)
{
    const char *dir = TMP("synonyms-content");
    tl_remove_tree(dir);
    CHECK_INT(tl_copy_tree(SOURCE_ROOT "/content", dir), 0);
    tl_put_text(dir, "synonyms.csv",
                "words,note\n"
                "\"loo, toilet\",fine\n"
                "lonely,only one word\n"
                "\"&, --\",no letters\n"
                "\"chemist, pharmacy, chemist\",twice in a row\n"
                "\"WC, loo\",already on line 2\n"
                "\"a b c d e f g h i, j\",too many words\n"
                ",\n");
    DiagList dl;
    diag_init(&dl);
    CHECK(content_check(dir, &dl, NULL) != 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "synonyms.csv", 3, 1, "there is only one word"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "synonyms.csv", 4, 1, "has no letters or digits"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "synonyms.csv", 5, 1, "'chemist' is listed twice"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "synonyms.csv", 6, 1, "'loo' is already in the row on "
                  "line 2"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "synonyms.csv", 7, 1, "has more than 8 words"));
    diag_release(&dl);
    /* A header without the words column. */
    tl_put_text(dir, "synonyms.csv", "word\nloo\n");
    diag_init(&dl);
    CHECK(content_check(dir, &dl, NULL) != 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "synonyms.csv", 1, 1, "did you mean 'words'"));
    diag_release(&dl);
    /* No synonyms.csv at all is fine. */
    char path[512];
    snprintf(path, sizeof path, "%s/synonyms.csv", dir);
    unlink(path);
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), 0);
    diag_release(&dl);
    tl_remove_tree(dir);
}

/* 2,000 characters, only punctuation, many words: no crash, nothing slow. */
static void test_hostile_queries(void)
{
    Store *st = open_sample();
    if (!st)
        return;
    enum { LEN = 2000 };
    static char q[LEN + 1];
    SearchHit hits[40];
    char sug[128];
    static const char *const fills[] = {
        "!?.,;:'\"-()[]{}&*%$#@", "a", "zq ", "xray ", "cardiolgy ", "\xc5\x82\xc3\xb3" "d\xc5\xba ",
        "\"* OR NEAR( ", "\xf0\x9f\x98\x80", "ab cd ef gh ij kl mn op qr st uv wx yz ",
    };
    double worst = 0;
    for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
        size_t flen = strlen(fills[f]), n = 0;
        while (n + flen <= LEN) {
            memcpy(q + n, fills[f], flen);
            n += flen;
        }
        q[n] = '\0';
        clock_t t0 = clock();
        int found = store_search_suggest(st, q, ~0u, hits, 40, sug, sizeof sug);
        double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
        CHECK(found >= 0);
        if (getenv("SEARCH_VERBOSE"))
            printf("  '%.12s...': %d hits, %.3f ms\n", fills[f], found, ms);
        if (ms > worst)
            worst = ms;
    }
    /* Only punctuation finds nothing, at once. */
    CHECK_INT(store_search_suggest(st, "!!! ??? ... ,,, --- &&&", ~0u, hits, 40, sug,
                                   sizeof sug), 0);
    CHECK_STR(sug, "");
    printf("  hostile queries of 2,000 characters: slowest %.3f ms\n", worst);
    CHECK(worst < 50.0); /* generous for sanitizer builds; release builds take about 1 ms */
    store_close(st);
}

int main(void)
{
    TEST_RUN(test_every_kind);
    TEST_RUN(test_crowded_prefix);
    TEST_RUN(test_index_must_match_store);
    TEST_RUN(test_timing);
    TEST_RUN(test_edit_distance);
    TEST_RUN(test_sample_mistakes);
    TEST_RUN(test_synonyms_checked);
    TEST_RUN(test_hostile_queries);
    return TEST_REPORT();
}
