/* oruk_export.c: a content folder's support services out as Open Referral UK 3.0 (see
 * oruk.h). The folder must pass the content check first (its errors are listed and
 * nothing is written otherwise), so the four CSV files can then be read as they are:
 * categories become taxonomy terms (their Signpost id as the term's code), each service
 * keeps its organization, phones, meeting rules, languages (the text split at ", "),
 * fees (also as a cost option), and its place on this site (a location whose
 * external_identifier is the destination id, external_identifier_type
 * "signpost-place", named after the destination, with the site's name as the address)
 * or its address elsewhere (split into address_1, city and postal_code). Inactive and
 * defunct services are exported with that status. UUIDs come from oruk_uuid(). */
#include "oruk_model.h"

#include "content.h"
#include "csv_table.h"
#include "err.h"
#include "service_columns.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Export {
    OrukSet *set;
    const char *dir;
    IdIndex org_sid, service_sid, term_sid; /* Signpost id -> index */
    const char *path; /* the table being read, for messages (the set's arena) */
} Export;

/* Reads one of the folder's tables (optional ones may be missing: false). */
static bool read_table(Export *e, CsvTable *t, const char *file, const CsvColumn *cols,
                       size_t ncols)
{
    DiagList scratch; /* the content check has reported every problem already */
    diag_init(&scratch);
    csv_table_init(t);
    int rc = csv_table_read(t, e->dir, file, cols, ncols, &scratch);
    diag_release(&scratch);
    e->path = oruk_keep(e->set, t->path);
    return rc == 0;
}

static const char *cellk(Export *e, const CsvTable *t, const CsvRow *row, size_t col)
{
    return oruk_keep(e->set, csv_cell(t, row, col));
}

static void put_sid(Export *e, IdIndex *ix, const char *sid, int index)
{
    if (id_index_put(ix, sid, index, 0, NULL) < 0)
        oruk_oom(e->set);
}

static void uuid_for(Export *e, const char *kind, const char *sid, const char **out)
{
    char uuid[ORUK_UUID_LEN + 1];
    oruk_uuid(e->set->site_name, kind, sid, uuid);
    *out = oruk_keep(e->set, uuid);
}

static void read_places(Export *e)
{
    static const CsvColumn cols[] = {{"id", true}, {"name", true}};
    CsvTable t;
    OrukSet *set = e->set;
    if (read_table(e, &t, "destinations.csv", cols, 2))
        for (size_t i = 0; i < t.nrows; i++) {
            const char *id = cellk(e, &t, &t.rows[i], 0);
            if (mem_grow((void **)&set->place_names, &set->capplaces, set->nplaces + 1,
                         sizeof(char *)) != 0) {
                oruk_oom(set);
                break;
            }
            set->place_names[set->nplaces] = cellk(e, &t, &t.rows[i], 1);
            put_sid(e, &set->place_ix, id, (int)set->nplaces++);
        }
    csv_table_release(&t);
}

static void read_categories(Export *e)
{
    static const CsvColumn cols[] = {{"id", true}, {"label", true}, {"description", false}};
    CsvTable t;
    if (read_table(e, &t, "categories.csv", cols, 3))
        for (size_t i = 0; i < t.nrows; i++) {
            const CsvRow *row = &t.rows[i];
            const char *sid = cellk(e, &t, row, 0), *uuid;
            uuid_for(e, "category", sid, &uuid);
            OrukAt at = oruk_at_csv(e->path, row->line, 1);
            bool existing;
            OrukTerm *term = oruk_add_term(e->set, uuid, &at, &existing);
            if (!term)
                continue;
            term->sid = sid;
            term->name = cellk(e, &t, row, 1);
            term->description = cellk(e, &t, row, 2);
            term->used = true;
            put_sid(e, &e->term_sid, sid, (int)e->set->nterms - 1);
        }
    csv_table_release(&t);
}

