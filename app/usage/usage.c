/* usage.c: the usage figures (see usage.h): counts in memory, one writer into the
 * outbox file, and the readers for signpostctl and the report. */
#include "usage.h"
#include "outbox_internal.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum {
    PENDING_MAX = 256, /* distinct (day, metric, item) waiting */
    MARKS_MAX = 32,    /* distinct things one session used */
    QUERIES_MAX = 16,  /* searches that found nothing in one session */
    WORDS_MAX = 64,    /* ended sessions' words waiting for the flush */
    KEY_BYTES = crypto_generichash_KEYBYTES,
    HASH_BYTES = 32
};

typedef struct Count {
    char day[11];
    char metric[16];
    char item[48];
    long n;
} Count;

typedef struct Mark {
    char metric[16];
    char item[48];
} Mark;

struct Usage {
    Count pending[PENDING_MAX];
    int npending;
    int dropped;                          /* counts lost to a full table (logged) */
    Mark marks[MARKS_MAX];                /* this session */
    int nmarks;
    char queries[QUERIES_MAX][USAGE_WORDS_MAX]; /* this session: wiped when it ends */
    int nqueries;
    char words[WORDS_MAX][USAGE_WORDS_MAX];     /* ended sessions': wiped at the flush */
    char words_day[WORDS_MAX][11];
    int nwords;
    char today[11];                       /* fixed day, or "" for the local date */
    uint64_t flushed_ms;
};

Usage *usage_new(void)
{
    return mem_zalloc(sizeof(Usage));
}

void usage_free(Usage *u)
{
    if (!u)
        return;
    mem_wipe(u, sizeof *u);
    mem_free(u);
}

void usage_set_today(Usage *u, const char *day)
{
    if (u)
        snprintf(u->today, sizeof u->today, "%s", day ? day : "");
}

static void day_now(const Usage *u, char out[11])
{
    if (u->today[0]) {
        memcpy(out, u->today, 11);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(out, 11, "%Y-%m-%d", &tm);
    else
        snprintf(out, 11, "1970-01-01");
}

static void add(Usage *u, const char *day, const char *metric, const char *item, long n)
{
    for (int i = 0; i < u->npending; i++) {
        Count *c = &u->pending[i];
        if (strcmp(c->day, day) == 0 && strcmp(c->metric, metric) == 0 &&
            strcmp(c->item, item) == 0) {
            c->n += n;
            return;
        }
    }
    if (u->npending == PENDING_MAX) {
        u->dropped++;
        return;
    }
    Count *c = &u->pending[u->npending++];
    snprintf(c->day, sizeof c->day, "%s", day);
    snprintf(c->metric, sizeof c->metric, "%s", metric);
    snprintf(c->item, sizeof c->item, "%s", item);
    c->n = n;
}

void usage_count_item(Usage *u, const char *metric, const char *item)
{
    if (!u || !metric)
        return;
    char day[11];
    day_now(u, day);
    add(u, day, metric, item ? item : "", 1);
}

void usage_count(Usage *u, const char *metric)
{
    usage_count_item(u, metric, "");
}

void usage_content(Usage *u, const char *version)
{
    char item[48];
    size_t n = 0;
    for (const char *p = version ? version : ""; *p && n + 1 < sizeof item; p++)
        if (*p != ':')
            item[n++] = *p;
    item[n] = '\0';
    usage_count_item(u, "content", n ? item : "unknown");
}

void usage_session_mark(Usage *u, const char *metric, const char *item)
{
    if (!u || !metric)
        return;
    item = item ? item : "";
    for (int i = 0; i < u->nmarks; i++)
        if (strcmp(u->marks[i].metric, metric) == 0 && strcmp(u->marks[i].item, item) == 0)
            return;
    if (u->nmarks == MARKS_MAX)
        return;
    snprintf(u->marks[u->nmarks].metric, sizeof u->marks[0].metric, "%s", metric);
    snprintf(u->marks[u->nmarks].item, sizeof u->marks[0].item, "%s", item);
    u->nmarks++;
}

void usage_normalise(const char *in, char out[USAGE_WORDS_MAX])
{
    size_t o = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p; p++) {
        unsigned char ch = *p;
        bool sep = ch < 0x80 && !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                                  (ch >= '0' && ch <= '9'));
        if (sep) {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 >= USAGE_WORDS_MAX - 1)
                break;
            out[o++] = ' ';
            space = false;
        }
        if (o + 1 >= USAGE_WORDS_MAX)
            break;
        out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
    }
    /* Never end inside a UTF-8 sequence cut short. */
    size_t lead = o;
    while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0) {
        unsigned char b = (unsigned char)out[lead - 1];
        size_t want = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (o - (lead - 1) < want)
            o = lead - 1;
    }
    out[o] = '\0';
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

