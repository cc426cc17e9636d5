/* test_feedback.c: the Friends and Family Test and the usage figures in the outbox
 * (issue 11, parts 5 and 6): answers counted by day only, with no column that could
 * hold a time or link a response to anything; the free text sealed (a distinctive word
 * is nowhere in the file) and opened with the PALS key; the monthly counts as NHS
 * England collects them; versions 1 and 2 brought up to 3 on both sides; collection
 * files carry the feedback; unmatched searches stored as words only from the fifth
 * session that typed them; no time finer than the hour in the usage figures. */
#include "test.h"

#include "outbox_testlib.h"
#include "usage.h"

#include "log.h"

#include <sys/stat.h>

#define DIR_ TEST_TMP_DIR "/feedback"
#define OUTBOX DIR_ "/outbox.db"
#define PUB DIR_ "/pals.pub"

static unsigned char sk[OUTBOX_KEY_BYTES];

static Outbox *fresh(void)
{
    mkdir(DIR_, 0755);
    tl_remove_outbox(OUTBOX);
    tl_make_keys(PUB, sk);
    Outbox *ob = outbox_open(OUTBOX, PUB);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    return ob;
}

/* True when the outbox file or its write-ahead log holds needle. */
static bool file_has(const char *needle)
{
    const char *files[] = {OUTBOX, OUTBOX "-wal"};
    for (int i = 0; i < 2; i++) {
        size_t len = 0;
        unsigned char *b = tl_slurp(files[i], &len);
        bool found = b && tl_contains(b, len, needle);
        free(b);
        if (found)
            return true;
    }
    return false;
}

static char *query_text(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out ? out : strdup("");
}

static char *export_to_text(int (*fn)(FILE *out))
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK_INT(fn(f), 0);
    fclose(f);
    return buf;
}

static int nhs(FILE *out)
{
    return outbox_feedback_nhs_monthly(OUTBOX, out);
}

static OutboxFormat export_format;
static int exported;
static int comments(FILE *out)
{
    return outbox_feedback_export(OUTBOX, sk, export_format, NULL, out, &exported);
}

static void test_answers_by_day_and_sealed_text(void)
{
    Outbox *ob = fresh();
    CHECK_INT(outbox_feedback(ob, FFT_GOOD, "2026-11-22", "WOMBATQUILL was lovely"), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ob, FFT_GOOD, "2026-11-22", NULL), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ob, FFT_VERY_POOR, "2026-11-30", ""), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ob, FFT_DONT_KNOW, "2026-12-01", "cold tea"), OUTBOX_OK);
    /* Refused: no answer, an answer out of range, a day that is not a date. */
    CHECK(outbox_feedback(ob, FFT_NONE, "2026-11-22", NULL) != OUTBOX_OK);
    CHECK(outbox_feedback(ob, 7, "2026-11-22", NULL) != OUTBOX_OK);
    CHECK(outbox_feedback(ob, FFT_GOOD, "2026-11-22T10:00", NULL) != OUTBOX_OK);

    OutboxFeedbackCounts fc;
    CHECK_INT(outbox_feedback_counts(ob, "2026-11-22", &fc), 0);
    CHECK_INT(fc.today, 2);
    CHECK_INT(fc.comments, 2);
    outbox_close(ob);

    /* Counted, not listed: one row per day and answer, and nothing else in it. */
    char *cols = query_text(OUTBOX, "SELECT group_concat(name, ',') FROM pragma_table_info('fft_answer')");
    CHECK_STR(cols, "day,answer,count");
    free(cols);
    char *rows = query_text(OUTBOX, "SELECT group_concat(day || '/' || answer || '/' || count, ' ') "
                                    "FROM (SELECT * FROM fft_answer ORDER BY day, answer)");
    CHECK_STR(rows, "2026-11-22/2/2 2026-11-30/5/1 2026-12-01/6/1");
    free(rows);
    char *tcols = query_text(OUTBOX, "SELECT group_concat(name, ',') FROM pragma_table_info('fft_text')");
    CHECK_STR(tcols, "id,sealed,exported_at,token_hash"); /* the receipt token's hash only */
    free(tcols);
    /* The free text is sealed: the word is nowhere in the file. */
    CHECK(!file_has("WOMBATQUILL"));
    CHECK(!file_has("cold tea"));

    char *csv = export_to_text(nhs);
    CHECK_STR(csv, "Period,Very good,Good,Neither good nor poor,Poor,Very poor,Don't know,Total\r\n"
                   "2026-11,0,2,0,0,1,0,3\r\n"
                   "2026-12,0,0,0,0,0,1,1\r\n");
    free(csv);

    export_format = OUTBOX_FHIR;
    char *fhir = export_to_text(comments);
    CHECK_INT(exported, 2);
    json_error_t jerr;
    json_t *bundle = json_loads(fhir, 0, &jerr);
    CHECK(bundle != NULL);
    CHECK_INT((int)json_array_size(json_object_get(bundle, "entry")), 2);
    CHECK_CONTAINS(fhir, "\"QuestionnaireResponse\"");
    CHECK_CONTAINS(fhir, "WOMBATQUILL was lovely");
    CHECK_CONTAINS(fhir, "\"authored\":\"2026-11-22\"");
    CHECK(!strstr(fhir, "\"subject\""));
    json_decref(bundle);
    free(fhir);
    /* Exported once: a second export has nothing new. */
    export_format = OUTBOX_CSV;
    char *again = export_to_text(comments);
    CHECK_INT(exported, 0);
    CHECK_STR(again, "\xEF\xBB\xBF" "day,answer,comment\r\n");
    free(again);
}

