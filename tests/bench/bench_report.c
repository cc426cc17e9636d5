/* bench_report.c: the PALS report (signpostctl report) end to end, target 5 s: an
 * outbox with 10,000 sealed concerns spread over a year (subjects and places inside),
 * a year of Friends and Family Test answers and of usage figures (people by hour,
 * languages, screens, searches, slips, content loads), then report_write for the year
 * with the PALS key (every concern opened in memory) and without it. The backlog is
 * stored straight into the file in one transaction (only the report is timed). */
#include "bench.h"

#include "err.h"
#include "mem.h"
#include "outbox.h"
#include "report.h"
#include "schedule.h"

#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CONCERNS = 10000, DAYS = 365 };

static const char *const categories[] = {"care", "communication", "staff", "appointments",
                                         "admission", "medicines", "facilities", "privacy",
                                         "other"};

/* Days since 1970 to "YYYY-MM-DD". */
static void day_string(long z, char out[16])
{
    CivilDate d = civil_from_days(z);
    snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
}

typedef struct UseRow {
    const char *metric;
    char item[48];
    long n;
} UseRow;

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* 2026-01-01 is day 20454. */
static int fill(const char *path, const unsigned char pk[OUTBOX_KEY_BYTES])
{
    sqlite3 *db = NULL;
    sqlite3_stmt *concern = NULL, *answer = NULL, *use = NULL;
    int rc = sqlite3_open(path, &db) == SQLITE_OK ? 0 : -1;
    if (rc == 0)
        rc = exec(db, "BEGIN");
    if (rc == 0)
        rc = sqlite3_prepare_v2(db,
                                "INSERT OR IGNORE INTO concern(reference, created_at, sealed) "
                                "VALUES(?1, ?2, ?3)",
                                -1, &concern, NULL) == SQLITE_OK &&
                     sqlite3_prepare_v2(db,
                                        "INSERT INTO fft_answer(day, answer, count) VALUES(?1, "
                                        "?2, ?3)",
                                        -1, &answer, NULL) == SQLITE_OK &&
                     sqlite3_prepare_v2(db,
                                        "INSERT INTO usage_count(day, metric, item, count) "
                                        "VALUES(?1, ?2, ?3, ?4)",
                                        -1, &use, NULL) == SQLITE_OK
                 ? 0
                 : -1;
    char places[40][32], names[40][48];
    for (int i = 0; i < 40; i++) {
        snprintf(places[i], sizeof places[i], "place-%d", i);
        snprintf(names[i], sizeof names[i], "Clinic %d (Outpatients)", i);
    }
    for (int stored = 0, i = 0; rc == 0 && stored < CONCERNS; i++) {
        char ref[OUTBOX_REF_MAX], day[16], at[32];
        outbox_make_reference(ref);
        day_string(20454 + (i * 7919L) % DAYS, day);
        snprintf(at, sizeof at, "%sT%02d:%02d:00Z", day, 8 + i % 12, i % 60);
        Concern c;
        concern_init(&c);
        c.who = WHO_ME;
        c.category = categories[i % 9];
        c.where_place = places[(i * 31) % 40];
        c.where_place_name = names[(i * 31) % 40];
        c.contact = CONTACT_EMAIL;
        strbuf_addf(&c.what, "Concern %d: I waited nearly three hours in the outpatients area "
                             "without any update, and nobody could tell me why.", i);
        strbuf_adds(&c.outcome, "An explanation and an apology.");
        strbuf_adds(&c.name, "Alex Example");
        strbuf_adds(&c.email, "alex@example.org");
        ConcernStamp stamp = {ref, at, "bench", "Main entrance", NULL};
        char *json = concern_to_json(&c, &stamp);
        concern_clear(&c);
        if (!json)
            return err_set("out of memory");
        size_t len = strlen(json);
        unsigned char *box = mem_alloc(len + crypto_box_SEALBYTES);
        if (!box || crypto_box_seal(box, (unsigned char *)json, len, pk) != 0)
            rc = err_set("cannot seal");
        mem_free_wiped(json, len);
        if (rc == 0) {
            sqlite3_bind_text(concern, 1, ref, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(concern, 2, at, -1, SQLITE_TRANSIENT);
            sqlite3_bind_blob(concern, 3, box, (int)(len + crypto_box_SEALBYTES),
                              SQLITE_TRANSIENT);
            rc = sqlite3_step(concern) == SQLITE_DONE ? 0 : -1;
            stored += sqlite3_changes(db);
            sqlite3_reset(concern);
        }
        mem_free(box);
    }
    static const char *const langs[] = {"en", "cy", "pl", "ur", "ar", "bn", "pa", "ro", "so"};
    for (int d = 0; rc == 0 && d < DAYS; d++) {
        char day[16];
        day_string(20454 + d, day);
        for (int a = 1; a <= 6; a++) {
            sqlite3_bind_text(answer, 1, day, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(answer, 2, a);
            sqlite3_bind_int(answer, 3, (a == 1 ? 9 : a == 2 ? 5 : 1) + (d + a) % 3);
            rc |= sqlite3_step(answer) == SQLITE_DONE ? 0 : -1;
            sqlite3_reset(answer);
        }
        UseRow rows[64];
        int nrows = 0;
        rows[nrows++] = (UseRow){"sessions", "", 60 + d % 20};
        for (int h = 7; h < 22; h++) {
            rows[nrows] = (UseRow){"hour", "", 2 + (h * d) % 7};
            snprintf(rows[nrows++].item, 48, "%02d", h);
        }
        for (int l = 0; l < 9; l++) {
            rows[nrows] = (UseRow){"language", "", l == 0 ? 40 : 1 + (d + l) % 4};
            snprintf(rows[nrows++].item, 48, "%s", langs[l]);
        }
        static const char *const screens[] = {"home", "find", "search", "destination",
                                              "support", "service", "concern", "feedback"};
        for (int s = 0; s < 8; s++) {
            rows[nrows] = (UseRow){"screen", "", 10 + (d * s) % 30};
            snprintf(rows[nrows++].item, 48, "%s", screens[s]);
        }
        rows[nrows++] = (UseRow){"search-empty", "", 3 + d % 5};
        rows[nrows] = (UseRow){"search-words", "", 1};
        snprintf(rows[nrows++].item, 48, "missing thing %d", d % 23);
        rows[nrows++] = (UseRow){"print", "", 5 + d % 4};
        rows[nrows] = (UseRow){"content", "", 1};
        snprintf(rows[nrows++].item, 48, "2026-%02d-01T090000Z", 1 + d / 31 % 12);
        rows[nrows] = (UseRow){"feature", "", 2};
        snprintf(rows[nrows++].item, 48, "%s", d % 2 ? "larger-text" : "high-contrast");
        for (int r = 0; rc == 0 && r < nrows; r++) {
            sqlite3_bind_text(use, 1, day, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(use, 2, rows[r].metric, -1, SQLITE_STATIC);
            sqlite3_bind_text(use, 3, rows[r].item, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(use, 4, rows[r].n);
            rc |= sqlite3_step(use) == SQLITE_DONE ? 0 : -1;
            sqlite3_reset(use);
        }
    }
    sqlite3_finalize(concern);
    sqlite3_finalize(answer);
    sqlite3_finalize(use);
    if (rc == 0)
        rc = exec(db, "COMMIT");
    if (rc != 0)
        err_set("%s: %s", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

int bench_report(const char *dir, const char *keep_pdf)
{
    char path[1024], pub[1024], pdf[1024];
    snprintf(path, sizeof path, "%s/report-outbox.db", dir);
    snprintf(pub, sizeof pub, "%s/report-outbox.pub", dir);
    snprintf(pdf, sizeof pdf, "%s", keep_pdf ? keep_pdf : "");
    if (!keep_pdf)
        snprintf(pdf, sizeof pdf, "%s/report.pdf", dir);
    unlink(path);
    unlink(pub);
    if (sodium_init() < 0)
        return -1;
    unsigned char pk[OUTBOX_KEY_BYTES], sk[OUTBOX_KEY_BYTES];
    crypto_box_keypair(pk, sk);
    if (outbox_key_write(pub, pk, false) != 0) {
        fprintf(stderr, "report benchmark: %s\n", err_msg());
        return -1;
    }
    Outbox *ob = outbox_open(path, pub); /* makes the file and its tables */
    OutboxStatus st = outbox_status(ob);
    outbox_close(ob);
    double t0 = bench_now_ms();
    if (st != OUTBOX_OK || fill(path, pk) != 0) {
        fprintf(stderr, "report benchmark: %s\n", err_msg());
        return -1;
    }
    printf("report: outbox of %d concerns and %d days of answers and usage made in %.0f ms\n",
           CONCERNS, DAYS, bench_now_ms() - t0);
    ReportOptions o = {.outbox = path, .secret_key = sk, .from = "2026-01-01",
                       .to = "2026-12-31", .kiosk = "Main entrance", .out_path = pdf,
                       .today = "2027-01-04"};
    ReportTotals t;
    t0 = bench_now_ms();
    int rc = report_write(&o, &t);
    double keyed = bench_now_ms() - t0;
    o.secret_key = NULL;
    t0 = bench_now_ms();
    if (rc == 0)
        rc = report_write(&o, NULL);
    double plain = bench_now_ms() - t0;
    if (rc != 0) {
        fprintf(stderr, "report benchmark: %s\n", err_msg());
    } else {
        struct stat sb;
        long long size = stat(pdf, &sb) == 0 ? (long long)sb.st_size : 0;
        printf("report: a year, %ld concerns opened with the key, %ld answers, %ld people: "
               "%.0f ms end to end (target 5000 ms); without the key %.0f ms; PDF %d pages, "
               "%lld KiB\n",
               t.concerns, t.answers, t.sessions, keyed, plain, t.pages, size / 1024);
    }
    sodium_memzero(sk, sizeof sk);
    unlink(path);
    unlink(pub);
    if (!keep_pdf)
        unlink(pdf);
    return rc;
}
