/* test_report.c: signpostctl report (issue 11 part 7). Builds an outbox through the
 * outbox and usage C APIs (concerns with subjects and places, Friends and Family Test
 * answers on known days, usage figures with a search that five people typed, slips
 * printed and a printer problem), runs the report with and without the PALS key and
 * reads the PDF back with pdfinfo and pdftotext: five pages, the totals, the
 * percentages, the labels, and never a word a person wrote. Then bad input: a missing
 * or damaged outbox, a wrong key, dates the wrong way round or not dates, an output
 * that cannot be written; each fails plainly and leaves no PDF behind. */
#include "test.h"

#include "outbox_testlib.h"
#include "usage.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#ifndef SIGNPOSTCTL
#error "SIGNPOSTCTL must name the signpostctl program"
#endif

static char dir[1024], ob_path[1100], pub_path[1100], sk_path[1100], other_sk_path[1100];
static unsigned char sk[OUTBOX_KEY_BYTES];

/* Secret words typed into concerns and a feedback comment: never in any report. */
static const char *const secrets[] = {"Zebedee Quartermaine", "07700 900461",
                                      "quokka-in-the-lift", "Ward Nowhere typed",
                                      "a comment about the lovely porter"};

/* Runs a shell command; returns its exit status (-1 when it did not run). */
static int run(const char *cmd)
{
    int st = system(cmd);
    return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

static int run_ctl(const char *args, const char *err_file)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' report %s 2>'%s'", SIGNPOSTCTL, args, err_file);
    return run(cmd);
}

/* pdftotext of a PDF (layout kept), NUL-terminated; the caller frees it. */
static char *pdf_text(const char *pdf)
{
    char txt[1200], cmd[2600];
    snprintf(txt, sizeof txt, "%s.txt", pdf);
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' '%s'", pdf, txt);
    if (run(cmd) != 0)
        return NULL;
    size_t len = 0;
    return (char *)tl_slurp(txt, &len);
}

static int pdf_pages(const char *pdf)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null | grep '^Pages:'", pdf);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    int pages = -1;
    if (fscanf(p, "Pages: %d", &pages) != 1)
        pages = -1;
    pclose(p);
    return pages;
}

/* True when a name starting with prefix is in dir (a temporary file left behind). */
static bool leftover(const char *prefix)
{
    DIR *d = opendir(dir);
    bool found = false;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && strstr(e->d_name, ".tmp-"))
            found = true;
    if (d)
        closedir(d);
    return found;
}

static void submit_kind(Outbox *ob, ConcernKind kind, const char *category, const char *place, const char *place_name,
                   const char *typed_place, const char *day_time)
{
    Concern c;
    tl_fill(&c, "Something happened with quokka-in-the-lift on the way.");
    c.kind = kind;
    c.category = category;
    c.where_place = place;
    c.where_place_name = place_name;
    if (typed_place)
        strbuf_adds(&c.where_text, typed_place);
    strbuf_reset(&c.name);
    strbuf_adds(&c.name, "Zebedee Quartermaine");
    strbuf_reset(&c.phone);
    strbuf_adds(&c.phone, "07700 900461");
    char ref[OUTBOX_REF_MAX];
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", "Main entrance", ref), OUTBOX_OK);
    concern_clear(&c);
    /* Raised on a known day (only the day is read). */
    sqlite3 *db = NULL;
    sqlite3_open(ob_path, &db);
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE concern SET created_at = '%s' WHERE reference = '%s'",
             day_time, ref);
    CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void submit(Outbox *ob, const char *category, const char *place, const char *place_name,
                   const char *typed_place, const char *day_time)
{
    submit_kind(ob, KIND_CONCERN, category, place, place_name, typed_place, day_time);
}

/* The outbox: 6 concerns and a needs request in November 2026 (and one in December, outside the period),
 * answers in October and November, usage in November. */
