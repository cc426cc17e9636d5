/* test_content_robust.c: the content build against malformed sources. Each case lays
 * broken bytes over the smallest site with support services (tests/data/content-bad/base
 * and tests/data/directory/base) and checks that:
 *   - the check gives a clear error at the right file:line:column (and does not crash:
 *     the suite runs under AddressSanitizer and UndefinedBehaviorSanitizer);
 *   - a build over an existing good store fails and leaves the store byte for byte as
 *     it was, with no .tmp left behind;
 *   - the content folder itself is untouched by checking and building.
 * Cases: stray and unclosed quotes, wrong column counts, a byte order mark with CRLF
 * (accepted), old Mac line ends (accepted, with right line numbers), UTF-16, bytes that
 * are not UTF-8, a NUL byte, empty files, a file of only a byte order mark, files of only
 * a header, a 1 MB cell, a file over 32 MB, random bytes, bad dates and times, duplicate
 * ids, a header naming a column twice or missing one, paths to a missing waypoint or
 * from a waypoint to itself, a one-way path cycle, services and schedules naming what
 * is not there. The build day is fixed at 2026-11-22.
 * Content that cannot hang or vanish (issue 9 part 8): a page or table that is a
 * symbolic link to nothing or in a loop, a named pipe (FIFO) or a device in place of a
 * content file (also through signpostctl, under a time limit, since it used to wait
 * forever), and a renamed column ("Opening hours" for hours, and every column of every
 * table renamed in turn): each an error naming it, with the exact message. */
#include "content.h"
#include "test.h"
#include "testlib.h"

#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define SITE_DIR TEST_DATA_DIR "/content-bad/base"
#define DIR_DATA TEST_DATA_DIR "/directory/base"

/* ==== files ==== */

/* The smallest site with support services, fresh, in a folder of its own. */
static const char *make_case(const char *name)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/robust-%s", TEST_TMP_DIR, name);
    tl_remove_tree(dir);
    tl_put_files(SITE_DIR, dir, true);
    tl_put_files(DIR_DATA, dir, true);
    return dir;
}

/* Every file of dir, names and bytes, as one string (to see that nothing changed). */
static char *snapshot(const char *dir)
{
    size_t cap = 64, n = 0;
    char *all = malloc(cap);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (all)
        all[0] = '\0';
    while (all && d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        struct stat sb;
        bool regular = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
        char *data = regular ? tl_read_file(path, &len) : NULL; /* never open a FIFO */
        size_t need = n + strlen(e->d_name) + len + 8;
        char *na = need > cap ? realloc(all, need * 2) : all;
        if (!na) {
            free(data);
            free(all);
            all = NULL;
            break;
        }
        all = na;
        cap = need > cap ? need * 2 : cap;
        n += (size_t)sprintf(all + n, "[%s]", e->d_name);
        if (data)
            memcpy(all + n, data, len);
        n += len;
        all[n] = '\0';
        free(data);
    }
    if (d)
        closedir(d);
    return all;
}

/* ==== the store a failed build must not touch ==== */

static char good_store[512];
static char *good_bytes;
static size_t good_len;

static void make_good_store(void)
{
    snprintf(good_store, sizeof good_store, "%s/robust-good.db", TEST_TMP_DIR);
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_build(make_case("good"), good_store, &dl, NULL), 0);
    diag_release(&dl);
    good_bytes = tl_read_file(good_store, &good_len);
    CHECK(good_bytes != NULL);
}

/* Checks dir (expecting `errors` errors, listed in dl for the caller to look at), then
 * builds it over the good store: the build fails, the store and the folder stay as
 * they were. */
