/* store.c: opens a compiled content store read-only, checks it, loads the whole Site
 * into memory in one read transaction, and answers searches from its FTS5 table.
 * The SQL for the places and the search is here; the directory's is in
 * store_directory.c and the pages' in store_pages.c. Load statements run once and are
 * finalised; the search statements are prepared once at open (SQLITE_PREPARE_PERSISTENT)
 * and reset after each query.
 * What a person types is personal data: the query and the match expression built from
 * it live in stack buffers that are wiped before store_search() returns, are bound
 * without SQLite copying them, and are never logged. */
#include "store.h"

#include "err.h"
#include "store_directory.h"
#include "store_internal.h"
#include "store_pages.h"
#include "mem.h"
#include "utf8.h"

#include <sqlite3.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The kinds search finds, in SearchKind order: destinations, services, pages. */
enum { SEARCH_KINDS = 3 };

/* One search-table row and the item it indexes (see Store.base). */
typedef struct SearchRow {
    sqlite3_int64 rowid;
    int item;
} SearchRow;

struct Store {
    sqlite3 *db;
    sqlite3_stmt *q_match;  /* persistent; see sql_match */
    sqlite3_stmt *q_title;  /* persistent; see sql_match_title */
    sqlite3_stmt *q_ranked; /* persistent; see sql_ranked */
    SearchRow *rows;        /* every row of the search table, by rowid; owned */
    size_t nrows;
    /* Search numbers the destinations, then the services, then the pages as one run of
     * items: index i of kind k is item base[k] + i; base[SEARCH_KINDS] is the total. */
    size_t base[SEARCH_KINDS + 1];
    size_t kind_rows[SEARCH_KINDS]; /* search rows of each kind */
    unsigned char *marks;   /* one per item, scratch for store_search(); owned */
    int *ranked;            /* one per item, scratch for store_search(); owned */
    Site site;
};

/* ==== SQL ==== */

static const char sql_version[] = "PRAGMA user_version";
static const char sql_quick_check[] = "PRAGMA quick_check(1)";
static const char sql_meta[] = "SELECT key, value FROM meta";
static const char sql_buildings[] = "SELECT id, name FROM building ORDER BY sort, id";
static const char sql_floors[] =
    "SELECT id, building_id, level, name, plan_w, plan_h FROM floor ORDER BY sort, id";
static const char sql_waypoints[] =
    "SELECT id, floor_id, x, y, landmark FROM waypoint ORDER BY sort, id";
static const char sql_types[] = "SELECT id, label FROM dest_type ORDER BY sort, id";
static const char sql_destinations[] =
    "SELECT id, name, summary, hours, accessibility, phone, web, type_id, floor_id,"
    " waypoint_id, always_open FROM destination";
static const char sql_hours[] =
    "SELECT destination_id, day, opens, closes FROM opening_hours"
    " ORDER BY destination_id, day, opens, closes";
static const char sql_kiosks[] = "SELECT id, name, waypoint_id FROM kiosk ORDER BY sort, id";
static const char sql_shapes[] =
    "SELECT floor_id, kind, label, x, y, w, h FROM plan_shape ORDER BY sort, rowid";
static const char sql_paths[] =
    "SELECT from_id, to_id, kind, length_m, instruction FROM path ORDER BY sort, rowid";
/* Search. The content build writes one row per destination, service and page, with
 * kind 'destination', 'service' or 'page' and ref its id; title (the name or title)
 * and body (type, keywords and summary; a service's description; a page's summary and
 * text) are utf8_fold()ed. At open the rowid of every row is mapped to its item (see
 * Store.base; sql_search_rows), so the queries below return only rowids and never read
 * the table's content, which is the slow part when a short prefix such as "c" matches
 * thousands of rows. bm25 weights are per column (kind, ref, title, body): a word in
 * the name counts ten times one in the body; equal scores fall back to rowid so the
 * order never changes between runs. */
static const char sql_search_rows[] = "SELECT rowid, kind, ref FROM search ORDER BY rowid";
static const char sql_match[] = "SELECT rowid FROM search WHERE search MATCH ?1";
static const char sql_match_title[] =
    "SELECT rowid FROM search WHERE search MATCH '{title} : (' || ?1 || ')'";
static const char sql_ranked[] =
    "SELECT rowid FROM search WHERE search MATCH ?1"
    " ORDER BY bm25(search, 0.0, 0.0, 10.0, 1.0), rowid LIMIT ?2";

/* ==== loading ==== */

typedef struct Loader {
    Store *st;
    Site *site;
    const char *path;
    bool failed; /* err_set() already says why */
    IdMap buildings, floors, waypoints, types, destinations;
} Loader;

/* Records a message about the store's contents (a broken reference, a bad value). */
static int load_fail(Loader *ld, const char *fmt, ...) SP_PRINTF(2, 3);
static int load_fail(Loader *ld, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    store_inconsistent_v(ld->path, fmt, ap);
    va_end(ap);
    ld->failed = true;
    return -1;
}

