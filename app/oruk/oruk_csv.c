/* oruk_csv.c: Open Referral UK CSV tables in and out.
 *
 * In: a folder of tables, read with the content build's CSV reader (csv_table.c: libcsv,
 * UTF-8 checks, every problem at file:line:column). ORUK 3.0 tables go by plural or
 * singular names (services.csv or service.csv, address.csv or addresses.csv ...), and
 * the older 1.0 tables are read alongside: physical_address.csv, regular_schedule.csv
 * (with weekday), taxonomy.csv with service_taxonomy.csv or link_taxonomy.csv, and
 * eligibility.csv. Rows join up by their ids; a row naming a service, location, contact
 * or service_at_location that is not there is an error at its cell.
 *
 * Out: the ORUK 3.0 tables of a content folder's directory (organizations, services,
 * locations, addresses, service_at_locations, phones, schedules, taxonomy_terms,
 * attributes, languages, cost_options), each written via .tmp and renamed. */
#include "oruk_model.h"

#include "csv_table.h"
#include "err.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Table {
    CsvTable t;
    const char *file; /* the name found, "" when none */
    const char *path; /* "<dir>/<file>" for messages, in the set's arena */
    bool present;
} Table;

typedef struct Reader {
    OrukSet *set;
    const char *dir;
    const char *services_file;
} Reader;

/* Opens the first of `names` that exists. Returns true when it was read. */
static bool open_table(Reader *r, Table *tb, const char *const *names, size_t nnames,
                       const CsvColumn *cols, size_t ncols)
{
    tb->file = tb->path = "";
    tb->present = false;
    csv_table_init(&tb->t);
    for (size_t i = 0; i < nnames; i++) {
        int rc = csv_table_read(&tb->t, r->dir, names[i], cols, ncols, r->set->diags);
        if (rc == 1) {
            csv_table_release(&tb->t);
            continue;
        }
        tb->file = names[i];
        tb->path = oruk_keep(r->set, tb->t.path);
        tb->present = rc == 0;
        return tb->present;
    }
    return false;
}

static const char *cell(const Table *tb, const CsvRow *row, size_t col)
{
    return csv_cell(&tb->t, row, col);
}

/* Where a table's rows are, for messages about references into it: the file read,
 * `usual` (its usual name) when none of its names exists, or NULL when it exists but
 * could not be read (its problem is reported, so references into it are not). */
static const char *table_where(const Table *tb, bool ok, const char *usual)
{
    return !tb->file[0] ? usual : ok ? tb->file : NULL;
}

/* True for a row with problems of its own (already reported): its values are skipped,
 * and its id is remembered so references to it are not reported again. */
static bool skip_bad_row(Reader *r, const Table *tb, const CsvRow *row, size_t id_col)
{
    if (row->bad)
        oruk_bad_row(r->set, cell(tb, row, id_col));
    return row->bad;
}

static const char *cell_clean(Reader *r, const Table *tb, const CsvRow *row, size_t col)
{
    return oruk_clean(r->set, cell(tb, row, col));
}

static const char *cell_keep(Reader *r, const Table *tb, const CsvRow *row, size_t col)
{
    return oruk_keep(r->set, cell(tb, row, col));
}

static OrukAt at_cell(const Table *tb, const CsvRow *row, size_t col)
{
    return oruk_at_csv(tb->path, row->line, csv_column_number(&tb->t, col));
}

/* The row an id in a cell names, via `ix`; -1 when the cell is empty (an error when
 * `required`) or names nothing (an error). */
static int ref(Reader *r, const Table *tb, const CsvRow *row, size_t col, const IdIndex *ix,
               const char *what, const char *where, bool required)
{
    const char *id = cell(tb, row, col);
    OrukAt at = at_cell(tb, row, col);
    if (!id[0]) {
        if (required)
            oruk_error(r->set, &at, "the %s is missing", tb->t.columns[col].name);
        return -1;
    }
    int i = oruk_find(ix, id);
    if (i < 0 && !oruk_missing_reported(r->set, where, id))
        oruk_error(r->set, &at, "there is no %s '%s' in %s", what, id, where);
    return i;
}

/* ==== organizations and services ==== */

enum { ORG_ID, ORG_NAME, ORG_DESCRIPTION, ORG_EMAIL, ORG_WEBSITE, ORG_URL, ORG_NCOLS = 14 };
static const CsvColumn org_cols[ORG_NCOLS] = {
    {"id", true}, {"name", false}, {"description", false}, {"email", false},
    {"website", false}, {"url", false}, {"logo", false}, {"uri", false},
    {"parent_organization_id", false}, {"alternate_name", false},
    {"year_incorporated", false}, {"legal_status", false}, {"tax_status", false},
    {"tax_id", false}};

static const char *read_orgs(Reader *r)
{
    static const char *const names[] = {"organizations.csv", "organization.csv"};
    Table tb;
    bool ok = open_table(r, &tb, names, 2, org_cols, ORG_NCOLS);
    const char *file = table_where(&tb, ok, "organizations.csv");
    if (ok) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (skip_bad_row(r, &tb, row, ORG_ID))
                continue;
            OrukAt at = at_cell(&tb, row, ORG_ID);
            const char *id = cell(&tb, row, ORG_ID);
            if (!id[0]) {
                oruk_error(r->set, &at, "the organization's id is missing");
                continue;
            }
            bool existing;
            OrukOrg *o = oruk_add_org(r->set, id, &at, &existing);
            if (existing)
                oruk_error(r->set, &at, "the organization id '%s' is used twice; each needs "
                           "its own id", id);
            if (!o)
                continue;
            o->name = cell_clean(r, &tb, row, ORG_NAME);
            o->description = cell_clean(r, &tb, row, ORG_DESCRIPTION);
            o->email = cell_keep(r, &tb, row, ORG_EMAIL);
            o->url = cell_keep(r, &tb, row, ORG_WEBSITE);
            if (!o->url[0])
                o->url = cell_keep(r, &tb, row, ORG_URL);
        }
    }
    csv_table_release(&tb.t);
    return file;
}