static void check_broken(const char *dir, size_t errors, DiagList *dl)
{
    char *before = snapshot(dir);
    diag_init(dl);
    CHECK_INT(content_check(dir, dl, NULL), -1);
    CHECK_INT(dl->nerrors, errors);

    DiagList bl;
    diag_init(&bl);
    CHECK_INT(content_build(dir, good_store, &bl, NULL), -1);
    CHECK_INT(bl.nerrors, errors);
    diag_release(&bl);
    size_t len = 0;
    char *after_store = tl_read_file(good_store, &len);
    CHECK(after_store && good_bytes && len == good_len &&
          memcmp(after_store, good_bytes, len) == 0);
    free(after_store);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", good_store);
    CHECK(access(tmp, F_OK) != 0);

    char *after = snapshot(dir);
    CHECK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
}

/* ==== CSV syntax ==== */

static void test_stray_quote(void)
{
    const char *dir = make_case("stray-quote");
    tl_put_text(dir, "categories.csv",
                "id,label,description\ncarers,Car\"ers,x\nbereavement,Bereavement,\n");
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 2, 2,
                  "a double quote (\") is in the wrong place"));
    diag_release(&dl);
}

static void test_unclosed_quote_at_end(void)
{
    const char *dir = make_case("unclosed");
    tl_put_text(dir, "organizations.csv",
                "id,name,description,url,email\n"
                "carers-centre,Northgate Carers Centre,\"A local charity.,,\n");
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "organizations.csv", 2, 3, "never closed"));
    diag_release(&dl);
}

static void test_wrong_column_counts(void)
{
    const char *dir = make_case("columns");
    tl_put_text(dir, "schedules.csv",
                "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
                "carers-cafe,MONTHLY,,-1FR,,10:00,12:00\n"
                "bereavement-line,WEEKLY,,MO,,09:30,17:00,,Line,extra\n"
                "old-group,WEEKLY,,TU,,10:00,11:00,,,,,\n");
    DiagList dl;
    check_broken(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 2, 8,
                  "this row has 7 values but the header has 9 columns"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 3, 10,
                  "this row has 10 values but the header has 9 columns"));
    diag_release(&dl);
}

static void test_header_problems(void)
{
    const char *dir = make_case("header");
    tl_put_text(dir, "categories.csv",
                "id,label,label\ncarers,Carers,Carers\nbereavement,Bereavement,B\n");
    tl_put_text(dir, "schedules.csv", "service,frequency\ncarers-cafe,WEEKLY\n");
    DiagList dl;
    check_broken(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 1, 3,
                  "column 'label' appears twice in the header row (also column 2)"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 1, 2,
                  "column 'frequency' is not one Signpost uses, and the header row has no "
                  "'freq' column, which this file needs; did you mean 'freq'? Rename the "
                  "column to freq"));
    diag_release(&dl);
}

/* Excel's CSV UTF-8: a byte order mark and CRLF line ends. */
static void test_bom_and_crlf_in_directory_files(void)
{
    const char *dir = make_case("bom-crlf");
    const char *files[] = {"categories.csv", "organizations.csv", "services.csv",
                           "schedules.csv"};
    for (size_t i = 0; i < 4; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len;
        char *data = tl_read_file(path, &len);
        CHECK(data != NULL);
        if (!data)
            continue;
        char *out = malloc(len * 2 + 4);
        size_t n = 3;
        memcpy(out, "\xEF\xBB\xBF", 3);
        for (size_t k = 0; k < len; k++) {
            if (data[k] == '\n')
                out[n++] = '\r';
            out[n++] = data[k];
        }
        tl_put_in(dir, files[i], out, n);
        free(out);
        free(data);
    }
    DiagList dl;
    diag_init(&dl);
    ContentStats st;
    CHECK_INT(content_check(dir, &dl, &st), 0);
    if (dl.len)
        diag_print(&dl, stderr);
    CHECK_INT(dl.len, 0);
    CHECK_INT(st.services, 3);
    CHECK_INT(st.schedules, 3);
    diag_release(&dl);
}

