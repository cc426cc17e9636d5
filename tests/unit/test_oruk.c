/* test_oruk.c: Open Referral UK import and export (app/oruk).
 * Imports the fixtures in tests/data/oruk (3.0 JSON, 3.0 CSV, 1.0 CSV) into a copy of
 * the smallest site and checks the four files written, byte for byte, the warnings for
 * the values left out, and that the result passes the content check. Round trips the
 * sample content (content/) through JSON and through the CSV tables: the four files
 * come back row for row, and the two stores built from them hold the same services,
 * field by field. Checks that ids stay stable between imports, that UUIDs are
 * deterministic, and that every kind of broken input gives an error at its
 * file:line:column (or place in the JSON) and leaves the content folder untouched.
 * Also runs signpostctl's two commands. The build day is fixed at 2026-11-22. */
#include "content.h"
#include "err.h"
#include "oruk.h"
#include "oruk_model.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ORUK_DATA TEST_DATA_DIR "/oruk"
#define SITE_DIR TEST_DATA_DIR "/content-bad/base"

/* ==== files ==== */

/* A fresh folder under the test's tmp dir, copied from `from` (NULL: empty). */
static const char *fresh(const char *name, const char *from, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/oruk-%s", TEST_TMP_DIR, name);
    tl_remove_tree(buf);
    if (from)
        tl_copy_tree(from, buf);
    else
        mkdir(buf, 0755);
    return buf;
}

static void check_file(const char *dir, const char *name, const char *expected)
{
    char *got = tl_read_in(dir, name, NULL);
    CHECK(got != NULL);
    if (got && strcmp(got, expected) != 0) {
        fprintf(stderr, "  %s/%s differs; got:\n%s\n  expected:\n%s\n", dir, name, got,
                expected);
        CHECK(!"file as expected");
    }
    free(got);
}

static const char *const four[] = {"categories.csv", "organizations.csv", "services.csv",
                                   "schedules.csv"};

/* The four files of dir, joined, to see that a failed import changed nothing. */
static char *snapshot(const char *dir)
{
    size_t cap = 1 << 20, n = 0;
    char *all = calloc(1, cap);
    for (size_t i = 0; all && i < 4; i++) {
        char *f = tl_read_in(dir, four[i], NULL);
        n += (size_t)snprintf(all + n, cap - n, "[%s]%s", four[i], f ? f : "(none)");
        free(f);
    }
    return all;
}

static bool no_tmp_files(const char *dir)
{
    DIR *d = opendir(dir);
    bool ok = true;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".tmp") == 0) {
            fprintf(stderr, "  left behind: %s/%s\n", dir, e->d_name);
            ok = false;
        }
    }
    if (d)
        closedir(d);
    return ok;
}

static void check_content_ok(const char *dir)
{
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), 0);
    if (dl.nerrors)
        diag_print(&dl, stderr);
    diag_release(&dl);
}

/* ==== importing the fixtures ==== */

