/* store_directory.c: the support-and-services directory of a content store (see
 * store_directory.h and directory.h): categories (with their counts) and organisations
 * loaded in file order; services checked row by row when the store opens and kept only
 * as their A-to-Z order by folded name, then read one at a time when asked for, with
 * their phones, categories and meeting times, into a small cache. Meeting times are
 * stored as Open Referral UK fields and read back through schedule_from_fields(), so
 * the kiosk checks them with the same rules as the build. Any row naming something
 * that is not there makes the whole store inconsistent. */
#include "store_directory.h"
#include "store_internal.h"

#include "mem.h"
#include "schedule.h"
#include "utf8.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_pals[] = "SELECT value FROM meta WHERE key = 'pals_phone'";
static const char sql_categories[] =
    "SELECT id, label, description FROM category ORDER BY sort, id";
static const char sql_organizations[] =
    "SELECT id, name, description, url, email FROM organization ORDER BY sort, id";
#define SERVICE_COLUMNS                                                                    \
    "SELECT id, name, organization_id, status, description, alert, eligibility, min_age,"  \
    " max_age, fees, languages, url, email, destination_id, address, attending,"           \
    " assured_date, rowid FROM service"
static const char sql_services[] = SERVICE_COLUMNS;
static const char sql_service_at[] = SERVICE_COLUMNS " WHERE rowid = ?1";
static const char sql_find_service[] = "SELECT rowid FROM service WHERE id = ?1";
static const char sql_category_counts[] =
    "SELECT category_id, count(*) FROM service_category GROUP BY category_id";
static const char sql_category_services[] =
    "SELECT s.rowid FROM service_category c JOIN service s ON s.id = c.service_id"
    " WHERE c.category_id = ?1";
/* A service's phones, categories and meeting times: the same columns as the checks of
 * every row below, for one service. */
static const char sql_phones_of[] =
    "SELECT service_id, number, description FROM service_phone WHERE service_id = ?1"
    " ORDER BY sort";
static const char sql_categories_of[] =
    "SELECT service_id, category_id FROM service_category WHERE service_id = ?1"
    " ORDER BY sort";
static const char sql_schedules_of[] =
    "SELECT service_id, freq, interval, byday, bymonthday, opens_at, closes_at, dtstart,"
    " description FROM schedule WHERE service_id = ?1 ORDER BY sort, rowid";
static const char sql_schedules[] =
    "SELECT service_id, freq, interval, byday, bymonthday, opens_at, closes_at, dtstart,"
    " description FROM schedule";
/* Rows of the child tables that name a service or category that is not there. */
static const char sql_lost_phone[] =
    "SELECT c.service_id FROM service_phone c"
    " WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.id = c.service_id) LIMIT 1";
static const char sql_lost_category[] =
    "SELECT c.service_id FROM service_category c"
    " WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.id = c.service_id) LIMIT 1";
static const char sql_lost_schedule[] =
    "SELECT c.service_id FROM schedule c"
    " WHERE NOT EXISTS (SELECT 1 FROM service s WHERE s.id = c.service_id) LIMIT 1";
static const char sql_unknown_category[] =
    "SELECT c.service_id, c.category_id FROM service_category c"
    " WHERE NOT EXISTS (SELECT 1 FROM category k WHERE k.id = c.category_id) LIMIT 1";

/* The directory's load, with the id maps that resolve references between its tables. */
typedef struct DirLoader {
    StoreLoad *ld;
    DirIndex *ix;
    IdMap cats; /* id -> index */
} DirLoader;

/* Space for n records in the Site's arena; NULL (and not a failure) when n is 0. */
static void *site_alloc(DirLoader *dl, size_t n, size_t size)
{
    return n ? store_load_array(dl->ld, n, size) : NULL;
}

/* ==== tables ==== */