static void read_organizations(Export *e)
{
    static const CsvColumn cols[] = {{"id", true}, {"name", true}, {"description", false},
                                     {"url", false}, {"email", false}};
    CsvTable t;
    if (read_table(e, &t, "organizations.csv", cols, 5))
        for (size_t i = 0; i < t.nrows; i++) {
            const CsvRow *row = &t.rows[i];
            const char *sid = cellk(e, &t, row, 0), *uuid;
            uuid_for(e, "organization", sid, &uuid);
            OrukAt at = oruk_at_csv(e->path, row->line, 1);
            bool existing;
            OrukOrg *o = oruk_add_org(e->set, uuid, &at, &existing);
            if (!o)
                continue;
            o->sid = sid;
            o->name = cellk(e, &t, row, 1);
            o->description = cellk(e, &t, row, 2);
            o->url = cellk(e, &t, row, 3);
            o->email = cellk(e, &t, row, 4);
            put_sid(e, &e->org_sid, sid, (int)e->set->norgs - 1);
        }
    csv_table_release(&t);
}


static const char *status_text(const char *s)
{
    if (strncasecmp(s, "temporarily", 11) == 0)
        return "temporarily closed";
    if (strcasecmp(s, "inactive") == 0)
        return "inactive";
    if (strcasecmp(s, "defunct") == 0)
        return "defunct";
    return "active";
}

/* The categories cell ("carers; support-groups") as term indices. */
static void service_terms(Export *e, OrukService *s, const char *cell)
{
    size_t n = 1;
    for (const char *p = cell; *p; p++)
        n += *p == ';';
    s->term_index = arena_alloc(&e->set->arena, n * sizeof(int));
    if (!s->term_index) {
        oruk_oom(e->set);
        return;
    }
    const char *p = cell;
    while (*p) {
        size_t len = strcspn(p, ";");
        const char *id = oruk_clean(e->set, oruk_keepn(e->set, p, len));
        int t = id[0] ? oruk_find(&e->term_sid, id) : -1;
        bool again = false;
        for (size_t k = 0; k < s->nterms; k++)
            again |= s->term_index[k] == t;
        if (t >= 0 && !again)
            s->term_index[s->nterms++] = t;
        p += len + (p[len] == ';');
    }
}

static void service_languages(Export *e, OrukService *s, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *sep = strstr(p, ", ");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        oruk_add_language(e->set, s, oruk_keepn(e->set, p, len));
        p += len + (sep ? 2 : 0);
    }
}

static void read_services(Export *e)
{
    CsvTable t;
    OrukSet *set = e->set;
    if (read_table(e, &t, "services.csv", service_columns, SVC_NCOLS))
        for (size_t i = 0; i < t.nrows; i++) {
            const CsvRow *row = &t.rows[i];
            const char *sid = cellk(e, &t, row, SVC_ID), *uuid;
            uuid_for(e, "service", sid, &uuid);
            OrukAt at = oruk_at_csv(e->path, row->line, 1);
            OrukService *s = oruk_add_service(set, uuid, &at);
            if (!s)
                continue;
            s->sid = sid;
            s->name = cellk(e, &t, row, SVC_NAME);
            s->org_index = oruk_find(&e->org_sid, csv_cell(&t, row, SVC_ORGANIZATION));
            s->status = status_text(csv_cell(&t, row, SVC_STATUS));
            s->description = cellk(e, &t, row, SVC_DESCRIPTION);
            service_terms(e, s, csv_cell(&t, row, SVC_CATEGORIES));
            s->eligibility = cellk(e, &t, row, SVC_ELIGIBILITY);
            s->min_age = cellk(e, &t, row, SVC_MIN_AGE);
            s->max_age = cellk(e, &t, row, SVC_MAX_AGE);
            s->fees = cellk(e, &t, row, SVC_FEES);
            service_languages(e, s, csv_cell(&t, row, SVC_LANGUAGES));
            s->url = cellk(e, &t, row, SVC_URL);
            s->email = cellk(e, &t, row, SVC_EMAIL);
            static const size_t phone_cols[2][2] = {{SVC_PHONE, SVC_PHONE_DESC},
                                                    {SVC_PHONE2, SVC_PHONE2_DESC}};
            for (size_t k = 0; k < 2; k++) {
                const char *number = csv_cell(&t, row, phone_cols[k][0]);
                OrukPhone *p = number[0] ? oruk_add_phone(set, s) : NULL;
                if (p) {
                    p->number = oruk_keep(set, number);
                    p->description = cellk(e, &t, row, phone_cols[k][1]);
                }
            }
            s->place = cellk(e, &t, row, SVC_PLACE);
            s->address = cellk(e, &t, row, SVC_ADDRESS);
            s->attending = cellk(e, &t, row, SVC_ATTENDING);
            s->alert = cellk(e, &t, row, SVC_ALERT);
            s->assured = cellk(e, &t, row, SVC_ASSURED);
            put_sid(e, &e->service_sid, sid, (int)set->nservices - 1);
        }
    csv_table_release(&t);
}

