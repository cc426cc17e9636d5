/* outbox.c: the kiosk side of the outbox (see outbox.h). Opening checks the PALS
 * public key first and the file second, and leaves a file that is not a sound outbox
 * exactly as it was, for staff to look at. Submitting seals the concern's JSON in
 * memory, wipes the JSON, then stores the sealed box in one transaction; the result
 * is success only once COMMIT has returned (WAL, synchronous=FULL). Also here: the
 * reference alphabet and check character, and key files (hex files, core/files.h). */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"

#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>


enum { BUSY_TIMEOUT_MS = 5000, REFERENCE_TRIES = 8 };

void outbox_time_now(char out[OUTBOX_TIME_MAX])
{
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(out, OUTBOX_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(out, OUTBOX_TIME_MAX, "1970-01-01T00:00:00Z");
}

/* ==== references ==== */

static const char ref_alphabet[] = "34679ACDEFGHJKMNPQRTWXY";
enum { REF_RADIX = sizeof ref_alphabet - 1, REF_DATA = 7 };

static int ref_value(char ch)
{
    const char *p = ch ? strchr(ref_alphabet, ch) : NULL;
    return p ? (int)(p - ref_alphabet) : -1;
}

static char ref_check(const int v[REF_DATA])
{
    int sum = 0;
    for (int i = 0; i < REF_DATA; i++)
        sum += (i + 1) * v[i];
    return ref_alphabet[sum % REF_RADIX];
}

void outbox_make_reference(char ref[OUTBOX_REF_MAX])
{
    if (sodium_init() < 0) {
        /* randombytes still works (it opens /dev/urandom itself); note the oddity. */
        log_warn("outbox: libsodium could not initialise");
    }
    int v[REF_DATA];
    for (int i = 0; i < REF_DATA; i++)
        v[i] = (int)randombytes_uniform(REF_RADIX);
    int o = 0;
    for (int i = 0; i < REF_DATA; i++) {
        if (i == 4)
            ref[o++] = '-';
        ref[o++] = ref_alphabet[v[i]];
    }
    ref[o++] = ref_check(v);
    ref[o] = '\0';
}

bool outbox_reference_valid(const char *ref)
{
    if (!ref || strlen(ref) != REF_DATA + 2 || ref[4] != '-')
        return false;
    int v[REF_DATA];
    for (int i = 0, k = 0; i < REF_DATA + 1; i++) {
        if (i == 4)
            continue;
        v[k] = ref_value(ref[i]);
        if (v[k] < 0)
            return false;
        k++;
    }
    int check = ref_value(ref[REF_DATA + 1]);
    return check >= 0 && ref_alphabet[check] == ref_check(v);
}

/* ==== receipt tokens ==== */

void outbox_token_hash(const unsigned char token[OUTBOX_TOKEN_BYTES],
                       unsigned char hash[OUTBOX_TOKEN_HASH_BYTES])
{
    crypto_generichash(hash, OUTBOX_TOKEN_HASH_BYTES, token, OUTBOX_TOKEN_BYTES, NULL, 0);
}

int outbox_token_parse(const char *hex, unsigned char token[OUTBOX_TOKEN_BYTES])
{
    size_t n = 0;
    const char *end = NULL;
    if (!hex || strlen(hex) != 2 * OUTBOX_TOKEN_BYTES ||
        sodium_hex2bin(token, OUTBOX_TOKEN_BYTES, hex, 2 * OUTBOX_TOKEN_BYTES, NULL, &n,
                       &end) != 0 ||
        n != OUTBOX_TOKEN_BYTES || *end != '\0')
        return -1;
    return 0;
}

bool outbox_token_matches(const char *hex, const void *kept, int kept_len)
{
    unsigned char token[OUTBOX_TOKEN_BYTES], hash[OUTBOX_TOKEN_HASH_BYTES];
    if (!hex || !kept || kept_len != OUTBOX_TOKEN_HASH_BYTES || outbox_token_parse(hex, token) != 0)
        return false;
    outbox_token_hash(token, hash);
    return sodium_memcmp(hash, kept, sizeof hash) == 0;
}

int outbox_for_ids(sqlite3 *db, const char *sql, const sqlite3_int64 *ids, size_t n,
                   const char *text)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int64(st, 1, ids[i]);
        if (text)
            sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ==== key files ==== */

int outbox_key_read(const char *path, unsigned char key[OUTBOX_KEY_BYTES])
{
    return hexfile_read(path, key, OUTBOX_KEY_BYTES, "key file", "'signpostctl keys new'");
}

int outbox_key_write(const char *path, const unsigned char key[OUTBOX_KEY_BYTES], bool secret)
{
    return hexfile_write(path, key, OUTBOX_KEY_BYTES, secret ? 0600 : 0644, false);
}

/* ==== opening ==== */

static OutboxStatus status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: return OUTBOX_OK;
    case SQLITE_FULL: return OUTBOX_FULL;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return OUTBOX_IO_ERROR;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return OUTBOX_DAMAGED;
    default: return OUTBOX_ERROR;
    }
}