static int load_pals(DirLoader *dl)
{
    dl->ld->site->pals_phone = "";
    RowReader rr;
    if (row_reader_query(&rr, dl->ld, "meta", sql_pals) == 0 && row_reader_next(&rr) == 1)
        dl->ld->site->pals_phone = row_copy(&rr, 0);
    return row_reader_close(&rr);
}

static int load_categories(DirLoader *dl)
{
    Site *s = dl->ld->site;
    RowReader rr;
    size_t i = 0;
    if (row_reader_open(&rr, dl->ld, "category", sql_categories) == 0)
        s->categories = site_alloc(dl, rr.rows, sizeof *s->categories);
    while (row_reader_next(&rr) == 1) {
        Category *c = &s->categories[i++];
        c->id = row_copy(&rr, 0);
        c->label = row_copy(&rr, 1);
        c->description = row_copy(&rr, 2);
        c->nservices = 0;
    }
    if (row_reader_close(&rr) != 0)
        return -1;
    s->ncategories = i;
    return idmap_build(dl->ld, &dl->cats, s->categories, i, sizeof *s->categories,
                       offsetof(Category, id));
}

static int load_organizations(DirLoader *dl)
{
    Site *s = dl->ld->site;
    RowReader rr;
    size_t i = 0;
    if (row_reader_open(&rr, dl->ld, "organization", sql_organizations) == 0)
        s->organizations = site_alloc(dl, rr.rows, sizeof *s->organizations);
    while (row_reader_next(&rr) == 1) {
        Organization *o = &s->organizations[i++];
        o->id = row_copy(&rr, 0);
        o->name = row_copy(&rr, 1);
        o->description = row_copy(&rr, 2);
        o->url = row_copy(&rr, 3);
        o->email = row_copy(&rr, 4);
    }
    if (row_reader_close(&rr) != 0)
        return -1;
    s->norganizations = i;
    return idmap_build(dl->ld, &dl->ix->orgs, s->organizations, i, sizeof *s->organizations,
                       offsetof(Organization, id));
}

/* ==== one service ==== */

/* Reads one service row (SERVICE_COLUMNS) into v, strings in the load's arena. Returns
 * 0, or -1 (load failed). */
static int read_service(StoreLoad *ld, const IdMap *orgs, RowReader *rr, Service *v)
{
    *v = (Service){0};
    v->id = row_copy(rr, 0);
    v->name = row_copy(rr, 1);
    const char *org = row_text(rr, 2);
    v->organization = -1;
    if (org[0] && (v->organization = idmap_find(orgs, org)) < 0)
        return store_load_fail(ld, "service '%s' is run by organization '%s', which is not "
                               "in the store", v->id, org);
    const char *status = row_text(rr, 3);
    if (strcmp(status, "active") == 0)
        v->status = SERVICE_ACTIVE;
    else if (strcmp(status, "temporarily closed") == 0)
        v->status = SERVICE_TEMPORARILY_CLOSED;
    else
        return store_load_fail(ld, "service '%s' has status '%s', which the kiosk does not "
                               "show", v->id, status);
    v->description = row_copy(rr, 4);
    v->alert = row_copy(rr, 5);
    v->eligibility = row_copy(rr, 6);
    v->min_age = row_is_null(rr, 7) ? -1 : row_int(rr, 7);
    v->max_age = row_is_null(rr, 8) ? -1 : row_int(rr, 8);
    if (v->min_age < -1 || v->max_age < -1)
        return store_load_fail(ld, "service '%s' has a negative age", v->id);
    v->fees = row_copy(rr, 9);
    v->languages = row_copy(rr, 10);
    v->url = row_copy(rr, 11);
    v->email = row_copy(rr, 12);
    const char *dest = row_text(rr, 13);
    v->destination = -1;
    if (dest[0] && (v->destination = site_find_destination(ld->site, dest)) < 0)
        return store_load_fail(ld, "service '%s' meets at destination '%s', which is not in "
                               "the store", v->id, dest);
    v->address = row_copy(rr, 14);
    v->attending = row_copy(rr, 15);
    const char *assured = row_text(rr, 16);
    v->assured = (CivilDate){0, 0, 0};
    if (assured[0] && civil_parse(assured, &v->assured) != 0)
        return store_load_fail(ld, "service '%s' was last checked on '%s', which is not a "
                               "date", v->id, assured);
    return ld->failed ? -1 : 0;
}

