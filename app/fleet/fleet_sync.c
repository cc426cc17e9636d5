/* fleet_sync.c: signpostctl sync, the kiosk's only link to the network (see fleet.h).
 * One pass: (1) upload every sealed concern not yet sent, in batches, each batch one
 * central transaction; a concern is marked sent in the state file only after the
 * central COMMIT has returned, so a failure anywhere leaves it to be sent again (the
 * primary key makes the second insert a no-op); (2) delete here the concerns and
 * feedback comments whose collection the central database proves (the token sealed
 * inside, checked against the hash kept here), and those sent longer ago than the
 * retention period; never one not yet sent; (3)
 * install the newest content pack newer than the one installed, after checking both
 * its signatures with the kiosk's content public key, through the atomic publish.
 *
 * What was sent, the pack version installed and the failures (for the backoff) live
 * in a small SQLite file beside the outbox, "<outbox>.sync", so the outbox itself never
 * changes shape for the fleet. Log lines carry counts, references and causes only. */
#include "fleet.h"
#include "fleet_internal.h"

#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"
#include "publish.h"
#include "signing.h"
#include "strbuf.h"

#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { BATCH = 50, BACKOFF_MAX_S = 3600, STATE_APP_ID = 0x53505359 /* "SPSY" */ };

/* ==== the state file ==== */

int fleet_state_path(const KioskConfig *cfg, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s.sync", cfg->outbox);
    return n < 0 || (size_t)n >= cap ? err_set("the outbox path is too long") : 0;
}