static void test_import_v3_json(void)
{
    char dir[512];
    fresh("v3-json", SITE_DIR, dir, sizeof dir);
    char *site_before = tl_read_in(dir, "site.ini", NULL);
    DiagList dl;
    diag_init(&dl);
    OrukStats st;
    CHECK_INT(oruk_import(ORUK_DATA "/v3-json/services.json", dir, &dl, &st), 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK_INT(dl.nwarnings, 3);
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.json", 0, 0,
                  "at contents[1].phones[1]: 'call 0808 NOW' (a phone number of 'Northgate "
                  "Talking Space') is not a number the kiosk can show to dial"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.json", 0, 0,
                  "at contents[1]: the maximum_age of 'Northgate Talking Space' (12) is below "
                  "its minimum_age (18); the maximum is left out"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.json", 0, 0,
                  "at contents[1].schedules[1]: a schedule of 'Northgate Talking Space' is "
                  "left out: '2,3,4' is not a day of the month"));
    diag_release(&dl);
    CHECK_INT(st.services, 3);
    CHECK_INT(st.organizations, 1);
    CHECK_INT(st.categories, 4);
    CHECK_INT(st.schedules, 4);
    check_file(dir, "categories.csv",
               "id,label,description\n"
               "carers,Carers,Help for people who look after someone.\n"
               "support-groups,Support groups,People with shared experiences meeting up.\n"
               "mental-health,Mental health,Support for your mental health and wellbeing.\n"
               "other-services,Other services,Services not in any other group.\n");
    check_file(dir, "organizations.csv",
               "id,name,description,url,email\n"
               "riverside-carers-trust,Riverside Carers Trust,A local charity for unpaid "
               "carers.,https://riverside-carers.example.org,hello@riverside-carers.example.org\n");
    check_file(dir, "services.csv",
               "id,name,organization,status,description,categories,eligibility,min_age,max_age,"
               "fees,languages,url,email,phone,phone_description,phone2,phone2_description,"
               "place,address,attending,alert,assured_date\n"
               /* HTML into plain text; £ from the cost option; contact phones after the
                * service's, the fax left out; the address on one line. */
               "riverside-carers-cafe,Riverside Carers' Caf\xc3\xa9,riverside-carers-trust,active,"
               "\"A friendly caf\xc3\xa9 for unpaid carers. Tea & cake, and a listening ear.\","
               "carers;support-groups,,16,,\xc2\xa3" "2.50 a session,\"English, Polish\","
               "https://riverside-carers.example.org/cafe,cafe@riverside-carers.example.org,"
               "01632 960301,Bookings,01632 960302,Coordinator,,\"St Mary's Church Hall, 4 Mill "
               "Lane, Northgate NX2 5CD\",,,2026-09-01\n"
               /* www. given https://, mailto: dropped, the organization met again. */
               "northgate-talking-space,Northgate Talking Space,riverside-carers-trust,"
               "temporarily closed,Evening drop-in for anyone finding things hard.,"
               "carers;mental-health,Adults 18 and over,18,,,,"
               "https://www.talkingspace.example.org,talk@talkingspace.example.org,"
               "0808 157 0311,Free to call,,,,,,Closed until March while the hall is "
               "repaired.,\n"
               /* The same name made unique; no taxonomy term: "other". */
               "carers-cafe,Carers' Caf\xc3\xa9,riverside-carers-trust,active,\"The same "
               "caf\xc3\xa9's online evening, by video call.\",other-services,,,,,,,,"
               "+44 1632 960304,,,,,,,,\n");
    check_file(dir, "schedules.csv",
               "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
               "riverside-carers-cafe,WEEKLY,,TU,,10:00,12:00,,Term time only\n"
               "riverside-carers-cafe,MONTHLY,,-1FR,,18:30,,,\n"
               "northgate-talking-space,WEEKLY,,\"MO,WE\",,18:00,24:00,,\n"
               "carers-cafe,WEEKLY,2,TH,,19:00,20:00,2026-01-08,\n");
    char *site_after = tl_read_in(dir, "site.ini", NULL);
    CHECK(site_before && site_after && strcmp(site_before, site_after) == 0);
    free(site_before);
    free(site_after);
    CHECK(no_tmp_files(dir));
    check_content_ok(dir);
}

static void test_import_v3_csv(void)
{
    char dir[512];
    fresh("v3-csv", SITE_DIR, dir, sizeof dir);
    DiagList dl;
    diag_init(&dl);
    OrukStats st;
    CHECK_INT(oruk_import(ORUK_DATA "/v3-csv", dir, &dl, &st), 0);
    if (dl.len)
        diag_print(&dl, stderr);
    CHECK_INT(dl.len, 0);
    diag_release(&dl);
    CHECK_INT(st.services, 3);
    CHECK_INT(st.schedules, 2);
    check_file(dir, "categories.csv",
               "id,label,description\n"
               "sight-loss,Sight loss,Services for people who are blind or partially sighted.\n"
               "mens-groups,Men's groups,Groups for men to meet and talk.\n");
    check_file(dir, "organizations.csv",
               "id,name,description,url,email\n"
               "northgate-sight-loss-society,Northgate Sight Loss Society,Practical help and "
               "friendship for people with sight loss.,https://sightloss.example.org,"
               "info@sightloss.example.org\n"
               "northgate-mens-shed,Northgate Men's Shed,\"A workshop where men meet, make and "
               "mend.\",https://mensshed.example.org,\n");
    check_file(dir, "services.csv",
               "id,name,organization,status,description,categories,eligibility,min_age,max_age,"
               "fees,languages,url,email,phone,phone_description,phone2,phone2_description,"
               "place,address,attending,alert,assured_date\n"
               /* Phone from its contact; a virtual location gives no address; the
                * schedule's attending_type. */
               "talking-newspaper,Talking newspaper,northgate-sight-loss-society,active,"
               "\"Local news read aloud, on a USB stick or by phone, every week.\",sight-loss,,,,,"
               "English,https://sightloss.example.org/news,,01632 960351,Newsdesk,,,,,"
               "By phone or post,,2026-08-14\n"
               /* The physical address, not the postal one; amount 0 is Free. */
               "low-vision-drop-in,Low vision drop-in,northgate-sight-loss-society,active,"
               "Try magnifiers and lighting and get advice on daily living.,sight-loss,,,,Free,,,"
               "lowvision@sightloss.example.org,01632 960352,,,,,\"The Sight Loss Centre, "
               "Northgate NX1 7GJ\",In person,,2026-07-01\n"
               "mens-shed-workshop,Men's Shed workshop,northgate-mens-shed,inactive,\"Woodwork, "
               "repairs and a cuppa.\",mens-groups,,18,,,,https://mensshed.example.org,,,,,,,,,,"
               "\n");
    check_file(dir, "schedules.csv",
               "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
               "talking-newspaper,WEEKLY,,FR,,09:30,12:00,,Recording day\n"
               "low-vision-drop-in,MONTHLY,,2WE,,13:30,15:30,,\n");
    check_content_ok(dir);
}

