/* store_directory.c: reads the support-and-services directory of a content store into
 * the Site (see store_directory.h and directory.h): categories and organisations in
 * file order, services sorted A to Z by folded name with their phones, categories
 * and meeting times attached, and each service's place resolved to a destination.
 * Meeting times are stored as Open Referral UK fields and read back through
 * schedule_from_fields(), so the kiosk checks them with the same rules as the build.
 * Any row naming something that is not there makes the whole store inconsistent. */
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

/* The directory's load, with the id maps that resolve references between its tables. */
typedef struct DirLoader {
    StoreLoad *ld;
    IdMap orgs, cats, svcs; /* id -> index */
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
    return idmap_build(dl->ld, &dl->orgs, s->organizations, i, sizeof *s->organizations,
                       offsetof(Organization, id));
}

/* A service before sorting, with its A-to-Z key. */
typedef struct ServiceRow {
    Service v;
    char *key; /* utf8_fold()ed name; mem_alloc'd */
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

/* Reads one service row into v. Returns 0, or -1 (load failed). */
static int read_service(DirLoader *dl, RowReader *rr, Service *v)
{
    StoreLoad *ld = dl->ld;
    v->id = row_copy(rr, 0);
    v->name = row_copy(rr, 1);
    const char *org = row_text(rr, 2);
    v->organization = -1;
    if (org[0] && (v->organization = idmap_find(&dl->orgs, org)) < 0)
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

static int load_services(DirLoader *dl)
{
    Site *s = dl->ld->site;
    RowReader rr;
    ServiceRow *rows = NULL;
    size_t n = 0, i = 0;
    if (row_reader_open(&rr, dl->ld, "service", sql_services) == 0) {
        n = rr.rows;
        s->services = site_alloc(dl, n, sizeof *s->services);
        rows = mem_zalloc_array(n ? n : 1, sizeof *rows);
        if (!rows)
            store_load_oom(dl->ld);
    }
    while (row_reader_next(&rr) == 1) {
        assert(i < n);
        if (read_service(dl, &rr, &rows[i].v) != 0)
            break;
        size_t len = strlen(rows[i].v.name) * 2 + 16;
        rows[i].key = mem_alloc(len);
        if (!rows[i].key) {
            store_load_oom(dl->ld);
            break;
        }
        utf8_fold(rows[i].v.name, rows[i].key, len);
        i++;
    }
    if (row_reader_close(&rr) == 0) {
        qsort(rows, i, sizeof *rows, service_row_cmp);
        for (size_t k = 0; k < i; k++)
            s->services[k] = rows[k].v;
        s->nservices = i;
        idmap_build(dl->ld, &dl->svcs, s->services, i, sizeof *s->services,
                    offsetof(Service, id));
    }
    if (rows)
        for (size_t k = 0; k < n; k++)
            mem_free(rows[k].key);
    mem_free(rows);
    return dl->ld->failed ? -1 : 0;
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

typedef enum ChildKind { CHILD_PHONE, CHILD_CATEGORY, CHILD_SCHEDULE, CHILD_KINDS } ChildKind;

static int read_child(DirLoader *dl, RowReader *rr, ChildKind kind, Child *c)
{
    static const char *const what[CHILD_KINDS] = {"a phone number", "a category",
                                                  "a meeting time"};
    assert((unsigned)kind < CHILD_KINDS);
    const char *sid = row_text(rr, 0);
    c->service = idmap_find(&dl->svcs, sid);
    if (c->service < 0)
        return store_load_fail(dl->ld, "%s is given for service '%s', which is not in the "
                               "store", what[kind], sid);
    if (kind == CHILD_PHONE) {
        c->u.phone.number = row_copy(rr, 1);
        c->u.phone.description = row_copy(rr, 2);
        return dl->ld->failed ? -1 : 0;
    }
    if (kind == CHILD_CATEGORY) {
        const char *cat = row_text(rr, 1);
        c->u.category = idmap_find(&dl->cats, cat);
        if (c->u.category < 0)
            return store_load_fail(dl->ld, "service '%s' is in category '%s', which is not in "
                                   "the store", sid, cat);
        return 0;
    }
    ScheduleError err;
    char interval[24];
    snprintf(interval, sizeof interval, "%d", row_int(rr, 2));
    if (schedule_from_fields(row_text(rr, 1), interval, row_text(rr, 3), row_text(rr, 4),
                             row_text(rr, 5), row_text(rr, 6), row_text(rr, 7),
                             &c->u.schedule, &err) != 0)
        return store_load_fail(dl->ld, "a meeting time of service '%s' is not a valid rule "
                               "(%s: %s)", sid, err.field, err.message);
    c->u.schedule.description = row_copy(rr, 8);
    return dl->ld->failed ? -1 : 0;
}

/* Attaches the items to their services (rows come grouped by service id). */
static int attach(DirLoader *dl, ChildKind kind, const Child *rows, size_t n)
{
    Site *s = dl->ld->site;
    size_t *counts = mem_zalloc_array(s->nservices ? s->nservices : 1, sizeof *counts);
    if (!counts)
        return store_load_oom(dl->ld);
    for (size_t i = 0; i < n; i++) {
        assert(rows[i].service >= 0 && (size_t)rows[i].service < s->nservices);
        counts[rows[i].service]++;
    }
    for (size_t v = 0; v < s->nservices && !dl->ld->failed; v++) {
        Service *sv = &s->services[v];
        if (kind == CHILD_PHONE)
            sv->phones = site_alloc(dl, counts[v], sizeof *sv->phones);
        else if (kind == CHILD_CATEGORY)
            sv->categories = site_alloc(dl, counts[v], sizeof *sv->categories);
        else
            sv->schedules = site_alloc(dl, counts[v], sizeof *sv->schedules);
    }
    mem_free(counts);
    if (dl->ld->failed)
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

static int load_children(DirLoader *dl, ChildKind kind)
{
    static const char *const tables[CHILD_KINDS] = {"service_phone", "service_category",
                                                    "schedule"};
    static const char *const sqls[CHILD_KINDS] = {sql_phones, sql_service_categories,
                                                  sql_schedules};
    assert((unsigned)kind < CHILD_KINDS);
    RowReader rr;
    Child *rows = NULL;
    size_t i = 0;
    if (row_reader_open(&rr, dl->ld, tables[kind], sqls[kind]) == 0) {
        rows = mem_zalloc_array(rr.rows ? rr.rows : 1, sizeof *rows);
        if (!rows)
            store_load_oom(dl->ld);
    }
    while (row_reader_next(&rr) == 1 && read_child(dl, &rr, kind, &rows[i]) == 0)
        i++;
    if (row_reader_close(&rr) == 0)
        attach(dl, kind, rows, i);
    mem_free(rows);
    return dl->ld->failed ? -1 : 0;
}

int store_directory_load(StoreLoad *ld)
{
    DirLoader dl = {.ld = ld};
    Site *site = ld->site;
    site->categories = NULL;
    site->organizations = NULL;
    site->services = NULL;
    site->ncategories = site->norganizations = site->nservices = 0;
    int rc = -1;
    if (load_pals(&dl) == 0 && load_categories(&dl) == 0 && load_organizations(&dl) == 0 &&
        load_services(&dl) == 0 && load_children(&dl, CHILD_PHONE) == 0 &&
        load_children(&dl, CHILD_CATEGORY) == 0 && load_children(&dl, CHILD_SCHEDULE) == 0)
        rc = 0;
    idmap_release(&dl.orgs);
    idmap_release(&dl.cats);
    idmap_release(&dl.svcs);
    return rc;
}
