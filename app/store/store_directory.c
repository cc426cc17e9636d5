/* store_directory.c: reads the support-and-services directory of a content store into
 * the Site (see store_directory.h and directory.h): categories and organisations in
 * file order, services sorted A to Z by folded name with their phones, categories
 * and meeting times attached, and each service's place resolved to a destination.
 * Meeting times are stored as Open Referral UK fields and read back through
 * schedule_from_fields(), so the kiosk checks them with the same rules as the build.
 * Any row naming something that is not there makes the whole store inconsistent. */
#include "store_directory.h"
#include "store_internal.h"

#include "err.h"
#include "mem.h"
#include "schedule.h"
#include "utf8.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_pals[] = "SELECT value FROM meta WHERE key = 'pals_phone'";
static const char sql_categories[] =
    "SELECT id, label, description FROM category ORDER BY sort, id";
static const char sql_organizations[] =
    "SELECT id, name, description, url, email FROM organization ORDER BY sort, id";
static const char sql_services[] =
    "SELECT id, name, organization_id, status, description, alert, eligibility, min_age,"
    " max_age, fees, languages, url, email, destination_id, address, attending, assured_date"
    " FROM service";
static const char sql_phones[] =
    "SELECT service_id, number, description FROM service_phone ORDER BY service_id, sort";
static const char sql_service_categories[] =
    "SELECT service_id, category_id FROM service_category ORDER BY service_id, sort";
static const char sql_schedules[] =
    "SELECT service_id, freq, interval, byday, bymonthday, opens_at, closes_at, dtstart,"
    " description FROM schedule ORDER BY service_id, sort, rowid";

typedef struct DirLoader {
    sqlite3 *db;
    Site *site;
    const char *path;
    bool failed; /* err_set() already says why */
    IdMap orgs, cats, svcs; /* id -> index */
} DirLoader;

/* ==== helpers ==== */

static int inconsistent(DirLoader *ld, const char *fmt, ...) SP_PRINTF(2, 3);
static int inconsistent(DirLoader *ld, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    store_inconsistent_v(ld->path, fmt, ap);
    va_end(ap);
    ld->failed = true;
    return -1;
}

static int db_failed(DirLoader *ld)
{
    ld->failed = true;
    return store_db_error(ld->path, ld->db);
}

static sqlite3_stmt *prepare(DirLoader *ld, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ld->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_failed(ld);
        return NULL;
    }
    return st;
}

/* 1 for a row, 0 when done, -1 on error (message set). */
static int step(DirLoader *ld, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    db_failed(ld);
    return -1;
}

static const char *text(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return s ? s : "";
}

/* A copy of a text column in the Site's arena; "" (and failed) when out of memory. */
static const char *str(DirLoader *ld, sqlite3_stmt *st, int col)
{
    const char *d = store_col_dup(&ld->site->arena, st, col);
    if (!d) {
        if (!ld->failed)
            err_set("content store %s: out of memory", ld->path);
        ld->failed = true;
        return "";
    }
    return d;
}

static void *site_alloc(DirLoader *ld, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = store_rows_alloc(&ld->site->arena, ld->path, n, size);
    if (!p)
        ld->failed = true;
    return p;
}

static int count(DirLoader *ld, const char *table, size_t *n)
{
    if (store_count_rows(ld->db, ld->path, table, n) != 0) {
        ld->failed = true;
        return -1;
    }
    return 0;
}


/* An id -> index map over n records `stride` bytes apart with their id at `at`. */
static int keys_build(DirLoader *ld, IdMap *m, const void *records, size_t n, size_t stride,
                      size_t at)
{
    if (idmap_build(m, records, n, stride, at) != 0) {
        ld->failed = true;
        return err_set("content store %s: out of memory", ld->path);
    }
    return 0;
}


/* ==== tables ==== */

static int load_pals(DirLoader *ld)
{
    ld->site->pals_phone = "";
    sqlite3_stmt *st = prepare(ld, sql_pals);
    if (!st)
        return -1;
    int rc = step(ld, st);
    if (rc == 1)
        ld->site->pals_phone = str(ld, st, 0);
    sqlite3_finalize(st);
    return rc < 0 || ld->failed ? -1 : 0;
}

static int load_categories(DirLoader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count(ld, "category", &n) != 0)
        return -1;
    s->categories = site_alloc(ld, n, sizeof *s->categories);
    sqlite3_stmt *st = ld->failed ? NULL : prepare(ld, sql_categories);
    if (!st)
        return -1;
    int rc = 0;
    while (i < n && (rc = step(ld, st)) == 1) {
        Category *c = &s->categories[i++];
        c->id = str(ld, st, 0);
        c->label = str(ld, st, 1);
        c->description = str(ld, st, 2);
    }
    sqlite3_finalize(st);
    if (rc < 0 || ld->failed)
        return -1;
    s->ncategories = i;
    return keys_build(ld, &ld->cats, s->categories, i, sizeof *s->categories,
                      offsetof(Category, id));
}