static void test_import_v1_csv(void)
{
    char dir[512];
    fresh("v1-csv", SITE_DIR, dir, sizeof dir);
    DiagList dl;
    diag_init(&dl);
    OrukStats st;
    CHECK_INT(oruk_import(ORUK_DATA "/v1-csv", dir, &dl, &st), 0);
    if (dl.len)
        diag_print(&dl, stderr);
    CHECK_INT(dl.len, 0);
    diag_release(&dl);
    CHECK_INT(st.services, 2);
    CHECK_INT(st.categories, 2);
    check_file(dir, "categories.csv",
               "id,label,description\nlong-term-conditions,Long-term conditions,\n"
               "stroke,Stroke,\n");
    check_file(dir, "services.csv",
               "id,name,organization,status,description,categories,eligibility,min_age,max_age,"
               "fees,languages,url,email,phone,phone_description,phone2,phone2_description,"
               "place,address,attending,alert,assured_date\n"
               "stroke-club,Stroke club,northgate-stroke-club,active,\"Exercise, games and talks, "
               "with transport for those who need it.\",long-term-conditions;stroke,Adults who "
               "have had a stroke,18,,Members: \xc2\xa3" "3 a session including transport,"
               "\"English, BSL\",http://stroke.example.org/club,,,,,,,\"Abbey Community Centre, "
               "Northgate NX3 1AA\",Venue,,2026-05-20\n"
               "stroke-helpline,Stroke helpline,northgate-stroke-club,active,A volunteer who has "
               "had a stroke calls you back.,stroke,,,,,,,,01632 960361,,01632-960362,,,,Phone,,"
               "2026-05-20\n");
    /* One row per weekday joins into one rule. */
    check_file(dir, "schedules.csv",
               "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
               "stroke-club,WEEKLY,,WE,,10:00,12:00,,\n"
               "stroke-helpline,WEEKLY,,\"MO,TU,WE,TH,FR\",,09:00,17:00,,\n"
               "stroke-helpline,WEEKLY,,SA,,10:00,13:00,,\n");
    check_content_ok(dir);
}

/* ==== round trips ==== */

static void compare_rules(const Service *a, const Service *b)
{
    CHECK_INT(a->nschedules, b->nschedules);
    for (size_t k = 0; k < a->nschedules && k < b->nschedules; k++) {
        const Schedule *x = &a->schedules[k], *y = &b->schedules[k];
        CHECK_INT(x->freq, y->freq);
        CHECK_INT(x->interval, y->interval);
        CHECK_INT(x->byday, y->byday);
        CHECK_INT(x->week_of_month, y->week_of_month);
        CHECK_INT(x->bymonthday, y->bymonthday);
        CHECK_INT(x->opens, y->opens);
        CHECK_INT(x->closes, y->closes);
        CHECK_INT(civil_to_days(x->dtstart), civil_to_days(y->dtstart));
        CHECK_STR(x->description, y->description);
    }
}