/* Old Mac files end lines with a lone CR: accepted, and line numbers stay right. */
static void test_cr_line_ends(void)
{
    const char *dir = make_case("cr");
    tl_put_text(dir, "categories.csv",
                "id,label,description\rcarers,Carers,x\rcarers,Again,\rbereavement,B,\r");
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 3, 1,
                  "the id 'carers' is already used on line 2"));
    diag_release(&dl);
}

/* ==== text encoding ==== */

static void test_utf16(void)
{
    const char *dir = make_case("utf16");
    tl_put_in(dir, "services.csv", "\xff\xfei\0d\0,\0", 8);
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 1, 0, "the file is saved as UTF-16"));
    diag_release(&dl);
}

static void test_not_utf8_and_nul(void)
{
    const char *dir = make_case("bytes");
    static const char orgs[] = "id,name,description,url,email\n"
                               "carers-centre,Caf\xe9 Carers,x,,\n";
    static const char cats[] = "id,label,description\ncarers,Car\0ers,x\nbereavement,B,\n";
    tl_put_in(dir, "organizations.csv", orgs, sizeof orgs - 1);
    tl_put_in(dir, "categories.csv", cats, sizeof cats - 1);
    DiagList dl;
    check_broken(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "organizations.csv", 2, 2, "this text is not valid UTF-8"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 2, 2,
                  "an invisible control character (byte 0)"));
    diag_release(&dl);
}

/* ==== empty, short and huge files ==== */

static void test_empty_files(void)
{
    const char *dir = make_case("empty");
    tl_put_text(dir, "services.csv", "");
    tl_put_in(dir, "categories.csv", "\xEF\xBB\xBF", 3);
    DiagList dl;
    check_broken(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 1, 0,
                  "the file is empty; it needs at least the header row: id,name,"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 1, 0,
                  "the file is empty; it needs at least the header row: id,label,description"));
    diag_release(&dl);
}

static void test_header_only_files(void)
{
    /* No services and no meeting times: fine (the categories then say they are empty). */
    const char *dir = make_case("header-only");
    tl_put_text(dir, "services.csv",
                "id,name,organization,status,description,categories,eligibility,min_age,max_age,"
                "fees,languages,url,email,phone,phone_description,phone2,phone2_description,"
                "place,address,attending,alert,assured_date\n");
    tl_put_text(dir, "schedules.csv",
                "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n");
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(dir, &dl, NULL), 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK(tl_diag(&dl, DIAG_WARNING, "categories.csv", 2, 1,
                  "no service the kiosk shows has the category 'carers'"));
    diag_release(&dl);

    /* No categories while services name them: an error for each. */
    dir = make_case("no-categories");
    tl_put_text(dir, "categories.csv", "id,label,description\n");
    check_broken(dir, 5, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 6,
                  "there is no category 'carers' in categories.csv"));
    diag_release(&dl);
}

static void test_huge_cell(void)
{
    const char *dir = make_case("huge-cell");
    size_t big = 1024 * 1024;
    const char *head = "id,label,description\ncarers,Carers,";
    char *text = malloc(strlen(head) + big + 64);
    CHECK(text != NULL);
    if (!text)
        return;
    strcpy(text, head);
    memset(text + strlen(head), 'x', big);
    strcpy(text + strlen(head) + big, "\nbereavement,B,\n");
    tl_put_text(dir, "categories.csv", text);
    free(text);
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 2, 3,
                  "this value is 1024 KB long; a cell can hold at most 64 KB"));
    /* The row is left out, and services naming 'carers' are not reported again; no
     * message repeats the megabyte. */
    for (size_t i = 0; i < dl.len; i++)
        CHECK(strlen(dl.items[i].message) < 400);
    diag_release(&dl);
}