enum { SVC_ID, SVC_ORG, SVC_NAME, SVC_DESCRIPTION, SVC_URL, SVC_EMAIL, SVC_STATUS, SVC_FEES,
       SVC_ELIGIBILITY, SVC_MIN_AGE, SVC_MAX_AGE, SVC_APPLICATION, SVC_ALERT, SVC_ASSURED,
       SVC_ATTENDING_TYPE, SVC_ATTENDING_ACCESS, SVC_NCOLS = 26 };
static const CsvColumn service_cols[SVC_NCOLS] = {
    {"id", true}, {"organization_id", false}, {"name", false}, {"description", false},
    {"url", false}, {"email", false}, {"status", false}, {"fees", false},
    {"eligibility_description", false}, {"minimum_age", false}, {"maximum_age", false},
    {"application_process", false}, {"alert", false}, {"assured_date", false},
    {"attending_type", false}, {"attending_access", false}, {"accreditations", false},
    {"assurer_email", false}, {"last_modified", false}, {"deliverable_type", false},
    {"alternate_name", false}, {"program_id", false}, {"interpretation_services", false},
    {"wait_time", false}, {"fees_description", false}, {"licenses", false}};

static bool read_services(Reader *r)
{
    static const char *const names[] = {"services.csv", "service.csv"};
    Table tb;
    bool ok = open_table(r, &tb, names, 2, service_cols, SVC_NCOLS);
    if (!ok && !tb.file[0])
        diag_add(r->set->diags, DIAG_ERROR, r->dir, 0, 0, "there is no services.csv (or "
                 "service.csv) here; give the folder that holds the Open Referral UK tables, "
                 "or a .json file");
    r->services_file = tb.file[0] ? tb.file : "services.csv";
    for (size_t i = 0; ok && i < tb.t.nrows; i++) {
        const CsvRow *row = &tb.t.rows[i];
        if (skip_bad_row(r, &tb, row, SVC_ID))
            continue;
        OrukAt at = at_cell(&tb, row, SVC_ID);
        const char *id = cell(&tb, row, SVC_ID);
        if (!id[0]) {
            oruk_error(r->set, &at, "the service's id is missing");
            continue;
        }
        OrukService *s = oruk_add_service(r->set, id, &at);
        if (!s)
            continue;
        s->org = (OrukRef){.id = cell_keep(r, &tb, row, SVC_ORG),
                           .at = at_cell(&tb, row, SVC_ORG)};
        s->name = cell_clean(r, &tb, row, SVC_NAME);
        s->description = cell_clean(r, &tb, row, SVC_DESCRIPTION);
        s->url = cell_keep(r, &tb, row, SVC_URL);
        s->email = cell_keep(r, &tb, row, SVC_EMAIL);
        s->status = cell_keep(r, &tb, row, SVC_STATUS);
        s->fees = cell_clean(r, &tb, row, SVC_FEES);
        s->eligibility = cell_clean(r, &tb, row, SVC_ELIGIBILITY);
        s->min_age = cell_keep(r, &tb, row, SVC_MIN_AGE);
        s->max_age = cell_keep(r, &tb, row, SVC_MAX_AGE);
        s->alert = cell_clean(r, &tb, row, SVC_ALERT);
        s->assured = cell_keep(r, &tb, row, SVC_ASSURED);
        static const size_t attend[] = {SVC_APPLICATION, SVC_ATTENDING_TYPE,
                                        SVC_ATTENDING_ACCESS};
        for (size_t k = 0; k < 3 && !s->attending[0]; k++)
            s->attending = cell_clean(r, &tb, row, attend[k]);
    }
    csv_table_release(&tb.t);
    return ok;
}

/* ==== locations ==== */

typedef struct Location {
    const char *ext_type, *ext_id, *address;
    int address_rank; /* 2 physical, 1 other, 0 none */
} Location;

typedef struct Places {
    Location *items;
    size_t len, cap;
    IdIndex ix;
    const char *file;
    IdIndex sal_ix;     /* service_at_location id -> service index */
    const char *sal_file;
} Places;

enum { LOC_ID, LOC_TYPE, LOC_NAME, LOC_EXT_ID, LOC_EXT_TYPE, LOC_NCOLS = 13 };
static const CsvColumn location_cols[LOC_NCOLS] = {
    {"id", true}, {"location_type", false}, {"name", false}, {"external_identifier", false},
    {"external_identifier_type", false}, {"description", false}, {"latitude", false},
    {"longitude", false}, {"organization_id", false}, {"alternate_name", false},
    {"transportation", false}, {"url", false}, {"uri", false}};

static void read_locations(Reader *r, Places *pl)
{
    static const char *const names[] = {"locations.csv", "location.csv"};
    Table tb;
    bool ok = open_table(r, &tb, names, 2, location_cols, LOC_NCOLS);
    pl->file = table_where(&tb, ok, "locations.csv");
    if (ok) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            const char *id = cell(&tb, row, LOC_ID);
            if (skip_bad_row(r, &tb, row, LOC_ID) || !id[0])
                continue;
            if (mem_grow((void **)&pl->items, &pl->cap, pl->len + 1, sizeof *pl->items) != 0) {
                oruk_oom(r->set);
                break;
            }
            Location *l = &pl->items[pl->len];
            *l = (Location){.ext_type = cell_keep(r, &tb, row, LOC_EXT_TYPE),
                            .ext_id = cell_keep(r, &tb, row, LOC_EXT_ID), .address = ""};
            if (strcasecmp(cell(&tb, row, LOC_TYPE), "virtual") == 0)
                l->address_rank = 3; /* never takes an address */
            if (id_index_put(&pl->ix, oruk_keep(r->set, id), (int)pl->len, row->line, NULL) != 0) {
                OrukAt at = at_cell(&tb, row, LOC_ID);
                oruk_error(r->set, &at, "the location id '%s' is used twice; each needs its "
                           "own id", id);
                continue;
            }
            pl->len++;
        }
    }
    csv_table_release(&tb.t);
}