static void build_outbox(void)
{
    tl_remove_outbox(ob_path);
    unlink(pub_path);
    unlink(sk_path);
    tl_make_keys(pub_path, sk);
    CHECK_INT(outbox_key_write(sk_path, sk, true), 0);
    Outbox *ob = outbox_open(ob_path, pub_path);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    submit(ob, "appointments", "pharmacy", "Pharmacy", NULL, "2026-11-02T09:00:00Z");
    submit(ob, "appointments", "pharmacy", "Pharmacy", NULL, "2026-11-03T10:00:00Z");
    submit(ob, "care", "ward-7", "Ward 7 (Elm)", NULL, "2026-11-03T11:00:00Z");
    submit(ob, "medicines", "pharmacy", "Pharmacy", NULL, "2026-11-20T12:00:00Z");
    submit(ob, "staff", NULL, NULL, "Ward Nowhere typed", "2026-11-28T13:00:00Z");
    submit(ob, "care", "ward-7", "Ward 7 (Elm)", NULL, "2026-11-30T23:59:00Z");
    submit(ob, "care", "ward-7", "Ward 7 (Elm)", NULL, "2026-12-01T00:00:01Z");
    /* And a communication-needs request: counted, under its own heading, no place. */
    submit_kind(ob, KIND_NEEDS, NULL, NULL, NULL, NULL, "2026-11-15T08:00:00Z");
    /* October: 4 answers (3 very good, 1 poor); November: 10 answers. */
    static const struct {
        const char *day;
        int answer, n;
    } answers[] = {
        {"2026-10-05", FFT_VERY_GOOD, 3}, {"2026-10-06", FFT_POOR, 1},
        {"2026-11-01", FFT_VERY_GOOD, 4}, {"2026-11-02", FFT_GOOD, 3},
        {"2026-11-10", FFT_NEITHER, 1},   {"2026-11-11", FFT_VERY_POOR, 1},
        {"2026-11-12", FFT_DONT_KNOW, 1}, {"2026-12-02", FFT_VERY_POOR, 9},
    };
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
        for (int k = 0; k < answers[i].n; k++)
            CHECK_INT(outbox_feedback(ob, answers[i].answer, answers[i].day,
                                      k == 0 && i == 1 ? "a comment about the lovely porter" : ""),
                      OUTBOX_OK);
    /* Use: 7 people on 2026-11-22, three in Welsh, one in Urdu; "xyzzy" found nothing
     * for five of them; two slips printed, one not (paper out). */
    Usage *u = usage_new();
    usage_set_today(u, "2026-11-22");
    for (int s = 0; s < 7; s++) {
        usage_session_mark(u, "language", s < 3 ? "cy" : s == 3 ? "ur" : "en");
        usage_count_item(u, "screen", "home");
        if (s < 5)
            usage_search_empty(u, "Xyzzy");
        if (s == 6)
            usage_session_mark(u, "feature", "high-contrast");
        usage_session_end(u);
        CHECK_INT(usage_flush(u, ob, 1000 + (uint64_t)s), 0);
    }
    usage_count(u, "print");
    usage_count(u, "print");
    usage_count_item(u, "print-failed", "paper-out");
    usage_content(u, "2026-11-20T10:15:00Z");
    CHECK_INT(usage_flush(u, ob, 9000), 0);
    usage_free(u);
    outbox_close(ob);
}