typedef enum ChildKind { CHILD_PHONE, CHILD_CATEGORY, CHILD_SCHEDULE, CHILD_KINDS } ChildKind;

static const char *const child_tables[CHILD_KINDS] = {"service_phone", "service_category",
                                                      "schedule"};

/* A meeting time's row (sql_schedules' columns) as a Schedule; its description is
 * copied only when `copy`. Returns 0, or -1 (load failed). */
static int read_schedule(StoreLoad *ld, RowReader *rr, bool copy, Schedule *out)
{
    ScheduleError err;
    char interval[24];
    snprintf(interval, sizeof interval, "%d", row_int(rr, 2));
    if (schedule_from_fields(row_text(rr, 1), interval, row_text(rr, 3), row_text(rr, 4),
                             row_text(rr, 5), row_text(rr, 6), row_text(rr, 7), out,
                             &err) != 0)
        return store_load_fail(ld, "a meeting time of service '%s' is not a valid rule "
                               "(%s: %s)", row_text(rr, 0), err.field, err.message);
    out->description = copy ? row_copy(rr, 8) : "";
    return ld->failed ? -1 : 0;
}

/* Appends one item of `size` bytes to the array *items (n used, *cap room) in the
 * load's arena, doubling it when full. Returns 0, or -1 (load failed). */
static int push_item(StoreLoad *ld, void **items, size_t *n, size_t *cap, size_t size,
                     const void *item)
{
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        void *p = store_load_array(ld, grown, size);
        if (!p)
            return -1;
        if (*n)
            memcpy(p, *items, *n * size);
        *items = p;
        *cap = grown;
    }
    memcpy((char *)*items + *n * size, item, size);
    (*n)++;
    return 0;
}

/* Reads v's phones, categories or meeting times. Returns 0, or -1 (load failed). */
static int read_children(StoreLoad *ld, DirIndex *ix, ChildKind kind, Service *v)
{
    static const char *const sqls[CHILD_KINDS] = {sql_phones_of, sql_categories_of,
                                                  sql_schedules_of};
    RowReader rr;
    size_t cap = 0;
    if (row_reader_reuse(&rr, ld, child_tables[kind], &ix->q_children[kind], sqls[kind]) == 0)
        sqlite3_bind_text(rr.stmt, 1, v->id, -1, SQLITE_STATIC);
    while (row_reader_next(&rr) == 1) {
        if (kind == CHILD_PHONE) {
            ServicePhone ph = {row_copy(&rr, 1), row_copy(&rr, 2)};
            if (push_item(ld, (void **)&v->phones, &v->nphones, &cap, sizeof ph, &ph) != 0)
                break;
        } else if (kind == CHILD_CATEGORY) {
            int c = site_find_category(ld->site, row_text(&rr, 1));
            if (c < 0) {
                store_load_fail(ld, "service '%s' is in category '%s', which is not in the "
                                "store", v->id, row_text(&rr, 1));
                break;
            }
            if (push_item(ld, (void **)&v->categories, &v->ncategories, &cap, sizeof c, &c))
                break;
        } else {
            Schedule sc;
            if (read_schedule(ld, &rr, true, &sc) != 0 ||
                push_item(ld, (void **)&v->schedules, &v->nschedules, &cap, sizeof sc, &sc))
                break;
        }
    }
    return row_reader_close(&rr);
}