static sqlite3 *state_open(const KioskConfig *cfg)
{
    char path[CONFIG_PATH_MAX + 8];
    if (fleet_state_path(cfg, path, sizeof path) != 0)
        return NULL;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        rc = sqlite3_exec(db,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                          "BEGIN IMMEDIATE;"
                          "CREATE TABLE IF NOT EXISTS sent (kind TEXT NOT NULL, item_id TEXT "
                          "NOT NULL, sent_at INTEGER NOT NULL, digest TEXT, "
                          "PRIMARY KEY (kind, item_id));"
                          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value);"
                          "PRAGMA application_id=1397772121; COMMIT",
                          NULL, NULL, NULL);
    }
    /* Version 1 (concerns only) had no digest: days of counts need one. */
    if (rc == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
        int version = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW
                          ? sqlite3_column_int(st, 0) : -1;
        sqlite3_finalize(st);
        if (version == 1)
            rc = sqlite3_exec(db, "BEGIN IMMEDIATE; ALTER TABLE sent ADD COLUMN digest TEXT;"
                                  "PRAGMA user_version=2; COMMIT",
                              NULL, NULL, NULL);
        else if (version == 0)
            rc = sqlite3_exec(db, "PRAGMA user_version=2", NULL, NULL, NULL);
        if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        err_set("sync state %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static long long meta_get(sqlite3 *db, const char *key)
{
    sqlite3_stmt *st = NULL;
    long long v = 0;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return v;
}

static int meta_set(sqlite3 *db, const char *key, long long v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, v);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : err_set("sync state: %s", sqlite3_errmsg(db));
}

static bool is_sent(sqlite3 *db, const char *kind, const char *id)
{
    sqlite3_stmt *st = NULL;
    bool sent = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sent WHERE kind = ?1 AND item_id = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        sent = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return sent;
}

/* ==== (1) upload ==== */

/* A sealed item waiting to go: a concern (kind "concern", id its reference) or a
 * feedback comment (kind "feedback", id the hash of its sealed bytes). */
typedef struct Item {
    const char *kind;
    char ref[48];
    char created_at[40];
    unsigned char *sealed;
    size_t sealed_len;
    unsigned char hash[32];
    bool has_hash;
} Item;

typedef struct Items {
    Item *v;
    size_t n, cap;
    sqlite3 *state;
    const char *kind;            /* of the items gather() adds now */
    bool failed;
} Items;

static int gather(void *user, const OutboxSealed *s)
{
    Items *it = user;
    if (is_sent(it->state, it->kind, s->reference))
        return 0;
    if (mem_grow((void **)&it->v, &it->cap, it->n + 1, sizeof *it->v) != 0) {
        it->failed = true;
        return 1;
    }
    Item *x = &it->v[it->n];
    memset(x, 0, sizeof *x);
    x->kind = it->kind;
    snprintf(x->ref, sizeof x->ref, "%s", s->reference);
    snprintf(x->created_at, sizeof x->created_at, "%s", s->created_at);
    x->sealed = mem_alloc(s->sealed_len ? s->sealed_len : 1);
    if (!x->sealed) {
        it->failed = true;
        return 1;
    }
    memcpy(x->sealed, s->sealed, s->sealed_len);
    x->sealed_len = s->sealed_len;
    if (s->token_hash && s->token_hash_len == sizeof x->hash) {
        memcpy(x->hash, s->token_hash, sizeof x->hash);
        x->has_hash = true;
    }
    it->n++;
    return 0;
}

static void items_release(Items *it)
{
    for (size_t i = 0; i < it->n; i++)
        mem_free(it->v[i].sealed);
    mem_free(it->v);
}

/* Everything sealed not yet sent: concerns first, then feedback comments. */
static int items_gather(Outbox *ob, sqlite3 *state, Items *it)
{
    *it = (Items){.state = state, .kind = "concern"};
    int rc = outbox_each_sealed(ob, gather, it);
    it->kind = "feedback";
    if (rc >= 0 && !it->failed)
        rc = outbox_each_feedback_text(ob, gather, it);
    if (rc < 0 || it->failed)
        return it->failed ? err_set("out of memory reading the outbox") : -1;
    return 0;
}

/* Records item_id of kind as sent (digest: for days, what was sent). */
static int mark_one(sqlite3_stmt *st, const char *kind, const char *id, const char *digest,
                    long long now)
{
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now);
    if (digest)
        sqlite3_bind_text(st, 4, digest, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    int rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    sqlite3_reset(st);
    return rc;
}

/* The state's side of a commit that returned: calls add(user, st, i, now) for i in
 * [from, to) in one local transaction. */
static int mark_sent(sqlite3 *state, size_t from, size_t to,
                     int (*add)(void *user, sqlite3_stmt *st, size_t i, long long now),
                     void *user)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(state, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(state,
                                "INSERT OR REPLACE INTO sent (kind, item_id, sent_at, digest) "
                                "VALUES (?1, ?2, ?3, ?4)",
                                -1, &st, NULL);
    long long now = (long long)time(NULL);
    for (size_t i = from; rc == SQLITE_OK && i < to; i++)
        rc = add(user, st, i, now);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(state, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int r = err_set("sync state: cannot record what was sent (%s); it will be sent again "
                        "(harmless: the central inbox keeps one of each)",
                        sqlite3_errmsg(state));
        sqlite3_exec(state, "ROLLBACK", NULL, NULL, NULL);
        return r;
    }
    return 0;
}

static int mark_item(void *user, sqlite3_stmt *st, size_t i, long long now)
{
    const Items *it = user;
    return mark_one(st, it->v[i].kind, it->v[i].ref, NULL, now);
}

/* Commits the open central transaction; a COMMIT that failed, or whose answer never
 * came, proves nothing: what it carried stays unsent here and goes again next time. */
static int commit(PGconn *db, const FleetSyncHooks *hooks, const char *what)
{
    if (hooks && hooks->before_commit)
        hooks->before_commit(hooks->user);
    char why[160];
    snprintf(why, sizeof why, "upload: the commit did not complete; the %s stay in the "
                              "outbox and are sent again",
             what);
    return fleet_exec(db, "COMMIT", why);
}

static int upload(PGconn *db, sqlite3 *state, Items *it, const FleetSyncHooks *hooks,
                  FleetSyncResult *res)
{
    int rc = 0;
    for (size_t from = 0; rc == 0 && from < it->n; from += BATCH) {
        size_t to = from + BATCH < it->n ? from + BATCH : it->n;
        int added = 0, feedback = 0;
        rc = fleet_exec(db, "BEGIN", "upload");
        for (size_t i = from; rc == 0 && i < to; i++) {
            const Item *x = &it->v[i];
            const char *vals[5] = {x->kind, x->ref, x->created_at, (const char *)x->sealed,
                                   x->has_hash ? (const char *)x->hash : NULL};
            int lens[5] = {0, 0, 0, (int)x->sealed_len, (int)sizeof x->hash};
            int fmts[5] = {0, 0, 0, 1, 1};
            long long n = fleet_command(db,
                                        "INSERT INTO signpost.inbox (kind, item_id, created_at, "
                                        "sealed, token_hash) VALUES ($1, $2, $3, $4, $5) "
                                        "ON CONFLICT DO NOTHING",
                                        5, vals, lens, fmts,
                                        "upload: the central database refused the items");
            if (n < 0)
                rc = -1;
            else if (strcmp(x->kind, "concern") == 0)
                added += (int)n;
            else
                feedback += (int)n;
        }
        if (rc == 0)
            rc = commit(db, hooks, "concerns and comments");
        else
            fleet_rollback(db);
        if (rc == 0)
            rc = mark_sent(state, from, to, mark_item, it);
        if (rc == 0) {
            int concerns = 0;
            for (size_t i = from; i < to; i++)
                concerns += strcmp(it->v[i].kind, "concern") == 0;
            res->uploaded += added;
            res->already += concerns - added;
            res->feedback_uploaded += feedback;
            res->sent_items += (int)(to - from);
        }
    }
    if (it->n && rc == 0)
        log_info("sync: %d concern%s uploaded, %d already there; %d feedback comment%s "
                 "uploaded",
                 res->uploaded, res->uploaded == 1 ? "" : "s", res->already,
                 res->feedback_uploaded, res->feedback_uploaded == 1 ? "" : "s");
    return rc;
}

/* ==== (1b) days of counts: feedback answers and usage figures ====
 * One item per kind and day, sent as the whole day's counts through
 * signpost.put_day_counts (the kiosk may not update or read the tables). A day is open
 * until an hour after it ended by the kiosk's clock (the kiosk writes its last counts
 * of a day within minutes): while open it is sent again whenever its counts changed
 * (the state keeps a digest of what went); once closed it is sent one last time as
 * final, and never again. */

typedef struct Day {
    char day[11];
    StrBuf metrics, items, counts;   /* PostgreSQL array literals */
    crypto_generichash_state hash;
    int rows;
} Day;

typedef struct Days {
    Day *v;
    size_t n, cap;
    int skipped;                 /* rows that could not be sent (logged once) */
    bool failed;
} Days;

static bool day_valid(const char *d)
{
    if (strlen(d) != 10)
        return false;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')
            return false;
    return true;
}

/* Appends s to a text[] literal being built: quoted, with \ and " escaped. */
static int array_add(StrBuf *sb, const char *s)
{
    int rc = strbuf_adds(sb, sb->len ? ",\"" : "{\"");
    for (const char *p = s; rc == 0 && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = strbuf_addc(sb, '\\');
        if (rc == 0)
            rc = strbuf_addc(sb, *p);
    }
    return rc == 0 ? strbuf_addc(sb, '"') : rc;
}

static int day_row(void *user, const OutboxDayCount *c)
{
    Days *d = user;
    /* Rows the central checks would refuse (and with them every later day) stay here. */
    if (!day_valid(c->day) || !c->metric[0] || strlen(c->metric) > 40 || strlen(c->item) > 200) {
        d->skipped++;
        return 0;
    }
    Day *x = d->n ? &d->v[d->n - 1] : NULL;
    if (!x || strcmp(x->day, c->day) != 0) {
        if (mem_grow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v) != 0) {
            d->failed = true;
            return 1;
        }
        x = &d->v[d->n++];
        memset(x, 0, sizeof *x);
        snprintf(x->day, sizeof x->day, "%s", c->day);
        strbuf_init(&x->metrics, 0);
        strbuf_init(&x->items, 0);
        strbuf_init(&x->counts, 0);
        crypto_generichash_init(&x->hash, NULL, 0, 16);
    }
    char num[32];
    snprintf(num, sizeof num, "%lld", c->count);
    int rc = array_add(&x->metrics, c->metric);
    if (rc == 0)
        rc = array_add(&x->items, c->item);
    if (rc == 0)
        rc = strbuf_adds(&x->counts, x->counts.len ? "," : "{");
    if (rc == 0)
        rc = strbuf_adds(&x->counts, num);
    /* The digest covers each row with separators no value holds. */
    crypto_generichash_update(&x->hash, (const unsigned char *)c->metric, strlen(c->metric) + 1);
    crypto_generichash_update(&x->hash, (const unsigned char *)c->item, strlen(c->item) + 1);
    crypto_generichash_update(&x->hash, (const unsigned char *)num, strlen(num) + 1);
    x->rows++;
    if (rc != 0) {
        d->failed = true;
        return 1;
    }
    return 0;
}

