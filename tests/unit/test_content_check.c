/* test_content_check.c: what `signpostctl content check` tells a volunteer. On
 * tests/data/check/warnings (no errors, one of each warning) it checks the exact
 * file:line:column and wording of each warning: a place no route reaches, an entry
 * not checked for over a year, a service with no way to contact it, page links to a
 * page, place or service that is not there (with "did you mean") or is inactive; that
 * such content still builds, with the links kept for the kiosk to leave out. With
 * tests/data/check/typos laid over it, each mistyped id (floor, type, waypoint,
 * organization, category, place) is an error with "did you mean". Then the real
 * signpostctl: exit status 0 for warnings only and 1 for errors, the summary line
 * "N errors, M warnings", --quiet printing only the problems; and the progress bar's
 * stages for a build. The build day is fixed at 2026-11-22 with SOURCE_DATE_EPOCH. */
#include "content.h"
#include "progress.h"
#include "store.h"
#include "test.h"
#include "testlib.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK_DATA TEST_DATA_DIR "/check"
#define WARNINGS_DIR CHECK_DATA "/warnings"
#define TYPOS_DIR TEST_TMP_DIR "/check-typos"

static void fixed_build_day(void)
{
    setenv("SOURCE_DATE_EPOCH", "1795348800", 1); /* 2026-11-22 */
}

/* The warnings content with the typos files laid over it, in TYPOS_DIR. */
static void make_typos(void)
{
    CHECK_INT(system("rm -rf '" TYPOS_DIR "' && cp -r '" WARNINGS_DIR "' '" TYPOS_DIR "' && "
                     "cp '" CHECK_DATA "/typos/'*.csv '" TYPOS_DIR "/'"),
              0);
}

static void test_warnings_do_not_stop_a_check(void)
{
    fixed_build_day();
    DiagList dl;
    diag_init(&dl);
    ContentStats stats = {0};
    CHECK_INT(content_check(WARNINGS_DIR, &dl, &stats), 0);
    CHECK_INT(dl.nerrors, 0);
    CHECK_INT(dl.nwarnings, 8);
    CHECK_INT(stats.destinations, 3);
    /* A place no route reaches: the kiosk copes, so it is a warning that says so. */
    CHECK(tl_diag(&dl, DIAG_WARNING, "destinations.csv", 4, 5, "no route reaches "
                  "destination 'Healing garden' (waypoint 'garden') from kiosk "
                  "'main-entrance', so the kiosk will say it cannot show directions there; "
                  "join waypoint 'garden' to the others in paths.csv"));
    /* Entries not checked for a year, and services nobody can contact. */
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.csv", 3, 22, "this entry was last checked on "
                  "2025-01-10, over a year ago"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "services.csv", 4, 2, "'Quiet room visits' has no way to "
                  "contact it: give a phone, email, url, place or address"));
    /* Page links that go nowhere, each at its line and column, with the nearest id. */
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/about-pals.md", 12, 1, "this link goes to page "
                  "'helpp', which is not in the pages folder (as <id>.md); did you mean 'help'? "
                  "The kiosk leaves out the button until it is fixed"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/about-pals.md", 14, 1, "this link goes to place "
                  "'gardn', which is not in destinations.csv; did you mean 'garden'?"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/about-pals.md", 16, 1, "this link goes to service "
                  "'carers-caf', which is not in services.csv; did you mean 'carers-cafe'?"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/about-pals.md", 18, 1, "this link goes to service "
                  "'old-group', which is inactive or defunct in services.csv, so the kiosk does "
                  "not show it and leaves out the button"));
    CHECK(tl_diag(&dl, DIAG_WARNING, "pages/about-pals.md", 20, 1, "this link goes to service "
                  "'nothing-like-this', which is not in services.csv; check the spelling, or "
                  "add it there"));
    diag_release(&dl);
}

static void test_content_with_warnings_builds(void)
{
    fixed_build_day();
    const char *db = TEST_TMP_DIR "/check-warnings.db";
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_build(WARNINGS_DIR, db, &dl, NULL), 0);
    CHECK_INT(dl.nerrors, 0);
    diag_release(&dl);
    Store *st = store_open(db);
    CHECK(st != NULL);
    if (!st)
        return;
    const Site *s = store_site(st);
    /* The place no route reaches is there, and so are the links; the kiosk copes. */
    CHECK(site_find_destination(s, "garden") >= 0);
    int p = site_find_page(s, "about-pals");
    CHECK(p >= 0);
    size_t links = 0;
    for (size_t k = 0; p >= 0 && k < s->pages[p].nblocks; k++)
        links += s->pages[p].blocks[k].kind == PAGE_LINK;
    CHECK_INT(links, 8);
    CHECK(site_find_service(s, "old-group") < 0);
    store_close(st);
    unlink(db);
}

