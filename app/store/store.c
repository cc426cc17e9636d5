/* store.c: opens a compiled content store read-only, checks it, loads the Site into
 * memory in one read transaction (all but the services, which are read when asked
 * for: store_directory.c), and answers searches from its FTS5 table.
 * The SQL for the places and the search is here; the directory's is in
 * store_directory.c and the pages' in store_pages.c. Load statements run once and are
 * finalised; the search statements are prepared once at open (SQLITE_PREPARE_PERSISTENT)
 * and reset after each query. store_search.c builds the match expression from what a
 * person typed (synonyms, corrections) and calls store_search_expr() here.
 * What a person types is personal data: the match expression is bound without SQLite
 * copying it, is wiped by its owner after the search, and is never logged. */
#include "store.h"

#include "err.h"
#include "store_directory.h"
#include "store_internal.h"
#include "store_pages.h"
#include "store_search.h"
#include "store_trans.h"
#include "mem.h"
#include "utf8.h"

#include <sqlite3.h>

#include <assert.h>
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
    SearchAids *aids;       /* synonyms and "did you mean" (store_search.c); owned */
    DirIndex dir;           /* the services' order and cache; owned */
    char *path;             /* as given to store_open(), for messages; owned */
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
/* A service's row is found by its id here, in one pass, rather than one query each. */
static const char sql_search_rows[] =
    "SELECT se.rowid, se.kind, se.ref, sv.rowid FROM search se"
    " LEFT JOIN service sv ON se.kind = 'service' AND sv.id = se.ref ORDER BY se.rowid";
static const char sql_match[] = "SELECT rowid FROM search WHERE search MATCH ?1";
static const char sql_match_title[] =
    "SELECT rowid FROM search WHERE search MATCH '{title} : (' || ?1 || ')'";
static const char sql_ranked[] =
    "SELECT rowid FROM search WHERE search MATCH ?1"
    " ORDER BY bm25(search, 0.0, 0.0, 10.0, 1.0), rowid LIMIT ?2";

/* ==== loading ==== */

/* The load of the places' tables, with the id maps that resolve their references. */
typedef struct Loader {
    StoreLoad ld; /* the database, the Site, the path and the error state */
    Store *st;
    IdMap buildings, floors, waypoints, types, destinations;
} Loader;

static int load_meta(Loader *l)
{
    Site *s = l->ld.site;
    s->name = s->phone = s->web = s->reception = s->content_version = "";
    RowReader rr;
    if (row_reader_query(&rr, &l->ld, "meta", sql_meta) != 0)
        return row_reader_close(&rr);
    while (row_reader_next(&rr) == 1) {
        const char *key = row_text(&rr, 0);
        const char **slot = NULL;
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
            *slot = row_copy(&rr, 1);
    }
    return row_reader_close(&rr);
}

/* Opens `table` for reading and makes room for its rows in the Site's arena. Returns
 * the rows, or NULL with the load failed (rr can be closed either way). */
static void *begin_table(Loader *l, RowReader *rr, const char *table, const char *sql,
                         size_t size)
{
    if (row_reader_open(rr, &l->ld, table, sql) != 0)
        return NULL;
    return store_load_array(&l->ld, rr->rows, size);
}

static int load_buildings(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->buildings = begin_table(l, &rr, "building", sql_buildings, sizeof *s->buildings);
    size_t i = 0;
    while (s->buildings && row_reader_next(&rr) == 1) {
        Building *b = &s->buildings[i++];
        b->id = row_copy(&rr, 0);
        b->name = row_copy(&rr, 1);
    }
    s->nbuildings = i;
    if (row_reader_close(&rr) != 0)
        return -1;
    return idmap_build(&l->ld, &l->buildings, s->buildings, s->nbuildings,
                       sizeof *s->buildings, offsetof(Building, id));
}

static int load_floors(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->floors = begin_table(l, &rr, "floor", sql_floors, sizeof *s->floors);
    size_t i = 0;
    while (s->floors && row_reader_next(&rr) == 1) {
        Floor *f = &s->floors[i++];
        f->id = row_copy(&rr, 0);
        const char *building = row_text(&rr, 1);
        f->building = idmap_find(&l->buildings, building);
        if (f->building < 0) {
            store_load_fail(&l->ld, "floor '%s' is in building '%s', which is not in the store",
                            f->id, building);
            break;
        }
        f->level = row_int(&rr, 2);
        f->name = row_copy(&rr, 3);
        f->plan_w = row_int(&rr, 4);
        f->plan_h = row_int(&rr, 5);
    }
    s->nfloors = i;
    if (row_reader_close(&rr) != 0)
        return -1;
    return idmap_build(&l->ld, &l->floors, s->floors, s->nfloors, sizeof *s->floors,
                       offsetof(Floor, id));
}

