/* test_directory_content.c: the support-and-services directory from content source to
 * kiosk. Builds the sample content (content/) and checks the services, categories and
 * organisations it holds, that inactive and defunct services stay out and temporarily
 * closed ones are kept, and that phone numbers, web and e-mail addresses are all
 * fictional; opens the store and checks the services as the kiosk sees them (A to Z,
 * with phones, meeting times, categories and places) and that search finds them.
 * Then builds broken copies of tests/data/directory/base (laid over the smallest site,
 * tests/data/content-bad/base) and checks the exact file:line:column and wording of
 * each problem, and that a store whose directory rows name something missing is
 * refused. The build day is fixed at 2026-11-22 with SOURCE_DATE_EPOCH. */
#include "content.h"
#include "err.h"
#include "mem.h"
#include "store.h"
#include "test.h"
#include "testlib.h"
#include "utf8.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define SITE_DIR TEST_DATA_DIR "/content-bad/base"
#define DIR_DATA TEST_DATA_DIR "/directory"

/* ==== files ==== */

/* A fresh folder: the smallest site, the directory base, then case `name`'s files. */
static const char *make_case(const char *name)
{
    static char dir[512];
    char overlay[512];
    snprintf(dir, sizeof dir, "%s/directory-%s", TEST_TMP_DIR, name);
    snprintf(overlay, sizeof overlay, "%s/%s", DIR_DATA, name);
    tl_remove_tree(dir);
    tl_put_files(SITE_DIR, dir, true);
    tl_put_files(DIR_DATA "/base", dir, true);
    tl_put_files(overlay, dir, false);
    return dir;
}

/* ==== diagnostics ==== */

static void check_case(const char *dir, DiagList *dl, size_t errors, size_t warnings)
{
    diag_init(dl);
    int rc = content_check(dir, dl, NULL);
    CHECK_INT(rc, errors ? -1 : 0);
    CHECK_INT(dl->nerrors, errors);
    CHECK_INT(dl->nwarnings, warnings);
    if (dl->nerrors != errors || dl->nwarnings != warnings)
        diag_print(dl, stderr);
}

/* ==== the sample ==== */

#define SAMPLE_DB TEST_TMP_DIR "/directory-sample.db"

static ContentStats sample;