static void test_huge_file(void)
{
    const char *dir = make_case("huge-file");
    char path[1024];
    snprintf(path, sizeof path, "%s/organizations.csv", dir);
    FILE *f = fopen(path, "ab");
    CHECK(f != NULL);
    if (!f)
        return;
    static char row[256];
    for (size_t i = 0; i + 1 < sizeof row; i++)
        row[i] = 'a' + (char)(i % 26);
    row[sizeof row - 2] = '\n';
    for (size_t n = 0; n < 33u * 1024 * 1024; n += sizeof row - 1)
        fwrite(row, 1, sizeof row - 1, f);
    fclose(f);
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "organizations.csv", 0, 0,
                  "the file is larger than 32 MB"));
    diag_release(&dl);
}

static void test_random_bytes(void)
{
    /* Whatever the bytes, an error and no crash (the sanitizers watch). */
    unsigned seed = 7;
    static const char *const files[] = {"services.csv", "schedules.csv", "paths.csv",
                                        "site.ini"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        const char *dir = make_case("random");
        char bytes[4096];
        for (size_t i = 0; i < sizeof bytes; i++) {
            seed = seed * 1103515245u + 12345u;
            bytes[i] = (char)(seed >> 16);
        }
        tl_put_in(dir, files[k], bytes, sizeof bytes);
        DiagList dl;
        diag_init(&dl);
        CHECK_INT(content_check(dir, &dl, NULL), -1);
        CHECK(dl.nerrors >= 1);
        diag_release(&dl);
    }
}

/* ==== values ==== */

static void test_bad_dates_and_times(void)
{
    const char *dir = make_case("dates");
    tl_put_text(dir, "services.csv",
                "id,name,organization,status,description,categories,assured_date\n"
                "carers-cafe,Carers' caf\xc3\xa9,carers-centre,active,A caf\xc3\xa9.,carers,"
                "31/12/2025\n"
                "bereavement-line,Bereavement line,,active,Talk.,bereavement,2026-02-30\n"
                "old-group,Old group,,defunct,Gone.,carers,\n"
                "ward-visits,Ward visits,,active,Visits.,carers,2026-11-23\n");
    tl_put_text(dir, "schedules.csv",
                "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
                "carers-cafe,WEEKLY,,TU,,9am,12:00,,\n"
                "carers-cafe,WEEKLY,,WE,,25:00,,,\n"
                "carers-cafe,WEEKLY,,TH,,11:00,10:00,,\n"
                "bereavement-line,WEEKLY,2,MO,,10:00,11:00,2026-13-01,\n"
                "bereavement-line,MONTHLY,,,32,10:00,11:00,,\n");
    DiagList dl;
    check_broken(dir, 8, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 2, 7, "'31/12/2025' is not a date"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 3, 7, "'2026-02-30' is not a date"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 5, 7, "2026-11-23 is after today"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 2, 6, "'9am' is not a time"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 3, 6, "'25:00' is not a time"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 4, 7,
                  "it closes at 10:00, which is not after it opens at 11:00"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 5, 8, "'2026-13-01' is not a date"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 6, 5, "'32' is not a day of the month"));
    diag_release(&dl);
}

static void test_duplicate_ids(void)
{
    const char *dir = make_case("duplicates");
    tl_put_text(dir, "categories.csv",
                "id,label,description\ncarers,Carers,\nbereavement,B,\ncarers,Again,\n");
    tl_put_text(dir, "organizations.csv",
                "id,name,description,url,email\ncarers-centre,A,,,\ncarers-centre,B,,,\n");
    DiagList dl;
    check_broken(dir, 2, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "categories.csv", 4, 1,
                  "the id 'carers' is already used on line 2"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "organizations.csv", 3, 1,
                  "the id 'carers-centre' is already used on line 2"));
    diag_release(&dl);
}

/* ==== references, loops ==== */