enum { ADR_ID, ADR_LOCATION, ADR_1, ADR_2, ADR_CITY, ADR_POSTCODE, ADR_TYPE, ADR_NCOLS = 11 };
static const CsvColumn address_cols[ADR_NCOLS] = {
    {"id", false}, {"location_id", true}, {"address_1", false}, {"address_2", false},
    {"city", false}, {"postal_code", false}, {"address_type", false}, {"attention", false},
    {"region", false}, {"state_province", false}, {"country", false}};

static void read_addresses(Reader *r, Places *pl)
{
    /* 3.0 address tables, then 1.0's physical_address.csv. */
    static const char *const names3[] = {"addresses.csv", "address.csv"};
    static const char *const names1[] = {"physical_address.csv", "physical_addresses.csv"};
    const char *const *sets[] = {names3, names1};
    for (size_t k = 0; k < 2; k++) {
        Table tb;
        if (open_table(r, &tb, sets[k], 2, address_cols, ADR_NCOLS)) {
            for (size_t i = 0; i < tb.t.nrows; i++) {
                const CsvRow *row = &tb.t.rows[i];
                if (row->bad)
                    continue;
                int l = ref(r, &tb, row, ADR_LOCATION, &pl->ix, "location", pl->file, true);
                if (l < 0)
                    continue;
                const char *type = cell(&tb, row, ADR_TYPE);
                int rank = !type[0] || strcasecmp(type, "physical") == 0 ? 2 : 1;
                if (strcasecmp(type, "virtual") == 0 || rank <= pl->items[l].address_rank)
                    continue;
                const char *line = oruk_address_line(r->set, cell_clean(r, &tb, row, ADR_1),
                                                     cell_clean(r, &tb, row, ADR_2),
                                                     cell_clean(r, &tb, row, ADR_CITY),
                                                     cell_clean(r, &tb, row, ADR_POSTCODE));
                if (line[0]) {
                    pl->items[l].address = line;
                    pl->items[l].address_rank = rank;
                }
            }
        }
        csv_table_release(&tb.t);
    }
}

enum { SAL_ID, SAL_SERVICE, SAL_LOCATION, SAL_NCOLS = 4 };
static const CsvColumn sal_cols[SAL_NCOLS] = {
    {"id", false}, {"service_id", true}, {"location_id", true}, {"description", false}};

static void read_service_at_locations(Reader *r, Places *pl)
{
    static const char *const names[] = {"service_at_locations.csv", "service_at_location.csv"};
    Table tb;
    OrukSet *set = r->set;
    bool ok = open_table(r, &tb, names, 2, sal_cols, SAL_NCOLS);
    pl->sal_file = table_where(&tb, ok, "service_at_locations.csv");
    if (ok) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (skip_bad_row(r, &tb, row, SAL_ID))
                continue;
            int s = ref(r, &tb, row, SAL_SERVICE, &set->service_ix, "service",
                        r->services_file, true);
            int l = ref(r, &tb, row, SAL_LOCATION, &pl->ix, "location", pl->file, true);
            const char *id = cell(&tb, row, SAL_ID);
            if (s >= 0 && id[0] &&
                id_index_put(&pl->sal_ix, oruk_keep(set, id), s, row->line, NULL) < 0)
                oruk_oom(set);
            if (s < 0 || l < 0)
                continue;
            const Location *loc = &pl->items[l];
            oruk_service_location(&set->services[s], loc->ext_type, loc->ext_id,
                                  loc->address_rank == 3 ? "" : loc->address);
        }
    }
    csv_table_release(&tb.t);
}

/* The service a row belongs to: service_id, else via its service_at_location_id.
 * -1 when it names neither (a row about something else) or a missing one (error). */
static int row_service(Reader *r, const Places *pl, const Table *tb, const CsvRow *row,
                       size_t service_col, size_t sal_col)
{
    if (cell(tb, row, service_col)[0])
        return ref(r, tb, row, service_col, &r->set->service_ix, "service", r->services_file,
                   false);
    if (sal_col < tb->t.ncolumns && cell(tb, row, sal_col)[0])
        return ref(r, tb, row, sal_col, &pl->sal_ix, "service_at_location", pl->sal_file,
                   false);
    return -1;
}

/* ==== phones ==== */

enum { CON_ID, CON_SERVICE, CON_NCOLS = 10 };
static const CsvColumn contact_cols[CON_NCOLS] = {
    {"id", true}, {"service_id", false}, {"name", false}, {"title", false},
    {"department", false}, {"email", false}, {"organization_id", false},
    {"location_id", false}, {"service_at_location_id", false}, {"phone", false}};

enum { PH_ID, PH_NUMBER, PH_DESCRIPTION, PH_TYPE, PH_SERVICE, PH_CONTACT, PH_SAL, PH_NCOLS = 11 };
static const CsvColumn phone_cols[PH_NCOLS] = {
    {"id", false}, {"number", true}, {"description", false}, {"type", false},
    {"service_id", false}, {"contact_id", false}, {"service_at_location_id", false},
    {"location_id", false}, {"organization_id", false}, {"extension", false},
    {"language", false}};