static void read_schedules(Export *e, OrukStats *stats)
{
    static const CsvColumn cols[] = {
        {"service", true}, {"freq", true}, {"interval", false}, {"byday", false},
        {"bymonthday", false}, {"opens_at", false}, {"closes_at", false}, {"dtstart", false},
        {"description", false}};
    CsvTable t;
    OrukSet *set = e->set;
    if (read_table(e, &t, "schedules.csv", cols, 9))
        for (size_t i = 0; i < t.nrows; i++) {
            const CsvRow *row = &t.rows[i];
            int s = oruk_find(&e->service_sid, csv_cell(&t, row, 0));
            OrukRule *r = s >= 0 ? oruk_add_rule(set, &set->services[s]) : NULL;
            if (!r)
                continue;
            r->freq = cellk(e, &t, row, 1);
            r->interval = cellk(e, &t, row, 2);
            r->byday = cellk(e, &t, row, 3);
            r->bymonthday = cellk(e, &t, row, 4);
            r->opens = cellk(e, &t, row, 5);
            r->closes = cellk(e, &t, row, 6);
            r->dtstart = cellk(e, &t, row, 7);
            r->description = cellk(e, &t, row, 8);
            r->at = oruk_at_csv(e->path, row->line, 0);
            stats->schedules++;
        }
    csv_table_release(&t);
}

/* Writes the JSON to out via out.tmp. */
static int write_json_file(OrukSet *set, const char *out)
{
    size_t n = strlen(out) + 5;
    char *tmp = mem_alloc(n);
    if (!tmp) {
        oruk_oom(set);
        return -1;
    }
    snprintf(tmp, n, "%s.tmp", out);
    int rc = -1;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        diag_add(set->diags, DIAG_ERROR, tmp, 0, 0, "cannot write the file: %s; check that the "
                 "folder exists and can be written to", strerror(errno));
    } else {
        static char iobuf[1 << 16];
        setvbuf(f, iobuf, _IOFBF, sizeof iobuf);
        rc = oruk_write_json(set, f);
        if (rc != 0)
            diag_add(set->diags, DIAG_ERROR, tmp, 0, 0, "%s", err_msg());
        if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
            if (rc == 0)
                diag_add(set->diags, DIAG_ERROR, tmp, 0, 0, "cannot write the file: %s",
                         strerror(errno));
            rc = -1;
        }
        if (fclose(f) != 0 && rc == 0) {
            diag_add(set->diags, DIAG_ERROR, tmp, 0, 0, "cannot write the file: %s",
                     strerror(errno));
            rc = -1;
        }
        if (rc == 0 && rename(tmp, out) != 0) {
            diag_add(set->diags, DIAG_ERROR, out, 0, 0, "cannot replace the file: %s",
                     strerror(errno));
            rc = -1;
        }
        if (rc != 0)
            unlink(tmp);
    }
    mem_free(tmp);
    return rc;
}

/* Warns, once for each reason, about locations written without an address because a
 * part the standard requires is not in the content. */