static void test_dangling_references(void)
{
    const char *dir = make_case("dangling");
    char path[1024];
    snprintf(path, sizeof path, "%s/paths.csv", dir);
    FILE *f = fopen(path, "a");
    CHECK(f != NULL);
    if (f) {
        fputs("entrance,nowhere,walk,3,Go.,Back.\n", f);
        fputs("cafe,cafe,walk,3,Turn round.,Turn round.\n", f);
        fclose(f);
    }
    tl_put_text(dir, "kiosks.csv", "id,name,waypoint\nentrance,Front door,entrance\n"
                                  "lost,Lost kiosk,the-void\n");
    tl_put_text(dir, "schedules.csv",
                "service,freq,interval,byday,bymonthday,opens_at,closes_at,dtstart,description\n"
                "nobody,WEEKLY,,TU,,10:00,12:00,,\n");
    DiagList dl;
    check_broken(dir, 4, &dl);
    CHECK(tl_diag(&dl, DIAG_ERROR, "paths.csv", 10, 2, "there is no waypoint 'nowhere'"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "paths.csv", 11, 2,
                  "this path starts and ends at waypoint 'cafe'"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "kiosks.csv", 3, 3, "there is no waypoint 'the-void'"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "schedules.csv", 2, 1, "there is no service 'nobody'"));
    diag_release(&dl);
}

/* One-way paths going round in a loop that never reaches the ward: the check ends and
 * says so (whether that is an error or a warning is the content check's policy). */
static void test_one_way_loop(void)
{
    const char *dir = make_case("loop");
    tl_put_text(dir, "paths.csv",
                "from,to,kind,length_m,instruction,back_instruction\n"
                "entrance,lift-g,walk,10,Walk to the lift.,ONE-WAY\n"
                "lift-g,stairs-g,walk,5,Walk to the stairs.,ONE-WAY\n"
                "stairs-g,entrance,walk,5,Walk to the front door.,ONE-WAY\n"
                "entrance,cafe,walk,7,The caf\xc3\xa9.,Back to the door.\n"
                "lift-1,ward,walk,10,The ward.,Back.\n"
                "stairs-1,ward,walk,4,The ward.,Back.\n"
                "lift-1,stairs-1,walk,3,Along.,Back.\n");
    DiagList dl;
    diag_init(&dl);
    content_check(dir, &dl, NULL);
    bool found = false;
    for (size_t i = 0; i < dl.len; i++)
        found |= dl.items[i].line == 3 && dl.items[i].column == 5 &&
                 strstr(dl.items[i].message, "no route reaches destination 'Ward 1'") != NULL;
    if (!found)
        diag_print(&dl, stderr);
    CHECK(found);
    diag_release(&dl);
}


/* ==== content that cannot hang or vanish ==== */

/* True when dl has exactly this problem (the whole message, not a part of it). */
static bool has_exact(const DiagList *dl, DiagLevel level, const char *file, int line,
                      int column, const char *message)
{
    for (size_t i = 0; i < dl->len; i++)
        if (dl->items[i].level == level && strcmp(dl->items[i].message, message) == 0 &&
            dl->items[i].line == line && dl->items[i].column == column &&
            tl_diag(dl, level, file, line, column, message))
            return true;
    fprintf(stderr, "  expected exactly %s:%d:%d: %s; got:\n", file, line, column, message);
    diag_print(dl, stderr);
    return false;
}

static const char page_text[] = "title: About\nsummary: A page.\norder: 1\n\n# About\n\nWords.\n";

/* A case with a pages folder holding one good page. */
static const char *make_pages_case(const char *name, char *pages, size_t cap)
{
    const char *dir = make_case(name);
    snprintf(pages, cap, "%s/pages", dir);
    mkdir(pages, 0755);
    tl_put_text(pages, "about.md", page_text);
    return dir;
}