static void days_release(Days *d)
{
    for (size_t i = 0; i < d->n; i++) {
        strbuf_release(&d->v[i].metrics);
        strbuf_release(&d->v[i].items);
        strbuf_release(&d->v[i].counts);
    }
    mem_free(d->v);
}

/* What was last sent for a day: its digest, "final", or "" when never. */
static void day_sent(sqlite3 *state, const char *kind, const char *day, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(state, "SELECT digest FROM sent WHERE kind = ?1 AND item_id = ?2", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
}

/* A day to send in this pass. */
typedef struct DaySend {
    const Day *day;
    bool final;
    char digest[40];
} DaySend;

typedef struct DayMark {
    const char *state_kind;
    DaySend *v;
} DayMark;

static int mark_day(void *user, sqlite3_stmt *st, size_t i, long long now)
{
    const DayMark *m = user;
    return mark_one(st, m->state_kind, m->v[i].day->day, m->v[i].final ? "final" : m->v[i].digest,
                    now);
}

/* Sends the days of one kind ("feedback" or "usage") that are new or changed. */
static int upload_days(PGconn *db, sqlite3 *state, Outbox *ob, bool usage,
                       const FleetSyncHooks *hooks, FleetSyncResult *res)
{
    const char *kind = usage ? "usage" : "feedback";
    const char *state_kind = usage ? "usage-day" : "feedback-day";
    Days d = {0};
    int rc = outbox_each_day_count(ob, usage, day_row, &d) < 0 ? -1 : 0;
    if (rc == 0 && d.failed)
        rc = err_set("out of memory reading the outbox's %s counts", kind);
    if (d.skipped)
        log_warn("sync: %d %s count%s in the outbox cannot be sent (a day, name or item the "
                 "central database would refuse); they stay here",
                 d.skipped, kind, d.skipped == 1 ? "" : "s");
    /* Closed: before the day an hour ago was, by the kiosk's clock. */
    char open_from[16] = "";
    time_t hour_ago = time(NULL) - 3600;
    struct tm tm;
    if (localtime_r(&hour_ago, &tm))
        strftime(open_from, sizeof open_from, "%Y-%m-%d", &tm);
    DaySend *send = rc == 0 && d.n ? mem_zalloc_array(d.n, sizeof *send) : NULL;
    if (rc == 0 && d.n && !send)
        rc = err_set("out of memory");
    size_t nsend = 0;
    for (size_t i = 0; rc == 0 && i < d.n; i++) {
        unsigned char h[16];
        DaySend *x = &send[nsend];
        crypto_generichash_final(&d.v[i].hash, h, sizeof h);
        if (strbuf_addc(&d.v[i].metrics, '}') != 0 || strbuf_addc(&d.v[i].items, '}') != 0 ||
            strbuf_addc(&d.v[i].counts, '}') != 0) {
            rc = err_set("out of memory");
            break;
        }
        sodium_bin2hex(x->digest, sizeof x->digest, h, sizeof h);
        x->day = &d.v[i];
        x->final = strcmp(d.v[i].day, open_from) < 0;
        char was[40];
        day_sent(state, state_kind, d.v[i].day, was, sizeof was);
        if (strcmp(was, "final") == 0 || (!x->final && strcmp(was, x->digest) == 0))
            continue; /* final already, or open and unchanged */
        nsend++;
    }
    for (size_t from = 0; rc == 0 && from < nsend; from += BATCH) {
        size_t to = from + BATCH < nsend ? from + BATCH : nsend;
        int changed = 0;
        rc = fleet_exec(db, "BEGIN", "upload");
        for (size_t i = from; rc == 0 && i < to; i++) {
            const Day *x = send[i].day;
            const char *vals[6] = {kind, x->day, send[i].final ? "true" : "false",
                                   x->metrics.buf, x->items.buf, x->counts.buf};
            PGresult *r = fleet_query(db,
                                      "SELECT signpost.put_day_counts($1, $2::date, "
                                      "$3::boolean, $4::text[], $5::text[], $6::bigint[])",
                                      6, vals, NULL, NULL, false,
                                      "upload: the central database refused the day counts");
            if (!r)
                rc = -1;
            else if (PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "final") != 0)
                changed++;
            PQclear(r);
        }
        if (rc == 0)
            rc = commit(db, hooks, "day counts");
        else
            fleet_rollback(db);
        DayMark mark = {state_kind, send};
        if (rc == 0)
            rc = mark_sent(state, from, to, mark_day, &mark);
        if (rc == 0)
            res->days_sent += changed;
    }
    if (nsend && rc == 0)
        log_info("sync: %zu day%s of %s counts sent", nsend, nsend == 1 ? "" : "s", kind);
    mem_free(send);
    days_release(&d);
    return rc;
}