static int load_organizations(DirLoader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count(ld, "organization", &n) != 0)
        return -1;
    s->organizations = site_alloc(ld, n, sizeof *s->organizations);
    sqlite3_stmt *st = ld->failed ? NULL : prepare(ld, sql_organizations);
    if (!st)
        return -1;
    int rc = 0;
    while (i < n && (rc = step(ld, st)) == 1) {
        Organization *o = &s->organizations[i++];
        o->id = str(ld, st, 0);
        o->name = str(ld, st, 1);
        o->description = str(ld, st, 2);
        o->url = str(ld, st, 3);
        o->email = str(ld, st, 4);
    }
    sqlite3_finalize(st);
    if (rc < 0 || ld->failed)
        return -1;
    s->norganizations = i;
    return keys_build(ld, &ld->orgs, s->organizations, i, sizeof *s->organizations,
                      offsetof(Organization, id));
}

/* A service before sorting, with its A-to-Z key. */
typedef struct ServiceRow {
    Service v;
    char *key; /* utf8_fold()ed name; malloc'd */
} ServiceRow;

static int service_row_cmp(const void *pa, const void *pb)
{
    const ServiceRow *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c == 0)
        c = strcmp(a->v.name, b->v.name);
    if (c == 0)
        c = strcmp(a->v.id, b->v.id); /* ids are unique: a total order */
    return c;
}

/* Reads one service row into v. Returns 0, or -1 (message set). */
static int read_service(DirLoader *ld, sqlite3_stmt *st, Service *v)
{
    v->id = str(ld, st, 0);
    v->name = str(ld, st, 1);
    const char *org = (const char *)sqlite3_column_text(st, 2);
    v->organization = -1;
    if (org && org[0] &&
        (v->organization = idmap_find(&ld->orgs, org)) < 0)
        return inconsistent(ld, "service '%s' is run by organization '%s', which is not in "
                            "the store", v->id, org);
    const char *status = text(st, 3);
    if (strcmp(status, "active") == 0)
        v->status = SERVICE_ACTIVE;
    else if (strcmp(status, "temporarily closed") == 0)
        v->status = SERVICE_TEMPORARILY_CLOSED;
    else
        return inconsistent(ld, "service '%s' has status '%s', which the kiosk does not "
                            "show", v->id, status);
    v->description = str(ld, st, 4);
    v->alert = str(ld, st, 5);
    v->eligibility = str(ld, st, 6);
    v->min_age = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7);
    v->max_age = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 8);
    if (v->min_age < -1 || v->max_age < -1)
        return inconsistent(ld, "service '%s' has a negative age", v->id);
    v->fees = str(ld, st, 9);
    v->languages = str(ld, st, 10);
    v->url = str(ld, st, 11);
    v->email = str(ld, st, 12);
    const char *dest = (const char *)sqlite3_column_text(st, 13);
    v->destination = -1;
    if (dest && dest[0] && (v->destination = site_find_destination(ld->site, dest)) < 0)
        return inconsistent(ld, "service '%s' meets at destination '%s', which is not in "
                            "the store", v->id, dest);
    v->address = str(ld, st, 14);
    v->attending = str(ld, st, 15);
    const char *assured = text(st, 16);
    v->assured = (CivilDate){0, 0, 0};
    if (assured[0] && civil_parse(assured, &v->assured) != 0)
        return inconsistent(ld, "service '%s' was last checked on '%s', which is not a date",
                            v->id, assured);
    return ld->failed ? -1 : 0;
}