static void read_phones(Reader *r, const Places *pl)
{
    OrukSet *set = r->set;
    IdIndex contacts = {0}; /* contact id -> service index */
    static const char *const cnames[] = {"contacts.csv", "contact.csv"};
    Table tb;
    bool ok = open_table(r, &tb, cnames, 2, contact_cols, CON_NCOLS);
    const char *contacts_file = table_where(&tb, ok, "contacts.csv");
    if (ok) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (skip_bad_row(r, &tb, row, CON_ID) || !cell(&tb, row, CON_ID)[0])
                continue;
            int s = ref(r, &tb, row, CON_SERVICE, &set->service_ix, "service",
                        r->services_file, false);
            if (id_index_put(&contacts, oruk_keep(set, cell(&tb, row, CON_ID)), s, row->line,
                             NULL) < 0)
                oruk_oom(set);
        }
    }
    csv_table_release(&tb.t);

    static const char *const names[] = {"phones.csv", "phone.csv"};
    if (open_table(r, &tb, names, 2, phone_cols, PH_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (row->bad)
                continue;
            int s = row_service(r, pl, &tb, row, PH_SERVICE, PH_SAL);
            if (s < 0 && !cell(&tb, row, PH_SERVICE)[0] && cell(&tb, row, PH_CONTACT)[0]) {
                const IdEntry *e = id_index_get(&contacts, cell(&tb, row, PH_CONTACT));
                if (!e && !oruk_missing_reported(set, contacts_file, cell(&tb, row, PH_CONTACT))) {
                    OrukAt at = at_cell(&tb, row, PH_CONTACT);
                    oruk_error(set, &at, "there is no contact '%s' in %s",
                               cell(&tb, row, PH_CONTACT), contacts_file);
                }
                s = e ? e->index : -1;
            }
            const char *type = cell(&tb, row, PH_TYPE);
            if (s < 0 || strcasecmp(type, "fax") == 0 || strcasecmp(type, "pager") == 0)
                continue;
            OrukPhone *p = oruk_add_phone(set, &set->services[s]);
            if (p) {
                p->number = cell_keep(r, &tb, row, PH_NUMBER);
                p->description = cell_clean(r, &tb, row, PH_DESCRIPTION);
                p->at = at_cell(&tb, row, PH_NUMBER);
            }
        }
    }
    csv_table_release(&tb.t);
    id_index_release(&contacts);
}

/* ==== schedules ==== */

enum { SCH_ID, SCH_SERVICE, SCH_SAL, SCH_FREQ, SCH_INTERVAL, SCH_BYDAY, SCH_BYMONTHDAY,
       SCH_OPENS, SCH_CLOSES, SCH_DTSTART, SCH_DESCRIPTION, SCH_WEEKDAY, SCH_ATTENDING,
       SCH_NCOLS = 24 };
static const CsvColumn schedule_cols[SCH_NCOLS] = {
    {"id", false}, {"service_id", false}, {"service_at_location_id", false}, {"freq", false},
    {"interval", false}, {"byday", false}, {"bymonthday", false}, {"opens_at", false},
    {"closes_at", false}, {"dtstart", false}, {"description", false}, {"weekday", false},
    {"attending_type", false}, {"valid_from", false}, {"valid_to", false},
    {"location_id", false}, {"timezone", false}, {"until", false}, {"count", false},
    {"wkst", false}, {"byweekno", false}, {"byyearday", false}, {"schedule_link", false},
    {"notes", false}};

static void read_schedules(Reader *r, const Places *pl)
{
    static const char *const names3[] = {"schedules.csv", "schedule.csv"};
    static const char *const names1[] = {"regular_schedule.csv", "regular_schedules.csv"};
    const char *const *sets[] = {names3, names1};
    OrukSet *set = r->set;
    for (size_t k = 0; k < 2; k++) {
        Table tb;
        if (open_table(r, &tb, sets[k], 2, schedule_cols, SCH_NCOLS)) {
            for (size_t i = 0; i < tb.t.nrows; i++) {
                const CsvRow *row = &tb.t.rows[i];
                if (row->bad)
                    continue;
                int s = row_service(r, pl, &tb, row, SCH_SERVICE, SCH_SAL);
                if (s < 0)
                    continue;
                OrukService *svc = &set->services[s];
                OrukRule *ru = oruk_add_rule(set, svc);
                if (!ru)
                    continue;
                ru->freq = cell_keep(r, &tb, row, SCH_FREQ);
                ru->interval = cell_keep(r, &tb, row, SCH_INTERVAL);
                ru->byday = cell_keep(r, &tb, row, SCH_BYDAY);
                ru->bymonthday = cell_keep(r, &tb, row, SCH_BYMONTHDAY);
                ru->opens = cell_keep(r, &tb, row, SCH_OPENS);
                ru->closes = cell_keep(r, &tb, row, SCH_CLOSES);
                ru->dtstart = cell_keep(r, &tb, row, SCH_DTSTART);
                ru->description = cell_clean(r, &tb, row, SCH_DESCRIPTION);
                ru->weekday = cell_keep(r, &tb, row, SCH_WEEKDAY);
                ru->at = oruk_at_csv(tb.path, row->line, 0);
                if (!svc->attending[0])
                    svc->attending = cell_clean(r, &tb, row, SCH_ATTENDING);
            }
        }
        csv_table_release(&tb.t);
    }
}

/* ==== taxonomy ==== */

