/* content_write.c: writes a checked model into a new content store. The store is
 * built as <out>.tmp (any stale one removed first) in one transaction, checked with
 * PRAGMA integrity_check, closed, synced to disk and only then renamed over <out>,
 * and the folder is synced so the rename survives a power cut. Any failure removes
 * the .tmp file and leaves the old store exactly as it was. Each stage of the writing is
 * a step of the progress bar, when the build has one. */
#include "content_model.h"

#include "progress.h"
#include "schema.h"
#include "store.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Writer {
    const ContentModel *m;
    sqlite3 *db;
    const char *out_path;
    bool failed;
    char why[600]; /* the first failure, in words */
} Writer;

static void fail_sqlite(Writer *w, const char *doing)
{
    if (w->failed)
        return;
    w->failed = true;
    int code = w->db ? sqlite3_errcode(w->db) & 0xFF : SQLITE_CANTOPEN;
    const char *detail = w->db ? sqlite3_errmsg(w->db) : "cannot open";
    if (code == SQLITE_FULL)
        snprintf(w->why, sizeof w->why, "the disk is full while %s; free some space and "
                 "build again", doing);
    else if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM)
        snprintf(w->why, sizeof w->why, "cannot create the new store while %s (%s); check "
                 "that the folder exists and can be written to", doing, detail);
    else if (code == SQLITE_IOERR)
        snprintf(w->why, sizeof w->why, "the disk reported an error while %s (%s)", doing,
                 detail);
    else
        snprintf(w->why, sizeof w->why, "SQLite failed while %s: %s", doing, detail);
}

static void fail_errno(Writer *w, const char *doing, int err)
{
    if (w->failed)
        return;
    w->failed = true;
    if (err == ENOSPC)
        snprintf(w->why, sizeof w->why, "the disk is full while %s; free some space and "
                 "build again", doing);
    else
        snprintf(w->why, sizeof w->why, "%s failed: %s", doing, strerror(err));
}

static void exec(Writer *w, const char *sql, const char *doing)
{
    if (!w->failed && sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_sqlite(w, doing);
}

static sqlite3_stmt *prepare(Writer *w, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (!w->failed && sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_sqlite(w, "preparing to write");
    return st;
}

/* Binds values by `types` ('s' text, 'i' int, 'd' double), runs, and resets. */
static void insert(Writer *w, sqlite3_stmt *st, const char *doing, const char *types, ...)
{
    if (w->failed || !st)
        return;
    va_list ap;
    va_start(ap, types);
    int rc = SQLITE_OK;
    for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
        if (types[i] == 's')
            rc = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_STATIC);
        else if (types[i] == 'i')
            rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
        else
            rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
    }
    va_end(ap);
    if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK)
        fail_sqlite(w, doing);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Folds text for search (lower case, accents removed) into a malloc'd string. */
static char *fold(const char *s)
{
    size_t cap = strlen(s) * 2 + 16;
    char *out = malloc(cap);
    if (out)
        utf8_fold(s, out, cap);
    return out;
}