static void test_sample_builds(void)
{
    unlink(SAMPLE_DB);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_build(SOURCE_ROOT "/content", SAMPLE_DB, &dl, &sample), 0);
    CHECK_INT(dl.nerrors, 0);
    /* The only warnings are the entries left unchecked for over a year, on purpose. */
    size_t unchecked = 0;
    for (size_t i = 0; i < dl.len; i++)
        unchecked += strstr(dl.items[i].message, "over a year ago") != NULL;
    CHECK_INT(dl.nwarnings, unchecked);
    CHECK(unchecked >= 3);
    if (dl.nerrors || dl.nwarnings != unchecked)
        diag_print(&dl, stderr);
    diag_release(&dl);
    CHECK(sample.services >= 60);
    CHECK(sample.categories >= 10);
    CHECK(sample.organizations >= 15);
    CHECK(sample.schedules >= 60);

    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open_v2(SAMPLE_DB, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_INT(tl_query_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM service"), sample.services);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM category"), sample.categories);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM organization"), sample.organizations);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM schedule"), sample.schedules);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM search WHERE kind = 'service'"),
              sample.services);
    /* Every category has services; rows keep the file's order. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM category WHERE id NOT IN "
                            "(SELECT category_id FROM service_category)"), 0);
    CHECK_STR(tl_query_text(db, "SELECT id FROM category ORDER BY sort LIMIT 1"), "cancer");
    /* Inactive and defunct services stay out, with their meeting times. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM service WHERE id IN ('lung-cancer-group-old',"
                            " 'smoking-helpline-old', 'hospital-radio-old')"), 0);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM schedule WHERE service_id IN "
                            "('lung-cancer-group-old', 'smoking-helpline-old')"), 0);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM search WHERE ref = 'hospital-radio-old'"), 0);
    /* Temporarily closed ones are kept, marked. */
    CHECK_STR(tl_query_text(db, "SELECT status FROM service WHERE id = 'hearing-voices'"),
              "temporarily closed");
    CHECK(tl_query_int(db, "SELECT count(*) FROM service WHERE status = 'temporarily closed'") >= 2);
    CHECK(tl_query_int(db, "SELECT count(*) FROM service WHERE alert != ''") >= 3);
    /* The services the issue asks for are there. */
    const char *ids[] = {"complaints-advocacy", "health-ombudsman", "healthwatch-northgate",
                         "crisis-line", "interpreting", "carers-centre", "young-carers",
                         "bereavement-helpline", "breast-cancer-group", "stroke-club",
                         "diabetes-group", "heart-support-group", "memory-cafe",
                         "breastfeeding-drop-in", "little-steps-group", "recovery-service",
                         "domestic-abuse-line", "advice-centre", "community-transport",
                         "chaplaincy"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM service WHERE id = '%s'", ids[i]);
        CHECK_INT(tl_query_int(db, sql), 1);
    }
    CHECK(tl_query_int(db, "SELECT count(*) FROM service_category WHERE category_id = 'carers'") >= 3);
    CHECK(tl_query_int(db, "SELECT count(*) FROM service_category "
                        "WHERE category_id = 'bereavement'") >= 3);
    CHECK(tl_query_int(db, "SELECT count(*) FROM service_category WHERE category_id = 'cancer'") >= 3);
    /* Cancer groups meet on the site, in the Support Centre. */
    CHECK(tl_query_int(db, "SELECT count(*) FROM service "
                        "WHERE destination_id = 'cancer-support'") >= 3);
    /* Monthly, every-other-week and start-time-only rules are all used. */
    CHECK(tl_query_int(db, "SELECT count(*) FROM schedule WHERE byday LIKE '1%'") >= 1);
    CHECK(tl_query_int(db, "SELECT count(*) FROM schedule WHERE byday LIKE '-1%'") >= 1);
    CHECK(tl_query_int(db, "SELECT count(*) FROM schedule WHERE bymonthday != ''") >= 1);
    CHECK(tl_query_int(db, "SELECT count(*) FROM schedule WHERE interval = 2 AND dtstart != ''") >= 3);
    CHECK(tl_query_int(db, "SELECT count(*) FROM schedule "
                        "WHERE opens_at != '' AND closes_at = ''") >= 1);
    /* Several entries were last checked over a year before the build day. */
    CHECK(tl_query_int(db, "SELECT count(*) FROM service WHERE assured_date != '' AND "
                        "assured_date < '2025-11-22'") >= 3);
    /* Everything is fictional: Ofcom drama numbers, example.org addresses. */
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM service_phone WHERE number NOT GLOB "
                            "'01632 960[0-9][0-9][0-9]' AND number NOT GLOB "
                            "'0808 157 0[0-9][0-9][0-9]'"), 0);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM (SELECT url FROM service UNION ALL SELECT url "
                            "FROM organization) WHERE url != '' AND url NOT GLOB "
                            "'https://*example.org' AND url NOT GLOB 'https://*example.org/*'"),
              0);
    CHECK_INT(tl_query_int(db, "SELECT count(*) FROM (SELECT email FROM service UNION ALL SELECT "
                            "email FROM organization) WHERE email != '' AND email NOT GLOB "
                            "'*@example.org'"), 0);
    CHECK_STR(tl_query_text(db, "SELECT value FROM meta WHERE key = 'pals_phone'"), "01632 960100");
    sqlite3_close(db);
}

/* The index of service `id` in the Site, or -1 (reported). */
/* Service i of the store st (read from it: the kiosk does not hold them). */
#define SV(i) store_service(st, (int)(i))

static int service(Store *st, const char *id)
{
    int i = store_find_service(st, id);
    if (i < 0)
        fprintf(stderr, "  service '%s' is not in the store\n", id);
    return i;
}