static sqlite3_stmt *prepare(Loader *ld, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(ld->st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        store_db_error(ld->path, ld->st->db);
        ld->failed = true;
        return NULL;
    }
    return stmt;
}

/* Steps a load statement: 1 for a row, 0 when done, -1 on error (message set). */
static int next_row(Loader *ld, sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    store_db_error(ld->path, ld->st->db);
    ld->failed = true;
    return -1;
}

/* Copies a text column into the Site's arena ("" for NULL). Out of memory marks the
 * load failed and returns "" so callers can check once per table. */
static const char *col_str(Loader *ld, sqlite3_stmt *stmt, int col)
{
    const char *d = store_col_dup(&ld->site->arena, stmt, col);
    if (!d) {
        if (!ld->failed)
            err_set("content store %s: out of memory", ld->path);
        ld->failed = true;
        return "";
    }
    return d;
}

/* Zeroed arena space for n records, or NULL (message set). */
static void *site_array(Loader *ld, size_t n, size_t size)
{
    void *p = store_rows_alloc(&ld->site->arena, ld->path, n, size);
    if (!p)
        ld->failed = true;
    return p;
}

static int count_rows(Loader *ld, const char *table, size_t *n)
{
    if (store_count_rows(ld->st->db, ld->path, table, n) != 0) {
        ld->failed = true;
        return -1;
    }
    return 0;
}

/* Counts `table`, makes room for its rows in the Site's arena and prepares `sql`.
 * Returns the rows (with *n and *stmt set), or NULL with the message set. */
static void *begin_table(Loader *ld, const char *table, const char *sql, size_t size,
                         size_t *n, sqlite3_stmt **stmt)
{
    *stmt = NULL;
    if (count_rows(ld, table, n) != 0)
        return NULL;
    void *rows = site_array(ld, *n, size);
    if (!rows)
        return NULL;
    *stmt = prepare(ld, sql);
    return *stmt ? rows : NULL;
}

/* Ends a table: finalises the statement and, when nothing failed, records how many
 * rows were read (the count taken in the same transaction bounds the loop). */
static int end_table(Loader *ld, sqlite3_stmt *stmt, int rc, size_t seen, size_t *n)
{
    sqlite3_finalize(stmt);
    if (rc < 0 || ld->failed)
        return -1;
    *n = seen;
    return 0;
}

static int load_meta(Loader *ld)
{
    Site *s = ld->site;
    s->name = s->phone = s->web = s->reception = s->content_version = "";
    sqlite3_stmt *stmt = prepare(ld, sql_meta);
    if (!stmt)
        return -1;
    int rc;
    while ((rc = next_row(ld, stmt)) == 1) {
        const char *key = (const char *)sqlite3_column_text(stmt, 0);
        const char **slot = NULL;
        if (!key)
            continue;
        if (strcmp(key, "site_name") == 0)
            slot = &s->name;
        else if (strcmp(key, "site_phone") == 0)
            slot = &s->phone;
        else if (strcmp(key, "site_web") == 0)
            slot = &s->web;
        else if (strcmp(key, "reception") == 0)
            slot = &s->reception;
        else if (strcmp(key, "built_at") == 0)
            slot = &s->content_version;
        if (slot)
            *slot = col_str(ld, stmt, 1);
    }
    sqlite3_finalize(stmt);
    return rc < 0 || ld->failed ? -1 : 0;
}

static int load_buildings(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->buildings = begin_table(ld, "building", sql_buildings, sizeof *s->buildings, &n, &stmt);
    if (!s->buildings)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        Building *b = &s->buildings[i++];
        b->id = col_str(ld, stmt, 0);
        b->name = col_str(ld, stmt, 1);
    }
    if (end_table(ld, stmt, rc, i, &s->nbuildings) != 0)
        return -1;
    return idmap_build(&ld->buildings, s->buildings, s->nbuildings, sizeof *s->buildings,
                       offsetof(Building, id));
}

static int load_floors(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->floors = begin_table(ld, "floor", sql_floors, sizeof *s->floors, &n, &stmt);
    if (!s->floors)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        Floor *f = &s->floors[i++];
        f->id = col_str(ld, stmt, 0);
        const char *building = (const char *)sqlite3_column_text(stmt, 1);
        f->building = idmap_find(&ld->buildings, building);
        if (f->building < 0) {
            load_fail(ld, "floor '%s' is in building '%s', which is not in the store", f->id,
                      building ? building : "");
            break;
        }
        f->level = sqlite3_column_int(stmt, 2);
        f->name = col_str(ld, stmt, 3);
        f->plan_w = sqlite3_column_int(stmt, 4);
        f->plan_h = sqlite3_column_int(stmt, 5);
    }
    if (end_table(ld, stmt, rc, i, &s->nfloors) != 0)
        return -1;
    return idmap_build(&ld->floors, s->floors, s->nfloors, sizeof *s->floors,
                       offsetof(Floor, id));
}