static const char *status_words(OutboxStatus st)
{
    switch (st) {
    case OUTBOX_OK: return "working";
    case OUTBOX_NO_KEY: return "no PALS public key";
    case OUTBOX_FULL: return "the disk is full";
    case OUTBOX_IO_ERROR: return "a read or write failed";
    case OUTBOX_DAMAGED: return "the file is damaged or is not an outbox";
    case OUTBOX_ERROR: break;
    }
    return "an error";
}

/* Records a problem for staff and logs it; returns st. */
static OutboxStatus fail(Outbox *ob, OutboxStatus st, const char *fmt, ...) SP_PRINTF(3, 4);
static OutboxStatus fail(Outbox *ob, OutboxStatus st, const char *fmt, ...)
{
    char detail[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    snprintf(ob->problem, sizeof ob->problem, "outbox %s: %s: %s", ob->path,
             status_words(st), detail);
    ob->status = st;
    log_error("%s", ob->problem);
    return st;
}

/* True when the file system holding path has no space left for this program. */
static bool disk_full(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct statvfs vs;
    return statvfs(dir, &vs) == 0 && vs.f_bavail == 0;
}

/* What a failed SQLite call means. SQLite reports a full disk as SQLITE_FULL only
 * when a write to the file fails; a file it could not create, or shared memory it could
 * not grow, comes back as SQLITE_CANTOPEN or SQLITE_IOERR: the system's errno, or the
 * file system itself, then says whether the disk was full. */
static OutboxStatus classify(const Outbox *ob, int rc)
{
    int code = rc & 0xff;
    if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) {
        int err = ob->db ? sqlite3_system_errno(ob->db) : 0;
        if (err == ENOSPC || err == EDQUOT || disk_full(ob->path))
            return OUTBOX_FULL;
    }
    return status_of(rc);
}

/* Records a failed SQLite call. */
static OutboxStatus fail_sql(Outbox *ob, int rc, const char *doing)
{
    return fail(ob, classify(ob, rc), "%s: %s", doing,
                ob->db ? sqlite3_errmsg(ob->db) : sqlite3_errstr(rc));
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int outbox_query_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, cap, "%s", t ? (const char *)t : "");
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        out[0] = '\0';
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Makes a new outbox's directory entry durable: without it a power cut soon after the
 * first concern could lose the file's name, and the concern with it. */
static void sync_directory(const char *path)
{
    if (file_sync_dir_of(path) != 0)
        log_warn("outbox %s: could not sync its folder: %s", path, err_msg());
}