static void test_sample_in_the_kiosk(void)
{
    Store *st = store_open(SAMPLE_DB);
    CHECK(st != NULL);
    if (!st) {
        fprintf(stderr, "  store_open: %s\n", err_msg());
        return;
    }
    const Site *s = store_site(st);
    CHECK_INT(s->nservices, sample.services);
    CHECK_INT(s->ncategories, sample.categories);
    CHECK_INT(s->norganizations, sample.organizations);
    CHECK_STR(s->pals_phone, "01632 960100");
    CHECK_STR(s->categories[0].id, "cancer");
    CHECK(site_find_category(s, "bereavement") >= 0);
    CHECK_INT(site_find_category(s, "nonsense"), -1);
    CHECK_INT(store_find_service(st, "hospital-radio-old"), -1);
    /* A to Z by name, ignoring case and accents. */
    for (size_t i = 1; i < s->nservices; i++) {
        char a[256], b[256];
        utf8_fold(SV(i - 1)->name, a, sizeof a);
        utf8_fold(SV(i)->name, b, sizeof b);
        if (strcmp(a, b) > 0) {
            fprintf(stderr, "  '%s' comes before '%s'\n", SV(i - 1)->name,
                    SV(i)->name);
            CHECK(strcmp(a, b) <= 0);
        }
    }
    /* Each category's count, and its services as the list reads them: A to Z, each in
     * the category, none left out. */
    for (size_t c = 0; c < s->ncategories; c++) {
        int *list = NULL;
        size_t n = 0, counted = 0;
        CHECK_INT(store_category_services(st, (int)c, &list, &n), 0);
        CHECK_INT(n, s->categories[c].nservices);
        for (size_t k = 0; k < s->nservices; k++)
            for (size_t j = 0; SV(k) && j < SV(k)->ncategories; j++)
                counted += SV(k)->categories[j] == (int)c;
        CHECK_INT(counted, n);
        for (size_t k = 0; k < n; k++) {
            CHECK(k == 0 || list[k - 1] < list[k]);
            bool in = false;
            for (size_t j = 0; SV(list[k]) && j < SV(list[k])->ncategories; j++)
                in |= SV(list[k])->categories[j] == (int)c;
            CHECK(in);
        }
        mem_free(list);
    }
    /* Every service read twice over (from the store, then the cache): found by its id. */
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < s->nservices; k++) {
            const Service *v = SV(k);
            CHECK(v != NULL && store_find_service(st, v->id) == (int)k);
        }

    int i = service(st, "crisis-line");
    if (i >= 0) {
        const Service *v = SV(i);
        char words[128];
        CHECK_INT(v->status, SERVICE_ACTIVE);
        CHECK_INT(v->nphones, 2);
        CHECK_STR(v->phones[0].number, "0808 157 0200");
        CHECK_STR(v->phones[1].description, "From a phone that cannot call 0808 numbers");
        CHECK_INT(v->nschedules, 1);
        schedule_words(&v->schedules[0], words, sizeof words);
        CHECK_STR(words, "Every day, 24 hours");
        CHECK_INT(v->ncategories, 1);
        CHECK_STR(s->categories[v->categories[0]].id, "mental-health");
        CHECK_STR(s->organizations[v->organization].id, "northgate-vale-mh");
        CHECK_INT(v->destination, -1);
        CHECK_CONTAINS(v->alert, "999");
        CHECK_INT(v->assured.year * 10000 + v->assured.month * 100 + v->assured.day, 20261110);
    }
    i = service(st, "carers-cafe");
    if (i >= 0) {
        const Service *v = SV(i);
        char words[128];
        CHECK_INT(v->destination, site_find_destination(s, "restaurant"));
        CHECK_INT(v->nschedules, 1);
        schedule_words(&v->schedules[0], words, sizeof words);
        CHECK_STR(words, "Last Friday of the month, 10:00 to 12:00");
        CHECK_INT(v->ncategories, 2);
        CHECK_STR(s->categories[v->categories[0]].id, "carers");
        CHECK_STR(s->categories[v->categories[1]].id, "support-groups");
        CivilDate next;
        CHECK(schedule_next(&v->schedules[0], (CivilDate){2026, 11, 22}, &next));
        CHECK_INT(next.year * 10000 + next.month * 100 + next.day, 20261127);
    }
    i = service(st, "young-carers");
    if (i >= 0) {
        const Service *v = SV(i);
        char words[128];
        CHECK_INT(v->min_age, 8);
        CHECK_INT(v->max_age, 17);
        CHECK_STR(v->address, "The Carers Centre, 8 Bridge Street, Northgate NX1 3EF");
        schedule_words(&v->schedules[0], words, sizeof words);
        CHECK_STR(words, "Every other Thursday, 16:30 to 18:30");
        CHECK_STR(v->schedules[0].description, "Term time only");
    }
    i = service(st, "dementia-carers-group");
    if (i >= 0) {
        char words[128];
        schedule_words(&SV(i)->schedules[0], words, sizeof words);
        CHECK_STR(words, "First Monday of the month, 18:30");
        CHECK_INT(SV(i)->min_age, -1);
    }
    i = service(st, "hearing-voices");
    if (i >= 0) {
        CHECK_INT(SV(i)->status, SERVICE_TEMPORARILY_CLOSED);
        CHECK(SV(i)->alert[0] != '\0');
    }
    i = service(st, "head-neck-cancer-group");
    if (i >= 0) {
        CHECK_INT(SV(i)->destination, site_find_destination(s, "cancer-support"));
        CHECK_INT(SV(i)->assured.year, 2024);
    }

    /* Search finds services by folded words in their names and bodies. */
    SearchHit hits[40];
    const char *queries[][2] = {
        {"bereavement", "bereavement-helpline"},
        {"carers", "carers-centre"},
        {"CAFE carers", "carers-cafe"},      /* "Carers' café": case and accents */
        {"crisis", "crisis-line"},
        {"interpreter", "interpreting"},     /* in the description */
        {"Polish", "talking-therapies"},     /* in the languages */
        {"ombudsman", "health-ombudsman"},
        {"healthwatch", "healthwatch-northgate"},
        {"premature", "little-steps-group"},
        {"debt", "advice-centre"},
    };
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        int n = store_search(st, queries[q][0], hits, sizeof hits / sizeof hits[0]);
        bool found = false;
        for (int k = 0; k < n; k++)
            found |= hits[k].kind == SEARCH_SERVICE &&
                     strcmp(SV(hits[k].index)->id, queries[q][1]) == 0;
        if (!found)
            fprintf(stderr, "  searching '%s' did not find service '%s' (%d hits)\n",
                    queries[q][0], queries[q][1], n);
        CHECK(found);
    }
    /* Destinations are still found as before. */
    int n = store_search(st, "pharmacy", hits, 8);
    CHECK(n >= 1 && hits[0].kind == SEARCH_DESTINATION);
    store_close(st);
}