static int load_waypoints(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->waypoints = begin_table(ld, "waypoint", sql_waypoints, sizeof *s->waypoints, &n, &stmt);
    if (!s->waypoints)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        Waypoint *w = &s->waypoints[i++];
        w->id = col_str(ld, stmt, 0);
        const char *floor = (const char *)sqlite3_column_text(stmt, 1);
        w->floor = idmap_find(&ld->floors, floor);
        if (w->floor < 0) {
            load_fail(ld, "waypoint '%s' is on floor '%s', which is not in the store", w->id,
                      floor ? floor : "");
            break;
        }
        w->x = sqlite3_column_double(stmt, 2);
        w->y = sqlite3_column_double(stmt, 3);
        w->landmark = col_str(ld, stmt, 4);
    }
    if (end_table(ld, stmt, rc, i, &s->nwaypoints) != 0)
        return -1;
    return idmap_build(&ld->waypoints, s->waypoints, s->nwaypoints, sizeof *s->waypoints,
                       offsetof(Waypoint, id));
}

static int load_types(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->types = begin_table(ld, "dest_type", sql_types, sizeof *s->types, &n, &stmt);
    if (!s->types)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        DestType *t = &s->types[i++];
        t->id = col_str(ld, stmt, 0);
        t->label = col_str(ld, stmt, 1);
    }
    if (end_table(ld, stmt, rc, i, &s->ntypes) != 0)
        return -1;
    return idmap_build(&ld->types, s->types, s->ntypes, sizeof *s->types,
                       offsetof(DestType, id));
}

/* A destination before sorting, with its A-to-Z key. */
typedef struct DestRow {
    Destination d;
    const char *key; /* utf8_fold()ed name, in the scratch arena */
} DestRow;

static int dest_row_cmp(const void *pa, const void *pb)
{
    const DestRow *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c == 0)
        c = strcmp(a->d.name, b->d.name);
    if (c == 0)
        c = strcmp(a->d.id, b->d.id); /* ids are unique: a total order */
    return c;
}

/* Builds the loader's id map over the sorted destinations and keeps its order as the
 * Site's dest_by_id index (ids are unique: the table's primary key). */
static int build_dest_index(Loader *ld)
{
    Site *s = ld->site;
    if (idmap_build(&ld->destinations, s->destinations, s->ndestinations,
                    sizeof *s->destinations, offsetof(Destination, id)) != 0)
        return -1;
    s->dest_by_id = site_array(ld, s->ndestinations, sizeof *s->dest_by_id);
    if (!s->dest_by_id)
        return -1;
    for (size_t i = 0; i < ld->destinations.len; i++)
        s->dest_by_id[i] = ld->destinations.items[i].index;
    return 0;
}

static int load_destinations(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count_rows(ld, "destination", &n) != 0)
        return -1;
    s->destinations = site_array(ld, n, sizeof *s->destinations);
    if (!s->destinations)
        return -1;
    DestRow *rows = mem_zalloc((n ? n : 1) * sizeof *rows);
    Arena keys;
    arena_init(&keys);
    sqlite3_stmt *stmt = rows ? prepare(ld, sql_destinations) : NULL;
    int rc = -1;
    if (!stmt)
        goto out;
    rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        Destination *d = &rows[i].d;
        d->id = col_str(ld, stmt, 0);
        d->name = col_str(ld, stmt, 1);
        d->summary = col_str(ld, stmt, 2);
        d->hours_text = col_str(ld, stmt, 3);
        d->accessibility = col_str(ld, stmt, 4);
        d->phone = col_str(ld, stmt, 5);
        d->web = col_str(ld, stmt, 6);
        const char *type = (const char *)sqlite3_column_text(stmt, 7);
        const char *floor = (const char *)sqlite3_column_text(stmt, 8);
        const char *waypoint = (const char *)sqlite3_column_text(stmt, 9);
        d->type = idmap_find(&ld->types, type);
        d->floor = idmap_find(&ld->floors, floor);
        d->waypoint = idmap_find(&ld->waypoints, waypoint);
        d->always_open = sqlite3_column_int(stmt, 10) != 0;
        if (d->type < 0) {
            load_fail(ld, "destination '%s' has type '%s', which is not in the store", d->id,
                      type ? type : "");
            break;
        }
        if (d->floor < 0) {
            load_fail(ld, "destination '%s' is on floor '%s', which is not in the store",
                      d->id, floor ? floor : "");
            break;
        }
        if (d->waypoint < 0) {
            load_fail(ld, "destination '%s' is at waypoint '%s', which is not in the store",
                      d->id, waypoint ? waypoint : "");
            break;
        }
        size_t len = strlen(d->name);
        char *key = arena_alloc(&keys, len + 1);
        if (!key) {
            ld->failed = true;
            break;
        }
        utf8_fold(d->name, key, len + 1);
        rows[i].key = key;
        i++;
    }
    if (rc >= 0 && !ld->failed) {
        qsort(rows, i, sizeof *rows, dest_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->destinations[k] = rows[k].d;
        s->ndestinations = i;
    }
out:
    sqlite3_finalize(stmt);
    mem_free(rows);
    arena_release(&keys);
    if (rc < 0 || ld->failed || !rows)
        return -1;
    return build_dest_index(ld);
}