/* A page that is a symbolic link to nothing, and a table that is one. */
static void test_link_to_nothing(void)
{
    char pages[600], msg[1500];
    const char *dir = make_pages_case("link-nothing", pages, sizeof pages);
    char link[700];
    snprintf(link, sizeof link, "%s/gone.md", pages);
    CHECK_INT(symlink("renamed-away.md", link), 0);
    snprintf(link, sizeof link, "%s/plans.csv", dir);
    unlink(link);
    CHECK_INT(symlink("../plans-old.csv", link), 0);
    DiagList dl;
    check_broken(dir, 2, &dl);
    snprintf(msg, sizeof msg, "cannot read %s/gone.md: it is a symbolic link to "
             "'renamed-away.md', which does not exist", pages);
    CHECK(has_exact(&dl, DIAG_ERROR, "pages/gone.md", 0, 0, msg));
    snprintf(msg, sizeof msg, "cannot read %s/plans.csv: it is a symbolic link to "
             "'../plans-old.csv', which does not exist", dir);
    CHECK(has_exact(&dl, DIAG_ERROR, "plans.csv", 0, 0, msg));
    diag_release(&dl);

    /* The pages folder itself a link to nothing. */
    dir = make_case("link-nothing-folder");
    snprintf(link, sizeof link, "%s/pages", dir);
    CHECK_INT(symlink("../moved-pages", link), 0);
    check_broken(dir, 1, &dl);
    CHECK(has_exact(&dl, DIAG_ERROR, "pages", 0, 0, "the pages folder is a symbolic link to "
                    "a folder that does not exist; link it to the folder, or put the folder "
                    "itself here"));
    diag_release(&dl);
}

/* Pages that are symbolic links in a loop: to themselves, and two to each other. */
static void test_link_loop(void)
{
    char pages[600], msg[1500], link[700];
    const char *dir = make_pages_case("link-loop", pages, sizeof pages);
    snprintf(link, sizeof link, "%s/self.md", pages);
    CHECK_INT(symlink("self.md", link), 0);
    snprintf(link, sizeof link, "%s/ping.md", pages);
    CHECK_INT(symlink("pong.md", link), 0);
    snprintf(link, sizeof link, "%s/pong.md", pages);
    CHECK_INT(symlink("ping.md", link), 0);
    DiagList dl;
    check_broken(dir, 3, &dl);
    const char *names[] = {"self.md", "ping.md", "pong.md"};
    for (size_t i = 0; i < 3; i++) {
        char file[64];
        snprintf(file, sizeof file, "pages/%s", names[i]);
        snprintf(msg, sizeof msg, "cannot read %s/%s: it is a symbolic link that leads round "
                 "in a loop (to itself or through other links back to itself)", pages,
                 names[i]);
        CHECK(has_exact(&dl, DIAG_ERROR, file, 0, 0, msg));
    }
    diag_release(&dl);
}

/* Named pipes (FIFOs) and a device in place of content files: refused at once. An
 * alarm ends the test (and fails it) should anything wait on a pipe. */
static void test_fifo_and_device(void)
{
    char pages[600], msg[1500], path[700];
    const char *dir = make_pages_case("fifo", pages, sizeof pages);
    snprintf(path, sizeof path, "%s/site.ini", dir);
    unlink(path);
    CHECK_INT(mkfifo(path, 0644), 0);
    snprintf(path, sizeof path, "%s/schedules.csv", dir);
    unlink(path);
    CHECK_INT(mkfifo(path, 0644), 0);
    snprintf(path, sizeof path, "%s/waiting.md", pages);
    CHECK_INT(mkfifo(path, 0644), 0);
    snprintf(path, sizeof path, "%s/plans.csv", dir);
    unlink(path);
    CHECK_INT(symlink("/dev/zero", path), 0);
    alarm(60);
    DiagList dl;
    check_broken(dir, 4, &dl);
    alarm(0);
    snprintf(msg, sizeof msg, "cannot read %s/site.ini: it is a named pipe (FIFO), not a "
             "file", dir);
    CHECK(has_exact(&dl, DIAG_ERROR, "site.ini", 0, 0, msg));
    snprintf(msg, sizeof msg, "cannot read %s/schedules.csv: it is a named pipe (FIFO), not "
             "a file", dir);
    CHECK(has_exact(&dl, DIAG_ERROR, "schedules.csv", 0, 0, msg));
    snprintf(msg, sizeof msg, "cannot read %s/waiting.md: it is a named pipe (FIFO), not a "
             "file", pages);
    CHECK(has_exact(&dl, DIAG_ERROR, "pages/waiting.md", 0, 0, msg));
    snprintf(msg, sizeof msg, "cannot read %s/plans.csv: it is a device, not a file", dir);
    CHECK(has_exact(&dl, DIAG_ERROR, "plans.csv", 0, 0, msg));
    diag_release(&dl);
}