static int load_services(DirLoader *ld)
{
    Site *s = ld->site;
    size_t n = 0, i = 0;
    if (count(ld, "service", &n) != 0)
        return -1;
    s->services = site_alloc(ld, n, sizeof *s->services);
    ServiceRow *rows = ld->failed ? NULL : mem_zalloc((n ? n : 1) * sizeof *rows);
    sqlite3_stmt *st = rows ? prepare(ld, sql_services) : NULL;
    int rc = -1;
    if (!st) {
        if (!ld->failed)
            err_set("content store %s: out of memory", ld->path);
        goto out;
    }
    rc = 0;
    while (i < n && (rc = step(ld, st)) == 1) {
        if (read_service(ld, st, &rows[i].v) != 0)
            break;
        size_t len = strlen(rows[i].v.name) * 2 + 16;
        rows[i].key = mem_alloc(len);
        if (!rows[i].key) {
            ld->failed = true;
            err_set("content store %s: out of memory", ld->path);
            break;
        }
        utf8_fold(rows[i].v.name, rows[i].key, len);
        i++;
    }
    if (rc >= 0 && !ld->failed) {
        qsort(rows, i, sizeof *rows, service_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->services[k] = rows[k].v;
        s->nservices = i;
        keys_build(ld, &ld->svcs, s->services, i, sizeof *s->services, offsetof(Service, id));
    }
out:
    sqlite3_finalize(st);
    if (rows)
        for (size_t k = 0; k < n; k++)
            mem_free(rows[k].key);
    mem_free(rows);
    return rc < 0 || ld->failed ? -1 : 0;
}

/* The rows of a child table (phones, categories, schedules): which service, and the
 * item read from the row, then attached in one go so each service's items are one
 * array in the Site's arena. */
typedef struct Child {
    int service;
    union {
        ServicePhone phone;
        int category;
        Schedule schedule;
    } u;
} Child;

typedef enum ChildKind { CHILD_PHONE, CHILD_CATEGORY, CHILD_SCHEDULE } ChildKind;

static int read_child(DirLoader *ld, sqlite3_stmt *st, ChildKind kind, Child *c)
{
    const char *sid = text(st, 0);
    c->service = idmap_find(&ld->svcs, sid);
    static const char *const what[] = {"a phone number", "a category", "a meeting time"};
    if (c->service < 0)
        return inconsistent(ld, "%s is given for service '%s', which is not in the store",
                            what[kind], sid);
    if (kind == CHILD_PHONE) {
        c->u.phone.number = str(ld, st, 1);
        c->u.phone.description = str(ld, st, 2);
        return ld->failed ? -1 : 0;
    }
    if (kind == CHILD_CATEGORY) {
        const char *cat = text(st, 1);
        c->u.category = idmap_find(&ld->cats, cat);
        if (c->u.category < 0)
            return inconsistent(ld, "service '%s' is in category '%s', which is not in the "
                                "store", sid, cat);
        return 0;
    }
    ScheduleError err;
    char interval[24];
    snprintf(interval, sizeof interval, "%d", sqlite3_column_int(st, 2));
    if (schedule_from_fields(text(st, 1), interval, text(st, 3), text(st, 4), text(st, 5),
                             text(st, 6), text(st, 7), &c->u.schedule, &err) != 0)
        return inconsistent(ld, "a meeting time of service '%s' is not a valid rule (%s: %s)",
                            sid, err.field, err.message);
    c->u.schedule.description = str(ld, st, 8);
    return ld->failed ? -1 : 0;
}

/* Attaches the items to their services (rows come grouped by service id). */
static int attach(DirLoader *ld, ChildKind kind, const Child *rows, size_t n)
{
    Site *s = ld->site;
    size_t *counts = mem_zalloc((s->nservices ? s->nservices : 1) * sizeof *counts);
    if (!counts) {
        ld->failed = true;
        return err_set("content store %s: out of memory", ld->path);
    }
    for (size_t i = 0; i < n; i++)
        counts[rows[i].service]++;
    for (size_t v = 0; v < s->nservices && !ld->failed; v++) {
        Service *sv = &s->services[v];
        if (kind == CHILD_PHONE)
            sv->phones = site_alloc(ld, counts[v], sizeof *sv->phones);
        else if (kind == CHILD_CATEGORY)
            sv->categories = site_alloc(ld, counts[v], sizeof *sv->categories);
        else
            sv->schedules = site_alloc(ld, counts[v], sizeof *sv->schedules);
    }
    mem_free(counts);
    if (ld->failed)
        return -1;
    for (size_t i = 0; i < n; i++) {
        Service *sv = &s->services[rows[i].service];
        if (kind == CHILD_PHONE)
            sv->phones[sv->nphones++] = rows[i].u.phone;
        else if (kind == CHILD_CATEGORY)
            sv->categories[sv->ncategories++] = rows[i].u.category;
        else
            sv->schedules[sv->nschedules++] = rows[i].u.schedule;
    }
    return 0;
}

static int load_children(DirLoader *ld, ChildKind kind)
{
    static const char *const tables[] = {"service_phone", "service_category", "schedule"};
    static const char *const sqls[] = {sql_phones, sql_service_categories, sql_schedules};
    size_t n = 0, i = 0;
    if (count(ld, tables[kind], &n) != 0)
        return -1;
    Child *rows = mem_zalloc((n ? n : 1) * sizeof *rows);
    sqlite3_stmt *st = rows ? prepare(ld, sqls[kind]) : NULL;
    int rc = -1;
    if (!st) {
        if (!rows)
            err_set("content store %s: out of memory", ld->path);
        ld->failed = true;
        goto out;
    }
    rc = 0;
    while (i < n && (rc = step(ld, st)) == 1) {
        if (read_child(ld, st, kind, &rows[i]) != 0)
            break;
        i++;
    }
    if (rc >= 0 && !ld->failed)
        attach(ld, kind, rows, i);
out:
    sqlite3_finalize(st);
    mem_free(rows);
    return rc < 0 || ld->failed ? -1 : 0;
}

int store_directory_load(sqlite3 *db, Site *site, const char *path)
{
    DirLoader ld = {.db = db, .site = site, .path = path};
    site->categories = NULL;
    site->organizations = NULL;
    site->services = NULL;
    site->ncategories = site->norganizations = site->nservices = 0;
    int rc = -1;
    if (load_pals(&ld) == 0 && load_categories(&ld) == 0 && load_organizations(&ld) == 0 &&
        load_services(&ld) == 0 && load_children(&ld, CHILD_PHONE) == 0 &&
        load_children(&ld, CHILD_CATEGORY) == 0 && load_children(&ld, CHILD_SCHEDULE) == 0)
        rc = 0;
    idmap_release(&ld.orgs);
    idmap_release(&ld.cats);
    idmap_release(&ld.svcs);
    return rc;
}
