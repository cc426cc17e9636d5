/* outbox_fleet.c: what the fleet sync (app/fleet) needs from the kiosk's outbox: each
 * sealed concern, sealed feedback comment and day of counts (feedback answers, usage
 * figures) to upload, deleting the concerns and comments whose collection the central
 * database proves (the receipt token, checked against the hash kept here, as outbox_confirm
 * does for a receipt file), and forgetting those kept past the retention period.
 * Deletions are secure (secure_delete), then the file is compacted and its
 * write-ahead log emptied, so nothing of them remains. */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>

#include <string.h>

int outbox_each_sealed(Outbox *ob, int (*fn)(void *user, const OutboxSealed *s), void *user)
{
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db,
                                "SELECT reference, created_at, sealed, token_hash FROM concern "
                                "ORDER BY id",
                                -1, &st, NULL);
    int n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        OutboxSealed s = {
            .reference = (const char *)sqlite3_column_text(st, 0),
            .created_at = (const char *)sqlite3_column_text(st, 1),
            .sealed = sqlite3_column_blob(st, 2),
            .sealed_len = (size_t)sqlite3_column_bytes(st, 2),
            .token_hash = sqlite3_column_blob(st, 3),
            .token_hash_len = (size_t)sqlite3_column_bytes(st, 3),
        };
        rc = SQLITE_OK;
        if (!s.reference || !s.created_at || !s.sealed)
            continue; /* not a sound row: never uploaded, never deleted here */
        n++;
        if (fn(user, &s) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    int result = n;
    if (rc != SQLITE_DONE)
        result = err_set("outbox %s: cannot read it: %s", ob->path, sqlite3_errmsg(ob->db));
    sqlite3_finalize(st);
    return result;
}

int outbox_each_feedback_text(Outbox *ob, int (*fn)(void *user, const OutboxSealed *s),
                              void *user)
{
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db, "SELECT sealed, token_hash FROM fft_text ORDER BY id",
                                -1, &st, NULL);
    int n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const unsigned char *sealed = sqlite3_column_blob(st, 0);
        int len = sqlite3_column_bytes(st, 0);
        if (!sealed || len <= 0)
            continue;
        unsigned char hash[16];
        char id[OUTBOX_REF_MAX + 24];
        crypto_generichash(hash, sizeof hash, sealed, (size_t)len, NULL, 0);
        id[0] = 't';
        sodium_bin2hex(id + 1, sizeof id - 1, hash, sizeof hash);
        OutboxSealed s = {.reference = id, .created_at = "", .sealed = sealed,
                          .sealed_len = (size_t)len,
                          .token_hash = sqlite3_column_blob(st, 1),
                          .token_hash_len = (size_t)sqlite3_column_bytes(st, 1)};
        n++;
        if (fn(user, &s) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    int result = n;
    if (rc != SQLITE_DONE)
        result = err_set("outbox %s: cannot read it: %s", ob->path, sqlite3_errmsg(ob->db));
    sqlite3_finalize(st);
    return result;
}

int outbox_each_day_count(Outbox *ob, bool usage,
                          int (*fn)(void *user, const OutboxDayCount *c), void *user)
{
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db,
                                usage ? "SELECT day, metric, item, count FROM usage_count "
                                        "ORDER BY day, metric, item"
                                      : "SELECT day, 'fft', answer, count FROM fft_answer "
                                        "ORDER BY day, answer",
                                -1, &st, NULL);
    int n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        OutboxDayCount c = {
            .day = (const char *)sqlite3_column_text(st, 0),
            .metric = (const char *)sqlite3_column_text(st, 1),
            .item = usage ? (const char *)sqlite3_column_text(st, 2)
                          : fft_code(sqlite3_column_int(st, 2)),
            .count = sqlite3_column_int64(st, 3),
        };
        if (!c.day || !c.metric || !c.item || c.count < 0)
            continue; /* not a sound row: never uploaded */
        n++;
        if (fn(user, &c) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    int result = n;
    if (rc != SQLITE_DONE)
        result = err_set("outbox %s: cannot read it: %s", ob->path, sqlite3_errmsg(ob->db));
    sqlite3_finalize(st);
    return result;
}

/* Deletes the rows ids[0..n) of table ("concern" or "fft_text") in one transaction,
 * then compacts. */