/* ==== broken content ==== */

static void test_directory_base_is_clean(void)
{
    const char *dir = make_case("base");
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    char out[600];
    snprintf(out, sizeof out, "%s/directory-base.db", TEST_TMP_DIR);
    unlink(out);
    CHECK_INT(content_build(dir, out, &dl, &stats), 0);
    CHECK_INT(dl.len, 0);
    if (dl.len)
        diag_print(&dl, stderr);
    diag_release(&dl);
    CHECK_INT(stats.categories, 2);
    CHECK_INT(stats.organizations, 1);
    CHECK_INT(stats.services, 3); /* the defunct one stays out */
    CHECK_INT(stats.schedules, 3);
    Store *st = store_open(out);
    CHECK(st != NULL);
    if (!st)
        return;
    const Site *s = store_site(st);
    CHECK_INT(s->nservices, 3);
    /* A to Z: Bereavement, Carers', Ward. */
    CHECK_STR(SV(0)->id, "bereavement-line");
    CHECK_STR(SV(1)->id, "carers-cafe");
    CHECK_STR(SV(2)->id, "ward-visits");
    const Service *b = SV(0);
    CHECK_INT(b->organization, -1);
    CHECK_INT(b->min_age, 18);
    CHECK_INT(b->max_age, -1);
    CHECK_INT(b->nphones, 2);
    CHECK_STR(b->phones[1].number, "+44 (0)1632 960821");
    CHECK_STR(b->phones[1].description, "Office");
    CHECK_INT(b->ncategories, 2);
    CHECK_STR(s->categories[b->categories[0]].id, "bereavement");
    CHECK_STR(b->email, "help@example.org");
    const Service *w = SV(2);
    CHECK_INT(w->status, SERVICE_TEMPORARILY_CLOSED);
    CHECK_STR(w->alert, "Paused until spring.");
    CHECK_INT(w->destination, site_find_destination(s, "ward"));
    CHECK_INT(w->nphones, 0);
    CHECK_INT(w->nschedules, 1);
    CHECK_INT(w->schedules[0].interval, 2);
    CHECK_STR(w->schedules[0].description, "Term time");
    CHECK_STR(s->pals_phone, "");
    store_close(st);
}