/* Checks the file and sets it up; returns OUTBOX_OK or the problem (recorded). */
static OutboxStatus open_db(Outbox *ob)
{
    struct stat sb;
    bool existed = stat(ob->path, &sb) == 0 && sb.st_size > 0;
    int rc = sqlite3_open_v2(ob->path, &ob->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "cannot open it");
    sqlite3_busy_timeout(ob->db, BUSY_TIMEOUT_MS);

    /* Read-only checks first: a damaged file, or another program's database, must be
     * left exactly as it is. */
    char result[256];
    rc = outbox_query_text(ob->db, "PRAGMA quick_check", result, sizeof result);
    if (rc != SQLITE_OK) {
        OutboxStatus st = classify(ob, rc);
        return fail(ob, st == OUTBOX_ERROR ? OUTBOX_DAMAGED : st,
                    "it cannot be read as an outbox (%s); it has been left as it is for staff "
                    "to look at",
                    sqlite3_errmsg(ob->db));
    }
    if (strcmp(result, "ok") != 0)
        return fail(ob, OUTBOX_DAMAGED,
                    "the integrity check failed (%s); it has been left as it is for staff to "
                    "look at",
                    result);
    char app_id[32], tables[32];
    rc = outbox_query_text(ob->db, "PRAGMA application_id", app_id, sizeof app_id);
    if (rc == SQLITE_OK)
        rc = outbox_query_text(ob->db, "SELECT count(*) FROM sqlite_schema", tables, sizeof tables);
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "cannot read it");
    bool fresh = strcmp(tables, "0") == 0;
    if (!fresh && atol(app_id) != OUTBOX_APPLICATION_ID)
        return fail(ob, OUTBOX_DAMAGED,
                    "it is another kind of SQLite database, not an outbox; it has been left as "
                    "it is (check [concerns] outbox in the kiosk configuration)");

    char mode[32];
    rc = outbox_query_text(ob->db, "PRAGMA journal_mode=WAL", mode, sizeof mode);
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "cannot switch it to write-ahead logging");
    if (strcmp(mode, "wal") != 0)
        log_warn("outbox %s: write-ahead logging is not available here (journal mode %s); "
                 "concerns are still stored durably",
                 ob->path, mode);
    rc = exec(ob->db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON");
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "cannot set it up");

    if (fresh) {
        char sql[2048];
        snprintf(sql, sizeof sql,
                 "BEGIN IMMEDIATE; %s; %s; %s; PRAGMA application_id=%d; PRAGMA "
                 "user_version=%d; COMMIT",
                 OUTBOX_SCHEMA, OUTBOX_V3_TABLES(""), OUTBOX_V4_COLUMNS(""),
                 (int)OUTBOX_APPLICATION_ID, (int)OUTBOX_SCHEMA_VERSION);
        rc = exec(ob->db, sql);
        if (rc != SQLITE_OK) {
            OutboxStatus st = fail_sql(ob, rc, "cannot create it");
            exec(ob->db, "ROLLBACK");
            return st;
        }
        if (!existed)
            sync_directory(ob->path);
        log_info("outbox %s: created", ob->path);
    } else {
        char version[32];
        rc = outbox_query_text(ob->db, "PRAGMA user_version", version, sizeof version);
        if (rc != SQLITE_OK)
            return fail_sql(ob, rc, "cannot read it");
        long v = atol(version);
        if (v >= 1 && v <= 3) { /* before receipts, feedback and usage, comment receipts */
            rc = exec(ob->db, OUTBOX_MIGRATE_FROM(v));
            if (rc != SQLITE_OK) {
                OutboxStatus st = fail_sql(ob, rc, "cannot bring it up to version 4");
                exec(ob->db, "ROLLBACK");
                return st;
            }
            log_info("outbox %s: brought up to version 4 (feedback, usage figures and "
                     "comment receipts)",
                     ob->path);
        } else if (v != OUTBOX_SCHEMA_VERSION)
            return fail(ob, OUTBOX_DAMAGED,
                        "it has version %s, and this kiosk knows only version %d; it has been "
                        "left as it is",
                        version, (int)OUTBOX_SCHEMA_VERSION);
    }
    rc = sqlite3_prepare_v3(ob->db,
                            "INSERT INTO concern(reference, created_at, sealed, token_hash) "
                            "VALUES(?1, ?2, ?3, ?4)",
                            -1, SQLITE_PREPARE_PERSISTENT, &ob->insert, NULL);
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "it does not have the outbox's table");
    return OUTBOX_OK;
}

/* Closes the database, if open. */
static void close_db(Outbox *ob)
{
    sqlite3_finalize(ob->insert);
    ob->insert = NULL;
    if (ob->db && sqlite3_close(ob->db) != SQLITE_OK)
        log_warn("outbox %s: could not close cleanly: %s", ob->path, sqlite3_errmsg(ob->db));
    ob->db = NULL;
}