static int delete_ids(Outbox *ob, const char *table, const sqlite3_int64 *ids, size_t n)
{
    if (n == 0)
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(ob->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(ob->db,
                                strcmp(table, "fft_text") == 0
                                    ? "DELETE FROM fft_text WHERE id = ?1"
                                    : "DELETE FROM concern WHERE id = ?1",
                                -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int64(st, 1, ids[i]);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(ob->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int r = err_set("outbox %s: deleting failed (%s); nothing was deleted", ob->path,
                        sqlite3_errmsg(ob->db));
        if (!sqlite3_get_autocommit(ob->db))
            sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
        return r;
    }
    if (sqlite3_exec(ob->db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) !=
        SQLITE_OK)
        log_warn("outbox %s: %s deleted, but compacting failed: %s", ob->path,
                 strcmp(table, "fft_text") == 0 ? "comments" : "concerns",
                 sqlite3_errmsg(ob->db));
    return 0;
}

/* Ends a deletion: when result is 0, deletes the rows ids[0..nids) of table and sets
 * *count; when that fails, or result was already a failure, clears gone[0..ngone) (may
 * be NULL: nothing went). Frees ids. Returns the result. */
static int delete_found(Outbox *ob, const char *table, int result, sqlite3_int64 *ids,
                        size_t nids, int *count, bool *gone, size_t ngone)
{
    if (result == 0)
        result = delete_ids(ob, table, ids, nids);
    if (result == 0)
        *count = (int)nids;
    else
        for (size_t i = 0; gone && i < ngone; i++)
            gone[i] = false;
    mem_free(ids);
    return result;
}


int outbox_purge_proven(Outbox *ob, const OutboxReceiptLine *lines, size_t n, int *purged,
                        int *refused, bool *gone)
{
    for (size_t i = 0; gone && i < n; i++)
        gone[i] = false;
    *purged = 0;
    *refused = 0;
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db, "SELECT id, token_hash FROM concern WHERE reference = ?1",
                                -1, &st, NULL);
    int result = rc == SQLITE_OK ? 0 : err_set("outbox %s: %s", ob->path, sqlite3_errmsg(ob->db));
    for (size_t i = 0; result == 0 && i < n; i++) {
        sqlite3_bind_text(st, 1, lines[i].reference, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            if (!outbox_token_matches(lines[i].token, sqlite3_column_blob(st, 1),
                                      sqlite3_column_bytes(st, 1))) {
                (*refused)++;
                log_warn("outbox %s: the central record of collecting concern %s does not "
                         "prove it (the token does not match); it is kept",
                         ob->path, lines[i].reference);
            } else if (mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) != 0) {
                result = -1;
            } else {
                ids[nids++] = sqlite3_column_int64(st, 0);
                if (gone)
                    gone[i] = true;
            }
        } else if (rc == SQLITE_DONE) {
            if (gone)
                gone[i] = true;
        } else {
            result = err_set("outbox %s: %s", ob->path, sqlite3_errmsg(ob->db));
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return delete_found(ob, "concern", result, ids, nids, purged, gone, n);
}

int outbox_forget(Outbox *ob, const char *const *refs, size_t n, int *deleted)
{
    *deleted = 0;
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db, "SELECT id FROM concern WHERE reference = ?1", -1, &st,
                                NULL);
    int result = rc == SQLITE_OK ? 0 : err_set("outbox %s: %s", ob->path, sqlite3_errmsg(ob->db));
    for (size_t i = 0; result == 0 && i < n; i++) {
        sqlite3_bind_text(st, 1, refs[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            if (mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) != 0)
                result = -1;
            else
                ids[nids++] = sqlite3_column_int64(st, 0);
        } else if (rc != SQLITE_DONE) {
            result = err_set("outbox %s: %s", ob->path, sqlite3_errmsg(ob->db));
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return delete_found(ob, "concern", result, ids, nids, deleted, NULL, 0);
}

bool outbox_feedback_id_valid(const char *id)
{
    if (!id || id[0] != 't' || strlen(id) != 33)
        return false;
    for (int i = 1; i < 33; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            return false;
    return true;
}

/* A comment here, found by its upload id. */
typedef struct FeedbackRow {
    sqlite3_int64 id;
    char upload_id[OUTBOX_FEEDBACK_ID_MAX];
    unsigned char token_hash[OUTBOX_TOKEN_HASH_BYTES];
    bool has_hash;
} FeedbackRow;

typedef struct FeedbackRows {
    FeedbackRow *v;
    size_t n, cap;
    bool failed;
} FeedbackRows;

/* Every comment's row id, upload id and token hash (the ids are hashes of the sealed
 * bytes, so they are worked out here rather than looked up). */
static int feedback_rows(Outbox *ob, FeedbackRows *rows)
{
    *rows = (FeedbackRows){0};
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(ob->db, "SELECT id, sealed, token_hash FROM fft_text ORDER BY id",
                                -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        const unsigned char *sealed = sqlite3_column_blob(st, 1);
        int len = sqlite3_column_bytes(st, 1);
        if (!sealed || len <= 0)
            continue;
        if (mem_grow((void **)&rows->v, &rows->cap, rows->n + 1, sizeof *rows->v) != 0) {
            rows->failed = true;
            break;
        }
        FeedbackRow *r = &rows->v[rows->n++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        unsigned char hash[16];
        crypto_generichash(hash, sizeof hash, sealed, (size_t)len, NULL, 0);
        r->upload_id[0] = 't';
        sodium_bin2hex(r->upload_id + 1, sizeof r->upload_id - 1, hash, sizeof hash);
        if (sqlite3_column_bytes(st, 2) == OUTBOX_TOKEN_HASH_BYTES) {
            memcpy(r->token_hash, sqlite3_column_blob(st, 2), OUTBOX_TOKEN_HASH_BYTES);
            r->has_hash = true;
        }
    }
    sqlite3_finalize(st);
    if (rows->failed)
        return err_set("out of memory reading the outbox");
    if (rc != SQLITE_DONE)
        return err_set("outbox %s: cannot read it: %s", ob->path, sqlite3_errmsg(ob->db));
    return 0;
}

static const FeedbackRow *feedback_row(const FeedbackRows *rows, const char *upload_id)
{
    for (size_t i = 0; i < rows->n; i++)
        if (strcmp(rows->v[i].upload_id, upload_id) == 0)
            return &rows->v[i];
    return NULL;
}

int outbox_feedback_purge_proven(Outbox *ob, const OutboxFeedbackProof *proofs, size_t n,
                                 int *purged, int *refused, bool *gone)
{
    for (size_t i = 0; gone && i < n; i++)
        gone[i] = false;
    *purged = 0;
    *refused = 0;
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    FeedbackRows rows;
    int result = feedback_rows(ob, &rows);
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    for (size_t i = 0; result == 0 && i < n; i++) {
        const FeedbackRow *r = feedback_row(&rows, proofs[i].id);
        if (!r) {
            if (gone)
                gone[i] = true;
        } else if (!r->has_hash ||
                   !outbox_token_matches(proofs[i].token, r->token_hash, sizeof r->token_hash)) {
            (*refused)++;
            log_warn("outbox %s: the central record of collecting feedback comment %s does "
                     "not prove it (the token does not match); it is kept",
                     ob->path, proofs[i].id);
        } else if (mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) != 0) {
            result = err_set("out of memory");
        } else {
            ids[nids++] = r->id;
            if (gone)
                gone[i] = true;
        }
    }
    result = delete_found(ob, "fft_text", result, ids, nids, purged, gone, n);
    mem_free(rows.v);
    return result;
}

int outbox_feedback_forget(Outbox *ob, const char *const *upload_ids, size_t n, int *deleted)
{
    *deleted = 0;
    if (!ob || !ob->db)
        return err_set("the outbox is not working: %s", ob ? ob->problem : "none");
    FeedbackRows rows;
    int result = feedback_rows(ob, &rows);
    sqlite3_int64 *ids = NULL;
    size_t nids = 0, cap = 0;
    for (size_t i = 0; result == 0 && i < n; i++) {
        const FeedbackRow *r = feedback_row(&rows, upload_ids[i]);
        if (r && mem_grow((void **)&ids, &cap, nids + 1, sizeof *ids) != 0)
            result = err_set("out of memory");
        else if (r)
            ids[nids++] = r->id;
    }
    result = delete_found(ob, "fft_text", result, ids, nids, deleted, NULL, 0);
    mem_free(rows.v);
    return result;
}