static void test_report_with_key(void)
{
    char pdf[1200], err[1200], args[4096];
    snprintf(pdf, sizeof pdf, "%s/november.pdf", dir);
    snprintf(err, sizeof err, "%s/err.txt", dir);
    unlink(pdf);
    snprintf(args, sizeof args,
             "--outbox '%s' --secret-key '%s' --from 2026-11-01 --to 2026-11-30 -o '%s' "
             "--kiosk 'Main entrance' --today 2026-12-03",
             ob_path, sk_path, pdf);
    CHECK_INT(run_ctl(args, err), 0);
    CHECK_INT(pdf_pages(pdf), 5);
    char *text = pdf_text(pdf);
    CHECK(text != NULL);
    if (!text)
        return;
    CHECK_CONTAINS(text, "Signpost kiosk report for PALS");
    CHECK_CONTAINS(text, "1 November 2026 to 30 November 2026");
    CHECK_CONTAINS(text, "Main entrance");
    CHECK_CONTAINS(text, "Page 5 of 5");
    /* November: 4 + 3 very good/good of 10 = 70% positive; 1 very poor = 10% negative.
     * October's answers and December's are outside the period. */
    CHECK_CONTAINS(text, "Friends and Family Test answers");
    CHECK_CONTAINS(text, "70%");
    CHECK_CONTAINS(text, "10%");
    CHECK(strstr(text, "90%") == NULL); /* December's very poor answers left out */
    /* Concerns: six in November (December's left out), by subject and place. */
    CHECK_CONTAINS(text, "7 concerns raised in this period");
    CHECK_CONTAINS(text, "1 of them is a request to record communication needs");
    CHECK_CONTAINS(text, "Communication needs request");
    CHECK_CONTAINS(text, "Appointments and waiting");
    CHECK_CONTAINS(text, "Care and treatment");
    CHECK_CONTAINS(text, "Pharmacy");
    CHECK_CONTAINS(text, "Ward 7 (Elm)");
    CHECK_CONTAINS(text, "Places typed by the person are counted but never shown: 1");
    /* Use: 7 people; Welsh by its own name; the word five people searched for. */
    CHECK_CONTAINS(text, "7 people used the kiosk");
    CHECK_CONTAINS(text, "Cymraeg, Welsh (cy)");
    CHECK_CONTAINS(text, "Urdu (ur)");
    CHECK_CONTAINS(text, "xyzzy");
    CHECK_CONTAINS(text, "5 searches found nothing");
    CHECK_CONTAINS(text, "Slips printed: 2");
    CHECK_CONTAINS(text, "Out of paper");
    CHECK_CONTAINS(text, "2026-11-20T101500Z");
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        CHECK(strstr(text, secrets[i]) == NULL);
    free(text);
    /* Nor in the raw file (compressed streams aside, the metadata and names). */
    size_t len = 0;
    unsigned char *raw = tl_slurp(pdf, &len);
    for (size_t i = 0; raw && i < sizeof secrets / sizeof secrets[0]; i++)
        CHECK(!tl_contains(raw, len, secrets[i]));
    free(raw);
    CHECK(!leftover("november.pdf"));
}

static void test_report_without_key(void)
{
    char pdf[1200], err[1200], args[4096];
    snprintf(pdf, sizeof pdf, "%s/nokey.pdf", dir);
    snprintf(err, sizeof err, "%s/err.txt", dir);
    unlink(pdf);
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             ob_path, pdf);
    CHECK_INT(run_ctl(args, err), 0);
    CHECK_INT(pdf_pages(pdf), 5);
    char *text = pdf_text(pdf);
    CHECK(text != NULL);
    if (!text)
        return;
    CHECK_CONTAINS(text, "Subject and place need the PALS secret key");
    CHECK_CONTAINS(text, "7 concerns raised in this period");
    CHECK(strstr(text, "communication needs") == NULL); /* the kind is sealed too */
    CHECK_CONTAINS(text, "70%");
    CHECK(strstr(text, "Pharmacy") == NULL);
    CHECK(strstr(text, "Appointments and waiting") == NULL);
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        CHECK(strstr(text, secrets[i]) == NULL);
    free(text);
}

static void test_report_empty_period(void)
{
    char pdf[1200], err[1200], args[4096];
    snprintf(pdf, sizeof pdf, "%s/empty.pdf", dir);
    snprintf(err, sizeof err, "%s/err.txt", dir);
    unlink(pdf);
    snprintf(args, sizeof args, "--outbox '%s' --from 2025-01-01 --to 2025-01-31 -o '%s'",
             ob_path, pdf);
    CHECK_INT(run_ctl(args, err), 0);
    CHECK_INT(pdf_pages(pdf), 5);
    char *text = pdf_text(pdf);
    CHECK(text != NULL);
    if (text) {
        CHECK_CONTAINS(text, "No answers in this period");
        CHECK_CONTAINS(text, "No concerns in this period");
        CHECK_CONTAINS(text, "No use recorded in this period");
    }
    free(text);
}

/* A bad command: exit status want, the message mentions each of the words, and no
 * PDF (nor a temporary file) is left at pdf. */
static void bad(const char *args, int want, const char *pdf, const char *w1, const char *w2)
{
    char err[1200];
    snprintf(err, sizeof err, "%s/err.txt", dir);
    unlink(err);
    int rc = run_ctl(args, err);
    CHECK_INT(rc, want);
    size_t len = 0;
    char *msg = (char *)tl_slurp(err, &len);
    CHECK(msg != NULL);
    if (msg && w1)
        CHECK_CONTAINS(msg, w1);
    if (msg && w2)
        CHECK_CONTAINS(msg, w2);
    free(msg);
    struct stat sb;
    if (pdf)
        CHECK(stat(pdf, &sb) != 0);
}