static void built_at(char *out, size_t cap)
{
    /* SOURCE_DATE_EPOCH makes builds repeatable (reproducible-builds.org). */
    time_t now = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        if (*end == '\0' && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(out, cap, "unknown");
}

static void write_meta(Writer *w)
{
    const ContentModel *m = w->m;
    char stamp[32];
    built_at(stamp, sizeof stamp);
    sqlite3_stmt *st = prepare(w, "INSERT INTO meta(key, value) VALUES(?, ?)");
    const char *doing = "writing the site details";
    insert(w, st, doing, "ss", "site_name", m->site_name);
    insert(w, st, doing, "ss", "site_phone", m->site_phone);
    insert(w, st, doing, "ss", "site_web", m->site_web);
    insert(w, st, doing, "ss", "reception", m->reception);
    insert(w, st, doing, "ss", "built_at", stamp);
    sqlite3_finalize(st);
}

static void write_places(Writer *w)
{
    const ContentModel *m = w->m;
    sqlite3_stmt *st = prepare(w, "INSERT INTO building(id, name, sort) VALUES(?, ?, ?)");
    for (size_t i = 0; i < m->nbuildings; i++)
        insert(w, st, "writing buildings", "ssi", m->buildings[i].id, m->buildings[i].name,
               (int)i);
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO floor(id, building_id, level, name, plan_w, plan_h, sort) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < m->nfloors; i++) {
        const SrcFloor *f = &m->floors[i];
        insert(w, st, "writing floors", "ssisiii", f->id, m->buildings[f->building].id,
               f->level, f->name, f->plan_w, f->plan_h, (int)i);
    }
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO waypoint(id, floor_id, x, y, landmark, sort) "
                    "VALUES(?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < m->nwaypoints; i++) {
        const SrcWaypoint *p = &m->waypoints[i];
        insert(w, st, "writing waypoints", "ssddsi", p->id, m->floors[p->floor].id, p->x,
               p->y, p->landmark, (int)i);
    }
    sqlite3_finalize(st);

    /* Each two-way row of paths.csv becomes two rows, one per direction. */
    st = prepare(w, "INSERT INTO path(from_id, to_id, kind, length_m, instruction, sort) "
                    "VALUES(?, ?, ?, ?, ?, ?)");
    int sort = 0;
    for (size_t i = 0; i < m->npaths; i++) {
        const SrcPath *p = &m->paths[i];
        const char *a = m->waypoints[p->from].id, *b = m->waypoints[p->to].id;
        const char *kind = path_kind_name(p->kind);
        insert(w, st, "writing paths", "sssdsi", a, b, kind, p->length_m, p->instruction,
               sort++);
        if (p->back)
            insert(w, st, "writing paths", "sssdsi", b, a, kind, p->length_m, p->back, sort++);
    }
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO kiosk(id, name, waypoint_id, sort) VALUES(?, ?, ?, ?)");
    for (size_t i = 0; i < m->nkiosks; i++) {
        const SrcKiosk *k = &m->kiosks[i];
        insert(w, st, "writing kiosks", "sssi", k->id, k->name, m->waypoints[k->waypoint].id,
               (int)i);
    }
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO plan_shape(floor_id, kind, x, y, w, h, label, sort) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < m->nshapes; i++) {
        const SrcShape *s = &m->shapes[i];
        insert(w, st, "writing floor plans", "ssddddsi", m->floors[s->floor].id, s->kind, s->x,
               s->y, s->w, s->h, s->label, (int)i);
    }
    sqlite3_finalize(st);
}