void usage_search_empty(Usage *u, const char *query)
{
    if (!u)
        return;
    char n[USAGE_WORDS_MAX];
    usage_normalise(query, n);
    if (!n[0])
        return;
    /* Typed letter by letter, a search fails as "xy", "xyz", "xyzzy": keep the longest. */
    for (int i = 0; i < u->nqueries; i++) {
        if (starts_with(u->queries[i], n))
            goto done;
        if (starts_with(n, u->queries[i])) {
            memcpy(u->queries[i], n, sizeof n);
            goto done;
        }
    }
    if (u->nqueries < QUERIES_MAX)
        memcpy(u->queries[u->nqueries++], n, sizeof n);
done:
    mem_wipe(n, sizeof n);
}

void usage_session_end(Usage *u)
{
    if (!u)
        return;
    char day[11], hour[4] = "00";
    day_now(u, day);
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm))
        snprintf(hour, sizeof hour, "%02d", tm.tm_hour);
    add(u, day, "sessions", "", 1);
    add(u, day, "hour", hour, 1);
    for (int i = 0; i < u->nmarks; i++)
        add(u, day, u->marks[i].metric, u->marks[i].item, 1);
    for (int i = 0; i < u->nqueries; i++) {
        add(u, day, "search-empty", "", 1);
        if (u->nwords < WORDS_MAX) {
            memcpy(u->words[u->nwords], u->queries[i], USAGE_WORDS_MAX);
            memcpy(u->words_day[u->nwords], day, 11);
            u->nwords++;
        }
    }
    mem_wipe(u->marks, sizeof u->marks);
    mem_wipe(u->queries, sizeof u->queries);
    u->nmarks = 0;
    u->nqueries = 0;
}

bool usage_flush_due(const Usage *u, uint64_t now_ms)
{
    return u && (u->npending > 0 || u->nwords > 0) &&
           (u->flushed_ms == 0 || now_ms >= u->flushed_ms + USAGE_FLUSH_MS);
}

/* ==== writing ==== */

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void hash_words(const unsigned char key[KEY_BYTES], const char *words,
                       unsigned char out[HASH_BYTES])
{
    crypto_generichash(out, HASH_BYTES, (const unsigned char *)words, strlen(words), key,
                       KEY_BYTES);
}

/* This month's key: a new one at the start of each month, when the hashes of words
 * still under the threshold go (their count starts again), and those over it (whose
 * words are stored anyway) are hashed again with the new key. */