static int load_waypoints(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->waypoints = begin_table(l, &rr, "waypoint", sql_waypoints, sizeof *s->waypoints);
    size_t i = 0;
    while (s->waypoints && row_reader_next(&rr) == 1) {
        Waypoint *w = &s->waypoints[i++];
        w->id = row_copy(&rr, 0);
        const char *floor = row_text(&rr, 1);
        w->floor = idmap_find(&l->floors, floor);
        if (w->floor < 0) {
            store_load_fail(&l->ld, "waypoint '%s' is on floor '%s', which is not in the store",
                            w->id, floor);
            break;
        }
        w->x = row_double(&rr, 2);
        w->y = row_double(&rr, 3);
        w->landmark = row_copy(&rr, 4);
    }
    s->nwaypoints = i;
    if (row_reader_close(&rr) != 0)
        return -1;
    return idmap_build(&l->ld, &l->waypoints, s->waypoints, s->nwaypoints,
                       sizeof *s->waypoints, offsetof(Waypoint, id));
}

static int load_types(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->types = begin_table(l, &rr, "dest_type", sql_types, sizeof *s->types);
    size_t i = 0;
    while (s->types && row_reader_next(&rr) == 1) {
        DestType *t = &s->types[i++];
        t->id = row_copy(&rr, 0);
        t->label = row_copy(&rr, 1);
    }
    s->ntypes = i;
    if (row_reader_close(&rr) != 0)
        return -1;
    return idmap_build(&l->ld, &l->types, s->types, s->ntypes, sizeof *s->types,
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
static int build_dest_index(Loader *l)
{
    Site *s = l->ld.site;
    if (idmap_build(&l->ld, &l->destinations, s->destinations, s->ndestinations,
                    sizeof *s->destinations, offsetof(Destination, id)) != 0)
        return -1;
    s->dest_by_id = store_load_array(&l->ld, s->ndestinations, sizeof *s->dest_by_id);
    if (!s->dest_by_id)
        return -1;
    for (size_t i = 0; i < l->destinations.len; i++)
        s->dest_by_id[i] = l->destinations.items[i].index;
    return 0;
}

/* Reads one destination row into d, resolving its type, floor and waypoint. 0, or -1
 * with the load failed. */
static int read_destination(Loader *l, RowReader *rr, Destination *d)
{
    d->id = row_copy(rr, 0);
    d->name = row_copy(rr, 1);
    d->summary = row_copy(rr, 2);
    d->hours_text = row_copy(rr, 3);
    d->accessibility = row_copy(rr, 4);
    d->phone = row_copy(rr, 5);
    d->web = row_copy(rr, 6);
    const char *type = row_text(rr, 7), *floor = row_text(rr, 8);
    const char *waypoint = row_text(rr, 9);
    d->type = idmap_find(&l->types, type);
    d->floor = idmap_find(&l->floors, floor);
    d->waypoint = idmap_find(&l->waypoints, waypoint);
    d->always_open = row_int(rr, 10) != 0;
    if (d->type < 0)
        return store_load_fail(&l->ld, "destination '%s' has type '%s', which is not in the "
                               "store", d->id, type);
    if (d->floor < 0)
        return store_load_fail(&l->ld, "destination '%s' is on floor '%s', which is not in "
                               "the store", d->id, floor);
    if (d->waypoint < 0)
        return store_load_fail(&l->ld, "destination '%s' is at waypoint '%s', which is not "
                               "in the store", d->id, waypoint);
    return l->ld.failed ? -1 : 0;
}

static int load_destinations(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->destinations = begin_table(l, &rr, "destination", sql_destinations,
                                  sizeof *s->destinations);
    DestRow *rows = s->destinations ? mem_zalloc_array(rr.rows ? rr.rows : 1, sizeof *rows)
                                    : NULL;
    if (s->destinations && !rows)
        store_load_oom(&l->ld);
    Arena keys;
    arena_init(&keys);
    size_t i = 0;
    while (rows && row_reader_next(&rr) == 1) {
        Destination *d = &rows[i].d;
        if (read_destination(l, &rr, d) != 0)
            break;
        size_t len = strlen(d->name);
        char *key = arena_alloc(&keys, len + 1);
        if (!key) {
            store_load_oom(&l->ld);
            break;
        }
        utf8_fold(d->name, key, len + 1);
        rows[i].key = key;
        i++;
    }
    if (row_reader_close(&rr) == 0) {
        qsort(rows, i, sizeof *rows, dest_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->destinations[k] = rows[k].d;
        s->ndestinations = i;
    }
    mem_free(rows);
    arena_release(&keys);
    if (l->ld.failed)
        return -1;
    return build_dest_index(l);
}

/* One opening_hours row waiting for its destination's span array. */
typedef struct HoursRow {
    int dest;
    OpeningSpan span;
} HoursRow;

static int load_hours(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    HoursRow *rows = NULL;
    size_t *count = NULL;
    if (row_reader_open(&rr, &l->ld, "opening_hours", sql_hours) == 0) {
        rows = mem_zalloc_array(rr.rows ? rr.rows : 1, sizeof *rows);
        count = mem_zalloc_array(s->ndestinations ? s->ndestinations : 1, sizeof *count);
        if (!rows || !count)
            store_load_oom(&l->ld);
    }
    size_t i = 0;
    while (rows && count && row_reader_next(&rr) == 1) {
        const char *dest = row_text(&rr, 0);
        int idx = idmap_find(&l->destinations, dest);
        int day = row_int(&rr, 1);
        int opens = row_int(&rr, 2), closes = row_int(&rr, 3);
        if (idx < 0) {
            store_load_fail(&l->ld, "opening hours are given for destination '%s', which is "
                            "not in the store", dest);
            break;
        }
        if (day < 0 || day > 6 || opens < 0 || closes > 1440 || opens >= closes) {
            store_load_fail(&l->ld, "destination '%s' has opening hours day %d, %d to %d "
                            "minutes, which are not a time span within one day", dest, day,
                            opens, closes);
            break;
        }
        assert((size_t)idx < s->ndestinations);
        rows[i++] = (HoursRow){idx, {(uint8_t)day, (uint16_t)opens, (uint16_t)closes}};
        count[idx]++;
    }
    if (row_reader_close(&rr) == 0) {
        /* Rows arrive grouped by destination id, in day and time order within each. */
        for (size_t d = 0; d < s->ndestinations && !l->ld.failed; d++)
            if (count[d])
                s->destinations[d].spans = store_load_array(&l->ld, count[d],
                                                            sizeof(OpeningSpan));
        for (size_t k = 0; k < i && !l->ld.failed; k++) {
            Destination *d = &s->destinations[rows[k].dest];
            d->spans[d->nspans++] = rows[k].span;
        }
    }
    mem_free(rows);
    mem_free(count);
    return l->ld.failed ? -1 : 0;
}

static int load_kiosks(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->kiosks = begin_table(l, &rr, "kiosk", sql_kiosks, sizeof *s->kiosks);
    size_t i = 0;
    while (s->kiosks && row_reader_next(&rr) == 1) {
        Kiosk *k = &s->kiosks[i++];
        k->id = row_copy(&rr, 0);
        k->name = row_copy(&rr, 1);
        const char *waypoint = row_text(&rr, 2);
        k->waypoint = idmap_find(&l->waypoints, waypoint);
        if (k->waypoint < 0) {
            store_load_fail(&l->ld, "kiosk '%s' stands at waypoint '%s', which is not in the "
                            "store", k->id, waypoint);
            break;
        }
    }
    s->nkiosks = i;
    return row_reader_close(&rr);
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

static int load_shapes(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->shapes = begin_table(l, &rr, "plan_shape", sql_shapes, sizeof *s->shapes);
    ShapeRow *rows = s->shapes ? mem_zalloc_array(rr.rows ? rr.rows : 1, sizeof *rows) : NULL;
    if (s->shapes && !rows)
        store_load_oom(&l->ld);
    size_t i = 0;
    while (rows && row_reader_next(&rr) == 1) {
        PlanShape *p = &rows[i].shape;
        const char *floor = row_text(&rr, 0);
        p->floor = idmap_find(&l->floors, floor);
        if (p->floor < 0) {
            store_load_fail(&l->ld, "a plan shape is on floor '%s', which is not in the store",
                            floor);
            break;
        }
        p->kind = row_copy(&rr, 1);
        p->label = row_copy(&rr, 2);
        p->x = row_double(&rr, 3);
        p->y = row_double(&rr, 4);
        p->w = row_double(&rr, 5);
        p->h = row_double(&rr, 6);
        rows[i].order = i;
        i++;
    }
    if (row_reader_close(&rr) == 0) {
        /* Floors are indexed in their own sort order, so this groups shapes by floor in
         * floor order and keeps each floor's shapes in their sort order. */
        qsort(rows, i, sizeof *rows, shape_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->shapes[k] = rows[k].shape;
        s->nshapes = i;
    }
    mem_free(rows);
    return l->ld.failed ? -1 : 0;
}

/* Reads one path row into e, checking its waypoints, kind and length. 0, or -1 with
 * the load failed. */
static int read_path(Loader *l, RowReader *rr, RouteEdge *e)
{
    const char *from = row_text(rr, 0), *to = row_text(rr, 1), *kind = row_text(rr, 2);
    e->from = idmap_find(&l->waypoints, from);
    e->to = idmap_find(&l->waypoints, to);
    if (e->from < 0 || e->to < 0)
        return store_load_fail(&l->ld, "a path joins waypoints '%s' and '%s', and '%s' is not "
                               "in the store", from, to, e->from < 0 ? from : to);
    int k = path_kind_parse(kind);
    if (k < 0)
        return store_load_fail(&l->ld, "the path from '%s' to '%s' is of kind '%s', which "
                               "this kiosk does not know", from, to, kind);
    e->kind = (PathKind)k;
    e->length_m = row_double(rr, 3);
    if (!(e->length_m > 0.0) || e->length_m > 1e6)
        return store_load_fail(&l->ld, "the path from '%s' to '%s' is %g m long, which cannot "
                               "be right", from, to, e->length_m);
    e->instruction = row_copy(rr, 4);
    return l->ld.failed ? -1 : 0;
}

static int load_paths(Loader *l)
{
    Site *s = l->ld.site;
    RowReader rr;
    s->edges = begin_table(l, &rr, "path", sql_paths, sizeof *s->edges);
    size_t i = 0;
    while (s->edges && row_reader_next(&rr) == 1 && read_path(l, &rr, &s->edges[i]) == 0)
        i++;
    s->nedges = i;
    if (row_reader_close(&rr) != 0)
        return -1;
    s->graph = route_graph_new((int)s->nwaypoints, s->edges, s->nedges);
    if (!s->graph) {
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        return store_load_fail(&l->ld, "%s", why);
    }
    return 0;
}

/* Maps each search row to the destination, service or page it indexes (see
 * sql_search_rows). Services may run to thousands: they are found through an id map. */
static int load_search_rows(Loader *l)
{
    Store *st = l->st;
    const Site *s = l->ld.site;
    st->base[SEARCH_DESTINATION] = 0;
    st->base[SEARCH_SERVICE] = s->ndestinations;
    st->base[SEARCH_PAGE] = st->base[SEARCH_SERVICE] + s->nservices;
    st->base[SEARCH_KINDS] = st->base[SEARCH_PAGE] + s->npages;
    size_t items = st->base[SEARCH_KINDS];
    if (items > (size_t)INT_MAX)
        return store_load_fail(&l->ld, "it has %zu places, services and pages, too many to "
                               "search", items);
    IdMap pages = {0};
    RowReader rr;
    if (row_reader_open(&rr, &l->ld, "search", sql_search_rows) == 0) {
        st->rows = mem_zalloc_array(rr.rows ? rr.rows : 1, sizeof *st->rows);
        st->marks = mem_zalloc(items ? items : 1);
        st->ranked = mem_zalloc_array(items ? items : 1, sizeof *st->ranked);
        if (!st->rows || !st->marks || !st->ranked)
            store_load_oom(&l->ld);
        else
            idmap_build(&l->ld, &pages, s->pages, s->npages, sizeof *s->pages,
                        offsetof(Page, id));
    }
    size_t i = 0;
    while (row_reader_next(&rr) == 1) {
        const char *kind = row_text(&rr, 1), *ref = row_text(&rr, 2);
        int k = -1, index = -1;
        if (strcmp(kind, "destination") == 0) {
            k = SEARCH_DESTINATION;
            index = site_find_destination(s, ref);
        } else if (strcmp(kind, "service") == 0) {
            k = SEARCH_SERVICE;
            index = row_is_null(&rr, 3) ? -1 : dir_index_of_rowid(&st->dir, row_int64(&rr, 3));
        } else if (strcmp(kind, "page") == 0) {
            k = SEARCH_PAGE;
            index = idmap_find(&pages, ref);
        }
        if (k < 0) {
            store_load_fail(&l->ld, "the search index has a row of kind '%s', which this "
                            "kiosk does not know", kind);
            break;
        }
        if (index < 0) {
            store_load_fail(&l->ld, "the search index names %s '%s', which is not in the "
                            "store", kind, ref);
            break;
        }
        st->rows[i++] = (SearchRow){row_int64(&rr, 0), (int)(st->base[k] + (size_t)index)};
        st->kind_rows[k]++;
    }
    st->nrows = i;
    idmap_release(&pages);
    return row_reader_close(&rr);
}

/* Checks the schema version: 0, or -1 with the message set. */
static int check_version(Loader *l)
{
    RowReader rr;
    int version = 0;
    if (row_reader_query(&rr, &l->ld, NULL, sql_version) == 0 && row_reader_next(&rr) == 1)
        version = row_int(&rr, 0);
    if (row_reader_close(&rr) != 0)
        return -1;
    if (version == 0)
        return err_set("content store %s is not a Signpost content store (it has no schema "
                       "version): %s", l->ld.path, store_rebuild_hint);
    if (version < STORE_SCHEMA_VERSION)
        return err_set("content store %s has schema version %d, from an older signpostctl; "
                       "this kiosk reads version %d (version 4 added translations): %s",
                       l->ld.path, version, STORE_SCHEMA_VERSION, store_rebuild_hint);
    if (version != STORE_SCHEMA_VERSION)
        return err_set("content store %s has schema version %d; this kiosk reads version %d: "
                       "%s", l->ld.path, version, STORE_SCHEMA_VERSION, store_rebuild_hint);
    return 0;
}

/* A file cut short (an interrupted copy): the pages its header counts are not all
 * there. SQLite reads the missing tail as zeros, which its quick check can miss in an
 * index the load does not read. 0, or -1 with the message set. */
static int check_length(Loader *l)
{
    RowReader rr;
    sqlite3_int64 pages = 0, page_size = 0;
    if (row_reader_query(&rr, &l->ld, NULL, "PRAGMA page_count") == 0 &&
        row_reader_next(&rr) == 1)
        pages = row_int64(&rr, 0);
    if (row_reader_close(&rr) != 0)
        return -1;
    if (row_reader_query(&rr, &l->ld, NULL, "PRAGMA page_size") == 0 &&
        row_reader_next(&rr) == 1)
        page_size = row_int64(&rr, 0);
    if (row_reader_close(&rr) != 0)
        return -1;
    struct stat sb;
    if (stat(l->ld.path, &sb) == 0 && (sqlite3_int64)sb.st_size < pages * page_size) {
        l->ld.failed = true;
        return err_set("content store %s is damaged (cut short: %lld bytes of %lld): %s",
                       l->ld.path, (long long)sb.st_size, (long long)(pages * page_size),
                       store_rebuild_hint);
    }
    return 0;
}

/* Runs SQLite's quick integrity check: 0, or -1 with the message set. */
static int check_integrity(Loader *l)
{
    RowReader rr;
    if (row_reader_query(&rr, &l->ld, NULL, sql_quick_check) != 0)
        return row_reader_close(&rr);
    int rc = row_reader_next(&rr);
    if (rc == 1 && strcmp(row_text(&rr, 0), "ok") != 0) {
        err_set("content store %s is damaged (%s): %s", l->ld.path,
                row_is_null(&rr, 0) ? "?" : row_text(&rr, 0), store_rebuild_hint);
        l->ld.failed = true;
    } else if (rc == 0) {
        err_set("content store %s: integrity check said nothing", l->ld.path);
        l->ld.failed = true;
    }
    return row_reader_close(&rr);
}

/* Floors' drawings (PNG pictures), when the store has the table (older stores do not). */
static int load_drawings(Loader *l)
{
    Site *s = l->ld.site;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(l->ld.db, "SELECT floor_id, png, px_w, px_h FROM plan_drawing",
                           -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return 0; /* no such table */
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *floor = (const char *)sqlite3_column_text(st, 0);
        int f = floor ? idmap_find(&l->floors, floor) : -1;
        int n = sqlite3_column_bytes(st, 1);
        const void *png = sqlite3_column_blob(st, 1);
        int w = sqlite3_column_int(st, 2), h = sqlite3_column_int(st, 3);
        if (f < 0 || !png || n <= 0 || w <= 0 || h <= 0) {
            sqlite3_finalize(st);
            return store_load_fail(&l->ld, "a floor drawing is for floor '%s', which is not "
                                   "in the store, or is empty", floor ? floor : "");
        }
        unsigned char *copy = arena_alloc(&s->arena, (size_t)n);
        if (!copy) {
            sqlite3_finalize(st);
            store_load_oom(&l->ld);
            return -1;
        }
        memcpy(copy, png, (size_t)n);
        s->floors[f].drawing = copy;
        s->floors[f].drawing_len = (size_t)n;
        s->floors[f].drawing_px_w = w;
        s->floors[f].drawing_px_h = h;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_load_fail(&l->ld, "reading floor drawings: %s", sqlite3_errmsg(l->ld.db));
    return 0;
}

/* Checks the version and integrity, then loads every table, all in one read
 * transaction so a store published meanwhile cannot be seen half old, half new. */
static int load_site(Loader *l)
{
    if (check_version(l) || check_length(l) || check_integrity(l) || load_meta(l) ||
        load_buildings(l) ||
        load_floors(l) || load_waypoints(l) || load_types(l) || load_destinations(l) ||
        load_hours(l) || load_kiosks(l) || load_shapes(l) || load_drawings(l) || load_paths(l) ||
        store_directory_load(&l->ld, &l->st->dir) || store_pages_load(&l->ld) || store_trans_load(&l->ld) ||
        load_search_rows(l))
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
    st->path = mem_strdup(path);
    if (!st->path) {
        mem_free(st);
        return NULL;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        if (st->db)
            err_set("content store %s cannot be opened (%s)", path, sqlite3_errmsg(st->db));
        else
            err_set("content store %s: out of memory", path);
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);

    Loader l = {.ld = {.db = st->db, .site = &st->site, .path = path}, .st = st};
    int rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_db_error(path, st->db, NULL);
    } else {
        rc = load_site(&l);
        sqlite3_exec(st->db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }
    idmap_release(&l.buildings);
    idmap_release(&l.floors);
    idmap_release(&l.waypoints);
    idmap_release(&l.types);
    idmap_release(&l.destinations);
    if (rc != 0)
        goto fail;

    if (sqlite3_prepare_v3(st->db, sql_match, -1, SQLITE_PREPARE_PERSISTENT, &st->q_match,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(st->db, sql_match_title, -1, SQLITE_PREPARE_PERSISTENT,
                           &st->q_title, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(st->db, sql_ranked, -1, SQLITE_PREPARE_PERSISTENT, &st->q_ranked,
                           NULL) != SQLITE_OK) {
        store_db_error(path, st->db, NULL);
        goto fail;
    }
    st->aids = search_aids_open(st->db, path);
    if (!st->aids)
        goto fail;
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
    search_aids_close(st->aids);
    dir_index_release(&st->dir); /* its statements, before the database they run on */
    sqlite3_close(st->db);
    mem_free(st->rows);
    mem_free(st->marks);
    mem_free(st->ranked);
    route_graph_free(st->site.graph);
    mem_free(st->path);
    arena_release(&st->site.arena);
    mem_free(st);
}

const Site *store_site(const Store *st)
{
    return st ? &st->site : NULL;
}

/* ==== services, read when asked for ==== */

const Service *store_service(Store *st, int index)
{
    if (!st) {
        err_set("no content store");
        return NULL;
    }
    return dir_service(&st->dir, st->db, &st->site, st->path,
                       index);
}

int store_find_service(Store *st, const char *id)
{
    return st ? dir_find_service(&st->dir, st->db, id) : -1;
}

int store_category_services(const Store *st, int category, int **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!st)
        return err_set("no content store");
    return dir_category_services(&st->dir, st->db, st->path,
                                 &st->site, category, out, n);
}

/* ==== search ==== */

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

SearchAids *store_search_aids(Store *st)
{
    return st->aids;
}

int store_search_expr(Store *st, const char *expr, unsigned kinds, SearchHit *hits,
                      size_t max)
{
    if (!st || !st->q_match)
        return err_set("search: no content store open");
    if (!expr || !*expr || max == 0 || !(kinds & ((1u << SEARCH_KINDS) - 1)))
        return 0;
    if (max > (size_t)INT_MAX / 2)
        max = (size_t)INT_MAX / 2;
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
    return failed ? -1 : found;
}