/* ==== (2) deleting what was collected, or kept too long ==== */

/* Ids of one kind: concern references, or comments' upload ids ("t" and 32 hex). */
typedef struct Refs {
    char (*v)[OUTBOX_FEEDBACK_ID_MAX];
    size_t n, cap;
} Refs;

static bool id_valid(bool feedback, const char *id)
{
    return feedback ? outbox_feedback_id_valid(id) : outbox_reference_valid(id);
}

static int sent_refs(sqlite3 *state, bool feedback, long long older_than, Refs *refs)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(state,
                                "SELECT item_id FROM sent WHERE kind = ?1 AND sent_at < ?2 "
                                "ORDER BY item_id",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, feedback ? "feedback" : "concern", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, older_than);
    }
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (!id || !id_valid(feedback, id))
            continue; /* only valid ids go into the array literal below */
        if (mem_grow((void **)&refs->v, &refs->cap, refs->n + 1, sizeof *refs->v) != 0)
            rc = SQLITE_NOMEM;
        else
            snprintf(refs->v[refs->n++], sizeof refs->v[0], "%s", id);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : err_set("sync state: %s", sqlite3_errmsg(state));
}

static void forget_sent(sqlite3 *state, bool feedback, const char *id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(state, "DELETE FROM sent WHERE kind = ?1 AND item_id = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, feedback ? "feedback" : "concern", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
}

/* The central collection records (with a token) of the sent ids refs, as "{ID,ID}"
 * (ids are capitals, digits, '-', or lower-case hex: checked by sent_refs). The rows
 * are item_id, token; NULL with err_msg() when the central read failed. */
static PGresult *collected(PGconn *db, bool feedback, const Refs *refs)
{
    size_t cap = refs->n * (sizeof refs->v[0] + 1) + 3;
    char *array = mem_alloc(cap);
    if (!array) {
        err_set("out of memory");
        return NULL;
    }
    size_t o = 0;
    array[o++] = '{';
    for (size_t i = 0; i < refs->n; i++)
        o += (size_t)snprintf(array + o, cap - o, "%s%s", i ? "," : "", refs->v[i]);
    snprintf(array + o, cap - o, "}");
    const char *vals[2] = {feedback ? "feedback" : "concern", array};
    PGresult *r = fleet_query(db,
                              "SELECT item_id, token FROM signpost.collection "
                              "WHERE kind = $1 AND token IS NOT NULL AND "
                              "item_id = ANY ($2::text[])",
                              2, vals, NULL, NULL, false,
                              "cannot read the central record of collections");
    mem_free(array);
    return r;
}

/* Deletes here the sent concerns whose collection the central rows r prove. */
static int purge_concerns(sqlite3 *state, Outbox *ob, const PGresult *r, FleetSyncResult *res)
{
    int n = PQntuples(r), refused = 0, rc = 0;
    OutboxReceiptLine *lines = n ? mem_zalloc_array((size_t)n, sizeof *lines) : NULL;
    bool *gone = n ? mem_zalloc_array((size_t)n, sizeof *gone) : NULL;
    if (n && (!lines || !gone))
        rc = err_set("out of memory");
    for (int i = 0; rc == 0 && i < n; i++) {
        snprintf(lines[i].reference, sizeof lines[i].reference, "%s", PQgetvalue(r, i, 0));
        snprintf(lines[i].token, sizeof lines[i].token, "%s", PQgetvalue(r, i, 1));
    }
    if (rc == 0 && n > 0)
        rc = outbox_purge_proven(ob, lines, (size_t)n, &res->purged, &refused, gone);
    if (rc == 0) {
        for (int i = 0; i < n; i++)
            if (gone[i])
                forget_sent(state, false, lines[i].reference);
        if (res->purged)
            log_info("sync: %d concern%s collected by PALS (proven) deleted here", res->purged,
                     res->purged == 1 ? "" : "s");
    }
    if (lines)
        sodium_memzero(lines, (size_t)n * sizeof *lines);
    mem_free(lines);
    mem_free(gone);
    return rc;
}

/* Deletes here the sent feedback comments whose collection the central rows r prove. */
static int purge_comments(sqlite3 *state, Outbox *ob, const PGresult *r, FleetSyncResult *res)
{
    int n = PQntuples(r), refused = 0, rc = 0;
    OutboxFeedbackProof *proofs = n ? mem_zalloc_array((size_t)n, sizeof *proofs) : NULL;
    bool *gone = n ? mem_zalloc_array((size_t)n, sizeof *gone) : NULL;
    if (n && (!proofs || !gone))
        rc = err_set("out of memory");
    for (int i = 0; rc == 0 && i < n; i++) {
        snprintf(proofs[i].id, sizeof proofs[i].id, "%s", PQgetvalue(r, i, 0));
        snprintf(proofs[i].token, sizeof proofs[i].token, "%s", PQgetvalue(r, i, 1));
    }
    if (rc == 0 && n > 0)
        rc = outbox_feedback_purge_proven(ob, proofs, (size_t)n, &res->feedback_purged, &refused,
                                          gone);
    if (rc == 0) {
        for (int i = 0; i < n; i++)
            if (gone[i])
                forget_sent(state, true, proofs[i].id);
        if (res->feedback_purged)
            log_info("sync: %d feedback comment%s collected by PALS (proven) deleted here",
                     res->feedback_purged, res->feedback_purged == 1 ? "" : "s");
    }
    if (proofs)
        sodium_memzero(proofs, (size_t)n * sizeof *proofs);
    mem_free(proofs);
    mem_free(gone);
    return rc;
}

/* Retention: sent, never proven collected, and older than retention_days. */
static int forget_old(sqlite3 *state, Outbox *ob, const KioskConfig *cfg, bool feedback,
                      long long now, FleetSyncResult *res)
{
    Refs old = {0};
    int *deleted = feedback ? &res->feedback_forgotten : &res->forgotten;
    int rc = sent_refs(state, feedback, now - (long long)cfg->fleet_retention_days * 86400, &old);
    if (rc == 0 && old.n > 0) {
        const char **list = mem_zalloc_array(old.n, sizeof *list);
        for (size_t i = 0; list && i < old.n; i++)
            list[i] = old.v[i];
        if (!list)
            rc = err_set("out of memory");
        else if (feedback)
            rc = outbox_feedback_forget(ob, list, old.n, deleted);
        else
            rc = outbox_forget(ob, list, old.n, deleted);
        if (rc == 0) {
            for (size_t i = 0; i < old.n; i++)
                forget_sent(state, feedback, old.v[i]);
            if (*deleted)
                log_info("sync: %d %s%s uploaded more than %d days ago and not collected "
                         "deleted here (the central inbox keeps them)",
                         *deleted, feedback ? "feedback comment" : "concern",
                         *deleted == 1 ? "" : "s", cfg->fleet_retention_days);
        }
        mem_free(list);
    }
    mem_free(old.v);
    return rc;
}

/* For concerns, then feedback comments: only what was sent (the sent table) is
 * considered; what the central record proves collected is deleted once that read has
 * returned, then what was sent longer ago than the retention period. */
static int purge(PGconn *db, sqlite3 *state, Outbox *ob, const KioskConfig *cfg,
                 FleetSyncResult *res)
{
    long long now = (long long)time(NULL);
    int rc = 0;
    for (int k = 0; rc == 0 && k < 2; k++) {
        bool feedback = k == 1;
        Refs refs = {0};
        rc = sent_refs(state, feedback, now + 1, &refs);
        if (rc == 0 && refs.n > 0) {
            PGresult *r = collected(db, feedback, &refs);
            if (!r)
                rc = -1;
            else
                rc = feedback ? purge_comments(state, ob, r, res)
                              : purge_concerns(state, ob, r, res);
            PQclear(r);
        }
        mem_free(refs.v);
        if (rc == 0)
            rc = forget_old(state, ob, cfg, feedback, now, res);
    }
    return rc;
}

/* ==== (3) content packs ==== */

/* Checks one pack's bytes and signatures; 0, or -1 with the reason in err_msg(). */
static int pack_check(long long version, const PGresult *r, const unsigned char *pk)
{
    const unsigned char *store = (const unsigned char *)PQgetvalue(r, 0, 0);
    size_t len = (size_t)PQgetlength(r, 0, 0);
    if (PQgetisnull(r, 0, 2) || PQgetlength(r, 0, 2) != SIGNATURE_BYTES ||
        PQgetisnull(r, 0, 3) || PQgetlength(r, 0, 3) != SIGNATURE_BYTES)
        return err_set("content pack %lld is not signed", version);
    if (crypto_sign_verify_detached((const unsigned char *)PQgetvalue(r, 0, 2), store, len, pk) !=
        0)
        return err_set("content pack %lld is not signed with this kiosk's content key (signed "
                       "with another key, or changed since)",
                       version);
    char message[160];
    fleet_pack_message(version, store, len, message, sizeof message);
    if (crypto_sign_verify_detached((const unsigned char *)PQgetvalue(r, 0, 3),
                                    (const unsigned char *)message, strlen(message), pk) != 0)
        return err_set("content pack %lld: its version number is not signed with this kiosk's "
                       "content key (an older store under a new number?)",
                       version);
    return 0;
}

/* Writes the pack beside the live store with its .sig and publishes it. */
static int pack_install(const KioskConfig *cfg, long long version, const PGresult *r)
{
    char tmp[CONFIG_PATH_MAX + 32], sig[CONFIG_PATH_MAX + 40];
    snprintf(tmp, sizeof tmp, "%s.download", cfg->content_store);
    snprintf(sig, sizeof sig, "%s.download.sig", cfg->content_store);
    int rc = file_write_atomic(tmp, PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0), 0644);
    if (rc != 0)
        rc = err_set("content pack %lld could not be written beside the live store: %s", version,
                     err_msg());
    if (rc == 0)
        rc = content_sig_write(sig, (const unsigned char *)PQgetvalue(r, 0, 2), 1);
    if (rc == 0) {
        PublishRequest rq = {.source = tmp,
                             .live = cfg->content_store,
                             .public_key = cfg->content_public_key,
                             .kiosk_id = cfg->kiosk_id[0] ? cfg->kiosk_id : NULL};
        PublishResult pr;
        rc = content_publish(&rq, &pr);
        if (rc != 0)
            rc = err_set("content pack %lld was refused: %s", version, err_msg());
    }
    unlink(tmp);
    unlink(sig);
    return rc;
}