static int month_key(sqlite3 *db, const char *day, unsigned char key[KEY_BYTES])
{
    char month[8];
    snprintf(month, sizeof month, "%.7s", day);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT month, key FROM usage_key LIMIT 1", -1, &st, NULL);
    bool have = false;
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        if (m && strcmp(m, month) == 0 && sqlite3_column_bytes(st, 1) == KEY_BYTES) {
            memcpy(key, sqlite3_column_blob(st, 1), KEY_BYTES);
            have = true;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK || have)
        return rc;
    randombytes_buf(key, KEY_BYTES);
    rc = sqlite3_exec(db, "DELETE FROM usage_key; DELETE FROM usage_word WHERE words IS NULL",
                      NULL, NULL, NULL);
    /* Rows over the threshold: read them all, then write them back under the new key. */
    char (*kept)[USAGE_WORDS_MAX] = NULL;
    long *sessions = NULL;
    size_t n = 0, cap = 0, cap2 = 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT words, sessions FROM usage_word", -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(st, 0);
        if (!w || mem_grow((void **)&kept, &cap, n + 1, sizeof *kept) != 0 ||
            mem_grow((void **)&sessions, &cap2, n + 1, sizeof *sessions) != 0)
            continue;
        snprintf(kept[n], USAGE_WORDS_MAX, "%s", w);
        sessions[n++] = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "DELETE FROM usage_word", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO usage_word VALUES(?1, ?2, ?3)", -1,
                                &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
        unsigned char h[HASH_BYTES];
        hash_words(key, kept[i], h);
        sqlite3_bind_blob(st, 1, h, HASH_BYTES, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, sessions[i]);
        sqlite3_bind_text(st, 3, kept[i], -1, SQLITE_TRANSIENT);
        rc = step_done(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    mem_free(kept);
    mem_free(sessions);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO usage_key VALUES(?1, ?2)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, month, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, key, KEY_BYTES, SQLITE_TRANSIENT);
        rc = step_done(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* One ended session's failed search: one more session for its hash; its words stored
 * (and counted for the day) only from the USAGE_WORD_SESSIONS-th. */
static int count_words(sqlite3 *db, const unsigned char key[KEY_BYTES], const char *words,
                       const char *day, sqlite3_stmt *bump, sqlite3_stmt *name,
                       sqlite3_stmt *daily)
{
    unsigned char h[HASH_BYTES];
    hash_words(key, words, h);
    sqlite3_bind_blob(bump, 1, h, HASH_BYTES, SQLITE_TRANSIENT);
    int rc = sqlite3_step(bump);
    long sessions = rc == SQLITE_ROW ? (long)sqlite3_column_int64(bump, 0) : 0;
    rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    sqlite3_reset(bump);
    if (rc != SQLITE_OK || sessions < USAGE_WORD_SESSIONS)
        return rc;
    sqlite3_bind_blob(name, 1, h, HASH_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_text(name, 2, words, -1, SQLITE_TRANSIENT);
    rc = step_done(name);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(daily, 1, day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(daily, 2, "search-words", -1, SQLITE_STATIC);
        sqlite3_bind_text(daily, 3, words, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(daily, 4, 1);
        rc = step_done(daily);
    }
    (void)db;
    return rc;
}

int usage_flush(Usage *u, Outbox *ob, uint64_t now_ms)
{
    if (!u)
        return -1;
    u->flushed_ms = now_ms ? now_ms : 1;
    sqlite3 *db = outbox_db(ob);
    int rc = db ? SQLITE_OK : SQLITE_CANTOPEN;
    if (u->npending == 0 && u->nwords == 0)
        return 0;
    sqlite3_stmt *daily = NULL, *bump = NULL, *name = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT INTO usage_count(day, metric, item, count) "
                                "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(day, metric, item) DO "
                                "UPDATE SET count = count + excluded.count",
                                -1, &daily, NULL);
    for (int i = 0; rc == SQLITE_OK && i < u->npending; i++) {
        const Count *c = &u->pending[i];
        sqlite3_bind_text(daily, 1, c->day, -1, SQLITE_STATIC);
        sqlite3_bind_text(daily, 2, c->metric, -1, SQLITE_STATIC);
        sqlite3_bind_text(daily, 3, c->item, -1, SQLITE_STATIC);
        sqlite3_bind_int64(daily, 4, c->n);
        rc = step_done(daily);
    }
    if (rc == SQLITE_OK && u->nwords > 0) {
        unsigned char key[KEY_BYTES];
        rc = month_key(db, u->words_day[0], key);
        if (rc == SQLITE_OK)
            rc = sqlite3_prepare_v2(db,
                                    "INSERT INTO usage_word(hash, sessions) VALUES(?1, 1) "
                                    "ON CONFLICT(hash) DO UPDATE SET sessions = sessions + 1 "
                                    "RETURNING sessions",
                                    -1, &bump, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_prepare_v2(db,
                                    "UPDATE usage_word SET words = ?2 WHERE hash = ?1 AND "
                                    "words IS NULL",
                                    -1, &name, NULL);
        for (int i = 0; rc == SQLITE_OK && i < u->nwords; i++)
            rc = count_words(db, key, u->words[i], u->words_day[i], bump, name, daily);
        sodium_memzero(key, sizeof key);
    }
    sqlite3_finalize(daily);
    sqlite3_finalize(bump);
    sqlite3_finalize(name);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    /* The words never wait longer than this, whatever happened. */
    mem_wipe(u->words, sizeof u->words);
    u->nwords = 0;
    if (rc != SQLITE_OK) {
        if (db) {
            log_warn("usage figures could not be stored now: %s", sqlite3_errmsg(db));
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        }
        return -1;
    }
    if (u->dropped)
        log_warn("usage figures: %d counts were lost (too many kinds at once)", u->dropped);
    u->dropped = 0;
    u->npending = 0;
    return 0;
}

int usage_day_totals(Usage *u, Outbox *ob, const char *day, long *sessions, long *empty)
{
    *sessions = 0;
    *empty = 0;
    sqlite3 *db = outbox_db(ob);
    if (!db || !day)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT metric, sum(count) FROM usage_count WHERE day = ?1 AND "
                                "metric IN ('sessions', 'search-empty') GROUP BY metric",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        long n = (long)sqlite3_column_int64(st, 1);
        if (m && strcmp(m, "sessions") == 0)
            *sessions += n;
        else
            *empty += n;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    for (int i = 0; u && i < u->npending; i++) {
        const Count *c = &u->pending[i];
        if (strcmp(c->day, day) != 0)
            continue;
        if (strcmp(c->metric, "sessions") == 0)
            *sessions += c->n;
        else if (strcmp(c->metric, "search-empty") == 0)
            *empty += c->n;
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ==== reading ==== */

int usage_read(const char *path, const char *from, const char *to,
               int (*fn)(void *user, const UsageRow *row), void *user)
{
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT day, metric, item, count FROM usage_count WHERE "
                                "(?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) "
                                "ORDER BY day, metric, item",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    }
    int n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        UsageRow r = {(const char *)sqlite3_column_text(st, 0),
                      (const char *)sqlite3_column_text(st, 1),
                      (const char *)sqlite3_column_text(st, 2), (long)sqlite3_column_int64(st, 3)};
        if (!r.day || !r.metric || !r.item) {
            rc = SQLITE_CORRUPT;
            break;
        }
        n++;
        rc = SQLITE_OK;
        if (fn && fn(user, &r) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        err_set("outbox %s: cannot read the usage figures: %s", path,
                rc == SQLITE_CORRUPT ? "a row is incomplete" : sqlite3_errmsg(db));
        n = -1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

typedef struct ExportCtx {
    FILE *out;
    bool json;
    int n;
} ExportCtx;

/* A CSV field: quoted when it needs it; a leading = + - @ defused with '. */
static void csv_field(FILE *out, const char *s)
{
    bool risky = s[0] && strchr("=+-@\t\r", s[0]);
    if (!risky && !strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (risky)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static int export_row(void *user, const UsageRow *r)
{
    ExportCtx *x = user;
    if (x->json) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:I}", "day", r->day, "metric", r->metric, "item",
                              r->item, "count", (json_int_t)r->count);
        char *t = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (!t)
            return -1;
        fprintf(x->out, "%s%s", x->n ? ",\n" : "\n", t);
        mem_free(t);
    } else {
        fprintf(x->out, "%s,", r->day);
        csv_field(x->out, r->metric);
        fputc(',', x->out);
        csv_field(x->out, r->item);
        fprintf(x->out, ",%ld\r\n", r->count);
    }
    x->n++;
    return 0;
}

int usage_export(const char *path, const char *from, const char *to, bool json, FILE *out)
{
    if (usage_read(path, from, to, NULL, NULL) < 0)
        return -1;
    ExportCtx x = {out, json, 0};
    fputs(json ? "[" : "day,metric,item,count\r\n", out);
    if (usage_read(path, from, to, export_row, &x) < 0)
        return -1;
    if (json)
        fputs(x.n ? "\n]\n" : "]\n", out);
    if (fflush(out) != 0 || ferror(out))
        return err_set("cannot write the figures: %s", strerror(errno));
    return 0;
}