/* The real signpostctl, under `timeout`, on a folder with a FIFO for destinations.csv:
 * content check and content build end (status 1, not timeout's 124) naming the FIFO. */
static void test_fifo_signpostctl(void)
{
    const char *dir = make_case("fifo-ctl");
    char path[700], cmd[3000], out[700];
    snprintf(path, sizeof path, "%s/destinations.csv", dir);
    unlink(path);
    CHECK_INT(mkfifo(path, 0644), 0);
    snprintf(out, sizeof out, "%s/ctl.out", TEST_TMP_DIR);
    for (size_t i = 0; i < 2; i++) {
        char args[1600];
        if (i == 0)
            snprintf(args, sizeof args, "content check '%s'", dir);
        else
            snprintf(args, sizeof args, "content build '%s' -o '%s.db'", dir, dir);
        snprintf(cmd, sizeof cmd, "timeout 20 '%s' %s > '%s' 2>&1", SIGNPOSTCTL, args, out);
        int status = system(cmd);
        CHECK(WIFEXITED(status));
        CHECK_INT(WEXITSTATUS(status), 1); /* 124 would be the time limit */
        size_t len = 0;
        char *text = tl_read_file(out, &len);
        char want[1500];
        snprintf(want, sizeof want, "%s: error: cannot read %s: it is a named pipe (FIFO), "
                 "not a file", path, path);
        CHECK(text && strstr(text, want));
        if (text && !strstr(text, want))
            fprintf(stderr, "  signpostctl %s said:\n%s\n", args, text);
        free(text);
    }
    snprintf(path, sizeof path, "%s.db", dir);
    CHECK(access(path, F_OK) != 0);
}

/* "hours" renamed "Opening hours" (tests/data/content-bad/renamed-column): an error
 * with "did you mean", not a warning that leaves every place without hours. */
static void test_renamed_hours(void)
{
    const char *dir = make_case("renamed-hours");
    tl_put_files(TEST_DATA_DIR "/content-bad/renamed-column", dir, true);
    DiagList dl;
    check_broken(dir, 1, &dl);
    CHECK(has_exact(&dl, DIAG_ERROR, "destinations.csv", 1, 6,
                    "column 'Opening hours' is not one Signpost uses; did you mean 'hours'? "
                    "Rename the column to hours: as it is, nothing in it is read"));
    diag_release(&dl);
}

/* The header cell written for column `name` in the test below: the words capitalised
 * and spaced with a colon ("Plan width:"), "The ..." before them, or a letter left out
 * ("descriptin"). */