/* One opening_hours row waiting for its destination's span array. */
typedef struct HoursRow {
    int dest;
    OpeningSpan span;
} HoursRow;

static int load_hours(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count_rows(ld, "opening_hours", &n) != 0)
        return -1;
    HoursRow *rows = mem_zalloc((n ? n : 1) * sizeof *rows);
    size_t *count = mem_zalloc((s->ndestinations ? s->ndestinations : 1) * sizeof *count);
    sqlite3_stmt *stmt = rows && count ? prepare(ld, sql_hours) : NULL;
    int rc = -1;
    if (!stmt)
        goto out;
    rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        const char *dest = (const char *)sqlite3_column_text(stmt, 0);
        int idx = idmap_find(&ld->destinations, dest);
        int day = sqlite3_column_int(stmt, 1);
        int opens = sqlite3_column_int(stmt, 2), closes = sqlite3_column_int(stmt, 3);
        if (idx < 0) {
            load_fail(ld, "opening hours are given for destination '%s', which is not in "
                      "the store", dest ? dest : "");
            break;
        }
        if (day < 0 || day > 6 || opens < 0 || closes > 1440 || opens >= closes) {
            load_fail(ld, "destination '%s' has opening hours day %d, %d to %d minutes, "
                      "which are not a time span within one day", dest, day, opens, closes);
            break;
        }
        rows[i++] = (HoursRow){idx, {(uint8_t)day, (uint16_t)opens, (uint16_t)closes}};
        count[idx]++;
    }
    if (rc < 0 || ld->failed)
        goto out;
    /* Rows arrive grouped by destination id, in day and time order within each. */
    for (size_t d = 0; d < s->ndestinations; d++) {
        if (!count[d])
            continue;
        s->destinations[d].spans = site_array(ld, count[d], sizeof(OpeningSpan));
        if (!s->destinations[d].spans)
            goto out;
    }
    for (size_t k = 0; k < i; k++) {
        Destination *d = &s->destinations[rows[k].dest];
        d->spans[d->nspans++] = rows[k].span;
    }
out:
    sqlite3_finalize(stmt);
    mem_free(rows);
    mem_free(count);
    if (!rows || !count) {
        err_set("content store %s: out of memory", ld->path);
        return -1;
    }
    return rc < 0 || ld->failed ? -1 : 0;
}

static int load_kiosks(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->kiosks = begin_table(ld, "kiosk", sql_kiosks, sizeof *s->kiosks, &n, &stmt);
    if (!s->kiosks)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        Kiosk *k = &s->kiosks[i++];
        k->id = col_str(ld, stmt, 0);
        k->name = col_str(ld, stmt, 1);
        const char *waypoint = (const char *)sqlite3_column_text(stmt, 2);
        k->waypoint = idmap_find(&ld->waypoints, waypoint);
        if (k->waypoint < 0) {
            load_fail(ld, "kiosk '%s' stands at waypoint '%s', which is not in the store",
                      k->id, waypoint ? waypoint : "");
            break;
        }
    }
    return end_table(ld, stmt, rc, i, &s->nkiosks);
}

/* A plan shape with its position in the sort order, for a stable sort by floor. */
typedef struct ShapeRow {
    PlanShape shape;
    size_t order;
} ShapeRow;

static int shape_row_cmp(const void *pa, const void *pb)
{
    const ShapeRow *a = pa, *b = pb;
    if (a->shape.floor != b->shape.floor)
        return a->shape.floor < b->shape.floor ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int load_shapes(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count_rows(ld, "plan_shape", &n) != 0)
        return -1;
    s->shapes = site_array(ld, n, sizeof *s->shapes);
    ShapeRow *rows = mem_zalloc((n ? n : 1) * sizeof *rows);
    sqlite3_stmt *stmt = s->shapes && rows ? prepare(ld, sql_shapes) : NULL;
    int rc = -1;
    if (!stmt)
        goto out;
    rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        PlanShape *p = &rows[i].shape;
        const char *floor = (const char *)sqlite3_column_text(stmt, 0);
        p->floor = idmap_find(&ld->floors, floor);
        if (p->floor < 0) {
            load_fail(ld, "a plan shape is on floor '%s', which is not in the store",
                      floor ? floor : "");
            break;
        }
        p->kind = col_str(ld, stmt, 1);
        p->label = col_str(ld, stmt, 2);
        p->x = sqlite3_column_double(stmt, 3);
        p->y = sqlite3_column_double(stmt, 4);
        p->w = sqlite3_column_double(stmt, 5);
        p->h = sqlite3_column_double(stmt, 6);
        rows[i].order = i;
        i++;
    }
    if (rc >= 0 && !ld->failed) {
        /* Floors are indexed in their own sort order, so this groups shapes by floor in
         * floor order and keeps each floor's shapes in their sort order. */
        qsort(rows, i, sizeof *rows, shape_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->shapes[k] = rows[k].shape;
        s->nshapes = i;
    }
out:
    sqlite3_finalize(stmt);
    if (!rows) {
        err_set("content store %s: out of memory", ld->path);
        return -1;
    }
    mem_free(rows);
    return rc < 0 || ld->failed ? -1 : 0;
}