/* Reads the key and opens the file at ob->path; returns the status (also kept). */
static OutboxStatus open_all(Outbox *ob)
{
    if (!ob->configured)
        return fail(ob, OUTBOX_ERROR, "no outbox file is configured ([concerns] outbox)");
    if (sodium_init() < 0)
        return fail(ob, OUTBOX_ERROR, "libsodium could not initialise");
    /* The key first: without it nothing could be sealed, so nothing is written. */
    if (outbox_key_read(ob->key_path, ob->public_key) != 0)
        return fail(ob, OUTBOX_NO_KEY, "%s ([concerns] public_key)", err_msg());
    /* 64 hex characters can still be a key nothing can be sealed to (all zeros, say):
     * find out now, not when someone has typed their concern. */
    unsigned char probe[crypto_box_SEALBYTES];
    if (crypto_box_seal(probe, (const unsigned char *)"", 0, ob->public_key) != 0)
        return fail(ob, OUTBOX_NO_KEY, "%s is not a usable public key ([concerns] public_key)",
                    ob->key_path);
    OutboxStatus st = open_db(ob);
    if (st != OUTBOX_OK) {
        close_db(ob);
        return st;
    }
    ob->status = OUTBOX_OK;
    ob->problem[0] = '\0';
    return OUTBOX_OK;
}

Outbox *outbox_open(const char *path, const char *key_path)
{
    Outbox *ob = mem_zalloc(sizeof *ob);
    if (!ob)
        return NULL;
    ob->configured = path && path[0];
    snprintf(ob->path, sizeof ob->path, "%s", ob->configured ? path : "(none)");
    snprintf(ob->key_path, sizeof ob->key_path, "%s", key_path ? key_path : "");
    open_all(ob);
    return ob;
}

OutboxStatus outbox_reopen(Outbox *ob)
{
    if (!ob)
        return OUTBOX_ERROR;
    if (ob->status == OUTBOX_OK && ob->db)
        return OUTBOX_OK;
    close_db(ob);
    OutboxStatus st = open_all(ob);
    if (st == OUTBOX_OK)
        log_info("outbox %s: opened again, concerns can be stored", ob->path);
    return st;
}

void outbox_close(Outbox *ob)
{
    if (!ob)
        return;
    close_db(ob);
    mem_wipe(ob, sizeof *ob);
    mem_free(ob);
}

OutboxStatus outbox_status(const Outbox *ob)
{
    return ob ? ob->status : OUTBOX_ERROR;
}

const char *outbox_problem(const Outbox *ob)
{
    if (!ob)
        return "outbox: out of memory";
    return ob->problem;
}

sqlite3 *outbox_db(Outbox *ob)
{
    return ob && ob->status == OUTBOX_OK ? ob->db : NULL;
}

int outbox_pending(Outbox *ob)
{
    if (!ob || !ob->db)
        return -1;
    char count[32];
    if (outbox_query_text(ob->db, "SELECT count(*) FROM concern WHERE exported_at IS NULL", count,
                   sizeof count) != SQLITE_OK)
        return -1;
    return atoi(count);
}

/* ==== submitting ==== */

/* Seals the concern under reference ref; *sealed gets a malloc'd box of *len bytes.
 * The JSON is wiped before returning, whatever happens. */
static OutboxStatus seal(Outbox *ob, const Concern *c, const ConcernStamp *stamp,
                         unsigned char **sealed, size_t *len)
{
    char *json = concern_to_json(c, stamp);
    if (!json)
        return fail(ob, OUTBOX_ERROR, "the concern could not be written out (%s)", err_msg());
    size_t n = strlen(json);
    unsigned char *box = mem_alloc(n + crypto_box_SEALBYTES);
    int rc = box ? crypto_box_seal(box, (const unsigned char *)json, n, ob->public_key) : -1;
    mem_wipe(json, n);
    mem_free(json);
    if (rc != 0) {
        mem_free(box);
        return fail(ob, box ? OUTBOX_NO_KEY : OUTBOX_ERROR,
                    box ? "the public key cannot seal (is it a real key?)" : "out of memory");
    }
    *sealed = box;
    *len = n + crypto_box_SEALBYTES;
    return OUTBOX_OK;
}