/* A copy of the base store with `sql` run on it fails to open with `text` in the
 * message. */
static void check_inconsistent(const char *sql, const char *text)
{
    char from[600], to[600];
    snprintf(from, sizeof from, "%s/directory-base.db", TEST_TMP_DIR);
    snprintf(to, sizeof to, "%s/directory-broken.db", TEST_TMP_DIR);
    size_t len;
    char *data = tl_read_file(from, &len);
    CHECK(data != NULL);
    if (!data)
        return;
    tl_put(to, data, len);
    free(data);
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(to, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    Store *st = store_open(to);
    CHECK(st == NULL);
    store_close(st);
    CHECK_CONTAINS(err_msg(), text);
    CHECK_CONTAINS(err_msg(), "directory-broken.db");
}

static void test_inconsistent_store(void)
{
    check_inconsistent("UPDATE service SET destination_id = 'gone' WHERE id = 'ward-visits'",
                       "service 'ward-visits' meets at destination 'gone', which is not in "
                       "the store");
    check_inconsistent("UPDATE service SET organization_id = 'gone' WHERE id = 'ward-visits'",
                       "service 'ward-visits' is run by organization 'gone'");
    check_inconsistent("PRAGMA ignore_check_constraints = ON; "
                       "UPDATE service SET status = 'defunct' WHERE id = 'ward-visits'",
                       "service 'ward-visits' has status 'defunct'");
    check_inconsistent("UPDATE service SET assured_date = 'last week'",
                       "'last week', which is not a date");
    check_inconsistent("UPDATE schedule SET byday = '5MO' WHERE service_id = 'ward-visits'",
                       "a meeting time of service 'ward-visits' is not a valid rule (byday: "
                       "'5MO' has a week number");
    check_inconsistent("INSERT INTO service_phone VALUES('nobody', '01632 960000', '', 0)",
                       "a phone number is given for service 'nobody', which is not in the "
                       "store");
    check_inconsistent("UPDATE service_category SET category_id = 'gone' "
                       "WHERE service_id = 'ward-visits'",
                       "is in category 'gone', which is not in the store");
    check_inconsistent("DROP TABLE schedule", "no such table: schedule");
    check_inconsistent("UPDATE service SET rowid = 999999999 WHERE id = 'ward-visits'",
                       "service 'ward-visits' has row number 999999999, out of the range");
}

static void test_unknown_category(void)
{
    DiagList dl;
    check_case(make_case("unknown-category"), &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 6,
                  "there is no category 'bereavment' in categories.csv; did you mean "
                  "'bereavement'?"));
    diag_release(&dl);
}

static void test_impossible_schedule(void)
{
    DiagList dl;
    check_case(make_case("impossible-schedule"), &dl, 2, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 3, 4,
                  "'5MO' has a week number, which only a MONTHLY schedule can have; write "
                  "MO for every Monday, or make the freq MONTHLY"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 4, 5,
                  "'32' is not a day of the month; write a number from 1 to 31"));
    diag_release(&dl);
}

static void test_bad_phone(void)
{
    DiagList dl;
    check_case(make_case("bad-phone"), &dl, 2, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 14,
                  "'960820' is not a phone number; write UK numbers with the area code"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 16,
                  "'01632 96O821' is not a phone number"));
    diag_release(&dl);
}

static void test_bad_cells(void)
{
    DiagList dl;
    check_case(make_case("bad-cells"), &dl, 12, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 3,
                  "there is no organization 'carers-center' in organizations.csv; did you "
                  "mean 'carers-centre'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 4,
                  "'open' is not a status; write active, temporarily closed, inactive or "
                  "defunct"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 12,
                  "'www.carers.example.org' is not a full web address; start it with "
                  "https://"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 13,
                  "'carers.example.org' is not an e-mail address"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 18,
                  "there is no destination 'caffe' in destinations.csv; did you mean "
                  "'cafe'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 1,
                  "the id 'carers-cafe' is already used on line 2"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 9, "max_age 16 is below min_age 18"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 19,
                  "give either a place on this site or an address elsewhere, not both"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 22,
                  "2027-01-01 is after today (2026-11-22)"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 4, 5, "the description is missing"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 4, 8, "'eighteen' is not a whole number"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 4, 22,
                  "'2026-02-30' is not a date; write the day the entry was last checked as "
                  "YYYY-MM-DD"));
    diag_release(&dl);
}