enum { TERM_ID, TERM_NAME, TERM_DESCRIPTION, TERM_NCOLS = 13 };
static const CsvColumn term_cols[TERM_NCOLS] = {
    {"id", true}, {"name", false}, {"description", false}, {"parent_id", false},
    {"parent", false}, {"taxonomy", false}, {"taxonomy_id", false}, {"term_uri", false},
    {"code", false}, {"language", false}, {"version", false}, {"vocabulary", false},
    {"taxonomy_detail", false}};

static const char *read_terms(Reader *r)
{
    /* 3.0 taxonomy_terms; 1.0's taxonomy.csv holds the terms themselves (3.0's
     * taxonomy.csv describes whole taxonomies, so it is read only without the former). */
    static const char *const names[] = {"taxonomy_terms.csv", "taxonomy_term.csv",
                                        "taxonomy.csv"};
    Table tb;
    bool ok = open_table(r, &tb, names, 3, term_cols, TERM_NCOLS);
    const char *file = table_where(&tb, ok, "taxonomy_terms.csv");
    if (ok) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (skip_bad_row(r, &tb, row, TERM_ID))
                continue;
            OrukAt at = at_cell(&tb, row, TERM_ID);
            const char *id = cell(&tb, row, TERM_ID);
            bool existing;
            OrukTerm *t = id[0] ? oruk_add_term(r->set, id, &at, &existing) : NULL;
            if (id[0] && existing)
                oruk_error(r->set, &at, "the taxonomy term id '%s' is used twice; each needs "
                           "its own id", id);
            if (!t)
                continue;
            t->name = cell_clean(r, &tb, row, TERM_NAME);
            t->description = cell_clean(r, &tb, row, TERM_DESCRIPTION);
        }
    }
    csv_table_release(&tb.t);
    return file;
}

enum { ATT_ID, ATT_LINK, ATT_TERM, ATT_ENTITY, ATT_TYPE, ATT_NCOLS = 7 };
static const CsvColumn attribute_cols[ATT_NCOLS] = {
    {"id", false}, {"link_id", true}, {"taxonomy_term_id", true}, {"link_entity", false},
    {"link_type", false}, {"value", false}, {"label", false}};

enum { ST_ID, ST_SERVICE, ST_TERM, ST_NCOLS = 3 };
static const CsvColumn service_taxonomy_cols[ST_NCOLS] = {
    {"id", false}, {"service_id", true}, {"taxonomy_id", true}};

enum { LT_ID, LT_LINK, LT_TERM, LT_TYPE, LT_NCOLS = 4 };
static const CsvColumn link_taxonomy_cols[LT_NCOLS] = {
    {"id", false}, {"link_id", true}, {"taxonomy_id", true}, {"link_type", false}};

static void read_links(Reader *r)
{
    OrukSet *set = r->set;
    Table tb;
    static const char *const anames[] = {"attributes.csv", "attribute.csv"};
    if (open_table(r, &tb, anames, 2, attribute_cols, ATT_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (row->bad)
                continue;
            const char *entity = cell(&tb, row, ATT_ENTITY);
            int s = oruk_find(&set->service_ix, cell(&tb, row, ATT_LINK));
            if (s < 0 && strcasecmp(entity, "service") == 0)
                ref(r, &tb, row, ATT_LINK, &set->service_ix, "service", r->services_file, true);
            if (s < 0 || (entity[0] && strcasecmp(entity, "service") != 0))
                continue; /* about an organization, a location ... */
            OrukAt at = at_cell(&tb, row, ATT_TERM);
            oruk_add_term_ref(set, &set->services[s], cell(&tb, row, ATT_TERM), &at);
        }
    }
    csv_table_release(&tb.t);

    static const char *const snames[] = {"service_taxonomy.csv", "service_taxonomies.csv"};
    if (open_table(r, &tb, snames, 2, service_taxonomy_cols, ST_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            if (row->bad)
                continue;
            int s = ref(r, &tb, row, ST_SERVICE, &set->service_ix, "service", r->services_file,
                        true);
            OrukAt at = at_cell(&tb, row, ST_TERM);
            if (s >= 0)
                oruk_add_term_ref(set, &set->services[s], cell(&tb, row, ST_TERM), &at);
        }
    }
    csv_table_release(&tb.t);

    static const char *const lnames[] = {"link_taxonomy.csv", "link_taxonomies.csv"};
    if (open_table(r, &tb, lnames, 2, link_taxonomy_cols, LT_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            int s = row->bad ? -1 : oruk_find(&set->service_ix, cell(&tb, row, LT_LINK));
            OrukAt at = at_cell(&tb, row, LT_TERM);
            if (s >= 0)
                oruk_add_term_ref(set, &set->services[s], cell(&tb, row, LT_TERM), &at);
        }
    }
    csv_table_release(&tb.t);
}

/* ==== languages, costs, eligibility ==== */

enum { LANG_ID, LANG_SERVICE, LANG_NAME, LANG_LANGUAGE, LANG_CODE, LANG_NCOLS = 8 };
static const CsvColumn language_cols[LANG_NCOLS] = {
    {"id", false}, {"service_id", false}, {"name", false}, {"language", false},
    {"code", false}, {"note", false}, {"phone_id", false}, {"location_id", false}};

enum { COST_ID, COST_SERVICE, COST_OPTION, COST_AMOUNT, COST_DESCRIPTION, COST_CURRENCY,
       COST_NCOLS = 8 };
static const CsvColumn cost_cols[COST_NCOLS] = {
    {"id", false}, {"service_id", true}, {"option", false}, {"amount", false},
    {"amount_description", false}, {"currency", false}, {"valid_from", false},
    {"valid_to", false}};

enum { ELIG_ID, ELIG_SERVICE, ELIG_TEXT, ELIG_MIN, ELIG_MAX, ELIG_NCOLS = 5 };
static const CsvColumn eligibility_cols[ELIG_NCOLS] = {
    {"id", false}, {"service_id", true}, {"eligibility", false}, {"minimum_age", false},
    {"maximum_age", false}};