static void test_report_bad_input(void)
{
    char pdf[1200], args[4096], damaged[1200];
    snprintf(pdf, sizeof pdf, "%s/bad.pdf", dir);
    unlink(pdf);
    snprintf(args, sizeof args, "--outbox '%s/none.db' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             dir, pdf);
    bad(args, 1, pdf, "none.db", "no such file");
    snprintf(damaged, sizeof damaged, "%s/damaged.db", dir);
    FILE *f = fopen(damaged, "w");
    if (f) {
        fputs("this is not a database, only some text pretending to be one\n", f);
        fclose(f);
    }
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             damaged, pdf);
    bad(args, 1, pdf, "damaged.db", NULL);
    snprintf(args, sizeof args,
             "--outbox '%s' --secret-key '%s' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             ob_path, other_sk_path, pdf);
    bad(args, 1, pdf, "secret key opens none", "not the PALS key");
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-30 --to 2026-11-01 -o '%s'",
             ob_path, pdf);
    bad(args, 2, pdf, "starts after it ends", NULL);
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-02-30 --to 2026-11-01 -o '%s'",
             ob_path, pdf);
    bad(args, 2, pdf, "--from '2026-02-30' is not a date", NULL);
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-01 --to yesterday -o '%s'",
             ob_path, pdf);
    bad(args, 2, pdf, "--to 'yesterday'", NULL);
    snprintf(args, sizeof args, "--outbox '%s' --from 2020-01-01 --to 2026-11-01 -o '%s'",
             ob_path, pdf);
    bad(args, 2, pdf, "at most", NULL);
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-01 --to 2026-11-30", ob_path);
    bad(args, 2, NULL, "-o", NULL);
    /* A folder that does not exist, and one that is a file. */
    snprintf(args, sizeof args,
             "--outbox '%s' --from 2026-11-01 --to 2026-11-30 -o '%s/no-folder/r.pdf'", ob_path,
             dir);
    bad(args, 1, NULL, "no-folder", "does not exist");
    snprintf(args, sizeof args,
             "--outbox '%s' --from 2026-11-01 --to 2026-11-30 -o '%s/r.pdf'", ob_path, damaged);
    bad(args, 1, NULL, "cannot write the report", NULL);
    /* A report that fails keeps the earlier one whole. */
    snprintf(args, sizeof args, "--outbox '%s' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             ob_path, pdf);
    CHECK_INT(run_ctl(args, "/dev/null"), 0);
    struct stat before, after;
    CHECK_INT(stat(pdf, &before), 0);
    snprintf(args, sizeof args,
             "--outbox '%s' --secret-key '%s' --from 2026-11-01 --to 2026-11-30 -o '%s'",
             ob_path, other_sk_path, pdf);
    CHECK(run_ctl(args, "/dev/null") == 1);
    CHECK_INT(stat(pdf, &after), 0);
    CHECK(before.st_ino == after.st_ino && before.st_size == after.st_size);
    CHECK(!leftover("bad.pdf"));
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/report", TEST_TMP_DIR);
    mkdir(dir, 0700);
    snprintf(ob_path, sizeof ob_path, "%s/outbox.db", dir);
    snprintf(pub_path, sizeof pub_path, "%s/pals.pub", dir);
    snprintf(sk_path, sizeof sk_path, "%s/pals.key", dir);
    snprintf(other_sk_path, sizeof other_sk_path, "%s/other.key", dir);
    if (run("command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null") != 0) {
        fprintf(stderr, "test_report: pdftotext and pdfinfo (poppler-utils) are needed\n");
        return 1;
    }
    build_outbox();
    unsigned char other[OUTBOX_KEY_BYTES], other_pk[OUTBOX_KEY_BYTES];
    crypto_box_keypair(other_pk, other);
    unlink(other_sk_path);
    if (outbox_key_write(other_sk_path, other, true) != 0)
        return 1;
    TEST_RUN(test_report_with_key);
    TEST_RUN(test_report_without_key);
    TEST_RUN(test_report_empty_period);
    TEST_RUN(test_report_bad_input);
    return TEST_REPORT();
}