static void test_csv_comments(void)
{
    Outbox *ob = fresh();
    CHECK_INT(outbox_feedback(ob, FFT_POOR, "2026-11-23", "=cmd, \"quoted\""), OUTBOX_OK);
    outbox_close(ob);
    export_format = OUTBOX_CSV;
    char *csv = export_to_text(comments);
    CHECK_STR(csv, "\xEF\xBB\xBF" "day,answer,comment\r\n2026-11-23,Poor,\"'=cmd, \"\"quoted\"\"\"\r\n");
    free(csv);
}

/* A version 2 outbox (before feedback): brought up to 3 by the kiosk, and by staff. */
static void make_v2(const char *path)
{
    tl_remove_outbox(path);
    sqlite3 *db = NULL;
    sqlite3_open(path, &db);
    CHECK_INT(sqlite3_exec(db,
                           "CREATE TABLE concern(id INTEGER PRIMARY KEY, reference TEXT UNIQUE "
                           "NOT NULL, created_at TEXT NOT NULL, sealed BLOB NOT NULL, exported_at "
                           "TEXT, token_hash BLOB, collected_at TEXT); PRAGMA "
                           "application_id=1397769039; PRAGMA user_version=2;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
}

static void test_migrations(void)
{
    mkdir(DIR_, 0755);
    tl_make_keys(PUB, sk);
    make_v2(OUTBOX);
    Outbox *ob = outbox_open(OUTBOX, PUB);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ob, FFT_NEITHER, "2026-11-22", NULL), OUTBOX_OK);
    outbox_close(ob);
    char *v = query_text(OUTBOX, "PRAGMA user_version");
    CHECK_STR(v, "4");
    free(v);
    /* Staff side, on a version 2 file it has never seen. */
    make_v2(OUTBOX);
    CHECK_INT(outbox_feedback_months(OUTBOX, NULL, NULL), 0);
    v = query_text(OUTBOX, "PRAGMA user_version");
    CHECK_STR(v, "4");
    free(v);
    CHECK_INT(usage_read(OUTBOX, NULL, NULL, NULL, NULL), 0);
    /* And a version 1 file (no receipts either). */
    tl_remove_outbox(OUTBOX);
    sqlite3 *db = NULL;
    sqlite3_open(OUTBOX, &db);
    sqlite3_exec(db,
                 "CREATE TABLE concern(id INTEGER PRIMARY KEY, reference TEXT UNIQUE NOT NULL, "
                 "created_at TEXT NOT NULL, sealed BLOB NOT NULL, exported_at TEXT); PRAGMA "
                 "application_id=1397769039; PRAGMA user_version=1;",
                 NULL, NULL, NULL);
    sqlite3_close(db);
    ob = outbox_open(OUTBOX, PUB);
    CHECK_INT(outbox_status(ob), OUTBOX_OK);
    CHECK_INT(outbox_feedback(ob, FFT_GOOD, "2026-11-22", NULL), OUTBOX_OK);
    outbox_close(ob);
    v = query_text(OUTBOX, "PRAGMA user_version");
    CHECK_STR(v, "4");
    free(v);
}