static void test_warnings(void)
{
    DiagList dl;
    check_case(make_case("warnings"), &dl, 0, 3);
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.csv", 2, 2,
                  "'Carers' caf\xc3\xa9' has no way to contact it: give a phone, email, url, "
                  "place or address"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.csv", 2, 22,
                  "this entry was last checked on 2025-10-01, over a year ago"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "categories.csv", 3, 1,
                  "no service the kiosk shows has the category 'bereavement'"));
    diag_release(&dl);
}

static void test_pals_phone(void)
{
    const char *dir = make_case("pals-phone");
    char path[600];
    snprintf(path, sizeof path, "%s/site.ini", dir);
    const char *ini = "[site]\nname = Test Hospital\nreception = Front desk\n"
                      "pals_phone = 12345\n";
    tl_put(path, ini, strlen(ini));
    DiagList dl;
    check_case(dir, &dl, 1, 0);
    CHECK(tl_diag(&dl, DIAG_ERROR, "site.ini", 4, 0, "'12345' is not a phone number"));
    diag_release(&dl);
}

/* ==== running out of memory ==== */

/* Fails each allocation of `what` in turn (mem_fail_at), from the first to the last it
 * makes when nothing fails, and checks each run either succeeds or fails saying "out of
 * memory". Under LeakSanitizer (the sanitizer build) every run must leave nothing
 * behind. Returns how many allocations a clean run makes. */
static unsigned long fail_each_allocation(int (*what)(void))
{
    unsigned long before = mem_allocations();
    CHECK_INT(what(), 0);
    unsigned long total = mem_allocations() - before;
    CHECK(total > 0);
    unsigned long refused = 0;
    for (unsigned long n = 1; n <= total; n++) {
        err_clear();
        mem_fail_at(n, false);
        int rc = what();
        mem_fail_at(0, false);
        if (rc != 0) {
            refused++;
            if (!strstr(err_msg(), "out of memory")) {
                fprintf(stderr, "  allocation %lu of %lu: %s\n", n, total, err_msg());
                CHECK_CONTAINS(err_msg(), "out of memory");
                break;
            }
        }
    }
    /* Almost every allocation is needed: failing them must be refused, not ignored. */
    CHECK(refused * 2 > total);
    return total;
}

static int open_sample_store(void)
{
    Store *st = store_open(SAMPLE_DB);
    if (!st)
        return -1;
    const Site *s = store_site(st);
    int rc = s && s->nservices == (size_t)sample.services && s->npages > 0 ? 0 : -1;
    store_close(st);
    return rc;
}

static int check_sample_content(void)
{
    DiagList dl;
    diag_init(&dl);
    int rc = content_check(SOURCE_ROOT "/content", &dl, NULL);
    /* An allocation that fails is reported as a problem at the file it was reading. */
    for (size_t i = 0; rc != 0 && i < dl.len; i++)
        if (strstr(dl.items[i].message, "out of memory"))
            err_set("%s", dl.items[i].message);
    diag_release(&dl);
    return rc;
}

static void test_out_of_memory_store_open(void)
{
    fail_each_allocation(open_sample_store);
}

static void test_out_of_memory_content_check(void)
{
    fail_each_allocation(check_sample_content);
}

int main(void)
{
    /* The build day: 2026-11-22, midday UTC. */
    setenv("SOURCE_DATE_EPOCH", "1795348800", 1);
    TEST_RUN(test_sample_builds);
    TEST_RUN(test_sample_in_the_kiosk);
    TEST_RUN(test_out_of_memory_store_open);
    TEST_RUN(test_out_of_memory_content_check);
    TEST_RUN(test_directory_base_is_clean);
    TEST_RUN(test_inconsistent_store);
    TEST_RUN(test_unknown_category);
    TEST_RUN(test_impossible_schedule);
    TEST_RUN(test_bad_phone);
    TEST_RUN(test_bad_cells);
    TEST_RUN(test_warnings);
    TEST_RUN(test_pals_phone);
    return TEST_REPORT();
}