/* "£35 per session" from a cost option row. */
static const char *cost_text(Reader *r, const Table *tb, const CsvRow *row)
{
    const char *amount = cell(tb, row, COST_AMOUNT);
    char *end = NULL;
    double v = amount[0] ? strtod(amount, &end) : 0;
    bool has_amount = end && *end == '\0';
    return oruk_cost_text(r->set, cell_clean(r, tb, row, COST_OPTION),
                          cell_clean(r, tb, row, COST_DESCRIPTION), has_amount, v,
                          cell(tb, row, COST_CURRENCY));
}

static void read_extras(Reader *r)
{
    OrukSet *set = r->set;
    Table tb;
    static const char *const lnames[] = {"languages.csv", "language.csv"};
    if (open_table(r, &tb, lnames, 2, language_cols, LANG_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            int s = row->bad ? -1 : ref(r, &tb, row, LANG_SERVICE, &set->service_ix, "service",
                                        r->services_file, false);
            const char *name = "";
            for (size_t c = LANG_NAME; c <= LANG_CODE && s >= 0 && !name[0]; c++)
                name = cell_clean(r, &tb, row, c);
            if (s >= 0 && name[0])
                oruk_add_language(set, &set->services[s], name);
        }
    }
    csv_table_release(&tb.t);

    static const char *const cnames[] = {"cost_options.csv", "cost_option.csv"};
    if (open_table(r, &tb, cnames, 2, cost_cols, COST_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            int s = row->bad ? -1 : ref(r, &tb, row, COST_SERVICE, &set->service_ix, "service",
                                        r->services_file, true);
            const char *t = s >= 0 ? cost_text(r, &tb, row) : "";
            if (!t[0])
                continue;
            OrukService *svc = &set->services[s];
            svc->cost = svc->cost[0] ? oruk_printf(set, "%s; %s", svc->cost, t) : t;
        }
    }
    csv_table_release(&tb.t);

    static const char *const enames[] = {"eligibility.csv", "eligibilities.csv"};
    if (open_table(r, &tb, enames, 2, eligibility_cols, ELIG_NCOLS)) {
        for (size_t i = 0; i < tb.t.nrows; i++) {
            const CsvRow *row = &tb.t.rows[i];
            int s = row->bad ? -1 : ref(r, &tb, row, ELIG_SERVICE, &set->service_ix, "service",
                                        r->services_file, true);
            if (s < 0)
                continue;
            OrukService *svc = &set->services[s];
            const char *t = cell_clean(r, &tb, row, ELIG_TEXT);
            if (t[0])
                svc->eligibility = svc->eligibility[0]
                                       ? oruk_printf(set, "%s; %s", svc->eligibility, t)
                                       : t;
            if (!svc->min_age[0])
                svc->min_age = cell_keep(r, &tb, row, ELIG_MIN);
            if (!svc->max_age[0])
                svc->max_age = cell_keep(r, &tb, row, ELIG_MAX);
        }
    }
    csv_table_release(&tb.t);
}

void oruk_read_csv(OrukSet *set, const char *dir)
{
    Reader r = {.set = set, .dir = dir, .services_file = "services.csv"};
    set->orgs_where = read_orgs(&r);
    set->terms_where = read_terms(&r);
    if (!read_services(&r))
        return;
    Places pl = {0};
    read_locations(&r, &pl);
    read_addresses(&r, &pl);
    read_service_at_locations(&r, &pl);
    read_phones(&r, &pl);
    read_schedules(&r, &pl);
    read_links(&r);
    read_extras(&r);
    mem_free(pl.items);
    id_index_release(&pl.ix);
    id_index_release(&pl.sal_ix);
}

/* ==== writing the 3.0 tables ==== */

/* The tables and their names as HSDS 3.0's datapackage.json has them (the copy in
 * tests/data/oruk-schema; test_oruk_schema checks every name and column against it).
 * Phones hang off a contact for each service, where the UK profile puts them. */
enum {
    OUT_ORGS, OUT_SERVICES, OUT_LOCATIONS, OUT_ADDRESSES, OUT_SALS, OUT_CONTACTS, OUT_PHONES,
    OUT_SCHEDULES, OUT_TERMS, OUT_ATTRIBUTES, OUT_LANGUAGES, OUT_COSTS, OUT_NTABLES
};
static const char *const out_files[OUT_NTABLES] = {
    "organizations.csv", "services.csv", "locations.csv", "addresses.csv",
    "service_at_location.csv", "contacts.csv", "phones.csv", "schedules.csv",
    "taxonomy_terms.csv", "attributes.csv", "languages.csv", "cost_options.csv"};
static const char *const out_headers[OUT_NTABLES] = {
    "id,name,description,email,website\n",
    ("id,organization_id,name,description,url,email,status,fees,eligibility_description,"
     "minimum_age,maximum_age,application_process,alert,assured_date\n"),
    "id,location_type,name,external_identifier,external_identifier_type\n",
    "id,location_id,address_1,city,state_province,postal_code,country,address_type\n",
    "id,service_id,location_id\n",
    "id,service_id\n",
    "id,contact_id,number,description\n",
    "id,service_id,freq,interval,byday,bymonthday,dtstart,opens_at,closes_at,description\n",
    "id,code,name,description,taxonomy\n",
    "id,link_id,link_entity,taxonomy_term_id\n",
    "id,service_id,name\n",
    "id,service_id,amount,amount_description\n"};

/* Each table's resource name in the data packages (HSDS 3.0 and the UK profile agree on
 * these, though the UK profile spells three file names in the singular). */