/* Every service of a, field by field, as in b (found by id). */
static void compare_sites(Store *sa, Store *sb)
{
    const Site *a = store_site(sa), *b = store_site(sb);
    CHECK_INT(a->nservices, b->nservices);
    CHECK_INT(a->ncategories, b->ncategories);
    for (size_t i = 0; i < a->ncategories && i < b->ncategories; i++) {
        CHECK_STR(a->categories[i].id, b->categories[i].id);
        CHECK_STR(a->categories[i].label, b->categories[i].label);
        CHECK_STR(a->categories[i].description, b->categories[i].description);
    }
    for (size_t i = 0; i < a->nservices; i++) {
        const Service *x = store_service(sa, (int)i);
        CHECK(x != NULL);
        if (!x)
            continue;
        int j = store_find_service(sb, x->id);
        CHECK(j >= 0);
        if (j < 0) {
            fprintf(stderr, "  service '%s' is missing after the round trip\n", x->id);
            continue;
        }
        const Service *y = store_service(sb, j);
        CHECK_STR(x->name, y->name);
        CHECK_STR(x->description, y->description);
        CHECK_INT(x->status, y->status);
        CHECK_STR(x->alert, y->alert);
        CHECK_STR(x->eligibility, y->eligibility);
        CHECK_INT(x->min_age, y->min_age);
        CHECK_INT(x->max_age, y->max_age);
        CHECK_STR(x->fees, y->fees);
        CHECK_STR(x->languages, y->languages);
        CHECK_STR(x->url, y->url);
        CHECK_STR(x->email, y->email);
        CHECK_STR(x->address, y->address);
        CHECK_STR(x->attending, y->attending);
        CHECK_INT(civil_to_days(x->assured), civil_to_days(y->assured));
        CHECK_STR(x->destination >= 0 ? a->destinations[x->destination].id : "",
                  y->destination >= 0 ? b->destinations[y->destination].id : "");
        CHECK_INT(x->organization >= 0, y->organization >= 0);
        if (x->organization >= 0 && y->organization >= 0) {
            const Organization *p = &a->organizations[x->organization];
            const Organization *q = &b->organizations[y->organization];
            CHECK_STR(p->id, q->id);
            CHECK_STR(p->name, q->name);
            CHECK_STR(p->description, q->description);
            CHECK_STR(p->url, q->url);
            CHECK_STR(p->email, q->email);
        }
        CHECK_INT(x->nphones, y->nphones);
        for (size_t k = 0; k < x->nphones && k < y->nphones; k++) {
            CHECK_STR(x->phones[k].number, y->phones[k].number);
            CHECK_STR(x->phones[k].description, y->phones[k].description);
        }
        CHECK_INT(x->ncategories, y->ncategories);
        for (size_t k = 0; k < x->ncategories && k < y->ncategories; k++)
            CHECK_STR(a->categories[x->categories[k]].id, b->categories[y->categories[k]].id);
        compare_rules(x, y);
    }
}

static void round_trip(OrukFormat format, const char *name)
{
    char dir[512], out[600], db_a[600], db_b[600];
    fresh(name, SOURCE_ROOT "/content", dir, sizeof dir);
    snprintf(out, sizeof out, "%s-export%s", dir, format == ORUK_JSON ? ".json" : "");
    tl_remove_tree(out);
    unlink(out);
    DiagList dl;
    diag_init(&dl);
    OrukStats ex, im;
    CHECK_INT(oruk_export(SOURCE_ROOT "/content", out, format, &dl, &ex), 0);
    CHECK_INT(oruk_import(out, dir, &dl, &im), 0);
    if (dl.len)
        diag_print(&dl, stderr);
    CHECK_INT(dl.len, 0);
    diag_release(&dl);
    CHECK(ex.services >= 80);
    CHECK_INT(im.services, ex.services);
    CHECK_INT(im.categories, ex.categories);
    CHECK_INT(im.schedules, ex.schedules);
    /* The rows come back as they were written (quoting aside: organizations.csv quotes
     * some text that needs no quotes). */
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(four[i], "organizations.csv") == 0)
            continue;
        char path[700];
        snprintf(path, sizeof path, "%s/%s", SOURCE_ROOT "/content", four[i]);
        char *want = tl_read_file(path, NULL);
        check_file(dir, four[i], want ? want : "");
        free(want);
    }
    /* Both build, and hold the same services. */
    snprintf(db_a, sizeof db_a, "%s-a.db", dir);
    snprintf(db_b, sizeof db_b, "%s-b.db", dir);
    diag_init(&dl);
    CHECK_INT(content_build(SOURCE_ROOT "/content", db_a, &dl, NULL), 0);
    CHECK_INT(content_build(dir, db_b, &dl, NULL), 0);
    CHECK_INT(dl.nerrors, 0);
    diag_release(&dl);
    Store *a = store_open(db_a), *b = store_open(db_b);
    CHECK(a && b);
    if (a && b)
        compare_sites(a, b);
    if (!a || !b)
        fprintf(stderr, "  store_open: %s\n", err_msg());
    store_close(a);
    store_close(b);
}

