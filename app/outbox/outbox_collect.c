/* outbox_collect.c: collecting with proof, the kiosk's side (see outbox.h): the staff
 * status figures, writing a collection file to a removable drive (SQLite ATTACH of a
 * new file, synced, then renamed into place and its folder synced, before anything is
 * marked), and confirming a receipt (every token checked against the kept hash before
 * anything is deleted; then secure delete, VACUUM and an emptied write-ahead log). */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ==== figures ==== */

int outbox_counts(Outbox *ob, OutboxCounts *counts)
{
    memset(counts, 0, sizeof *counts);
    if (!ob || !ob->db)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db,
                                "SELECT count(*), count(collected_at), min(created_at), "
                                "(SELECT max(collected_at) FROM concern) FROM concern "
                                "WHERE exported_at IS NULL",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        counts->pending = sqlite3_column_int(st, 0);
        counts->collected = sqlite3_column_int(st, 1);
        const unsigned char *oldest = sqlite3_column_text(st, 2);
        const unsigned char *last = sqlite3_column_text(st, 3);
        snprintf(counts->oldest, sizeof counts->oldest, "%s", oldest ? (const char *)oldest : "");
        snprintf(counts->last_collected, sizeof counts->last_collected, "%s",
                 last ? (const char *)last : "");
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : -1;
}

/* ==== collecting ==== */

/* Words for a failed write to the drive. */
static const char *drive_words(sqlite3 *db, int rc)
{
    int err = sqlite3_system_errno(db);
    if ((rc & 0xff) == SQLITE_FULL || err == ENOSPC || err == EDQUOT)
        return "the drive is full";
    if ((rc & 0xff) == SQLITE_READONLY || err == EROFS || err == EACCES || err == EPERM)
        return "the drive cannot be written to (read-only, or locked)";
    return sqlite3_errmsg(db);
}

/* A file name part from the kiosk id: letters, digits and '-' only. */
static void safe_part(char *out, size_t cap, const char *id)
{
    size_t o = 0;
    for (const char *p = id && id[0] ? id : "kiosk"; *p && o + 1 < cap; p++) {
        char ch = *p;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        out[o++] = ok ? ch : '-';
    }
    out[o] = '\0';
}

/* Runs sql with ?1.. bound to the texts given (NULL = SQL NULL); an SQLite code. */
static int run(sqlite3 *db, const char *sql, const char *a, const char *b, const char *c,
               const char *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    const char *args[4] = {a, b, c, d};
    for (int i = 0; rc == SQLITE_OK && i < 4 && i < sqlite3_bind_parameter_count(st); i++)
        rc = args[i] ? sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC)
                     : sqlite3_bind_null(st, i + 1);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE || rc == SQLITE_ROW)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

int outbox_collect(Outbox *ob, const char *dir, const char *kiosk_id, const char *kiosk_name,
                   OutboxCollection *res)
{
    memset(res, 0, sizeof *res);
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    OutboxCounts counts;
    if (outbox_counts(ob, &counts) != 0)
        return err_set("outbox %s: cannot read it: %s", ob->path, sqlite3_errmsg(ob->db));
    if (counts.pending == 0)
        return 0;

    char now[OUTBOX_TIME_MAX], stamp[32], kiosk[64], name[160], final[1024], part[1100];
    outbox_time_now(now);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    safe_part(kiosk, sizeof kiosk, kiosk_id);
    for (int n = 1;; n++) { /* never over an earlier collection */
        if (n == 1)
            snprintf(name, sizeof name, "signpost-collection-%s-%s.db", kiosk, stamp);
        else
            snprintf(name, sizeof name, "signpost-collection-%s-%s-%d.db", kiosk, stamp, n);
        snprintf(final, sizeof final, "%s/%s", dir, name);
        if (access(final, F_OK) != 0 || n > 99)
            break;
    }
    snprintf(part, sizeof part, "%s.part", final);
    unlink(part);

    sqlite3 *db = ob->db;
    int rc = run(db, "ATTACH ?1 AS c", part, NULL, NULL, NULL);
    bool attached = rc == SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA c.journal_mode=DELETE; PRAGMA c.synchronous=FULL", NULL,
                          NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    char pragmas[160];
    snprintf(pragmas, sizeof pragmas, "PRAGMA c.application_id=%d; PRAGMA c.user_version=%d",
             (int)OUTBOX_APPLICATION_ID, (int)OUTBOX_SCHEMA_VERSION);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          "CREATE TABLE c.concern" OUTBOX_CONCERN_COLUMNS
                          "; CREATE TABLE c.collection" OUTBOX_COLLECTION_TABLE "; "
                          "INSERT INTO c.concern(id, reference, created_at, sealed, token_hash) "
                          "SELECT id, reference, created_at, sealed, token_hash FROM main.concern "
                          "WHERE exported_at IS NULL ORDER BY id",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        res->count = sqlite3_changes(db);
    /* Feedback goes too: the answers' counts and the comments not yet exported (still
     * sealed), and the usage figures; never the hashes of unmatched searches or their
     * key. The kiosk keeps its copies. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          OUTBOX_V3_TABLES("c.") "; " OUTBOX_V4_COLUMNS("c.") "; INSERT INTO "
                          "c.fft_answer SELECT * FROM main.fft_answer; INSERT INTO "
                          "c.fft_text(id, sealed, token_hash) SELECT id, sealed, token_hash "
                          "FROM main.fft_text WHERE exported_at IS NULL ORDER BY id; INSERT INTO "
                          "c.usage_count SELECT * FROM main.usage_count",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = run(db, "INSERT INTO c.collection VALUES(?1, ?2, ?3, ?4)", name,
                 kiosk_id ? kiosk_id : "", kiosk_name, now);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, pragmas, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    char why[1400] = "";
    if (rc != SQLITE_OK) {
        snprintf(why, sizeof why, "%s", drive_words(db, rc));
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (attached && sqlite3_exec(db, "DETACH c", NULL, NULL, NULL) != SQLITE_OK && !why[0])
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(db));
    /* The file and its name on the drive, synced, before anything counts as collected. */
    if (!why[0] && file_sync(part) != 0)
        snprintf(why, sizeof why, "%s", err_msg());
    if (!why[0] && rename(part, final) != 0)
        snprintf(why, sizeof why, "cannot name the file %s: %s", final, strerror(errno));
    if (!why[0] && file_sync_dir_of(final) != 0)
        snprintf(why, sizeof why, "%s", err_msg());
    if (why[0]) {
        unlink(part);
        res->count = 0;
        return err_set("could not write the collection to %s: %s; nothing was marked "
                       "collected",
                       dir, why);
    }
    snprintf(res->file, sizeof res->file, "%s", final);
    /* Marked for the status screen only: they stay until a receipt proves them opened. */
    rc = run(db, "UPDATE concern SET collected_at = ?1 WHERE exported_at IS NULL", now, NULL,
             NULL, NULL);
    if (rc != SQLITE_OK)
        log_warn("outbox %s: the collection %s was written, but marking its concerns "
                 "collected failed: %s",
                 ob->path, final, sqlite3_errmsg(db));
    log_info("outbox %s: %d concern%s collected to %s", ob->path, res->count,
             res->count == 1 ? "" : "s", final);
    return 0;
}

