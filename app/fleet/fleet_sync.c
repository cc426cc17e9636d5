/* fleet_sync.c: signpostctl sync, the kiosk's only link to the network (see fleet.h).
 * One pass: (1) upload every sealed concern not yet sent, in batches, each batch one
 * central transaction; a concern is marked sent in the state file only after the
 * central COMMIT has returned, so a failure anywhere leaves it to be sent again (the
 * primary key makes the second insert a no-op); (2) delete here the concerns whose
 * collection the central database proves (the token sealed inside, checked against
 * the hash kept here), and those sent longer ago than the retention period; (3)
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

#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
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
                          "NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (kind, item_id));"
                          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value);"
                          "PRAGMA application_id=1397772121; PRAGMA user_version=1; COMMIT",
                          NULL, NULL, NULL);
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

typedef struct Item {
    char ref[OUTBOX_REF_MAX];
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
    bool failed;
} Items;

static int gather(void *user, const OutboxSealed *s)
{
    Items *it = user;
    if (is_sent(it->state, "concern", s->reference))
        return 0;
    if (mem_grow((void **)&it->v, &it->cap, it->n + 1, sizeof *it->v) != 0) {
        it->failed = true;
        return 1;
    }
    Item *x = &it->v[it->n];
    memset(x, 0, sizeof *x);
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

/* Marks items [from, to) sent, after their batch committed centrally. */
static int mark_sent(sqlite3 *state, const Items *it, size_t from, size_t to)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(state, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(state,
                                "INSERT OR IGNORE INTO sent (kind, item_id, sent_at) "
                                "VALUES ('concern', ?1, ?2)",
                                -1, &st, NULL);
    long long now = (long long)time(NULL);
    for (size_t i = from; rc == SQLITE_OK && i < to; i++) {
        sqlite3_bind_text(st, 1, it->v[i].ref, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, now);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
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

static int upload(PGconn *db, sqlite3 *state, Outbox *ob, const FleetSyncHooks *hooks,
                  FleetSyncResult *res)
{
    Items it = {.state = state};
    if (outbox_each_sealed(ob, gather, &it) < 0 || it.failed) {
        items_release(&it);
        return it.failed ? err_set("out of memory reading the outbox") : -1;
    }
    int rc = 0;
    for (size_t from = 0; rc == 0 && from < it.n; from += BATCH) {
        size_t to = from + BATCH < it.n ? from + BATCH : it.n;
        int added = 0;
        rc = fleet_exec(db, "BEGIN", "upload");
        for (size_t i = from; rc == 0 && i < to; i++) {
            const Item *x = &it.v[i];
            const char *vals[4] = {x->ref, x->created_at, (const char *)x->sealed,
                                   x->has_hash ? (const char *)x->hash : NULL};
            int lens[4] = {0, 0, (int)x->sealed_len, (int)sizeof x->hash};
            int fmts[4] = {0, 0, 1, 1};
            PGresult *r = PQexecParams(db,
                                       "INSERT INTO signpost.inbox (kind, item_id, created_at, "
                                       "sealed, token_hash) VALUES ('concern', $1, $2, $3, $4) "
                                       "ON CONFLICT DO NOTHING",
                                       4, NULL, vals, lens, fmts, 0);
            if (PQresultStatus(r) != PGRES_COMMAND_OK)
                rc = fleet_pq_error(db, r, "upload: the central database refused the concerns");
            else
                added += atoi(PQcmdTuples(r));
            PQclear(r);
        }
        if (rc == 0 && hooks && hooks->before_commit)
            hooks->before_commit(hooks->user);
        if (rc == 0) {
            PGresult *r = PQexec(db, "COMMIT");
            /* A COMMIT that failed, or whose answer never came, proves nothing: the batch
             * stays unsent here and goes again next time. */
            if (PQresultStatus(r) != PGRES_COMMAND_OK)
                rc = fleet_pq_error(db, r, "upload: the commit did not complete; the concerns "
                                           "stay in the outbox and are sent again");
            PQclear(r);
        } else if (PQstatus(db) == CONNECTION_OK) {
            PQclear(PQexec(db, "ROLLBACK"));
        }
        if (rc == 0)
            rc = mark_sent(state, &it, from, to);
        if (rc == 0) {
            res->uploaded += added;
            res->already += (int)(to - from) - added;
        }
    }
    if (it.n && rc == 0)
        log_info("sync: %d concern%s uploaded, %d already there", res->uploaded,
                 res->uploaded == 1 ? "" : "s", res->already);
    items_release(&it);
    return rc;
}

/* ==== (2) deleting what was collected, or kept too long ==== */

typedef struct Refs {
    char (*v)[OUTBOX_REF_MAX];
    size_t n, cap;
} Refs;

static int sent_refs(sqlite3 *state, long long older_than, Refs *refs)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(state,
                                "SELECT item_id FROM sent WHERE kind = 'concern' AND sent_at < ?1 "
                                "ORDER BY item_id",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, older_than);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (!id || !outbox_reference_valid(id))
            continue; /* only references go into the array literal below */
        if (mem_grow((void **)&refs->v, &refs->cap, refs->n + 1, sizeof *refs->v) != 0)
            rc = SQLITE_NOMEM;
        else
            snprintf(refs->v[refs->n++], OUTBOX_REF_MAX, "%s", id);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : err_set("sync state: %s", sqlite3_errmsg(state));
}

static void forget_sent(sqlite3 *state, const char *ref)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(state, "DELETE FROM sent WHERE kind = 'concern' AND item_id = ?1", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
}

static int purge(PGconn *db, sqlite3 *state, Outbox *ob, const KioskConfig *cfg,
                 FleetSyncResult *res)
{
    Refs refs = {0};
    long long now = (long long)time(NULL);
    int rc = sent_refs(state, now + 1, &refs);
    /* "{REF,REF}": references are capitals, digits and '-' only (checked above). */
    size_t cap = refs.n * (OUTBOX_REF_MAX + 1) + 3;
    char *array = rc == 0 ? mem_alloc(cap) : NULL;
    if (rc == 0 && !array)
        rc = err_set("out of memory");
    if (rc == 0) {
        size_t o = 0;
        array[o++] = '{';
        for (size_t i = 0; i < refs.n; i++)
            o += (size_t)snprintf(array + o, cap - o, "%s%s", i ? "," : "", refs.v[i]);
        snprintf(array + o, cap - o, "}");
    }
    OutboxReceiptLine *lines = NULL;
    size_t nlines = 0;
    if (rc == 0 && refs.n > 0) {
        const char *vals[1] = {array};
        PGresult *r = PQexecParams(db,
                                   "SELECT item_id, token FROM signpost.collection "
                                   "WHERE kind = 'concern' AND token IS NOT NULL AND "
                                   "item_id = ANY ($1::text[])",
                                   1, NULL, vals, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_TUPLES_OK)
            rc = fleet_pq_error(db, r, "cannot read the central record of collections");
        int n = rc == 0 ? PQntuples(r) : 0;
        lines = n ? mem_zalloc_array((size_t)n, sizeof *lines) : NULL;
        for (int i = 0; lines && i < n; i++) {
            snprintf(lines[i].reference, sizeof lines[i].reference, "%s", PQgetvalue(r, i, 0));
            snprintf(lines[i].token, sizeof lines[i].token, "%s", PQgetvalue(r, i, 1));
            nlines++;
        }
        PQclear(r);
    }
    int refused = 0;
    bool *gone = nlines ? mem_zalloc_array(nlines, sizeof *gone) : NULL;
    if (rc == 0 && nlines > 0)
        rc = gone ? outbox_purge_proven(ob, lines, nlines, &res->purged, &refused, gone)
                  : err_set("out of memory");
    if (rc == 0) {
        for (size_t i = 0; i < nlines; i++)
            if (gone[i])
                forget_sent(state, lines[i].reference);
        if (res->purged)
            log_info("sync: %d concern%s collected by PALS (proven) deleted here", res->purged,
                     res->purged == 1 ? "" : "s");
    }
    if (nlines)
        sodium_memzero(lines, nlines * sizeof *lines);
    mem_free(lines);
    mem_free(gone);
    mem_free(array);
    mem_free(refs.v);

    /* Retention: sent, never proven collected, and older than retention_days. */
    Refs old = {0};
    if (rc == 0)
        rc = sent_refs(state, now - (long long)cfg->fleet_retention_days * 86400, &old);
    if (rc == 0 && old.n > 0) {
        const char **list = mem_zalloc_array(old.n, sizeof *list);
        for (size_t i = 0; list && i < old.n; i++)
            list[i] = old.v[i];
        rc = list ? outbox_forget(ob, list, old.n, &res->forgotten) : err_set("out of memory");
        if (rc == 0) {
            for (size_t i = 0; i < old.n; i++)
                forget_sent(state, old.v[i]);
            if (res->forgotten)
                log_info("sync: %d concern%s uploaded more than %d days ago and not collected "
                         "deleted here (the central inbox keeps them)",
                         res->forgotten, res->forgotten == 1 ? "" : "s",
                         cfg->fleet_retention_days);
        }
        mem_free(list);
    }
    mem_free(old.v);
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
    PGresult *list = PQexecParams(db,
                                  "SELECT version FROM signpost.content_pack WHERE version > "
                                  "$1::bigint ORDER BY version DESC LIMIT 5",
                                  1, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(list) != PGRES_TUPLES_OK) {
        int rc = fleet_pq_error(db, list, "cannot read the content packs");
        PQclear(list);
        return rc;
    }
    int rc = 0;
    /* Newest first; a refused pack is logged and the next newer-than-installed tried. */
    for (int i = 0; rc == 0 && i < PQntuples(list) && !res->pack_installed; i++) {
        long long version = strtoll(PQgetvalue(list, i, 0), NULL, 10);
        snprintf(vtext, sizeof vtext, "%lld", version);
        PGresult *r = PQexecParams(db,
                                   "SELECT store, store_bytes, signature, version_signature "
                                   "FROM signpost.content_pack WHERE version = $1::bigint",
                                   1, NULL, vals, NULL, NULL, 1);
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
            rc = fleet_pq_error(db, r, "cannot download the content pack");
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
    PGconn *db = rc == 0 ? fleet_connect_kiosk(cfg) : NULL;
    if (rc == 0 && !db)
        rc = -1;
    if (rc == 0)
        rc = upload(db, state, ob, hooks, res);
    if (rc == 0)
        rc = purge(db, state, ob, cfg, res);
    if (rc == 0)
        rc = content(db, state, cfg, res);
    PQfinish(db);
    outbox_close(ob);
    if (rc == 0) {
        meta_set(state, "failures", 0);
        meta_set(state, "next_try", 0);
        meta_set(state, "last_success", now);
        log_info("sync: done (%d uploaded, %d deleted after collection, %d after retention%s)",
                 res->uploaded, res->purged, res->forgotten,
                 res->packs_refused ? ", a content pack refused" : "");
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
        log_error("sync: %s; the outbox and the content are kept; trying again in %lld s "
                  "(failure %lld)",
                  why, wait, failures);
        err_set("%s", why);
    }
    sqlite3_close(state);
    close(lock);
    return rc;
}

int fleet_sync_run(const KioskConfig *cfg, bool once)
{
    if (!cfg->fleet_url[0])
        return err_set("the config has no [fleet] url: this kiosk is not part of a fleet");
    for (;;) {
        FleetSyncResult res;
        int rc = fleet_sync_once(cfg, NULL, true, &res);
        if (once)
            return rc;
        /* Sleep until the next pass, or the end of the backoff. */
        long long wait = cfg->fleet_interval_s;
        sqlite3 *state = state_open(cfg);
        if (state) {
            long long next = meta_get(state, "next_try"), now = (long long)time(NULL);
            if (rc != 0 && next > now)
                wait = next - now;
            sqlite3_close(state);
        }
        sleep((unsigned)(wait > 0 ? wait : 1));
    }
}