/* Undoes an unfinished transaction, if SQLite has not already. */
static void rollback(Outbox *ob)
{
    if (!sqlite3_get_autocommit(ob->db)) {
        int rc = exec(ob->db, "ROLLBACK");
        if (rc != SQLITE_OK)
            log_error("outbox %s: rollback failed: %s", ob->path, sqlite3_errmsg(ob->db));
    }
}

OutboxStatus outbox_submit(Outbox *ob, const Concern *c, const char *kiosk_id,
                           const char *kiosk_name, char ref[OUTBOX_REF_MAX])
{
    ref[0] = '\0';
    if (!ob)
        return OUTBOX_ERROR;
    if (!ob->db && outbox_reopen(ob) != OUTBOX_OK) {
        /* Opening failed, and fails again now: say so, so the log shows every concern
         * turned away. */
        log_error("%s", ob->problem);
        return ob->status;
    }
    char created_at[OUTBOX_TIME_MAX];
    outbox_time_now(created_at);

    int rc = exec(ob->db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail_sql(ob, rc, "cannot start storing a concern");
    char candidate[OUTBOX_REF_MAX];
    OutboxStatus st = OUTBOX_ERROR;
    bool stored = false;
    for (int attempt = 0; attempt < REFERENCE_TRIES && !stored; attempt++) {
        outbox_make_reference(candidate);
        /* The receipt token goes inside the sealed box; only its hash is stored, so only
         * someone who opened the box (with the PALS secret key) can show it back. */
        unsigned char token[OUTBOX_TOKEN_BYTES], hash[OUTBOX_TOKEN_HASH_BYTES];
        char token_hex[OUTBOX_TOKEN_HEX];
        randombytes_buf(token, sizeof token);
        sodium_bin2hex(token_hex, sizeof token_hex, token, sizeof token);
        outbox_token_hash(token, hash);
        sodium_memzero(token, sizeof token);
        ConcernStamp stamp = {candidate, created_at, kiosk_id, kiosk_name, token_hex};
        unsigned char *sealed = NULL;
        size_t len = 0;
        st = seal(ob, c, &stamp, &sealed, &len);
        sodium_memzero(token_hex, sizeof token_hex);
        if (st != OUTBOX_OK)
            break;
        sqlite3_bind_text(ob->insert, 1, candidate, -1, SQLITE_STATIC);
        sqlite3_bind_text(ob->insert, 2, created_at, -1, SQLITE_STATIC);
        sqlite3_bind_blob(ob->insert, 3, sealed, (int)len, SQLITE_STATIC);
        sqlite3_bind_blob(ob->insert, 4, hash, sizeof hash, SQLITE_STATIC);
        rc = sqlite3_step(ob->insert);
        sqlite3_reset(ob->insert);
        sqlite3_clear_bindings(ob->insert);
        mem_free(sealed);
        stored = rc == SQLITE_DONE;
        /* A reference already taken (about 1 in 3.4 billion per stored concern) means
         * another draw, sealed again since the reference is inside the box. */
        if (!stored && (rc & 0xff) != SQLITE_CONSTRAINT) {
            st = fail_sql(ob, rc, "cannot store a concern");
            break;
        }
    }
    if (!stored && st == OUTBOX_OK)
        st = fail(ob, OUTBOX_ERROR, "could not find an unused reference");
    if (st == OUTBOX_OK) {
        rc = exec(ob->db, "COMMIT");
        if (rc != SQLITE_OK)
            st = fail_sql(ob, rc, "cannot commit a concern");
    }
    if (st != OUTBOX_OK) {
        rollback(ob);
        return st;
    }
    memcpy(ref, candidate, sizeof candidate);
    ob->status = OUTBOX_OK;
    ob->problem[0] = '\0';
    log_info("concern stored ref=%s", ref);
    return OUTBOX_OK;
}