static void warn_addresses(Export *e)
{
    OrukSet *set = e->set;
    size_t on_site = 0, elsewhere = 0;
    const OrukService *example = NULL;
    for (size_t i = 0; i < set->nservices; i++) {
        const OrukService *s = &set->services[i];
        OrukAddress a;
        if ((!s->place[0] && !s->address[0]) || oruk_service_address(set, s, &a))
            continue;
        if (s->place[0]) {
            on_site++;
        } else {
            elsewhere++;
            if (!example && set->site_county[0])
                example = s;
        }
    }
    char site_ini[4096];
    snprintf(site_ini, sizeof site_ini, "%s/site.ini", e->dir);
    if (on_site && !set->site_address[0])
        diag_add(set->diags, DIAG_WARNING, site_ini, 0, 0, "%zu services on the site are "
                 "exported without an address: Open Referral needs the site's street, town "
                 "and postcode; add a line like address = Hospital Road, Northgate NX1 2AB "
                 "under [site]", on_site);
    else if (on_site && set->site_county[0])
        diag_add(set->diags, DIAG_WARNING, site_ini, 0, 0, "%zu services on the site are "
                 "exported without an address: the address setting should end with the "
                 "town and postcode, like Hospital Road, Northgate NX1 2AB", on_site);
    if ((on_site || elsewhere) && !set->site_county[0])
        diag_add(set->diags, DIAG_WARNING, site_ini, 0, 0, "%zu services are exported "
                 "without an address: Open Referral needs the county (state_province); add "
                 "a line like county = Northshire under [site]", on_site + elsewhere);
    else if (example)
        diag_add(set->diags, DIAG_WARNING, example->at.file, example->at.line, 0, "%zu "
                 "services elsewhere are exported without an address, such as this one "
                 "('%s'): Open Referral needs the street, town and postcode; write the "
                 "address like 8 Bridge Street, Northgate NX1 3EF", elsewhere,
                 example->address);
}

int oruk_export(const char *content_dir, const char *out, OrukFormat format, DiagList *diags,
                OrukStats *stats)
{
    if (stats)
        *stats = (OrukStats){0};
    if (sodium_init() < 0) {
        diag_add(diags, DIAG_ERROR, out, 0, 0, "libsodium could not start");
        return -1;
    }
    DiagList check;
    diag_init(&check);
    int rc = content_check(content_dir, &check, NULL);
    if (rc != 0) {
        for (size_t i = 0; i < check.len; i++) {
            const Diag *d = &check.items[i];
            if (d->level == DIAG_ERROR)
                diag_add(diags, DIAG_ERROR, d->file, d->line, d->column, "%s", d->message);
        }
        diag_add(diags, DIAG_ERROR, content_dir, 0, 0, "the content has errors (listed above); "
                 "fix them before exporting. Nothing was written");
        diag_release(&check);
        return -1;
    }
    diag_release(&check);

    OrukSet set;
    oruk_set_init(&set, diags);
    oruk_read_site(&set, content_dir);
    Export e = {.set = &set, .dir = content_dir};
    OrukStats st = {0};
    read_places(&e);
    read_categories(&e);
    read_organizations(&e);
    read_services(&e);
    read_schedules(&e, &st);
    warn_addresses(&e);
    rc = set.failed ? -1 : 0;
    if (rc == 0 && format == ORUK_JSON) {
        rc = write_json_file(&set, out);
    } else if (rc == 0) {
        struct stat sb;
        if (stat(out, &sb) != 0 && mkdir(out, 0755) != 0) {
            diag_add(diags, DIAG_ERROR, out, 0, 0, "cannot make the folder: %s",
                     strerror(errno));
            rc = -1;
        } else if (stat(out, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
            diag_add(diags, DIAG_ERROR, out, 0, 0, "this is a file; the CSV tables need a "
                     "folder (give a new name, or use --format json)");
            rc = -1;
        } else {
            rc = oruk_write_csv(&set, out);
        }
    }
    if (rc == 0 && stats) {
        st.services = (int)set.nservices;
        st.organizations = (int)set.norgs;
        st.categories = (int)set.nterms;
        *stats = st;
    }
    id_index_release(&e.org_sid);
    id_index_release(&e.service_sid);
    id_index_release(&e.term_sid);
    oruk_set_release(&set);
    return rc;
}