static const char *const out_resources[OUT_NTABLES] = {
    "organization", "service", "location", "address", "service_at_location", "contact",
    "phone", "schedule", "taxonomy_term", "attribute", "language", "cost_option"};

/* A column's Table Schema type and format, as HSDS 3.0's datapackage.json gives them
 * (oruk_export_check compares every one with it). */
static void field_type(const char *col, const char **type, const char **format)
{
    static const char *const numbers[] = {"minimum_age", "maximum_age", "amount", "interval"};
    size_t n = strlen(col);
    *type = "string";
    *format = NULL;
    if (strcmp(col, "id") == 0 || (n > 3 && strcmp(col + n - 3, "_id") == 0))
        *format = "uuid";
    else if (strcmp(col, "email") == 0)
        *format = "email";
    else if (strcmp(col, "url") == 0 || strcmp(col, "website") == 0)
        *format = "uri";
    else if (strcmp(col, "assured_date") == 0 || strcmp(col, "dtstart") == 0)
        *type = "date";
    else if (strcmp(col, "opens_at") == 0 || strcmp(col, "closes_at") == 0)
        *type = "time";
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        if (strcmp(col, numbers[i]) == 0)
            *type = "number";
}

/* datapackage.json for the folder: a Tabular Data Package naming each table's resource,
 * file, columns (with their types), primary key and foreign keys, so software that
 * reads data packages finds every table whatever it expects the files to be called.
 * NULL when out of memory. */