static int content(PGconn *db, sqlite3 *state, const KioskConfig *cfg, FleetSyncResult *res)
{
    if (!cfg->content_public_key[0]) {
        log_warn("sync: [paths] content_public_key is not set, so no content pack can be "
                 "checked and none is installed");
        return 0;
    }
    unsigned char pk[SIGNING_PUBLIC_BYTES];
    if (signing_public_key_read(cfg->content_public_key, pk) != 0)
        return -1;
    long long installed = meta_get(state, "pack_version");
    char vtext[32];
    snprintf(vtext, sizeof vtext, "%lld", installed);
    const char *vals[1] = {vtext};
    PGresult *list = fleet_query(db,
                                 "SELECT version FROM signpost.content_pack WHERE version > "
                                 "$1::bigint ORDER BY version DESC LIMIT 5",
                                 1, vals, NULL, NULL, false, "cannot read the content packs");
    if (!list)
        return -1;
    int rc = 0;
    /* Newest first; a refused pack is logged and the next newer-than-installed tried. */
    for (int i = 0; rc == 0 && i < PQntuples(list) && !res->pack_installed; i++) {
        long long version = strtoll(PQgetvalue(list, i, 0), NULL, 10);
        snprintf(vtext, sizeof vtext, "%lld", version);
        PGresult *r = fleet_query(db,
                                  "SELECT store, store_bytes, signature, version_signature "
                                  "FROM signpost.content_pack WHERE version = $1::bigint",
                                  1, vals, NULL, NULL, true, "cannot download the content pack");
        if (!r) {
            rc = -1;
        } else if (PQntuples(r) != 1) {
            rc = err_set("content pack %lld went away while it was being downloaded", version);
        } else {
            /* binary: store_bytes arrives as 8 big-endian bytes */
            long long declared = 0;
            const unsigned char *b = (const unsigned char *)PQgetvalue(r, 0, 1);
            for (int k = 0; k < 8 && PQgetlength(r, 0, 1) == 8; k++)
                declared = (declared << 8) | b[k];
            /* The version never goes backwards: only newer ones were listed. */
            int checked = 0;
            if (declared < 0 || (size_t)declared != (size_t)PQgetlength(r, 0, 0))
                checked = err_set("content pack %lld is cut short or damaged (%d bytes of "
                                  "%lld)",
                                  version, PQgetlength(r, 0, 0), declared);
            if (checked == 0)
                checked = pack_check(version, r, pk);
            if (checked == 0)
                checked = pack_install(cfg, version, r);
            if (checked == 0) {
                res->pack_installed = version;
                rc = meta_set(state, "pack_version", version);
                log_info("sync: content pack %lld installed (was %lld)", version, installed);
            } else {
                res->packs_refused++;
                log_warn("sync: %s; the kiosk keeps its content", err_msg());
            }
        }
        PQclear(r);
    }
    PQclear(list);
    return rc;
}

