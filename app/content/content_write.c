/* content_write.c: writes a checked model into a new content store. The store is
 * built as <out>.tmp (any stale one removed first) in one transaction, checked with
 * PRAGMA integrity_check, closed, synced to disk and only then renamed over <out>,
 * and the folder is synced so the rename survives a power cut. Any failure removes
 * the .tmp file and leaves the old store exactly as it was. Each stage of the writing is
 * a step of the progress bar, when the build has one. */
#include "content_model.h"

#include "err.h"
#include "files.h"
#include "progress.h"
#include "row_writer.h"
#include "schema.h"
#include "store.h"
#include "utf8.h"

#include <assert.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static void write_meta(RowWriter *w, const ContentModel *m)
{
    char stamp[32];
    built_at(stamp, sizeof stamp);
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO meta(key, value) VALUES(:key, :value)");
    const char *const rows[][2] = {
        {"site_name", m->site_name}, {"site_phone", m->site_phone}, {"site_web", m->site_web},
        {"reception", m->reception}, {"built_at", stamp},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ROW_INSERT(w, st, "writing the site details", ROW_TEXT(":key", rows[i][0]),
                   ROW_TEXT(":value", rows[i][1]));
    sqlite3_finalize(st);
}

static void write_places(RowWriter *w, const ContentModel *m)
{
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO building(id, name, sort) "
                                             "VALUES(:id, :name, :sort)");
    for (size_t i = 0; i < m->nbuildings; i++)
        ROW_INSERT(w, st, "writing buildings", ROW_TEXT(":id", m->buildings[i].id),
                   ROW_TEXT(":name", m->buildings[i].name), ROW_INT(":sort", (int)i));
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO floor(id, building_id, level, name, plan_w, plan_h,"
                               " sort) VALUES(:id, :building, :level, :name, :plan_w, :plan_h,"
                               " :sort)");
    for (size_t i = 0; i < m->nfloors; i++) {
        const SrcFloor *f = &m->floors[i];
        assert(f->building >= 0 && (size_t)f->building < m->nbuildings);
        ROW_INSERT(w, st, "writing floors", ROW_TEXT(":id", f->id),
                   ROW_TEXT(":building", m->buildings[f->building].id),
                   ROW_INT(":level", f->level), ROW_TEXT(":name", f->name),
                   ROW_INT(":plan_w", f->plan_w), ROW_INT(":plan_h", f->plan_h),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO waypoint(id, floor_id, x, y, landmark, sort) "
                               "VALUES(:id, :floor, :x, :y, :landmark, :sort)");
    for (size_t i = 0; i < m->nwaypoints; i++) {
        const SrcWaypoint *p = &m->waypoints[i];
        assert(p->floor >= 0 && (size_t)p->floor < m->nfloors);
        ROW_INSERT(w, st, "writing waypoints", ROW_TEXT(":id", p->id),
                   ROW_TEXT(":floor", m->floors[p->floor].id), ROW_REAL(":x", p->x),
                   ROW_REAL(":y", p->y), ROW_TEXT(":landmark", p->landmark),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    /* Each two-way row of paths.csv becomes two rows, one per direction. */
    st = row_writer_prepare(w, "INSERT INTO path(from_id, to_id, kind, length_m, instruction,"
                               " sort) VALUES(:from, :to, :kind, :length, :instruction, :sort)");
    int sort = 0;
    for (size_t i = 0; i < m->npaths; i++) {
        const SrcPath *p = &m->paths[i];
        assert(p->from >= 0 && (size_t)p->from < m->nwaypoints);
        assert(p->to >= 0 && (size_t)p->to < m->nwaypoints);
        const char *a = m->waypoints[p->from].id, *b = m->waypoints[p->to].id;
        const char *kind = path_kind_name(p->kind);
        ROW_INSERT(w, st, "writing paths", ROW_TEXT(":from", a), ROW_TEXT(":to", b),
                   ROW_TEXT(":kind", kind), ROW_REAL(":length", p->length_m),
                   ROW_TEXT(":instruction", p->instruction), ROW_INT(":sort", sort++));
        if (p->back)
            ROW_INSERT(w, st, "writing paths", ROW_TEXT(":from", b), ROW_TEXT(":to", a),
                       ROW_TEXT(":kind", kind), ROW_REAL(":length", p->length_m),
                       ROW_TEXT(":instruction", p->back), ROW_INT(":sort", sort++));
    }
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO kiosk(id, name, waypoint_id, sort) "
                               "VALUES(:id, :name, :waypoint, :sort)");
    for (size_t i = 0; i < m->nkiosks; i++) {
        const SrcKiosk *k = &m->kiosks[i];
        assert(k->waypoint >= 0 && (size_t)k->waypoint < m->nwaypoints);
        ROW_INSERT(w, st, "writing kiosks", ROW_TEXT(":id", k->id), ROW_TEXT(":name", k->name),
                   ROW_TEXT(":waypoint", m->waypoints[k->waypoint].id),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO plan_shape(floor_id, kind, x, y, w, h, label, sort) "
                               "VALUES(:floor, :kind, :x, :y, :w, :h, :label, :sort)");
    for (size_t i = 0; i < m->nshapes; i++) {
        const SrcShape *s = &m->shapes[i];
        assert(s->floor >= 0 && (size_t)s->floor < m->nfloors);
        ROW_INSERT(w, st, "writing floor plans", ROW_TEXT(":floor", m->floors[s->floor].id),
                   ROW_TEXT(":kind", s->kind), ROW_REAL(":x", s->x), ROW_REAL(":y", s->y),
                   ROW_REAL(":w", s->w), ROW_REAL(":h", s->h), ROW_TEXT(":label", s->label),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO plan_drawing(floor_id, png, px_w, px_h) "
                               "VALUES(?, ?, ?, ?)");
    for (size_t i = 0; st && i < m->nfloors; i++) {
        const SrcFloor *f = &m->floors[i];
        if (!f->drawing)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 2, f->drawing, f->drawing_len, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, f->drawing_px_w);
        sqlite3_bind_int(st, 4, f->drawing_px_h);
        if (sqlite3_step(st) != SQLITE_DONE)
            row_writer_fail_sqlite(w, "writing floor drawings");
    }
    sqlite3_finalize(st);
}

static void write_destinations(RowWriter *w, const ContentModel *m)
{
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO dest_type(id, label, sort) "
                                             "VALUES(:id, :label, :sort)");
    for (size_t i = 0; i < m->ntypes; i++)
        ROW_INSERT(w, st, "writing destination types", ROW_TEXT(":id", m->types[i].id),
                   ROW_TEXT(":label", m->types[i].label), ROW_INT(":sort", (int)i));
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO destination(id, name, type_id, floor_id, "
                               "waypoint_id, hours, always_open, accessibility, phone, web, "
                               "summary, keywords) VALUES(:id, :name, :type, :floor, :waypoint, "
                               ":hours, :always_open, :accessibility, :phone, :web, :summary, "
                               ":keywords)");
    sqlite3_stmt *hours = row_writer_prepare(w, "INSERT INTO opening_hours(destination_id, day,"
                                                " opens, closes) VALUES(:id, :day, :opens,"
                                                " :closes)");
    sqlite3_stmt *search = row_writer_prepare(w, "INSERT INTO search(kind, ref, title, body) "
                                                 "VALUES('destination', :ref, :title, :body)");
    for (size_t i = 0; i < m->ndestinations && !w->failed; i++) {
        const SrcDestination *d = &m->destinations[i];
        assert(d->type >= 0 && (size_t)d->type < m->ntypes);
        assert(d->floor >= 0 && (size_t)d->floor < m->nfloors);
        assert(d->waypoint >= 0 && (size_t)d->waypoint < m->nwaypoints);
        ROW_INSERT(w, st, "writing destinations", ROW_TEXT(":id", d->id),
                   ROW_TEXT(":name", d->name), ROW_TEXT(":type", m->types[d->type].id),
                   ROW_TEXT(":floor", m->floors[d->floor].id),
                   ROW_TEXT(":waypoint", m->waypoints[d->waypoint].id),
                   ROW_TEXT(":hours", d->hours_text),
                   ROW_INT(":always_open", d->hours.always_open ? 1 : 0),
                   ROW_TEXT(":accessibility", d->accessibility), ROW_TEXT(":phone", d->phone),
                   ROW_TEXT(":web", d->web), ROW_TEXT(":summary", d->summary),
                   ROW_TEXT(":keywords", d->keywords));
        for (size_t k = 0; k < d->hours.nspans; k++) {
            const OpeningSpan *s = &d->hours.spans[k];
            ROW_INSERT(w, hours, "writing opening hours", ROW_TEXT(":id", d->id),
                       ROW_INT(":day", (int)s->day), ROW_INT(":opens", (int)s->opens),
                       ROW_INT(":closes", (int)s->closes));
        }
        const char *label = m->types[d->type].label;
        size_t blen = strlen(label) + strlen(d->keywords) + strlen(d->summary) + 3;
        char *body = mem_alloc(blen);
        if (body)
            snprintf(body, blen, "%s %s %s", label, d->keywords, d->summary);
        char *names = content_trans_names(m, TR_DESTINATION, d->id, d->name);
        char *ftitle = names ? utf8_fold_dup(names) : NULL;
        char *fbody = body ? utf8_fold_dup(body) : NULL;
        mem_free(names);
        if (!ftitle || !fbody)
            row_writer_fail(w, "out of memory while writing the search index");
        else
            ROW_INSERT(w, search, "writing the search index", ROW_TEXT(":ref", d->id),
                       ROW_TEXT(":title", ftitle), ROW_TEXT(":body", fbody));
        mem_free(body);
        mem_free(ftitle);
        mem_free(fbody);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(hours);
    sqlite3_finalize(search);
}

static void check_written(RowWriter *w)
{
    sqlite3_stmt *st = row_writer_prepare(w, "PRAGMA user_version");
    if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != STORE_SCHEMA_VERSION)
        row_writer_fail(w, "the schema says version %d but this program writes version %d; "
                        "rebuild signpostctl", sqlite3_column_int(st, 0), STORE_SCHEMA_VERSION);
    sqlite3_finalize(st);
    st = row_writer_prepare(w, "PRAGMA integrity_check");
    if (st) {
        int rc = sqlite3_step(st);
        const char *res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        if (!res || strcmp(res, "ok") != 0)
            row_writer_fail(w, "the new store failed its integrity check (%s)",
                            res ? res : sqlite3_errmsg(w->db));
    }
    sqlite3_finalize(st);
}

int content_write_store(const ContentModel *m, const char *out_path)
{
    char why[600];
    RowWriter w = {.why = why, .cap = sizeof why};
    size_t tmp_len = strlen(out_path) + sizeof ".tmp";
    char *tmp = mem_alloc(tmp_len);
    if (!tmp) {
        diag_add(m->diags, DIAG_ERROR, out_path, 0, 0, "out of memory");
        return -1;
    }
    snprintf(tmp, tmp_len, "%s.tmp", out_path);
    if (unlink(tmp) != 0 && errno != ENOENT)
        row_writer_fail(&w, "removing the stale file left by an earlier build failed: %s",
                        strerror(errno));
    if (!w.failed && sqlite3_open_v2(tmp, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                     NULL) != SQLITE_OK)
        row_writer_fail_sqlite(&w, "creating it");
    /* The journal only protects a file we delete on failure anyway. */
    row_writer_exec(&w, "PRAGMA journal_mode = MEMORY; PRAGMA foreign_keys = ON",
                    "setting it up");
    row_writer_exec(&w, store_schema_sql, "creating its tables");
    row_writer_exec(&w, "BEGIN", "starting to write");
    Progress *bar = m->progress;
    progress_begin(bar, "writing the store", 7);
    if (!w.failed) {
        write_meta(&w, m);
        progress_step(bar);
        write_places(&w, m);
        progress_step(bar);
        write_destinations(&w, m);
        progress_step(bar);
        content_write_directory(m, &w);
        progress_step(bar);
        content_write_pages(m, &w);
        content_write_translations(m, &w);
        content_write_synonyms(m, &w); /* and the vocabulary, from every search row */
        progress_step(bar);
    }
    row_writer_exec(&w, "COMMIT", "saving it");
    if (!w.failed)
        check_written(&w);
    progress_step(bar);
    if (w.db && sqlite3_close_v2(w.db) != SQLITE_OK)
        row_writer_fail_sqlite(&w, "closing it");
    w.db = NULL;
    if (!w.failed && file_sync(tmp) != 0)
        row_writer_fail(&w, "%s", err_msg());
    if (!w.failed && rename(tmp, out_path) != 0)
        row_writer_fail(&w, "putting it in place (rename) failed: %s", strerror(errno));
    progress_step(bar);
    if (w.failed) {
        unlink(tmp);
        diag_add(m->diags, DIAG_ERROR, out_path, 0, 0, "could not write the content store: "
                 "%s. The existing store was left as it was", w.why);
    } else if (file_sync_dir_of(out_path) != 0) {
        diag_add(m->diags, DIAG_WARNING, out_path, 0, 0, "the new store is in place but its "
                 "folder could not be synced (%s); it may be lost if the power fails now",
                 err_msg());
    }
    mem_free(tmp);
    return w.failed ? -1 : 0;
}