static void test_collection_carries_feedback(void)
{
    Outbox *ob = fresh();
    Concern c;
    tl_fill(&c, "A concern to collect.");
    char ref[OUTBOX_REF_MAX];
    CHECK_INT(outbox_submit(ob, &c, "main-entrance", "Main entrance", ref), OUTBOX_OK);
    concern_clear(&c);
    CHECK_INT(outbox_feedback(ob, FFT_VERY_GOOD, "2026-11-22", "OTTERFERN"), OUTBOX_OK);
    Usage *u = usage_new();
    usage_set_today(u, "2026-11-22");
    usage_count(u, "print");
    CHECK_INT(usage_flush(u, ob, 1), 0);
    usage_free(u);
    mkdir(DIR_ "/drive", 0755);
    OutboxCollection res;
    CHECK_INT(outbox_collect(ob, DIR_ "/drive", "main-entrance", "Main entrance", &res), 0);
    CHECK_INT(res.count, 1);
    outbox_close(ob);
    char *n = query_text(res.file, "SELECT (SELECT count(*) FROM fft_text) || '/' || "
                                   "(SELECT sum(count) FROM fft_answer) || '/' || "
                                   "(SELECT count(*) FROM usage_count WHERE metric = 'print') "
                                   "|| '/' || (SELECT count(*) FROM usage_word)");
    CHECK_STR(n, "1/1/1/0");
    free(n);
    size_t len = 0;
    unsigned char *b = tl_slurp(res.file, &len);
    CHECK(b && !tl_contains(b, len, "OTTERFERN"));
    free(b);
    unlink(res.file);
}

/* One person: searches (typed letter by letter), then leaves. */
static void session(Outbox *ob, Usage *u, const char *typed)
{
    char part[64] = "";
    for (size_t i = 0; typed[i]; i++) {
        part[i] = typed[i];
        part[i + 1] = '\0';
        usage_search_empty(u, part);
    }
    usage_search_empty(u, typed); /* again, the same session: still once */
    usage_session_end(u);
    CHECK_INT(usage_flush(u, ob, 1), 0);
}

static long count_of(const char *metric, const char *item)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(sum(count), 0) FROM usage_count WHERE metric = '%s' AND item = '%s'",
             metric, item);
    char *t = query_text(OUTBOX, sql);
    long n = atol(t);
    free(t);
    return n;
}

static void test_five_sessions_threshold(void)
{
    Outbox *ob = fresh();
    Usage *u = usage_new();
    usage_set_today(u, "2026-11-22");
    for (int i = 0; i < 4; i++)
        session(ob, u, i % 2 ? "Xyzzy!" : "xyzzy");
    /* Four people typed it: only a keyed hash and a count, not the word. */
    CHECK(!file_has("xyzzy"));
    CHECK(!file_has("Xyzzy"));
    char *w = query_text(OUTBOX, "SELECT sessions || '/' || coalesce(words, '-') FROM usage_word");
    CHECK_STR(w, "4/-");
    free(w);
    CHECK_INT((int)count_of("search-empty", ""), 4);
    CHECK_INT((int)count_of("search-words", "xyzzy"), 0);
    /* The fifth: now the words are kept and counted. */
    session(ob, u, "xyzzy");
    w = query_text(OUTBOX, "SELECT sessions || '/' || coalesce(words, '-') FROM usage_word");
    CHECK_STR(w, "5/xyzzy");
    free(w);
    CHECK_INT((int)count_of("search-words", "xyzzy"), 1);
    CHECK_INT((int)count_of("sessions", ""), 5);
    /* A word only one person typed stays a hash. */
    session(ob, u, "Mrs Bloggins");
    CHECK(!file_has("bloggins"));
    CHECK(!file_has("Bloggins"));
    outbox_close(ob);
    usage_free(u);
}