/* ==== a pass ==== */

/* One sync at a time per outbox (the timer's and one run by hand): an fcntl lock on
 * "<outbox>.sync.lock", released when the process ends however it ends. Returns the
 * descriptor, -2 when another sync holds it, -1 on an error. */
static int take_lock(const KioskConfig *cfg)
{
    char path[CONFIG_PATH_MAX + 16];
    snprintf(path, sizeof path, "%s.sync.lock", cfg->outbox);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set("sync lock %s: %s", path, strerror(errno));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        close(fd);
        return errno == EACCES || errno == EAGAIN ? -2 : err_set("sync lock %s: %s", path,
                                                                 strerror(errno));
    }
    return fd;
}

/* Writes how the pass went for the staff status screen (a failure to write it is
 * logged, never the pass's failure). */
static void write_status(const KioskConfig *cfg, sqlite3 *state, bool ok, int sent, int waiting,
                         const char *why)
{
    char path[CONFIG_PATH_MAX + 16];
    if (outbox_sync_status_path(cfg->outbox, path, sizeof path) != 0)
        return;
    OutboxSyncStatus st = {.time = (long long)time(NULL), .ok = ok,
                           .last_ok = meta_get(state, "last_success"), .sent = sent,
                           .waiting = waiting};
    snprintf(st.message, sizeof st.message, "%s", ok ? "" : why);
    if (outbox_sync_status_write(path, &st) != 0)
        log_warn("sync: the status for the staff screen could not be written: %s", err_msg());
}