/* ==== confirming a receipt ==== */

enum { RECEIPT_FILE_MAX = 64 << 20 };

int outbox_confirm(Outbox *ob, const char *receipt_path, const char *kiosk_id,
                   OutboxConfirm *res)
{
    memset(res, 0, sizeof *res);
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    return outbox_confirm_db(ob->db, ob->path, receipt_path, kiosk_id, res);
}

int outbox_confirm_db(sqlite3 *db, const char *path, const char *receipt_path,
                      const char *kiosk_id, OutboxConfirm *res)
{
    memset(res, 0, sizeof *res);
    char *text = NULL;
    size_t len = 0;
    if (file_read(receipt_path, RECEIPT_FILE_MAX, &text, &len) != FILE_READ_OK)
        return err_set("cannot read the receipt: %s", err_msg());
    OutboxReceipt r;
    int parsed = outbox_receipt_parse(text, len, receipt_path, &r);
    mem_free(text);
    if (parsed != 0)
        return -1;
    if (r.kiosk[0] && kiosk_id && kiosk_id[0] && strcmp(r.kiosk, kiosk_id) != 0) {
        int rc = err_set("receipt %s is for the kiosk '%s', not this one ('%s'); nothing was "
                         "deleted",
                         receipt_path, r.kiosk, kiosk_id);
        outbox_receipt_release(&r);
        return rc;
    }
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT id, token_hash FROM concern WHERE reference = ?1",
                                -1, &st, NULL);
    int result = rc == SQLITE_OK ? 0 : err_set("outbox %s: %s", path, sqlite3_errmsg(db));
    /* Every line checked before anything is deleted: one bad token refuses it all. */
    for (size_t i = 0; result == 0 && i < r.n; i++) {
        sqlite3_bind_text(st, 1, r.lines[i].reference, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            if (!outbox_token_matches(r.lines[i].token, sqlite3_column_blob(st, 1),
                                      sqlite3_column_bytes(st, 1)))
                result = err_set("receipt %s: the token for concern %s does not match the one "
                                 "sealed in it: this is not a receipt PALS made from this "
                                 "kiosk's collection (forged, or from another kiosk); nothing "
                                 "was deleted",
                                 receipt_path, r.lines[i].reference);
            else if (mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) != 0)
                result = -1;
            else
                ids[nids++] = sqlite3_column_int64(st, 0);
        } else if (rc == SQLITE_DONE) {
            res->absent++;
        } else {
            result = err_set("outbox %s: %s", path, sqlite3_errmsg(db));
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (result == 0 && nids > 0) {
        rc = outbox_for_ids(db, "DELETE FROM concern WHERE id = ?1", ids, nids, NULL);
        if (rc != SQLITE_OK) {
            result = err_set("outbox %s: deleting the confirmed concerns failed (%s); nothing "
                             "was deleted",
                             path, sqlite3_errmsg(db));
        } else {
            res->purged = (int)nids;
            /* secure_delete zeroed the rows; VACUUM drops their pages, and the checkpoint
             * empties the write-ahead log that held the old ones. */
            if (sqlite3_exec(db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
                SQLITE_OK)
                log_warn("outbox %s: confirmed concerns deleted, but compacting failed: %s",
                         path, sqlite3_errmsg(db));
        }
    }
    if (result == 0)
        log_info("outbox %s: receipt %s confirmed %d concern%s (%d listed were not here)",
                 path, receipt_path, res->purged, res->purged == 1 ? "" : "s", res->absent);
    mem_free(ids);
    outbox_receipt_release(&r);
    return result;
}