static int load_paths(Loader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    sqlite3_stmt *stmt;
    s->edges = begin_table(ld, "path", sql_paths, sizeof *s->edges, &n, &stmt);
    if (!s->edges)
        return -1;
    int rc = 0;
    while (i < n && (rc = next_row(ld, stmt)) == 1) {
        RouteEdge *e = &s->edges[i];
        const char *from = (const char *)sqlite3_column_text(stmt, 0);
        const char *to = (const char *)sqlite3_column_text(stmt, 1);
        const char *kind = (const char *)sqlite3_column_text(stmt, 2);
        e->from = idmap_find(&ld->waypoints, from);
        e->to = idmap_find(&ld->waypoints, to);
        if (e->from < 0 || e->to < 0) {
            load_fail(ld, "a path joins waypoints '%s' and '%s', and '%s' is not in the store",
                      from ? from : "", to ? to : "", e->from < 0 ? from : to);
            break;
        }
        int k = path_kind_parse(kind);
        if (k < 0) {
            load_fail(ld, "the path from '%s' to '%s' is of kind '%s', which this kiosk does "
                      "not know", from, to, kind ? kind : "");
            break;
        }
        e->kind = (PathKind)k;
        e->length_m = sqlite3_column_double(stmt, 3);
        if (!(e->length_m > 0.0) || e->length_m > 1e6) {
            load_fail(ld, "the path from '%s' to '%s' is %g m long, which cannot be right",
                      from, to, e->length_m);
            break;
        }
        e->instruction = col_str(ld, stmt, 4);
        i++;
    }
    if (end_table(ld, stmt, rc, i, &s->nedges) != 0)
        return -1;
    s->graph = route_graph_new((int)s->nwaypoints, s->edges, s->nedges);
    if (!s->graph) {
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        return load_fail(ld, "%s", why);
    }
    return 0;
}

/* Maps each search row to the destination, service or page it indexes (see
 * sql_search_rows). Services may run to thousands: they are found through an id map. */
static int load_search_rows(Loader *ld)
{
    Store *st = ld->st;
    const Site *s = ld->site;
    size_t n = 0, i = 0;
    st->base[SEARCH_DESTINATION] = 0;
    st->base[SEARCH_SERVICE] = s->ndestinations;
    st->base[SEARCH_PAGE] = st->base[SEARCH_SERVICE] + s->nservices;
    st->base[SEARCH_KINDS] = st->base[SEARCH_PAGE] + s->npages;
    size_t items = st->base[SEARCH_KINDS];
    if (items > (size_t)INT_MAX)
        return load_fail(ld, "it has %zu places, services and pages, too many to search", items);
    if (count_rows(ld, "search", &n) != 0)
        return -1;
    IdMap services = {0}, pages = {0};
    st->rows = mem_zalloc((n ? n : 1) * sizeof *st->rows);
    st->marks = mem_zalloc(items ? items : 1);
    st->ranked = mem_zalloc((items ? items : 1) * sizeof *st->ranked);
    sqlite3_stmt *stmt = NULL;
    if (st->rows && st->marks && st->ranked &&
        idmap_build(&services, s->services, s->nservices, sizeof *s->services,
                    offsetof(Service, id)) == 0 &&
        idmap_build(&pages, s->pages, s->npages, sizeof *s->pages, offsetof(Page, id)) == 0)
        stmt = prepare(ld, sql_search_rows);
    int rc = 0;
    while (stmt && i < n && (rc = next_row(ld, stmt)) == 1) {
        const char *kind = (const char *)sqlite3_column_text(stmt, 1);
        const char *ref = (const char *)sqlite3_column_text(stmt, 2);
        int k = -1, index = -1;
        if (kind && strcmp(kind, "destination") == 0) {
            k = SEARCH_DESTINATION;
            index = site_find_destination(s, ref);
        } else if (kind && strcmp(kind, "service") == 0) {
            k = SEARCH_SERVICE;
            index = idmap_find(&services, ref);
        } else if (kind && strcmp(kind, "page") == 0) {
            k = SEARCH_PAGE;
            index = idmap_find(&pages, ref);
        }
        if (k < 0) {
            load_fail(ld, "the search index has a row of kind '%s', which this kiosk does not "
                      "know", kind ? kind : "");
            break;
        }
        if (index < 0) {
            load_fail(ld, "the search index names %s '%s', which is not in the store", kind,
                      ref ? ref : "");
            break;
        }
        st->rows[i++] = (SearchRow){sqlite3_column_int64(stmt, 0),
                                    (int)(st->base[k] + (size_t)index)};
        st->kind_rows[k]++;
    }
    idmap_release(&services);
    idmap_release(&pages);
    if (!stmt)
        return -1;
    return end_table(ld, stmt, rc, i, &st->nrows);
}