int fleet_sync_once(const KioskConfig *cfg, const FleetSyncHooks *hooks, bool respect_backoff,
                    FleetSyncResult *res)
{
    memset(res, 0, sizeof *res);
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    int lock = take_lock(cfg);
    if (lock == -2) {
        log_info("sync: another sync of this outbox is running; this one does nothing");
        res->skipped = true;
        return 0;
    }
    if (lock < 0) {
        log_error("sync: %s", err_msg());
        return -1;
    }
    sqlite3 *state = state_open(cfg);
    if (!state) {
        log_error("sync: %s", err_msg());
        close(lock);
        return -1;
    }
    long long now = (long long)time(NULL);
    long long failures = meta_get(state, "failures"), next = meta_get(state, "next_try");
    if (respect_backoff && failures > 0 && now < next) {
        log_info("sync: waiting after %lld failure%s; next try in %lld s", failures,
                 failures == 1 ? "" : "s", next - now);
        res->skipped = true;
        sqlite3_close(state);
        close(lock);
        return 0;
    }
    Outbox *ob = outbox_open(cfg->outbox, cfg->pals_public_key);
    int rc = 0;
    if (outbox_status(ob) != OUTBOX_OK)
        rc = err_set("the outbox is not working: %s", outbox_problem(ob));
    /* What waits is known before the network is tried, so a failure can say it. */
    Items items = {0};
    if (rc == 0)
        rc = items_gather(ob, state, &items);
    res->waiting = rc == 0 ? (int)items.n : -1;
    PGconn *db = rc == 0 ? fleet_connect_kiosk(cfg) : NULL;
    if (rc == 0 && !db)
        rc = -1;
    if (rc == 0)
        rc = upload(db, state, &items, hooks, res);
    if (res->waiting >= 0)
        res->waiting = (int)items.n - res->sent_items;
    if (rc == 0)
        rc = upload_days(db, state, ob, false, hooks, res);
    if (rc == 0)
        rc = upload_days(db, state, ob, true, hooks, res);
    if (rc == 0)
        rc = purge(db, state, ob, cfg, res);
    if (rc == 0)
        rc = content(db, state, cfg, res);
    items_release(&items);
    PQfinish(db);
    outbox_close(ob);
    if (rc == 0) {
        meta_set(state, "failures", 0);
        meta_set(state, "next_try", 0);
        meta_set(state, "last_success", now);
        /* The status first: whoever reads the log line finds the status it reports. */
        write_status(cfg, state, true, res->sent_items, res->waiting, "");
        log_info("sync: done (%d concerns and %d feedback comments uploaded, %d days of counts "
                 "sent, %d waiting; %d concerns and %d comments deleted after collection, %d "
                 "and %d after retention%s)",
                 res->uploaded, res->feedback_uploaded, res->days_sent, res->waiting,
                 res->purged, res->feedback_purged, res->forgotten, res->feedback_forgotten,
                 res->packs_refused ? "; a content pack refused" : "");
    } else {
        char why[1024];
        snprintf(why, sizeof why, "%s", err_msg());
        failures++;
        long long wait = cfg->fleet_retry_s;
        for (long long k = 1; k < failures && wait < BACKOFF_MAX_S; k++)
            wait *= 2;
        if (wait > BACKOFF_MAX_S)
            wait = BACKOFF_MAX_S;
        meta_set(state, "failures", failures);
        meta_set(state, "next_try", now + wait);
        char server[512];
        fleet_url_server(cfg->fleet_url, server, sizeof server);
        write_status(cfg, state, false, res->sent_items, res->waiting, why);
        log_error("sync with the central database %s failed: %s; the outbox and the content "
                  "are kept; trying again in %lld s (failure %lld)",
                  server, why, wait, failures);
        err_set("%s", why);
    }
    sqlite3_close(state);
    close(lock);
    return rc;
}