static void write_destinations(Writer *w)
{
    const ContentModel *m = w->m;
    sqlite3_stmt *st = prepare(w, "INSERT INTO dest_type(id, label, sort) VALUES(?, ?, ?)");
    for (size_t i = 0; i < m->ntypes; i++)
        insert(w, st, "writing destination types", "ssi", m->types[i].id, m->types[i].label,
               (int)i);
    sqlite3_finalize(st);

    st = prepare(w, "INSERT INTO destination(id, name, type_id, floor_id, waypoint_id, hours, "
                    "always_open, accessibility, phone, web, summary, keywords) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *hours = prepare(w, "INSERT INTO opening_hours(destination_id, day, opens, "
                                     "closes) VALUES(?, ?, ?, ?)");
    sqlite3_stmt *search = prepare(w, "INSERT INTO search(kind, ref, title, body) "
                                      "VALUES('destination', ?, ?, ?)");
    for (size_t i = 0; i < m->ndestinations && !w->failed; i++) {
        const SrcDestination *d = &m->destinations[i];
        const char *doing = "writing destinations";
        insert(w, st, doing, "ssssssisssss", d->id, d->name, m->types[d->type].id,
               m->floors[d->floor].id, m->waypoints[d->waypoint].id, d->hours_text,
               d->hours.always_open ? 1 : 0, d->accessibility, d->phone, d->web, d->summary,
               d->keywords);
        for (size_t k = 0; k < d->hours.nspans; k++) {
            const OpeningSpan *s = &d->hours.spans[k];
            insert(w, hours, "writing opening hours", "siii", d->id, (int)s->day,
                   (int)s->opens, (int)s->closes);
        }
        const char *label = m->types[d->type].label;
        size_t blen = strlen(label) + strlen(d->keywords) + strlen(d->summary) + 3;
        char *body = malloc(blen);
        if (body)
            snprintf(body, blen, "%s %s %s", label, d->keywords, d->summary);
        char *ftitle = fold(d->name), *fbody = body ? fold(body) : NULL;
        if (!ftitle || !fbody) {
            if (!w->failed) {
                w->failed = true;
                snprintf(w->why, sizeof w->why, "out of memory while writing the search index");
            }
        } else {
            insert(w, search, "writing the search index", "sss", d->id, ftitle, fbody);
        }
        free(body);
        free(ftitle);
        free(fbody);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(hours);
    sqlite3_finalize(search);
}

static void check_written(Writer *w)
{
    sqlite3_stmt *st = prepare(w, "PRAGMA user_version");
    if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != STORE_SCHEMA_VERSION
        && !w->failed) {
        w->failed = true;
        snprintf(w->why, sizeof w->why, "the schema says version %d but this program writes "
                 "version %d; rebuild signpostctl", sqlite3_column_int(st, 0),
                 STORE_SCHEMA_VERSION);
    }
    sqlite3_finalize(st);
    st = prepare(w, "PRAGMA integrity_check");
    if (st) {
        int rc = sqlite3_step(st);
        const char *res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (!w->failed && (!res || strcmp(res, "ok") != 0)) {
            w->failed = true;
            snprintf(w->why, sizeof w->why, "the new store failed its integrity check (%s)",
                     res ? res : sqlite3_errmsg(w->db));
        }
    }
    sqlite3_finalize(st);
}

/* fsync()s a file or folder by path. Returns 0, or an errno value. */
static int sync_path(const char *path, bool dir)
{
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return errno;
    int rc = fsync(fd) == 0 ? 0 : errno;
    close(fd);
    return rc;
}

int content_write_store(const ContentModel *m, const char *out_path)
{
    Writer w = {.m = m, .out_path = out_path};
    size_t plen = strlen(out_path);
    char *tmp = malloc(plen + 5), *dir = malloc(plen + 2);
    if (!tmp || !dir) {
        free(tmp);
        free(dir);
        diag_add(m->diags, DIAG_ERROR, out_path, 0, 0, "out of memory");
        return -1;
    }
    snprintf(tmp, plen + 5, "%s.tmp", out_path);
    const char *slash = strrchr(out_path, '/');
    if (!slash)
        snprintf(dir, plen + 2, ".");
    else if (slash == out_path)
        snprintf(dir, plen + 2, "/");
    else
        snprintf(dir, plen + 2, "%.*s", (int)(slash - out_path), out_path);

    if (unlink(tmp) != 0 && errno != ENOENT)
        fail_errno(&w, "removing the stale file left by an earlier build", errno);
    if (!w.failed && sqlite3_open_v2(tmp, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                     NULL) != SQLITE_OK)
        fail_sqlite(&w, "creating it");
    /* The journal only protects a file we delete on failure anyway. */
    exec(&w, "PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = ON", "setting it up");
    exec(&w, store_schema_sql, "creating its tables");
    exec(&w, "BEGIN", "starting to write");
    Progress *bar = m->progress;
    progress_begin(bar, "writing the store", 7);
    if (!w.failed) {
        write_meta(&w);
        progress_step(bar);
        write_places(&w);
        progress_step(bar);
        write_destinations(&w);
        progress_step(bar);
        if (!w.failed && content_write_directory(m, w.db, w.why, sizeof w.why) != 0)
            w.failed = true;
        progress_step(bar);
        if (!w.failed && content_write_pages(m, w.db, w.why, sizeof w.why) != 0)
            w.failed = true;
        progress_step(bar);
    }
    exec(&w, "COMMIT", "saving it");
    if (!w.failed)
        check_written(&w);
    progress_step(bar);
    if (w.db && sqlite3_close_v2(w.db) != SQLITE_OK && !w.failed)
        fail_sqlite(&w, "closing it");
    w.db = NULL;
    int err;
    if (!w.failed && (err = sync_path(tmp, false)) != 0)
        fail_errno(&w, "writing it to disk (fsync)", err);
    if (!w.failed && rename(tmp, out_path) != 0)
        fail_errno(&w, "putting it in place (rename)", errno);
    progress_step(bar);
    if (w.failed) {
        unlink(tmp);
        diag_add(m->diags, DIAG_ERROR, out_path, 0, 0, "could not write the content store: "
                 "%s. The existing store was left as it was", w.why);
    } else if ((err = sync_path(dir, true)) != 0) {
        diag_add(m->diags, DIAG_WARNING, dir, 0, 0, "the new store is in place but the folder "
                 "could not be synced (%s); it may be lost if the power fails now",
                 strerror(err));
    }
    free(tmp);
    free(dir);
    return w.failed ? -1 : 0;
}