static void test_round_trip_json(void)
{
    round_trip(ORUK_JSON, "round-trip-json");
}

static void test_round_trip_csv(void)
{
    round_trip(ORUK_CSV, "round-trip-csv");
}

/* ==== ids ==== */

static bool is_uuid5(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
            return false;
    }
    return s[14] == '5' && strchr("89ab", s[19]) != NULL;
}

static void test_export_is_deterministic(void)
{
    char dir[512], site[512];
    fresh("export-ids", NULL, dir, sizeof dir);
    char a[600], b[600], c[600];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(b, sizeof b, "%s/b.json", dir);
    snprintf(c, sizeof c, "%s/c.json", dir);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(oruk_export(SOURCE_ROOT "/content", a, ORUK_JSON, &dl, NULL), 0);
    CHECK_INT(oruk_export(SOURCE_ROOT "/content", b, ORUK_JSON, &dl, NULL), 0);
    /* Another site's ids differ, even for the same Signpost ids. */
    fresh("export-other-site", SOURCE_ROOT "/content", site, sizeof site);
    char *ini = tl_read_in(site, "site.ini", NULL);
    char *p = ini ? strstr(ini, "name = Northgate General Hospital") : NULL;
    if (p)
        memcpy(p + 7, "Southgate", 9);
    tl_put_text(site, "site.ini", ini ? ini : "");
    free(ini);
    CHECK_INT(oruk_export(site, c, ORUK_JSON, &dl, NULL), 0);
    CHECK_INT(dl.nerrors, 0);
    diag_release(&dl);
    char *ja = tl_read_file(a, NULL), *jb = tl_read_file(b, NULL), *jc = tl_read_file(c, NULL);
    CHECK(ja && jb && strcmp(ja, jb) == 0);
    const char *id = ja ? strstr(ja, "\"id\": \"") : NULL;
    char first[40] = "";
    if (id)
        snprintf(first, sizeof first, "%.36s", id + 7);
    CHECK(is_uuid5(first));
    CHECK(jc && first[0] && !strstr(jc, first));
    CHECK(!tl_exists(TEST_TMP_DIR "/oruk-export-ids/a.json.tmp"));
    free(ja);
    free(jb);
    free(jc);
}

/* Importing again gives the same files; ids a volunteer already has are kept (by the
 * export's UUIDs, or by name), and so is the order of the categories. */
static void test_ids_are_stable(void)
{
    char dir[512];
    fresh("stable", SITE_DIR, dir, sizeof dir);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(oruk_import(ORUK_DATA "/v3-json/services.json", dir, &dl, NULL), 0);
    char *first = snapshot(dir);
    CHECK_INT(oruk_import(ORUK_DATA "/v3-json/services.json", dir, &dl, NULL), 0);
    char *second = snapshot(dir);
    CHECK(first && second && strcmp(first, second) == 0);
    free(first);
    free(second);

    /* A volunteer renamed two ids and reordered the categories. */
    tl_put_text(dir, "categories.csv",
                "id,label,description\nwellbeing,Mental health,x\nsupport-groups,Support groups,x\n"
                "carers,Carers,x\n");
    char *services = tl_read_in(dir, "services.csv", NULL);
    char *p = services ? strstr(services, "\nriverside-carers-cafe,") : NULL;
    if (p)
        memcpy(p + 1, "the-riverside-cafe-01", 21); /* same length, new id */
    tl_put_text(dir, "services.csv", services ? services : "");
    free(services);
    CHECK_INT(oruk_import(ORUK_DATA "/v3-json/services.json", dir, &dl, NULL), 0);
    CHECK_INT(dl.nerrors, 0);
    diag_release(&dl);
    char *cats = tl_read_in(dir, "categories.csv", NULL);
    CHECK(cats && strstr(cats, "id,label,description\nwellbeing,Mental health,"));
    CHECK(cats && strstr(cats, "\nsupport-groups,Support groups,People with shared experiences "
                               "meeting up.\ncarers,Carers,"));
    CHECK(cats && strstr(cats, "\nother-services,"));
    free(cats);
    services = tl_read_in(dir, "services.csv", NULL);
    CHECK(services && strstr(services, "\nthe-riverside-cafe-01,Riverside Carers' Caf\xc3\xa9,"));
    CHECK(services && strstr(services, ",carers;wellbeing,"));
    free(services);
}