const Service *dir_service(DirIndex *ix, sqlite3 *db, Site *site, const char *path,
                           int index)
{
    if (index < 0 || (size_t)index >= site->nservices || !ix->rowid) {
        err_set("content store %s has no service number %d", path, index);
        return NULL;
    }
    if (!ix->slots) {
        ix->slots = mem_zalloc_array(DIR_CACHE_SLOTS, sizeof *ix->slots);
        if (!ix->slots)
            return NULL;
        for (int i = 0; i < DIR_CACHE_SLOTS; i++) {
            ix->slots[i].index = -1;
            arena_init(&ix->slots[i].arena);
        }
    }
    ix->clock++;
    DirSlot *slot = &ix->slots[0];
    for (int i = 0; i < DIR_CACHE_SLOTS; i++) {
        DirSlot *d = &ix->slots[i];
        if (d->index == index) {
            d->used = ix->clock;
            return &d->service;
        }
        if (d->used < slot->used)
            slot = d;
    }
    /* The slot asked for longest ago takes it. */
    slot->index = -1;
    arena_reset(&slot->arena);
    StoreLoad ld = {.db = db, .site = site, .arena = &slot->arena, .path = path, .dir = ix};
    RowReader rr;
    if (row_reader_reuse(&rr, &ld, "service", &ix->q_service, sql_service_at) == 0)
        sqlite3_bind_int(rr.stmt, 1, ix->rowid[index]);
    int rc = row_reader_next(&rr);
    if (rc == 1)
        read_service(&ld, &ix->orgs, &rr, &slot->service);
    else if (rc == 0)
        store_load_fail(&ld, "service number %d (row %d) is not there", index,
                        ix->rowid[index]);
    row_reader_close(&rr);
    for (int k = 0; k < CHILD_KINDS && !ld.failed; k++)
        read_children(&ld, ix, (ChildKind)k, &slot->service);
    if (ld.failed) {
        arena_reset(&slot->arena);
        slot->service = (Service){0};
        return NULL;
    }
    slot->index = index;
    slot->used = ix->clock;
    return &slot->service;
}

int dir_index_of_rowid(const DirIndex *ix, sqlite3_int64 rowid)
{
    if (!ix->index || rowid < 0 || (size_t)rowid >= ix->nrowids)
        return -1;
    return ix->index[rowid];
}