static char *datapackage(const OrukSet *set)
{
    json_t *pkg = json_object(), *resources = json_array();
    bool ok = pkg && resources;
    if (ok) {
        ok = json_object_set_new(pkg, "profile", json_string("tabular-data-package")) == 0 &&
             json_object_set_new(pkg, "name", json_string("open-referral-uk")) == 0;
        char title[600];
        snprintf(title, sizeof title, "%s%ssupport services (Open Referral UK 3.0, HSDS 3.0)",
                 set->site_name, set->site_name[0] ? ": " : "");
        ok = ok && json_object_set_new(pkg, "title", json_string(title)) == 0 &&
             json_object_set(pkg, "resources", resources) == 0;
    }
    for (size_t i = 0; ok && i < OUT_NTABLES; i++) {
        json_t *res = json_object(), *schema = json_object(), *fields = json_array(),
               *fks = json_array();
        ok = res && schema && fields && fks && json_array_append(resources, res) == 0;
        if (ok)
            ok = json_object_set_new(res, "name", json_string(out_resources[i])) == 0 &&
                 json_object_set_new(res, "path", json_string(out_files[i])) == 0 &&
                 json_object_set_new(res, "profile", json_string("tabular-data-resource")) == 0 &&
                 json_object_set_new(res, "format", json_string("csv")) == 0 &&
                 json_object_set_new(res, "mediatype", json_string("text/csv")) == 0 &&
                 json_object_set_new(res, "encoding", json_string("utf-8")) == 0 &&
                 json_object_set(res, "schema", schema) == 0 &&
                 json_object_set(schema, "fields", fields) == 0 &&
                 json_object_set_new(schema, "primaryKey", json_string("id")) == 0;
        /* The columns, from the header written at the top of the table. */
        const char *h = out_headers[i];
        while (ok && *h && *h != '\n') {
            size_t n = strcspn(h, ",\n");
            char col[64];
            snprintf(col, sizeof col, "%.*s", (int)n, h);
            const char *type, *format;
            field_type(col, &type, &format);
            json_t *f = json_pack("{s:s, s:s}", "name", col, "type", type);
            ok = f && (!format || json_object_set_new(f, "format", json_string(format)) == 0) &&
                 json_array_append_new(fields, f) == 0;
            if (!ok)
                json_decref(f);
            /* A link to another table written here: a foreign key. */
            for (size_t k = 0; ok && n > 3 && strcmp(col + n - 3, "_id") == 0 && k < OUT_NTABLES;
                 k++) {
                if (strlen(out_resources[k]) != n - 3 || strncmp(out_resources[k], col, n - 3))
                    continue;
                json_t *fk = json_pack("{s:s, s:{s:s, s:s}}", "fields", col, "reference",
                                       "resource", out_resources[k], "fields", "id");
                ok = fk && json_array_append_new(fks, fk) == 0;
            }
            h += n + (h[n] == ',');
        }
        if (ok && json_array_size(fks) > 0)
            ok = json_object_set(schema, "foreignKeys", fks) == 0;
        json_decref(res);
        json_decref(schema);
        json_decref(fields);
        json_decref(fks);
    }
    char *text = ok ? json_dumps(pkg, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(resources);
    json_decref(pkg);
    return text;
}

/* Puts fields (NULL-terminated) as one row. */
static void row_out(StrBuf *sb, const char *const *fields)
{
    for (size_t i = 0; fields[i]; i++)
        oruk_csv_put(sb, fields[i], fields[i + 1] == NULL);
}

static void write_location(OrukSet *set, StrBuf *t, const OrukService *s, IdIndex *written,
                           char *location_id)
{
    char key[128], address_id[ORUK_UUID_LEN + 1];
    snprintf(key, sizeof key, s->place[0] ? "place/%s" : "service/%s",
             s->place[0] ? s->place : s->sid);
    oruk_uuid(set->site_name, "location", key, location_id);
    if (id_index_get(written, location_id))
        return; /* a place several services share: once */
    if (id_index_put(written, oruk_keep(set, location_id), 0, 0, NULL) < 0)
        oruk_oom(set);
    oruk_uuid(set->site_name, "address", key, address_id);
    if (s->place[0]) {
        int p = oruk_find(&set->place_ix, s->place);
        row_out(&t[OUT_LOCATIONS],
                (const char *[]){location_id, "physical", p >= 0 ? set->place_names[p] : s->place,
                                 s->place, oruk_place_type, NULL});
    } else {
        row_out(&t[OUT_LOCATIONS], (const char *[]){location_id, "physical", "", "", "", NULL});
    }
    OrukAddress a;
    if (oruk_service_address(set, s, &a))
        row_out(&t[OUT_ADDRESSES],
                (const char *[]){address_id, location_id, a.address_1, a.city, a.state_province,
                                 a.postal_code, "GB", "physical", NULL});
}

int oruk_write_csv(OrukSet *set, const char *dir)
{
    StrBuf t[OUT_NTABLES];
    for (size_t i = 0; i < OUT_NTABLES; i++) {
        strbuf_init(&t[i], 0);
        strbuf_adds(&t[i], out_headers[i]);
    }
    for (size_t i = 0; i < set->norgs; i++) {
        const OrukOrg *o = &set->orgs[i];
        row_out(&t[OUT_ORGS], (const char *[]){o->uuid, o->name, o->description, o->email,
                                               o->url, NULL});
    }
    for (size_t i = 0; i < set->nterms; i++) {
        const OrukTerm *tm = &set->terms[i];
        row_out(&t[OUT_TERMS], (const char *[]){tm->uuid, tm->sid, tm->name, tm->description,
                                                "Signpost categories", NULL});
    }
    IdIndex written = {0};
    char id[ORUK_UUID_LEN + 1], key[160];
    for (size_t i = 0; i < set->nservices; i++) {
        const OrukService *s = &set->services[i];
        row_out(&t[OUT_SERVICES],
                (const char *[]){s->uuid, s->org_index >= 0 ? set->orgs[s->org_index].uuid : "",
                                 s->name, s->description, s->url, s->email, s->status, s->fees,
                                 s->eligibility, s->min_age, s->max_age, s->attending, s->alert,
                                 s->assured, NULL});
        if (s->place[0] || s->address[0]) {
            char location_id[ORUK_UUID_LEN + 1];
            write_location(set, t, s, &written, location_id);
            oruk_uuid(set->site_name, "service_at_location", s->sid, id);
            row_out(&t[OUT_SALS], (const char *[]){id, s->uuid, location_id, NULL});
        }
        char contact_id[ORUK_UUID_LEN + 1];
        oruk_uuid(set->site_name, "contact", s->sid, contact_id);
        if (s->nphones > 0)
            row_out(&t[OUT_CONTACTS], (const char *[]){contact_id, s->uuid, NULL});
        for (size_t k = 0; k < s->nphones; k++) {
            snprintf(key, sizeof key, "%s/%zu", s->sid, k);
            oruk_uuid(set->site_name, "phone", key, id);
            row_out(&t[OUT_PHONES], (const char *[]){id, contact_id, s->phones[k].number,
                                                     s->phones[k].description, NULL});
        }
        for (size_t k = 0; k < s->nrules; k++) {
            OrukRuleText rt;
            if (!oruk_rule_text(&s->rules[k], &rt))
                continue;
            char interval[16] = "";
            if (rt.interval > 1)
                snprintf(interval, sizeof interval, "%d", rt.interval);
            snprintf(key, sizeof key, "%s/%zu", s->sid, k);
            oruk_uuid(set->site_name, "schedule", key, id);
            row_out(&t[OUT_SCHEDULES],
                    (const char *[]){id, s->uuid, rt.freq, interval, rt.byday, rt.bymonthday,
                                     rt.dtstart, rt.opens, rt.closes, s->rules[k].description,
                                     NULL});
        }
        for (size_t k = 0; k < s->nterms; k++) {
            const OrukTerm *tm = &set->terms[s->term_index[k]];
            snprintf(key, sizeof key, "%s/%s", s->sid, tm->sid);
            oruk_uuid(set->site_name, "attribute", key, id);
            row_out(&t[OUT_ATTRIBUTES], (const char *[]){id, s->uuid, "service", tm->uuid, NULL});
        }
        for (size_t k = 0; k < s->nlangs; k++) {
            snprintf(key, sizeof key, "%s/%zu", s->sid, k);
            oruk_uuid(set->site_name, "language", key, id);
            row_out(&t[OUT_LANGUAGES], (const char *[]){id, s->uuid, s->langs[k], NULL});
        }
        if (s->fees[0]) {
            oruk_uuid(set->site_name, "cost_option", s->sid, id);
            row_out(&t[OUT_COSTS], (const char *[]){id, s->uuid,
                                                    strcasecmp(s->fees, "free") == 0 ? "0" : "",
                                                    s->fees, NULL});
        }
    }
    id_index_release(&written);
    /* The data package descriptor goes with the tables, written with them. */
    StrBuf all[OUT_NTABLES + 1];
    const char *files[OUT_NTABLES + 1];
    memcpy(all, t, sizeof t);
    memcpy(files, out_files, sizeof out_files);
    files[OUT_NTABLES] = "datapackage.json";
    strbuf_init(&all[OUT_NTABLES], 0);
    char *pkg = set->failed ? NULL : datapackage(set);
    if (pkg) {
        strbuf_adds(&all[OUT_NTABLES], pkg);
        strbuf_addc(&all[OUT_NTABLES], '\n');
        free(pkg);
    } else if (!set->failed) {
        oruk_oom(set);
    }
    int rc = set->failed ? -1 : oruk_write_files(set->diags, dir, files, all, OUT_NTABLES + 1);
    for (size_t i = 0; i <= OUT_NTABLES; i++)
        strbuf_release(&all[i]);
    return rc;
}