/* ==== broken input ==== */

/* Imports `source` into a folder holding the four files already; expects failure with
 * `errors` errors, and the folder unchanged. Returns the diags (release them). */
static void failed_import(const char *source, size_t errors, DiagList *dl)
{
    char dir[512];
    fresh("failed", SITE_DIR, dir, sizeof dir);
    tl_copy_tree(TEST_DATA_DIR "/directory/base", dir);
    char *before = snapshot(dir);
    diag_init(dl);
    OrukStats st = {1, 1, 1, 1};
    CHECK_INT(oruk_import(source, dir, dl, &st), -1);
    CHECK_INT(dl->nerrors, errors);
    CHECK_INT(st.services, 0);
    char *after = snapshot(dir);
    CHECK(before && after && strcmp(before, after) == 0);
    CHECK(no_tmp_files(dir));
    free(before);
    free(after);
}

static const char *source_file(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/oruk-src-%s", TEST_TMP_DIR, name);
    tl_put_str(path, text);
    return path;
}

static const char *source_dir(const char *name)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/oruk-srcdir-%s", TEST_TMP_DIR, name);
    tl_remove_tree(dir);
    tl_copy_tree(ORUK_DATA "/v3-csv", dir);
    return dir;
}

static void test_bad_json(void)
{
    DiagList dl;
    failed_import(source_file("syntax.json", "[\n  {\"id\": \"a\", \"name\": \"A\",}\n]\n"), 1,
                  &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-syntax.json", 2, 27,
                  "this is not valid JSON: string or '}' expected near '}'"));
    diag_release(&dl);

    failed_import(source_file("empty.json", ""), 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-empty.json", 1, 0, "this is not valid JSON"));
    diag_release(&dl);

    failed_import(source_file("number.json", "42"), 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-number.json", 1, 2, "not valid JSON"));
    diag_release(&dl);

    failed_import(source_file("object.json", "{\"services\": []}"), 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-object.json", 0, 0,
                  "expected a list of services"));
    diag_release(&dl);

    failed_import(source_file("kinds.json", "[1, {\"name\": \"No id\"}, {\"id\": \"s1\", "
                                            "\"name\": \"A\"}, {\"id\": \"s1\", \"name\": \"B\"}]"),
                  3, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-kinds.json", 0, 0,
                  "at [0]: a service should be an object but this is a number"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-kinds.json", 0, 0,
                  "at [1]: the service 'No id' has no id"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-kinds.json", 0, 0,
                  "at [3]: the service id 's1' is used twice (also at [2])"));
    diag_release(&dl);
}

static void test_json_dangling_references(void)
{
    DiagList dl;
    failed_import(source_file("refs.json",
                              "[{\"id\": \"s1\", \"name\": \"Group\", \"status\": \"active\", "
                              "\"organization_id\": \"o-9\", \"attributes\": [{\"id\": \"a1\", "
                              "\"taxonomy_term_id\": \"t-9\"}]},"
                              " {\"id\": \"s2\", \"name\": \"Other\", \"status\": \"open\"}]"),
                  3, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-refs.json", 0, 0,
                  "at [0]: the service 'Group' names the organization 'o-9', but there is no "
                  "organization 'o-9' in the file"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-refs.json", 0, 0,
                  "at [0].attributes[0]: the service 'Group' has the taxonomy term 't-9', but "
                  "there is no taxonomy term 't-9' in the file"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-src-refs.json", 0, 0,
                  "at [1]: the service 'Other' has the status 'open'"));
    diag_release(&dl);
}