static void renamed(const char *name, int how, char *out, size_t cap)
{
    size_t len = strlen(name);
    if (how == 2 && len >= 5) {
        snprintf(out, cap, "%.*s%s", (int)(len - 2), name, name + len - 1);
        return;
    }
    char words[128];
    snprintf(words, sizeof words, "%s", name);
    for (char *p = words; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (how == 0)
        words[0] = (char)(words[0] - 'a' + 'A');
    if (how == 0)
        snprintf(out, cap, "%s:", words);
    else
        snprintf(out, cap, how == 1 ? "The %s" : "%s (text)", words);
}

/* Every column of every table renamed in turn: an error at that header cell saying
 * "did you mean" the column, and the check fails. */
static void test_renamed_every_column(void)
{
    static const char *const tables[] = {
        "buildings.csv", "floors.csv", "waypoints.csv", "paths.csv", "destination_types.csv",
        "destinations.csv", "kiosks.csv", "plans.csv", "categories.csv", "organizations.csv",
        "services.csv", "schedules.csv"};
    int tried = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        const char *dir = make_case("renamed-every");
        size_t len = 0;
        char *text = tl_read_in(dir, tables[t], &len);
        CHECK(text != NULL);
        char *nl = text ? strchr(text, '\n') : NULL;
        if (!nl) {
            free(text);
            continue;
        }
        char header[1024];
        snprintf(header, sizeof header, "%.*s", (int)(nl - text), text);
        int column = 0;
        for (char *name = header; name; column++) {
            char *comma = strchr(name, ',');
            if (comma)
                *comma = '\0';
            char cell[160];
            size_t cap = len + sizeof cell + 8;
            char *file = malloc(cap);
            CHECK(file != NULL);
            if (!file)
                break;
            renamed(name, column % 3, cell, sizeof cell);
            /* The file again with this one header cell renamed. */
            int n = 0, col = 0;
            for (const char *h = text; h < nl; col++) {
                const char *end = memchr(h, ',', (size_t)(nl - h));
                if (!end)
                    end = nl;
                n += snprintf(file + n, cap - (size_t)n, "%s%.*s", col ? "," : "",
                              col == column ? (int)strlen(cell) : (int)(end - h),
                              col == column ? cell : h);
                h = end < nl ? end + 1 : nl;
            }
            snprintf(file + n, cap - (size_t)n, "%s", nl);
            tl_put_text(dir, tables[t], file);
            free(file);
            DiagList dl;
            diag_init(&dl);
            CHECK_INT(content_check(dir, &dl, NULL), -1);
            char want[2400];
            snprintf(want, sizeof want, "column '%s' is not one Signpost uses", cell);
            CHECK(tl_diag(&dl, DIAG_ERROR, tables[t], 1, column + 1, want));
            snprintf(want, sizeof want, "did you mean '%s'? Rename the column to %s", name,
                     name);
            CHECK(tl_diag(&dl, DIAG_ERROR, tables[t], 1, column + 1, want));
            diag_release(&dl);
            tried++;
            name = comma ? comma + 1 : NULL;
        }
        free(text);
    }
    CHECK(tried >= 60);
}

int main(void)
{
    mkdir(TEST_TMP_DIR, 0755);
    setenv("SOURCE_DATE_EPOCH", "1795348800", 1); /* 2026-11-22 12:00 UTC */
    TEST_RUN(make_good_store);
    TEST_RUN(test_stray_quote);
    TEST_RUN(test_unclosed_quote_at_end);
    TEST_RUN(test_wrong_column_counts);
    TEST_RUN(test_header_problems);
    TEST_RUN(test_bom_and_crlf_in_directory_files);
    TEST_RUN(test_cr_line_ends);
    TEST_RUN(test_utf16);
    TEST_RUN(test_not_utf8_and_nul);
    TEST_RUN(test_empty_files);
    TEST_RUN(test_header_only_files);
    TEST_RUN(test_huge_cell);
    TEST_RUN(test_huge_file);
    TEST_RUN(test_random_bytes);
    TEST_RUN(test_bad_dates_and_times);
    TEST_RUN(test_duplicate_ids);
    TEST_RUN(test_dangling_references);
    TEST_RUN(test_one_way_loop);
    TEST_RUN(test_link_to_nothing);
    TEST_RUN(test_link_loop);
    TEST_RUN(test_fifo_and_device);
    TEST_RUN(test_fifo_signpostctl);
    TEST_RUN(test_renamed_hours);
    TEST_RUN(test_renamed_every_column);
    free(good_bytes);
    return TEST_REPORT();
}
