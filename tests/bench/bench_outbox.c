/* bench_outbox.c: outbox figures. Submit time as the person waits for "sent" (JSON,
 * seal to the PALS key, INSERT and a durable COMMIT with WAL + synchronous=FULL) over
 * 200 concerns, p50/p99/max; then a backlog of 10,000 concerns (stored in one
 * transaction, since only the staff side is timed there) exported to /dev/null as
 * JSON, CSV and FHIR, and purged. Runs in `dir`, on whatever disk holds it: fsync
 * cost is the disk's, so compare figures from the same machine only. */
#include "bench.h"

#include "err.h"
#include "mem.h"
#include "outbox.h"

#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SUBMITS = 200, BACKLOG = 10000 };

/* A concern of typical size (about 900 bytes of JSON). */
static void typical(Concern *c, int i)
{
    concern_init(c);
    c->who = i % 3 ? WHO_ME : WHO_SOMEONE_ELSE;
    c->consent = CONSENT_YES;
    c->category = i % 2 ? "appointments" : "care";
    c->when = (CivilDate){2026, 4, 1 + i % 28};
    strbuf_addf(&c->what,
                "Concern %d. I waited nearly three hours in the outpatients area without any "
                "update, and when I asked at the desk nobody could tell me whether my "
                "appointment was still going ahead. My mother, who is 84, became distressed and "
                "we missed the hospital transport home. Nobody apologised and the board said "
                "the clinic was running to time the whole afternoon. Zażółć gęślą jaźń.",
                i);
    strbuf_adds(&c->outcome, "An explanation of what went wrong, and a call before the next "
                             "appointment if the clinic is running late.");
    c->contact = CONTACT_EMAIL;
    strbuf_adds(&c->name, "Alex Example");
    strbuf_adds(&c->email, "alex@example.org");
    c->ais_needs = i % 4 == 0 ? AIS_LARGE_PRINT | AIS_HEARING_LOOP : 0;
    c->consent_to_share = true;
}

static void remove_outbox(const char *path)
{
    char side[1100];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Stores n more sealed concerns in one transaction, straight into the file. */
static int fill_backlog(const char *path, const unsigned char pk[OUTBOX_KEY_BYTES], int n)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT OR IGNORE INTO concern(reference, created_at, sealed) "
                                "VALUES(?1, '2026-05-01T10:00:00Z', ?2)",
                                -1, &st, NULL);
    for (int stored = 0, i = 0; rc == SQLITE_OK && stored < n; i++) {
        char ref[OUTBOX_REF_MAX];
        outbox_make_reference(ref);
        Concern c;
        typical(&c, i);
        ConcernStamp stamp = {ref, "2026-05-01T10:00:00Z", "bench", NULL, NULL};
        char *json = concern_to_json(&c, &stamp);
        concern_clear(&c);
        if (!json)
            return err_set("out of memory");
        size_t len = strlen(json);
        unsigned char *box = mem_alloc(len + crypto_box_SEALBYTES);
        if (!box || crypto_box_seal(box, (unsigned char *)json, len, pk) != 0) {
            mem_free(box);
            mem_free_wiped(json, len);
            return err_set("cannot seal");
        }
        mem_free_wiped(json, len);
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, box, (int)(len + crypto_box_SEALBYTES), SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        stored += sqlite3_changes(db); /* a repeated reference is simply drawn again */
        sqlite3_reset(st);
        mem_free(box);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        err_set("%s: %s", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* Exports everything (again) to /dev/null in one format; returns milliseconds. */
static double time_export(const char *path, const unsigned char sk[OUTBOX_KEY_BYTES],
                          OutboxFormat format, int *count)
{
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        return -1;
    OutboxExport ex = {.format = format, .all = true};
    double t0 = bench_now_ms();
    int rc = outbox_export(path, sk, null, &ex);
    double ms = bench_now_ms() - t0;
    fclose(null);
    *count = ex.exported;
    return rc == 0 ? ms : -1;
}

int bench_outbox(const char *dir)
{
    char path[1024], pub[1024];
    snprintf(path, sizeof path, "%s/bench-outbox.db", dir);
    snprintf(pub, sizeof pub, "%s/bench-outbox.pub", dir);
    remove_outbox(path);
    unlink(pub);
    if (sodium_init() < 0)
        return -1;
    unsigned char pk[OUTBOX_KEY_BYTES], sk[OUTBOX_KEY_BYTES];
    crypto_box_keypair(pk, sk);
    if (outbox_key_write(pub, pk, false) != 0) {
        fprintf(stderr, "outbox benchmark: %s\n", err_msg());
        return -1;
    }

    Outbox *ob = outbox_open(path, pub);
    if (outbox_status(ob) != OUTBOX_OK) {
        fprintf(stderr, "outbox benchmark: %s\n", outbox_problem(ob));
        outbox_close(ob);
        return -1;
    }
    static double ms[SUBMITS];
    for (int i = 0; i < SUBMITS; i++) {
        Concern c;
        typical(&c, i);
        char ref[OUTBOX_REF_MAX];
        double t0 = bench_now_ms();
        OutboxStatus st = outbox_submit(ob, &c, "bench", NULL, ref);
        ms[i] = bench_now_ms() - t0;
        concern_clear(&c);
        if (st != OUTBOX_OK) {
            fprintf(stderr, "outbox benchmark: %s\n", outbox_problem(ob));
            outbox_close(ob);
            return -1;
        }
    }
    outbox_close(ob);
    double p50 = bench_percentile(ms, SUBMITS, 50), p99 = bench_percentile(ms, SUBMITS, 99);
    printf("outbox: submit (JSON, seal, durable commit), %d concerns: p50 %.2f ms, p99 %.2f ms, "
           "max %.2f ms\n",
           SUBMITS, p50, p99, ms[SUBMITS - 1]);

    double t0 = bench_now_ms();
    if (fill_backlog(path, pk, BACKLOG - SUBMITS) != 0) {
        fprintf(stderr, "outbox benchmark: %s\n", err_msg());
        return -1;
    }
    double fill_ms = bench_now_ms() - t0;
    struct stat sb;
    long long size = stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
    printf("outbox: backlog of %d concerns sealed and stored in %.0f ms; file %.1f MiB "
           "(%lld bytes a concern)\n",
           BACKLOG, fill_ms, (double)size / 1048576.0, size / BACKLOG);

    static const struct {
        OutboxFormat format;
        const char *name;
    } formats[] = {{OUTBOX_JSON, "JSON"}, {OUTBOX_CSV, "CSV"}, {OUTBOX_FHIR, "FHIR"}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        int count = 0;
        double t = time_export(path, sk, formats[i].format, &count);
        if (t < 0) {
            fprintf(stderr, "outbox benchmark: export failed: %s\n", err_msg());
            return -1;
        }
        printf("outbox: export of %d concerns to /dev/null as %s: %.0f ms (%.1f us each)\n",
               count, formats[i].name, t, t * 1000.0 / (count ? count : 1));
    }
    int deleted = 0;
    t0 = bench_now_ms();
    int rc = outbox_purge(path, &deleted);
    printf("outbox: purge of %d exported concerns (secure delete, VACUUM): %.0f ms\n", deleted,
           bench_now_ms() - t0);
    sodium_memzero(sk, sizeof sk);
    remove_outbox(path);
    unlink(pub);
    return rc;
}