static void test_csv_problems(void)
{
    DiagList dl;
    /* A service naming an organization that is not there, and a duplicate id. */
    const char *dir = source_dir("refs");
    char *services = tl_read_in(dir, "services.csv", NULL);
    char *p = services ? strstr(services, "00000000f301,Talking") : NULL;
    if (p)
        memcpy(p, "00000000f399", 12);
    tl_put_text(dir, "services.csv", services ? services : "");
    free(services);
    char path[700];
    snprintf(path, sizeof path, "%s/services.csv", dir);
    FILE *f = fopen(path, "a");
    if (f) {
        fputs("5a0e6c1d-0003-4c2a-8b7e-00000000a302,,Again,Twice.,,,active,,,,,,,,\n", f);
        fclose(f);
    }
    failed_import(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 2,
                  "the service 'Talking newspaper' names the organization "
                  "'5a0e6c1d-0003-4c2a-8b7e-00000000f399', but there is no organization "
                  "'5a0e6c1d-0003-4c2a-8b7e-00000000f399' in organizations.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 5, 1,
                  "the service id '5a0e6c1d-0003-4c2a-8b7e-00000000a302' is used twice (also "
                  "on line 3 of"));
    diag_release(&dl);

    /* Other tables' rows naming services that are not there; an unknown status. */
    dir = source_dir("gone");
    tl_put_text(dir, "services.csv",
                "id,organization_id,name,description,status\n"
                "s-1,,Group,A group.,open\n");
    failed_import(dir, 12, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "service_at_location.csv", 2, 2,
                  "there is no service '5a0e6c1d-0003-4c2a-8b7e-00000000a302' in services.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedule.csv", 2, 2,
                  "there is no service '5a0e6c1d-0003-4c2a-8b7e-00000000a301' in services.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 1,
                  "the service 'Group' has the status 'open'; Open Referral UK's are active, "
                  "inactive, defunct and temporarily closed"));
    diag_release(&dl);

    /* A stray quote, a wrong number of columns, bytes that are not UTF-8: each reported
     * once, and not again where other rows name what they spoil. */
    dir = source_dir("syntax");
    tl_put_text(dir, "organizations.csv",
                "id,name,description\no-1,The \"Best\" Group,x\n");
    tl_put_text(dir, "taxonomy_terms.csv",
                "id,name,description\n5a0e6c1d-0003-4c2a-8b7e-000000007301,Sight loss,x\n"
                "5a0e6c1d-0003-4c2a-8b7e-000000007302,Caf\xe9,x\n");
    tl_put_text(dir, "languages.csv",
                "id,service_id,name\nl-1,5a0e6c1d-0003-4c2a-8b7e-00000000a301,English,extra\n");
    failed_import(dir, 3, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "organizations.csv", 2, 2, "a double quote (\") is in the "
                                                               "wrong place"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "taxonomy_terms.csv", 3, 2, "not valid UTF-8"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "languages.csv", 2, 4,
                  "this row has 4 values but the header has 3 columns"));
    diag_release(&dl);

    /* A folder that is not an ORUK data set. */
    char empty[512];
    fresh("not-oruk", NULL, empty, sizeof empty);
    failed_import(empty, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-not-oruk", 0, 0, "there is no services.csv"));
    diag_release(&dl);

    /* A taxonomy term, location and contact that are not there. */
    dir = source_dir("dangling");
    tl_put_text(dir, "attribute.csv",
                "id,link_id,taxonomy_term_id,link_entity\n"
                "a-1,5a0e6c1d-0003-4c2a-8b7e-00000000a301,t-404,service\n");
    tl_put_text(dir, "service_at_location.csv",
        "id,service_id,location_id\n"
        "5a0e6c1d-0003-4c2a-8b7e-00000000e501,5a0e6c1d-0003-4c2a-8b7e-00000000a302,l-404\n");
    tl_put_text(dir, "phones.csv", "id,contact_id,number\np-1,c-404,01632 960399\n");
    failed_import(dir, 3, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "attribute.csv", 2, 3,
                  "has the taxonomy term 't-404', but there is no taxonomy term 't-404' in "
                  "taxonomy_terms.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "service_at_location.csv", 2, 3,
                  "there is no location 'l-404' in locations.csv"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "phones.csv", 2, 2, "there is no contact 'c-404' in "
                                                        "contacts.csv"));
    diag_release(&dl);
}

static void test_import_in_memory(void)
{
    static const char doc[] =
        "[{\"id\": \"x\", \"name\": \"<b>Bold</b> &#x41;&#66; group\", \"status\": \"active\", "
        "\"description\": \"Line\\u0007one\\r\\nline two\"}]";
    DiagList dl;
    diag_init(&dl);
    OrukStats st;
    CHECK_INT(oruk_import_json_memory("mem.json", doc, sizeof doc - 1, &dl, &st), 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK_INT(st.services, 1);
    CHECK_INT(st.categories, 1);
    diag_release(&dl);
    diag_init(&dl);
    CHECK_INT(oruk_import_json_memory("mem.json", "[", 1, &dl, &st), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "mem.json", 1, 1, "this is not valid JSON"));
    diag_release(&dl);
}