static int check_row(void *user, const UsageRow *r)
{
    int *bad = user;
    size_t n = strlen(r->day);
    bool day_ok = n == 10 && r->day[4] == '-' && r->day[7] == '-';
    bool hour_ok = strcmp(r->metric, "hour") != 0 ||
                   (strlen(r->item) == 2 && r->item[0] >= '0' && r->item[0] <= '2');
    if (!day_ok || !hour_ok || strchr(r->item, ':'))
        (*bad)++;
    return 0;
}

static void test_no_time_finer_than_the_hour(void)
{
    Outbox *ob = fresh();
    Usage *u = usage_new();
    usage_count_item(u, "screen", "find");
    usage_count(u, "print");
    usage_session_mark(u, "language", "ur");
    usage_session_mark(u, "language", "ur");
    usage_session_mark(u, "feature", "high-contrast");
    usage_session_end(u);
    CHECK_INT(usage_flush(u, ob, 1), 0);
    CHECK(!usage_flush_due(u, 2));
    usage_count(u, "print");
    CHECK(!usage_flush_due(u, 1000));
    CHECK(usage_flush_due(u, 1 + USAGE_FLUSH_MS));
    CHECK_INT(usage_flush(u, ob, 1 + USAGE_FLUSH_MS), 0);
    CHECK_INT((int)count_of("language", "ur"), 1);
    CHECK_INT((int)count_of("print", ""), 2);
    long people = 0, empty = 0;
    char today[16];
    char *d = query_text(OUTBOX, "SELECT day FROM usage_count LIMIT 1");
    snprintf(today, sizeof today, "%s", d);
    free(d);
    CHECK_INT(usage_day_totals(u, ob, today, &people, &empty), 0);
    CHECK_INT((int)people, 1);
    outbox_close(ob);
    usage_free(u);
    int bad = 0;
    CHECK(usage_read(OUTBOX, NULL, NULL, check_row, &bad) > 0);
    CHECK_INT(bad, 0);
    /* Every column of every usage table: no time of day anywhere. */
    char *cols = query_text(OUTBOX, "SELECT group_concat(name, ',') FROM pragma_table_info('usage_count')");
    CHECK_STR(cols, "day,metric,item,count");
    free(cols);
    char *any = query_text(OUTBOX, "SELECT count(*) FROM usage_count WHERE day GLOB '*:*' OR item "
                                   "GLOB '*:*'");
    CHECK_STR(any, "0");
    free(any);
}

static void test_normalise(void)
{
    char out[USAGE_WORDS_MAX];
    usage_normalise("  Xyzzy!!  Plugh\t", out);
    CHECK_STR(out, "xyzzy plugh");
    usage_normalise("...", out);
    CHECK_STR(out, "");
    usage_normalise("Café", out);
    CHECK_STR(out, "café");
    char longer[300];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    usage_normalise(longer, out);
    CHECK_INT((int)strlen(out), USAGE_WORDS_MAX - 1);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    TEST_RUN(test_answers_by_day_and_sealed_text);
    TEST_RUN(test_csv_comments);
    TEST_RUN(test_migrations);
    TEST_RUN(test_collection_carries_feedback);
    TEST_RUN(test_five_sessions_threshold);
    TEST_RUN(test_no_time_finer_than_the_hour);
    TEST_RUN(test_normalise);
    return TEST_REPORT();
}