static void test_typos_suggest_the_id(void)
{
    fixed_build_day();
    make_typos();
    DiagList dl;
    diag_init(&dl);
    CHECK_INT(content_check(TYPOS_DIR, &dl, NULL), -1);
    CHECK(tl_diag(&dl, DIAG_ERROR, "waypoints.csv", 11, 2, "there is no floor 'frist' in "
                  "floors.csv; did you mean 'first'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 5, 3, "there is no destination type "
                  "'Food' in destination_types.csv; did you mean 'food'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 6, 4, "there is no floor 'grond' in "
                  "floors.csv; did you mean 'ground'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 7, 5, "there is no waypoint 'gardn' in "
                  "waypoints.csv; did you mean 'garden'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 8, 6, "'Tusday' is not a day; did you "
                  "mean Tue?"));
    /* Written as words rather than as an id: the id it becomes is suggested. */
    CHECK(tl_diag(&dl, DIAG_ERROR, "destinations.csv", 9, 5, "there is no waypoint 'Garden "
                  "Gate' in waypoints.csv; did you mean 'garden-gate'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 6, 3, "there is no organization "
                  "'carers-centr' in organizations.csv; did you mean 'carers-centre'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 7, 6, "there is no category 'carer' in "
                  "categories.csv; did you mean 'carers'?"));
    CHECK(tl_diag(&dl, DIAG_ERROR, "services.csv", 8, 18, "there is no destination 'cafee' in "
                  "destinations.csv; did you mean 'cafe'?"));
    CHECK_INT(dl.nerrors, 9);
    /* The warnings are still all reported alongside. */
    CHECK_INT(dl.nwarnings, 8);
    diag_release(&dl);
}

/* ==== the command ==== */

static char out_text[1 << 16], err_text[1 << 16];

static void slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

/* Runs signpostctl with args (shell words); its stdout and stderr are kept apart.
 * Returns the exit status. */
static int ctl(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "SOURCE_DATE_EPOCH=1795348800 '%s' %s > '%s/ctl.out' "
             "2> '%s/ctl.err'", SIGNPOSTCTL, args, TEST_TMP_DIR, TEST_TMP_DIR);
    int status = system(cmd);
    slurp(TEST_TMP_DIR "/ctl.out", out_text, sizeof out_text);
    slurp(TEST_TMP_DIR "/ctl.err", err_text, sizeof err_text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* True when every line of s is a problem: "file:line[:column]: error|warning: ...". */
static bool only_problem_lines(const char *s)
{
    size_t lines = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char line[2048];
        snprintf(line, sizeof line, "%.*s", (int)len, s);
        if (!strstr(line, ": warning: ") && !strstr(line, ": error: ")) {
            fprintf(stderr, "  not a problem line: %s\n", line);
            return false;
        }
        lines++;
        s += len + (nl != NULL);
    }
    return lines > 0;
}

static void test_check_command(void)
{
    /* Warnings only: exit 0, every problem, then the counts and the summary line. */
    CHECK_INT(ctl("content check '" WARNINGS_DIR "'"), 0);
    CHECK_CONTAINS(err_text, "warnings/pages/about-pals.md:14:1: warning: this link goes to "
                             "place 'gardn'");
    CHECK_CONTAINS(err_text, "warnings/destinations.csv:4:5: warning: no route reaches");
    CHECK(only_problem_lines(err_text));
    CHECK_CONTAINS(out_text, "checked " WARNINGS_DIR ": 1 building, 2 floors, 3 destinations, "
                             "1 kiosk, 2 pages, 3 support services in 2 categories\n");
    CHECK_CONTAINS(out_text, "\n0 errors, 8 warnings: the content can be built");

    /* Errors: exit 1, and the summary says so. */
    make_typos();
    CHECK_INT(ctl("content check '" TYPOS_DIR "'"), 1);
    CHECK_CONTAINS(err_text, "check-typos/services.csv:7:6: error: there is no category 'carer' "
                             "in categories.csv; did you mean 'carers'?");
    CHECK_CONTAINS(out_text, "\n9 errors, 8 warnings: fix the errors");

    /* --quiet: only the problems, and the same exit status. */
    CHECK_INT(ctl("content check --quiet '" TYPOS_DIR "'"), 1);
    CHECK_STR(out_text, "");
    CHECK(only_problem_lines(err_text));
    CHECK_CONTAINS(err_text, "check-typos/waypoints.csv:11:2: error: there is no floor 'frist'");
    CHECK_INT(ctl("content check '" WARNINGS_DIR "' --quiet"), 0);
    CHECK_STR(out_text, "");
    CHECK(only_problem_lines(err_text));

    /* Progress is for terminals: none in a file. */
    CHECK(!strchr(err_text, '\r'));

    /* A wrong command line. */
    CHECK_INT(ctl("content check --loud '" WARNINGS_DIR "'"), 2);
    CHECK_CONTAINS(err_text, "unknown option '--loud'");
    CHECK_INT(ctl("content check"), 2);
}

static void test_build_progress_stages(void)
{
    fixed_build_day();
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return;
    Progress p;
    progress_init_as(&p, f, true);
    DiagList dl;
    diag_init(&dl);
    const char *db = TEST_TMP_DIR "/check-progress.db";
    CHECK_INT(content_build_progress(WARNINGS_DIR, db, &dl, NULL, &p), 0);
    diag_release(&dl);
    unlink(db);
    char buf[8192];
    fflush(f);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    /* Each stage reaches its end; the line is cleared before the build returns. */
    CHECK_CONTAINS(buf, "\rreading files 11/11 [==============================]");
    CHECK_CONTAINS(buf, "\rchecking 6/6 [==============================]");
    CHECK_CONTAINS(buf, "\rwriting the store 7/7 [==============================]");
    CHECK(n >= 4 && strcmp(buf + n - 4, "\r\033[K") == 0);
    CHECK(!strchr(buf, '\n'));
}

int main(void)
{
    TEST_RUN(test_warnings_do_not_stop_a_check);
    TEST_RUN(test_content_with_warnings_builds);
    TEST_RUN(test_typos_suggest_the_id);
    TEST_RUN(test_check_command);
    TEST_RUN(test_build_progress_stages);
    return TEST_REPORT();
}