static void test_export_refuses_broken_content(void)
{
    char dir[512], out[600];
    fresh("export-broken", SITE_DIR, dir, sizeof dir);
    tl_copy_tree(TEST_DATA_DIR "/directory/base", dir);
    tl_put_text(dir, "schedules.csv", "service,freq\nnobody,WEEKLY\n");
    snprintf(out, sizeof out, "%s/out.json", dir);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(oruk_export(dir, out, ORUK_JSON, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 2, 1, "there is no service 'nobody'"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "oruk-export-broken", 0, 0, "fix them before exporting"));
    CHECK(!tl_exists(out));
    diag_release(&dl);
}

/* ==== signpostctl ==== */

static int run(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s >%s/oruk-cli.out 2>&1", SIGNPOSTCTL, args, TEST_TMP_DIR);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_signpostctl(void)
{
    char dir[512], args[2048];
    fresh("cli", SITE_DIR, dir, sizeof dir);
    snprintf(args, sizeof args, "content import-oruk %s/v1-csv -o %s", ORUK_DATA, dir);
    CHECK_INT(run(args), 0);
    char *out = tl_read_in(TEST_TMP_DIR, "oruk-cli.out", NULL);
    CHECK_CONTAINS(out, "2 services, 1 organization, 2 categories, 3 meeting times");
    CHECK_CONTAINS(out, "Next: signpostctl content check");
    free(out);
    snprintf(args, sizeof args, "content export-oruk %s -o %s/export --format csv", dir, dir);
    CHECK_INT(run(args), 0);
    char path[700];
    snprintf(path, sizeof path, "%s/export/taxonomy_terms.csv", dir);
    CHECK(tl_exists(path));
    snprintf(args, sizeof args, "content import-oruk %s/nothing-here.json -o %s", dir, dir);
    CHECK_INT(run(args), 1);
    out = tl_read_in(TEST_TMP_DIR, "oruk-cli.out", NULL);
    CHECK_CONTAINS(out, "nothing in");
    free(out);
    CHECK_INT(run("content import-oruk only-a-source"), 2);
    CHECK_INT(run("content export-oruk content -o x --format xml"), 2);
}

/* One cost option as text, the same for the JSON and the CSV readers: Free for 0,
 * pounds with or without pence, another currency after the amount in full, and amounts
 * that cannot be right (negative, a billion or more, not a number) left out. */
static void test_cost_text(void)
{
    DiagList dl;
    diag_init(&dl);
    OrukSet set;
    oruk_set_init(&set, &dl);
    CHECK_STR(oruk_cost_text(&set, "", "", true, 0, ""), "Free");
    CHECK_STR(oruk_cost_text(&set, "", "", true, 5, "gbp"), "\xc2\xa3" "5");
    CHECK_STR(oruk_cost_text(&set, "", "a session", true, 2.5, ""),
              "\xc2\xa3" "2.50 a session");
    CHECK_STR(oruk_cost_text(&set, "Adults", "", true, 12, "EUR"), "Adults: 12 EUR");
    CHECK_STR(oruk_cost_text(&set, "", "", true, 3.25, "Swiss francs"), "3.25 Swiss francs");
    CHECK_STR(oruk_cost_text(&set, "Adults", "per visit", true, -4, ""), "Adults: per visit");
    CHECK_STR(oruk_cost_text(&set, "", "", true, 1e9, ""), "");
    CHECK_STR(oruk_cost_text(&set, "Members", "", true, NAN, ""), "Members");
    CHECK_STR(oruk_cost_text(&set, "", "Donations welcome", false, 0, ""), "Donations welcome");
    CHECK(!set.failed);
    oruk_set_release(&set);
    diag_release(&dl);
}

int main(void)
{
    mkdir(TEST_TMP_DIR, 0755);
    setenv("SOURCE_DATE_EPOCH", "1795348800", 1); /* 2026-11-22 12:00 UTC */
    TEST_RUN(test_cost_text);
    TEST_RUN(test_import_v3_json);
    TEST_RUN(test_import_v3_csv);
    TEST_RUN(test_import_v1_csv);
    TEST_RUN(test_round_trip_json);
    TEST_RUN(test_round_trip_csv);
    TEST_RUN(test_export_is_deterministic);
    TEST_RUN(test_ids_are_stable);
    TEST_RUN(test_bad_json);
    TEST_RUN(test_json_dangling_references);
    TEST_RUN(test_csv_problems);
    TEST_RUN(test_import_in_memory);
    TEST_RUN(test_export_refuses_broken_content);
    TEST_RUN(test_signpostctl);
    return TEST_REPORT();
}