/* ==== the long-running mode ==== */

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

int fleet_sync_run(const KioskConfig *cfg, bool once, bool at_once)
{
    if (!cfg->fleet_url[0])
        return err_set("the config has no [fleet] url: this kiosk is not part of a fleet");
    if (once) {
        FleetSyncResult res;
        return fleet_sync_once(cfg, NULL, !at_once, &res);
    }
    /* SIGTERM (systemctl stop) or SIGINT: finish the pass under way, then end cleanly;
     * a wait between passes ends at once. No SA_RESTART, so the sleep is cut short. */
    struct sigaction sa = {.sa_handler = on_stop}, old_term, old_int;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGINT, &sa, &old_int);
    stop_signal = 0;
    log_info("sync: running; a pass every %d s (after a failure %d s, doubled each time up "
             "to an hour)",
             cfg->fleet_interval_s, cfg->fleet_retry_s);
    while (!stop_signal) {
        FleetSyncResult res;
        int rc = fleet_sync_once(cfg, NULL, true, &res);
        /* Sleep until the next pass, or the end of the backoff. */
        long long wait = cfg->fleet_interval_s;
        sqlite3 *state = state_open(cfg);
        if (state) {
            long long next = meta_get(state, "next_try"), now = (long long)time(NULL);
            if ((rc != 0 || res.skipped) && next > now)
                wait = next - now;
            sqlite3_close(state);
        }
        struct timespec ts = {.tv_sec = wait > 0 ? (time_t)wait : 1};
        while (!stop_signal && nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
    log_info("sync: stopping (%s)", stop_signal == SIGTERM ? "SIGTERM" : "SIGINT");
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGINT, &old_int, NULL);
    return 0;
}