/* Checks the version and integrity, then loads every table, all in one read
 * transaction so a store published meanwhile cannot be seen half old, half new. */
static int load_site(Loader *ld)
{
    sqlite3_stmt *stmt = prepare(ld, sql_version);
    if (!stmt)
        return -1;
    int rc = next_row(ld, stmt);
    int version = rc == 1 ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != 1)
        return -1;
    if (version == 0)
        return err_set("content store %s is not a Signpost content store (it has no schema "
                       "version): %s", ld->path, store_rebuild_hint);
    if (version != STORE_SCHEMA_VERSION)
        return err_set("content store %s has schema version %d; this kiosk reads version %d: "
                       "%s", ld->path, version, STORE_SCHEMA_VERSION, store_rebuild_hint);

    stmt = prepare(ld, sql_quick_check);
    if (!stmt)
        return -1;
    rc = next_row(ld, stmt);
    if (rc == 1) {
        const char *res = (const char *)sqlite3_column_text(stmt, 0);
        if (!res || strcmp(res, "ok") != 0) {
            err_set("content store %s is damaged (%s): %s", ld->path, res ? res : "?",
                    store_rebuild_hint);
            rc = -1;
        }
    } else if (rc == 0) {
        err_set("content store %s: integrity check said nothing", ld->path);
        rc = -1;
    }
    sqlite3_finalize(stmt);
    if (rc < 0)
        return -1;

    if (load_meta(ld) || load_buildings(ld) || load_floors(ld) || load_waypoints(ld) ||
        load_types(ld) || load_destinations(ld) || load_hours(ld) || load_kiosks(ld) ||
        load_shapes(ld) || load_paths(ld) ||
        store_directory_load(ld->st->db, ld->site, ld->path) ||
        store_pages_load(ld->st->db, ld->site, ld->path) || load_search_rows(ld))
        return -1;
    return 0;
}

/* ==== open and close ==== */