int dir_find_service(DirIndex *ix, sqlite3 *db, const char *id)
{
    if (!id)
        return -1;
    if (!ix->q_find && sqlite3_prepare_v3(db, sql_find_service, -1, SQLITE_PREPARE_PERSISTENT,
                                          &ix->q_find, NULL) != SQLITE_OK) {
        sqlite3_finalize(ix->q_find);
        ix->q_find = NULL;
        return -1;
    }
    int index = -1;
    sqlite3_bind_text(ix->q_find, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(ix->q_find) == SQLITE_ROW)
        index = dir_index_of_rowid(ix, sqlite3_column_int64(ix->q_find, 0));
    sqlite3_reset(ix->q_find);
    sqlite3_clear_bindings(ix->q_find);
    return index;
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int dir_category_services(const DirIndex *ix, sqlite3 *db, const char *path,
                          const Site *site, int c, int **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (c < 0 || (size_t)c >= site->ncategories)
        return 0;
    size_t cap = site->categories[c].nservices;
    int *list = mem_zalloc_array(cap ? cap : 1, sizeof *list);
    if (!list)
        return -1;
    StoreLoad ld = {.db = db, .site = (Site *)site, .path = path};
    RowReader rr;
    size_t len = 0;
    if (row_reader_query(&rr, &ld, "service_category", sql_category_services) == 0)
        sqlite3_bind_text(rr.stmt, 1, site->categories[c].id, -1, SQLITE_STATIC);
    while (len < cap && row_reader_next(&rr) == 1) {
        int index = dir_index_of_rowid(ix, row_int64(&rr, 0));
        if (index >= 0)
            list[len++] = index;
    }
    if (row_reader_close(&rr) != 0) {
        mem_free(list);
        return -1;
    }
    qsort(list, len, sizeof *list, int_cmp); /* index order is A to Z */
    *out = list;
    *n = len;
    return 0;
}

/* ==== every service, checked when the store opens ==== */

/* A service's place in the A-to-Z order: its rowid and, in one text buffer, its folded
 * name, name and id, each ended by '\0' (compared in that order: a total order). */
typedef struct SortKey {
    int rowid;
    size_t at;       /* offset in the text while it grows */
    const char *key; /* then the text itself */
} SortKey;

static int sort_key_cmp(const void *pa, const void *pb)
{
    const char *a = ((const SortKey *)pa)->key, *b = ((const SortKey *)pb)->key;
    for (int part = 0; part < 3; part++) {
        int c = strcmp(a, b);
        if (c)
            return c;
        a += strlen(a) + 1;
        b += strlen(b) + 1;
    }
    return 0;
}

/* Adds v's keys at rowid to the keys and their text. Returns 0, or -1 (load failed). */
static int add_key(StoreLoad *ld, SortKey *k, int rowid, const Service *v, char **text,
                   size_t *len, size_t *cap)
{
    size_t nl = strlen(v->name), il = strlen(v->id), fl = nl * 2 + 16;
    if (mem_grow((void **)text, cap, *len + fl + nl + il + 2, 1) != 0)
        return store_load_oom(ld);
    char *p = *text + *len;
    utf8_fold(v->name, p, fl);
    p += strlen(p) + 1;
    memcpy(p, v->name, nl + 1);
    p += nl + 1;
    memcpy(p, v->id, il + 1);
    p += il + 1;
    *k = (SortKey){rowid, *len, NULL};
    *len = (size_t)(p - *text);
    return 0;
}

/* Checks every service row, and fills ix's A-to-Z order and site->nservices. The rows'
 * strings go to a scratch arena, emptied after each: nothing of them stays. */
static int load_services(DirLoader *dl)
{
    StoreLoad *ld = dl->ld;
    DirIndex *ix = dl->ix;
    RowReader rr;
    SortKey *keys = NULL;
    char *text = NULL;
    size_t n = 0, i = 0, text_len = 0, text_cap = 0;
    sqlite3_int64 top = 0;
    if (row_reader_open(&rr, ld, "service", sql_services) == 0) {
        n = rr.rows;
        keys = mem_zalloc_array(n ? n : 1, sizeof *keys);
        if (!keys)
            store_load_oom(ld);
    }
    Arena scratch;
    arena_init(&scratch);
    Arena *was = ld->arena;
    ld->arena = &scratch;
    while (row_reader_next(&rr) == 1) {
        assert(i < n);
        Service v;
        if (read_service(ld, &ix->orgs, &rr, &v) != 0)
            break;
        /* The content build numbers the rows 1, 2, 3...: a row number far past the count
         * would make the rowid -> index array huge. */
        sqlite3_int64 rowid = row_int64(&rr, 17);
        if (rowid <= 0 || rowid > (sqlite3_int64)n * 4 + 1024) {
            store_load_fail(ld, "service '%s' has row number %lld, out of the range of its "
                            "%zu rows", v.id, (long long)rowid, n);
            break;
        }
        if (add_key(ld, &keys[i], (int)rowid, &v, &text, &text_len, &text_cap) != 0)
            break;
        if (rowid > top)
            top = rowid;
        i++;
        arena_reset(&scratch);
    }
    ld->arena = was;
    arena_release(&scratch);
    if (row_reader_close(&rr) == 0) {
        for (size_t k = 0; k < i; k++)
            keys[k].key = text + keys[k].at;
        qsort(keys, i, sizeof *keys, sort_key_cmp);
        ix->nrowids = (size_t)top + 1;
        ix->rowid = mem_zalloc_array(i ? i : 1, sizeof *ix->rowid);
        ix->index = mem_zalloc_array(ix->nrowids, sizeof *ix->index);
        if (!ix->rowid || !ix->index) {
            store_load_oom(ld);
        } else {
            for (size_t r = 0; r < ix->nrowids; r++)
                ix->index[r] = -1;
            for (size_t k = 0; k < i; k++) {
                ix->rowid[k] = keys[k].rowid;
                ix->index[keys[k].rowid] = (int)k;
            }
            ld->site->nservices = i;
        }
    }
    mem_free(keys);
    mem_free(text);
    return ld->failed ? -1 : 0;
}

/* The first row a query finds (a child naming what is not there) fails the load:
 * "WHAT 'service id', which is not in the store", or, for a query of two columns, the
 * service and the category that is not there. */
static int check_none(StoreLoad *ld, const char *table, const char *sql, const char *what)
{
    RowReader rr;
    if (row_reader_query(&rr, ld, table, sql) == 0 && row_reader_next(&rr) == 1) {
        if (rr.ncols > 1)
            store_load_fail(ld, "service '%s' is in category '%s', which is not in the store",
                            row_text(&rr, 0), row_text(&rr, 1));
        else
            store_load_fail(ld, "%s '%s', which is not in the store", what, row_text(&rr, 0));
    }
    return row_reader_close(&rr);
}

/* The phones, categories and meeting times: each names a service (and category) that
 * is there, each meeting time is a valid rule; then each category's count. */
static int check_children(DirLoader *dl)
{
    StoreLoad *ld = dl->ld;
    if (check_none(ld, "service_phone", sql_lost_phone,
                   "a phone number is given for service") ||
        check_none(ld, "service_category", sql_lost_category,
                   "a category is given for service") ||
        check_none(ld, "service_category", sql_unknown_category,
                   NULL) ||
        check_none(ld, "schedule", sql_lost_schedule,
                   "a meeting time is given for service"))
        return -1;
    RowReader rr;
    Schedule sc;
    if (row_reader_query(&rr, ld, "schedule", sql_schedules) == 0)
        while (row_reader_next(&rr) == 1 && read_schedule(ld, &rr, false, &sc) == 0)
            ;
    if (row_reader_close(&rr) != 0)
        return -1;
    Site *s = ld->site;
    if (row_reader_query(&rr, ld, "service_category", sql_category_counts) == 0)
        while (row_reader_next(&rr) == 1) {
            int c = idmap_find(&dl->cats, row_text(&rr, 0));
            if (c >= 0)
                s->categories[c].nservices = (size_t)row_int64(&rr, 1);
        }
    return row_reader_close(&rr);
}

void dir_index_release(DirIndex *ix)
{
    mem_free(ix->rowid);
    mem_free(ix->index);
    idmap_release(&ix->orgs);
    if (ix->slots)
        for (int i = 0; i < DIR_CACHE_SLOTS; i++)
            arena_release(&ix->slots[i].arena);
    mem_free(ix->slots);
    sqlite3_finalize(ix->q_service);
    sqlite3_finalize(ix->q_find);
    for (int k = 0; k < CHILD_KINDS; k++)
        sqlite3_finalize(ix->q_children[k]);
    *ix = (DirIndex){0};
}

int store_directory_load(StoreLoad *ld, DirIndex *ix)
{
    DirLoader dl = {.ld = ld, .ix = ix};
    Site *site = ld->site;
    site->categories = NULL;
    site->organizations = NULL;
    site->services = NULL;
    site->ncategories = site->norganizations = site->nservices = 0;
    int rc = -1;
    if (load_pals(&dl) == 0 && load_categories(&dl) == 0 && load_organizations(&dl) == 0 &&
        load_services(&dl) == 0 && check_children(&dl) == 0)
        rc = 0;
    idmap_release(&dl.cats);
    if (rc == 0)
        ld->dir = ix;
    return rc;
}