Store *store_open(const char *path)
{
    if (!path || !*path) {
        err_set("no content store given");
        return NULL;
    }
    /* SQLITE_OPEN_READONLY never creates a file, but its message for a missing one
     * ("unable to open database file") does not say what to do. */
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            err_set("content store %s does not exist: build it with signpostctl content "
                    "build", path);
        else
            err_set("content store %s cannot be read (%s)", path, strerror(errno));
        return NULL;
    }
    if (S_ISDIR(sb.st_mode)) {
        err_set("content store %s is a folder, not a Signpost content store", path);
        return NULL;
    }

    Store *st = mem_zalloc(sizeof *st);
    if (!st)
        return NULL;
    arena_init(&st->site.arena);
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        if (st->db)
            err_set("content store %s cannot be opened (%s)", path, sqlite3_errmsg(st->db));
        else
            err_set("content store %s: out of memory", path);
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);

    Loader ld = {.st = st, .site = &st->site, .path = path};
    int rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_db_error(path, st->db);
    } else {
        rc = load_site(&ld);
        sqlite3_exec(st->db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }
    idmap_release(&ld.buildings);
    idmap_release(&ld.floors);
    idmap_release(&ld.waypoints);
    idmap_release(&ld.types);
    idmap_release(&ld.destinations);
    if (rc != 0)
        goto fail;

    if (sqlite3_prepare_v3(st->db, sql_match, -1, SQLITE_PREPARE_PERSISTENT, &st->q_match,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(st->db, sql_match_title, -1, SQLITE_PREPARE_PERSISTENT,
                           &st->q_title, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(st->db, sql_ranked, -1, SQLITE_PREPARE_PERSISTENT, &st->q_ranked,
                           NULL) != SQLITE_OK) {
        store_db_error(path, st->db);
        goto fail;
    }
    return st;

fail:
    store_close(st);
    return NULL;
}

void store_close(Store *st)
{
    if (!st)
        return;
    sqlite3_finalize(st->q_match);
    sqlite3_finalize(st->q_title);
    sqlite3_finalize(st->q_ranked);
    sqlite3_close(st->db);
    mem_free(st->rows);
    mem_free(st->marks);
    mem_free(st->ranked);
    route_graph_free(st->site.graph);
    arena_release(&st->site.arena);
    mem_free(st);
}

const Site *store_site(const Store *st)
{
    return st ? &st->site : NULL;
}

/* ==== search ==== */

enum {
    SEARCH_QUERY_MAX = 256,  /* bytes of folded query used; a touch keyboard types less */
    SEARCH_WORDS_MAX = 16,   /* words beyond this are ignored */
    SEARCH_EXPR_MAX = SEARCH_QUERY_MAX * 2 + SEARCH_WORDS_MAX * 12,
};

/* True for code points that separate words in a query: ASCII other than letters and
 * digits, and the common non-ASCII punctuation and symbol blocks (so a stray "€" or
 * emoji cannot become a word that matches nothing). Letters of every script count
 * as word characters; the FTS tokenizer splits them further if it must. */
static bool is_separator(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
                 (cp >= '0' && cp <= '9'));
    return (cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) ||  /* punctuation, currency, arrows, maths, shapes */
           (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK punctuation */
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF); /* emoji and pictographs */
}

/* Turns a folded query into an FTS5 expression: each word becomes a quoted prefix term
 * `"word"*`, joined with AND, so word order does not matter, the last word may be
 * unfinished, and no input can form FTS5 syntax. Returns the number of words. */
static int build_match(const char *folded, char *expr, size_t cap)
{
    size_t len = strlen(folded), i = 0, o = 0;
    int words = 0;
    expr[0] = '\0';
    while (i < len && words < SEARCH_WORDS_MAX) {
        size_t n;
        uint32_t cp = utf8_decode(folded + i, len - i, &n);
        if (is_separator(cp)) {
            i += n;
            continue;
        }
        size_t start = i;
        while (i < len) {
            cp = utf8_decode(folded + i, len - i, &n);
            if (is_separator(cp))
                break;
            i += n;
        }
        /* Worst case: " AND " + quote + word with every quote doubled + quote + '*'. */
        size_t need = 5 + 1 + 2 * (i - start) + 2;
        if (o + need + 1 > cap)
            break;
        if (words > 0) {
            memcpy(expr + o, " AND ", 5);
            o += 5;
        }
        expr[o++] = '"';
        for (size_t k = start; k < i; k++) {
            if (folded[k] == '"')
                expr[o++] = '"'; /* cannot happen (a separator), but quote safely anyway */
            expr[o++] = folded[k];
        }
        expr[o++] = '"';
        expr[o++] = '*';
        expr[o] = '\0';
        words++;
    }
    return words;
}

/* The item a search rowid indexes (see Store.base), or -1 for a rowid not mapped.
 * A store as the content build writes it numbers its rows 1, 2, 3...: then row
 * `rowid` is at rowid - 1 and a short prefix's thousands of rows cost no search. */
static int item_of_row(const Store *st, sqlite3_int64 rowid)
{
    if (rowid >= 1 && (sqlite3_uint64)rowid <= st->nrows && st->rows[rowid - 1].rowid == rowid)
        return st->rows[rowid - 1].item;
    size_t lo = 0, hi = st->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->rows[mid].rowid == rowid)
            return st->rows[mid].item;
        if (st->rows[mid].rowid < rowid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static SearchKind kind_of_item(const Store *st, int item)
{
    size_t i = (size_t)item;
    return i < st->base[SEARCH_SERVICE] ? SEARCH_DESTINATION
         : i < st->base[SEARCH_PAGE]    ? SEARCH_SERVICE
                                        : SEARCH_PAGE;
}

/* Steps a bound rowid query to the end (or `stop` rows), setting `mark` on each
 * item it names. Returns the rows seen, or -1 on error. */
static long mark_rows(Store *st, sqlite3_stmt *q, unsigned char mark, long stop)
{
    long seen = 0;
    int rc = SQLITE_DONE;
    while (seen < stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int item = item_of_row(st, sqlite3_column_int64(q, 0));
        if (item >= 0)
            st->marks[item] |= mark;
        seen++;
    }
    if (seen < stop && rc != SQLITE_DONE)
        seen = -1;
    sqlite3_reset(q);
    return seen;
}

/* Shares `max` hits fairly between the kinds: each kind in turn takes its next
 * candidate until the hits are full or the candidates run out, so thousands of
 * matching services cannot crowd out the one page or place that matches. `cand` holds
 * items best first within each kind (kinds may be interleaved). The hits come out
 * grouped by kind (destinations, services, pages), each group best first. */
static int share_hits(const Store *st, const int *cand, size_t ncand, SearchHit *hits,
                      size_t max)
{
    size_t have[SEARCH_KINDS] = {0}, take[SEARCH_KINDS] = {0}, total = 0;
    for (size_t i = 0; i < ncand; i++)
        have[kind_of_item(st, cand[i])]++;
    for (bool more = true; more && total < max;) {
        more = false;
        for (int k = 0; k < SEARCH_KINDS && total < max; k++) {
            if (take[k] < have[k]) {
                take[k]++;
                total++;
                more = true;
            }
        }
    }
    int found = 0;
    for (int k = 0; k < SEARCH_KINDS; k++) {
        size_t got = 0;
        for (size_t i = 0; i < ncand && got < take[k]; i++) {
            if (kind_of_item(st, cand[i]) != (SearchKind)k)
                continue;
            hits[found++] = (SearchHit){(SearchKind)k, cand[i] - (int)st->base[k]};
            got++;
        }
    }
    return found;
}

enum {
    MARK_MATCH = 1,
    MARK_TITLE = 2,
    MARK_TAKEN = 4, /* already a candidate (an item with several rows counts once) */
    /* Up to this many matching rows are ranked by bm25 (about a microsecond a row).
     * Beyond it the query is a short or common prefix ("c", "clinic"), and in each
     * kind names that match come first, then the rest, each in the Site's order (A to
     * Z for places and services, the pages' own order). */
    SEARCH_BM25_MAX = 300,
};

int store_search(Store *st, const char *query, SearchHit *hits, size_t max)
{
    return store_search_kinds(st, query, ~0u, hits, max);
}

int store_search_kinds(Store *st, const char *query, unsigned kinds, SearchHit *hits,
                       size_t max)
{
    if (!st || !st->q_match)
        return err_set("search: no content store open");
    if (!query || max == 0 || !(kinds & ((1u << SEARCH_KINDS) - 1)))
        return 0;
    if (max > (size_t)INT_MAX / 2)
        max = (size_t)INT_MAX / 2;
    char folded[SEARCH_QUERY_MAX];
    char expr[SEARCH_EXPR_MAX];
    utf8_fold(query, folded, sizeof folded);
    int words = build_match(folded, expr, sizeof expr);
    mem_wipe(folded, sizeof folded);
    if (words == 0) {
        mem_wipe(expr, sizeof expr);
        return 0;
    }

    int found = 0;
    bool failed = false;
    memset(st->marks, 0, st->base[SEARCH_KINDS]);
    /* SQLITE_STATIC: SQLite reads our buffer instead of copying what was typed. */
    sqlite3_bind_text(st->q_title, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_text(st->q_match, 1, expr, -1, SQLITE_STATIC);

    /* Matches in names first: each scan costs about the same whatever it returns (the
     * prefix's word lists are merged up front), so the cheaper one runs first and the
     * full one only when its answer is needed. Names alone decide the hits when every
     * kind searched that is in the index has at least `max` matching names, as no
     * kind's share can then reach past its names. */
    long title_rows = mark_rows(st, st->q_title, MARK_TITLE | MARK_MATCH, LONG_MAX);
    bool names_fill = true;
    for (int k = 0; k < SEARCH_KINDS && names_fill; k++) {
        if (!(kinds & (1u << k)) || st->kind_rows[k] == 0)
            continue;
        size_t names = 0;
        for (size_t i = st->base[k]; i < st->base[k + 1] && names < max; i++)
            names += (st->marks[i] & MARK_TITLE) != 0;
        names_fill = names >= max;
    }
    long nmatch = title_rows;
    if (title_rows < 0) {
        failed = true;
    } else if (!names_fill || title_rows <= SEARCH_BM25_MAX) {
        /* Count the matches to choose a ranking; when names alone cannot fill the
         * hits, every match may be needed, so the scan then runs to the end. */
        long stop = names_fill ? SEARCH_BM25_MAX + 1 : LONG_MAX;
        nmatch = mark_rows(st, st->q_match, MARK_MATCH, stop);
        failed = nmatch < 0;
    }

    size_t ncand = 0;
    if (!failed && nmatch <= SEARCH_BM25_MAX) {
        /* Best first by bm25 across the kinds; share_hits() keeps each kind's order. */
        sqlite3_stmt *q = st->q_ranked;
        sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, SEARCH_BM25_MAX);
        int rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            int item = item_of_row(st, sqlite3_column_int64(q, 0));
            if (item >= 0 && !(st->marks[item] & MARK_TAKEN) &&
                (kinds & (1u << kind_of_item(st, item)))) {
                st->marks[item] |= MARK_TAKEN;
                st->ranked[ncand++] = item;
            }
        }
        failed = rc != SQLITE_DONE;
        sqlite3_reset(q);
    } else if (!failed) {
        /* Many matches (a short or common prefix): in each kind, names first, then the
         * rest; a kind never needs more than `max` candidates. When the full scan
         * stopped early, names alone fill the hits. */
        for (int k = 0; k < SEARCH_KINDS; k++) {
            size_t taken = 0;
            for (int pass = 0; pass < 2 && (kinds & (1u << k)); pass++) {
                unsigned char want = pass == 0 ? (MARK_TITLE | MARK_MATCH) : MARK_MATCH;
                for (size_t i = st->base[k]; i < st->base[k + 1] && taken < max; i++) {
                    if (st->marks[i] == want) {
                        st->ranked[ncand++] = (int)i;
                        taken++;
                    }
                }
            }
        }
    }
    if (failed)
        err_set("search failed: %s", sqlite3_errmsg(st->db));
    else
        found = share_hits(st, st->ranked, ncand, hits, max);
    sqlite3_clear_bindings(st->q_match);
    sqlite3_clear_bindings(st->q_title);
    sqlite3_clear_bindings(st->q_ranked);
    mem_wipe(expr, sizeof expr);
    return failed ? -1 : found;
}
