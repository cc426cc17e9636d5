/* content_services.c: the support-and-services directory in the content build:
 * categories.csv, organizations.csv, services.csv and schedules.csv (all optional;
 * see content/FORMAT.md), shaped after Open Referral UK. Every cell is checked and
 * every problem reported at its file:line:column, as for the other tables: unknown
 * categories, organisations and places, duplicate ids, impossible meeting rules
 * (schedule_from_fields), phone numbers that cannot be dialled (handoff_phone_valid),
 * e-mail and web addresses, dates, ages. Entries not checked for over a year, and
 * services with no way to contact them, are warnings. Inactive and defunct services
 * are checked but never written; temporarily closed ones are written as such. The
 * writer adds the directory's tables and one search row per service to the store;
 * content_directory_has_service() tells the page checks whether a service: link
 * leads to a service the kiosk shows. */
#include "content_model.h"

#include "content.h"
#include "handoff.h"
#include "row_writer.h"
#include "schedule.h"
#include "service_columns.h"
#include "utf8.h"

#include <sqlite3.h>

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ==== the model ==== */

typedef struct SrcCategory {
    const char *id, *label, *description;
    int line;
    size_t nservices; /* services in the store that have it */
} SrcCategory;

typedef struct SrcOrganization {
    const char *id, *name, *description, *url, *email;
    int line;
} SrcOrganization;

enum { SERVICE_PHONES = 2 };

typedef struct SrcService {
    const char *id, *name, *description, *eligibility, *fees, *languages, *url, *email;
    const char *address, *attending, *alert;
    const char *phones[SERVICE_PHONES], *phone_notes[SERVICE_PHONES];
    size_t nphones;
    int organization;   /* index, -1 none */
    int destination;    /* index into the model's destinations, -1 off site */
    bool closed;        /* temporarily closed */
    bool in_store;      /* active or temporarily closed: written */
    long min_age, max_age; /* -1 when not given */
    int *categories;    /* indices, in the order written; in the model's arena */
    size_t ncategories;
    CivilDate assured;  /* year 0: not given */
    int line;
} SrcService;

typedef struct SrcSchedule {
    int service;        /* index into services */
    Schedule rule;      /* rule.description lives in the model's arena */
    int line;
} SrcSchedule;

typedef struct SrcDirectory SrcDirectory;

struct SrcDirectory {
    SrcTable tcategories, torganizations, tservices, tschedules;
    SrcCategory *categories; size_t ncategories, capcategories;
    SrcOrganization *organizations; size_t norganizations, caporganizations;
    SrcService *services; size_t nservices, capservices;
    SrcSchedule *schedules; size_t nschedules, capschedules;
    CivilDate today; /* the build day: assured dates may not be after it */
};

#define DPUSH(m, d, arr) model_push((m), (void **)&(d)->arr, &(d)->n##arr, &(d)->cap##arr, \
                                    sizeof(*(d)->arr))

enum { CAT_ID, CAT_LABEL, CAT_DESCRIPTION, CAT_NCOLS };
enum { ORG_ID, ORG_NAME, ORG_DESCRIPTION, ORG_URL, ORG_EMAIL, ORG_NCOLS };
enum { SCH_SERVICE, SCH_FREQ, SCH_INTERVAL, SCH_BYDAY, SCH_BYMONTHDAY, SCH_OPENS, SCH_CLOSES,
       SCH_DTSTART, SCH_DESCRIPTION, SCH_NCOLS };

static const CsvColumn category_cols[CAT_NCOLS] = {
    {"id", true}, {"label", true}, {"description", false},
};
static const CsvColumn organization_cols[ORG_NCOLS] = {
    {"id", true}, {"name", true}, {"description", false}, {"url", false}, {"email", false},
};
const CsvColumn service_columns[SVC_NCOLS] = {
    {"id", true}, {"name", true}, {"organization", false}, {"status", true},
    {"description", true}, {"categories", true}, {"eligibility", false},
    {"min_age", false}, {"max_age", false}, {"fees", false}, {"languages", false},
    {"url", false}, {"email", false}, {"phone", false}, {"phone_description", false},
    {"phone2", false}, {"phone2_description", false}, {"place", false},
    {"address", false}, {"attending", false}, {"alert", false},
    {"assured_date", false},
};
static const CsvColumn schedule_cols[SCH_NCOLS] = {
    {"service", true}, {"freq", true}, {"interval", false}, {"byday", false},
    {"bymonthday", false}, {"opens_at", false}, {"closes_at", false}, {"dtstart", false},
    {"description", false},
};

enum { AGE_MAX = 120, DAYS_A_YEAR = 365 };

static void date_text(CivilDate d, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
}

/* ==== categories.csv ==== */

static void load_categories(ContentModel *m, SrcDirectory *d)
{
    CsvTable t;
    csv_table_init(&t);
    t.translatable = 1ul << CAT_LABEL | 1ul << CAT_DESCRIPTION;
    SrcTable *st = &d->tcategories;
    if (src_open_table(m, st, &t, category_cols, CAT_NCOLS, true)) {
        src_trans_columns(m, &t);
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, CAT_ID);
                continue;
            }
            const char *id = src_row_id(&c, CAT_ID, st), *label;
            bool ok = cell_required(&c, CAT_LABEL, "category's label", &label);
            if (!id)
                continue;
            SrcCategory *cat = ok ? DPUSH(m, d, categories) : NULL;
            id = src_remember_id(m, &c, st, id, cat ? (int)d->ncategories - 1 : -1);
            if (cat) {
                *cat = (SrcCategory){.id = id, .label = src_keep(m, label),
                                     .description = src_keep(m, cell_text(&c, CAT_DESCRIPTION)),
                                     .line = t.rows[i].line};
                src_trans_row(m, &c, TR_CATEGORY, id);
            }
        }
    }
    csv_table_release(&t);
}

/* ==== organizations.csv ==== */

static bool cell_email(const Cell *c, size_t col, const char **out)
{
    *out = cell_text(c, col);
    if (!(*out)[0] || text_is_email(*out))
        return true;
    cell_error(c, col, "'%s' is not an e-mail address; write one address with an @ and a "
               "dot after it, like help@example.org", *out);
    return false;
}

static void load_organizations(ContentModel *m, SrcDirectory *d)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &d->torganizations;
    if (src_open_table(m, st, &t, organization_cols, ORG_NCOLS, true)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, ORG_ID);
                continue;
            }
            const char *id = src_row_id(&c, ORG_ID, st), *name, *url, *email;
            bool ok = cell_required(&c, ORG_NAME, "organization's name", &name);
            ok &= cell_web(&c, ORG_URL, &url);
            ok &= cell_email(&c, ORG_EMAIL, &email);
            if (!id)
                continue;
            SrcOrganization *o = ok ? DPUSH(m, d, organizations) : NULL;
            id = src_remember_id(m, &c, st, id, o ? (int)d->norganizations - 1 : -1);
            if (o)
                *o = (SrcOrganization){.id = id, .name = src_keep(m, name),
                                       .description = src_keep(m, cell_text(&c, ORG_DESCRIPTION)),
                                       .url = src_keep(m, url), .email = src_keep(m, email),
                                       .line = t.rows[i].line};
        }
    }
    csv_table_release(&t);
}

/* ==== services.csv ==== */

/* The categories cell: ids separated by ';'. Returns false when one is unknown. */
static bool categories_cell(ContentModel *m, SrcDirectory *d, const Cell *c, SrcService *out)
{
    const char *text = cell_text(c, SVC_CATEGORIES);
    char *copy = arena_strdup(&m->arena, text);
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ';';
    out->categories = copy ? arena_alloc(&m->arena, n * sizeof(int)) : NULL;
    if (!out->categories) {
        diag_add(m->diags, DIAG_ERROR, c->path, c->row->line, 0, "out of memory");
        return false;
    }
    bool ok = true;
    for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok;
         tok = strtok_r(NULL, ";", &save)) {
        while (*tok == ' ')
            tok++;
        size_t len = strlen(tok);
        while (len > 0 && tok[len - 1] == ' ')
            tok[--len] = '\0';
        if (!len)
            continue;
        if (!d->tcategories.loaded) {
            ok = false; /* categories.csv's own problem was reported */
            continue;
        }
        const IdEntry *e = id_index_get(&d->tcategories.ids, tok);
        if (!e && strchr(tok, ',')) {
            cell_error(c, SVC_CATEGORIES, "'%s': separate categories with ; not commas, like "
                       "carers;support-groups", tok);
            ok = false;
            continue;
        }
        if (!e) {
            const char *guess = id_closest(&d->tcategories.ids, tok);
            if (guess)
                cell_error(c, SVC_CATEGORIES, "there is no category '%s' in categories.csv; "
                           "did you mean '%s'?", tok, guess);
            else
                cell_error(c, SVC_CATEGORIES, "there is no category '%s' in categories.csv; "
                           "add it there or check the spelling (separate categories with ;)",
                           tok);
            ok = false;
            continue;
        }
        if (e->index < 0) {
            ok = false;
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < out->ncategories; k++)
            dup |= out->categories[k] == e->index;
        if (dup)
            cell_warning(c, SVC_CATEGORIES, "category '%s' is given twice; once is enough",
                         tok);
        else
            out->categories[out->ncategories++] = e->index;
    }
    if (ok && out->ncategories == 0 && d->tcategories.loaded) {
        cell_error(c, SVC_CATEGORIES, "the categories are missing; give at least one "
                   "category id from categories.csv (several separated by ;), so the service "
                   "can be found under it");
        ok = false;
    }
    return ok;
}

typedef enum Status { STATUS_ACTIVE, STATUS_CLOSED, STATUS_GONE, STATUS_BAD } Status;

static Status status_cell(const Cell *c)
{
    const char *s = cell_text(c, SVC_STATUS);
    if (strcasecmp(s, "active") == 0)
        return STATUS_ACTIVE;
    if (strcasecmp(s, "temporarily closed") == 0 || strcasecmp(s, "temporarily-closed") == 0 ||
        strcasecmp(s, "temporarily_closed") == 0)
        return STATUS_CLOSED;
    if (strcasecmp(s, "inactive") == 0 || strcasecmp(s, "defunct") == 0)
        return STATUS_GONE;
    if (!s[0])
        cell_error(c, SVC_STATUS, "the status is missing; write active, temporarily closed, "
                   "inactive or defunct");
    else if (strcasecmp(s, "closed") == 0)
        cell_error(c, SVC_STATUS, "'closed' is not a status; write temporarily closed if it "
                   "will open again, or defunct if it has stopped for good");
    else
        cell_error(c, SVC_STATUS, "'%s' is not a status; write active, temporarily closed, "
                   "inactive or defunct", s);
    return STATUS_BAD;
}

static bool phone_cell(const Cell *c, size_t col, size_t desc_col, SrcService *out)
{
    const char *number = cell_text(c, col), *note = cell_text(c, desc_col);
    if (!number[0]) {
        if (note[0])
            cell_warning(c, desc_col, "there is a description but no number in the '%s' "
                         "column; add the number or clear the description",
                         c->t->columns[col].name);
        return true;
    }
    if (!handoff_phone_valid(number)) {
        char msg[400];
        phone_problem(number, msg, sizeof msg);
        cell_error(c, col, "%s", msg);
        return false;
    }
    out->phones[out->nphones] = number;
    out->phone_notes[out->nphones] = note;
    out->nphones++;
    return true;
}

/* The assured_date cell; `current` when the service is shown (active or temporarily
 * closed), so an old date matters. */
static bool assured_cell(const SrcDirectory *d, const Cell *c, bool current, CivilDate *out)
{
    const char *s = cell_text(c, SVC_ASSURED);
    *out = (CivilDate){0, 0, 0};
    if (!s[0])
        return true;
    char today[16];
    date_text(d->today, today, sizeof today);
    if (civil_parse(s, out) != 0) {
        cell_error(c, SVC_ASSURED, "'%s' is not a date; write the day the entry was last "
                   "checked as YYYY-MM-DD, like %s", s, today);
        *out = (CivilDate){0, 0, 0};
        return false;
    }
    long age = civil_to_days(d->today) - civil_to_days(*out);
    if (age < 0) {
        cell_error(c, SVC_ASSURED, "%s is after today (%s); write the day the entry was last "
                   "checked", s, today);
        *out = (CivilDate){0, 0, 0};
        return false;
    }
    if (current && age > DAYS_A_YEAR)
        cell_warning(c, SVC_ASSURED, "this entry was last checked on %s, over a year ago; "
                     "check it with the service and update assured_date (the kiosk shows it "
                     "as not checked recently)", s);
    return true;
}

static void load_services(ContentModel *m, SrcDirectory *d)
{
    CsvTable t;
    csv_table_init(&t);
    t.translatable = 1ul << SVC_NAME | 1ul << SVC_DESCRIPTION | 1ul << SVC_ELIGIBILITY |
                    1ul << SVC_FEES | 1ul << SVC_ATTENDING | 1ul << SVC_ALERT;
    SrcTable *st = &d->tservices;
    if (src_open_table(m, st, &t, service_columns, SVC_NCOLS, true)) {
        src_trans_columns(m, &t);
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad) {
                src_remember_bad_row(m, &c, st, SVC_ID);
                st->dropped++;
                continue;
            }
            SrcService v = {.organization = -1, .destination = -1, .line = t.rows[i].line};
            const char *id = src_row_id(&c, SVC_ID, st);
            bool ok = cell_required(&c, SVC_NAME, "service's name", &v.name);
            if (cell_text(&c, SVC_ORGANIZATION)[0]) {
                v.organization = cell_ref(&c, SVC_ORGANIZATION, &d->torganizations,
                                          "organization");
                ok &= v.organization >= 0;
            }
            Status status = status_cell(&c);
            ok &= status != STATUS_BAD;
            ok &= cell_required(&c, SVC_DESCRIPTION, "description", &v.description);
            ok &= categories_cell(m, d, &c, &v);
            bool ages = cell_int(&c, SVC_MIN_AGE, 0, AGE_MAX, false, &v.min_age);
            ages &= cell_int(&c, SVC_MAX_AGE, 0, AGE_MAX, false, &v.max_age);
            if (!cell_text(&c, SVC_MIN_AGE)[0])
                v.min_age = -1;
            if (!cell_text(&c, SVC_MAX_AGE)[0])
                v.max_age = -1;
            if (ages && v.min_age >= 0 && v.max_age >= 0 && v.min_age > v.max_age) {
                cell_error(&c, SVC_MAX_AGE, "max_age %ld is below min_age %ld; check the "
                           "ages, or leave max_age empty when there is no upper age",
                           v.max_age, v.min_age);
                ages = false;
            }
            ok &= ages;
            ok &= cell_web(&c, SVC_URL, &v.url);
            ok &= cell_email(&c, SVC_EMAIL, &v.email);
            ok &= phone_cell(&c, SVC_PHONE, SVC_PHONE_DESC, &v);
            ok &= phone_cell(&c, SVC_PHONE2, SVC_PHONE2_DESC, &v);
            v.address = cell_text(&c, SVC_ADDRESS);
            if (cell_text(&c, SVC_PLACE)[0]) {
                v.destination = cell_ref(&c, SVC_PLACE, &m->tdestinations, "destination");
                ok &= v.destination >= 0;
                if (v.address[0]) {
                    cell_error(&c, SVC_ADDRESS, "give either a place on this site or an "
                               "address elsewhere, not both; clear one of them");
                    ok = false;
                }
            }
            ok &= assured_cell(d, &c, status != STATUS_GONE, &v.assured);
            if (ok && status != STATUS_GONE && v.nphones == 0 && !v.email[0] && !v.url[0] &&
                v.destination < 0 && !v.address[0])
                cell_warning(&c, SVC_NAME, "'%s' has no way to contact it: give a phone, "
                             "email, url, place or address", v.name);
            if (!id)
                continue;
            SrcService *dst = ok ? DPUSH(m, d, services) : NULL;
            id = src_remember_id(m, &c, st, id, dst ? (int)d->nservices - 1 : -1);
            if (!dst) {
                st->dropped++;
                continue;
            }
            v.id = id;
            v.name = src_keep(m, v.name);
            v.description = src_keep(m, v.description);
            v.eligibility = src_keep(m, cell_text(&c, SVC_ELIGIBILITY));
            v.fees = src_keep(m, cell_text(&c, SVC_FEES));
            v.languages = src_keep(m, cell_text(&c, SVC_LANGUAGES));
            v.url = src_keep(m, v.url);
            v.email = src_keep(m, v.email);
            v.address = src_keep(m, v.address);
            v.attending = src_keep(m, cell_text(&c, SVC_ATTENDING));
            v.alert = src_keep(m, cell_text(&c, SVC_ALERT));
            for (size_t k = 0; k < v.nphones; k++) {
                v.phones[k] = src_keep(m, v.phones[k]);
                v.phone_notes[k] = src_keep(m, v.phone_notes[k]);
            }
            v.closed = status == STATUS_CLOSED;
            v.in_store = status != STATUS_GONE;
            *dst = v;
            src_trans_row(m, &c, TR_SERVICE, id);
            if (v.in_store)
                for (size_t k = 0; k < v.ncategories; k++)
                    d->categories[v.categories[k]].nservices++;
        }
    }
    csv_table_release(&t);
}

/* ==== schedules.csv ==== */

static void load_schedules(ContentModel *m, SrcDirectory *d)
{
    CsvTable t;
    csv_table_init(&t);
    SrcTable *st = &d->tschedules;
    if (src_open_table(m, st, &t, schedule_cols, SCH_NCOLS, true)) {
        for (size_t i = 0; i < t.nrows; i++) {
            Cell c = {m, &t, &t.rows[i], t.path};
            if (t.rows[i].bad)
                continue;
            int service = cell_ref(&c, SCH_SERVICE, &d->tservices, "service");
            Schedule rule;
            ScheduleError err;
            bool ok = service >= 0;
            if (schedule_from_fields(cell_text(&c, SCH_FREQ), cell_text(&c, SCH_INTERVAL),
                                     cell_text(&c, SCH_BYDAY), cell_text(&c, SCH_BYMONTHDAY),
                                     cell_text(&c, SCH_OPENS), cell_text(&c, SCH_CLOSES),
                                     cell_text(&c, SCH_DTSTART), &rule, &err) != 0) {
                size_t col = SCH_FREQ;
                for (size_t k = 0; k < SCH_NCOLS; k++)
                    if (strcmp(schedule_cols[k].name, err.field) == 0)
                        col = k;
                cell_error(&c, col, "%s", err.message);
                ok = false;
            }
            if (!ok)
                continue;
            SrcSchedule *s = DPUSH(m, d, schedules);
            if (!s)
                continue;
            rule.description = src_keep(m, cell_text(&c, SCH_DESCRIPTION));
            *s = (SrcSchedule){.service = service, .rule = rule, .line = t.rows[i].line};
        }
    }
    csv_table_release(&t);
}

/* ==== entry points ==== */

void content_load_directory(ContentModel *m)
{
    SrcDirectory *d = mem_zalloc(sizeof *d);
    if (!d) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading content");
        return;
    }
    m->directory = d;
    d->tcategories.file = "categories.csv";
    d->torganizations.file = "organizations.csv";
    d->tservices.file = "services.csv";
    d->tschedules.file = "schedules.csv";
    d->today = content_build_day();
    load_categories(m, d);
    load_organizations(m, d);
    load_services(m, d);
    load_schedules(m, d);
}

void content_check_directory(ContentModel *m)
{
    SrcDirectory *d = m->directory;
    if (!d || !d->tservices.loaded || d->tservices.dropped > 0)
        return;
    for (size_t i = 0; i < d->ncategories; i++) {
        const SrcCategory *cat = &d->categories[i];
        if (cat->nservices == 0)
            diag_add(m->diags, DIAG_WARNING, d->tcategories.path, cat->line,
                     d->tcategories.colnum[CAT_ID], "no service the kiosk shows has the "
                     "category '%s'; the kiosk would show an empty list, so give it services "
                     "or remove it", cat->id);
    }
}

DirLookup content_directory_has_service(const ContentModel *m, const char *id,
                                        const char **guess)
{
    const SrcDirectory *d = m->directory;
    if (guess)
        *guess = NULL;
    if (!d || !d->tservices.loaded)
        return DIR_UNKNOWN;
    const IdEntry *e = id_index_get(&d->tservices.ids, id);
    if (e)
        return e->index < 0 ? DIR_UNKNOWN
             : d->services[e->index].in_store ? DIR_SHOWN : DIR_HIDDEN;
    /* The nearest service the kiosk shows: suggesting a hidden one would not help. */
    size_t best = 3;
    for (size_t i = 0; i < d->nservices && guess; i++) {
        const SrcService *v = &d->services[i];
        if (!v->in_store)
            continue;
        size_t dist = id_distance(id, v->id);
        if (dist < best || (dist == best && *guess && strcmp(v->id, *guess) < 0)) {
            best = dist;
            *guess = v->id;
        }
    }
    return DIR_MISSING;
}

void content_directory_stats(const ContentModel *m, ContentStats *stats)
{
    const SrcDirectory *d = m->directory;
    if (!stats)
        return;
    stats->categories = stats->organizations = stats->services = stats->schedules = 0;
    if (!d)
        return;
    stats->categories = (int)d->ncategories;
    stats->organizations = (int)d->norganizations;
    for (size_t i = 0; i < d->nservices; i++)
        stats->services += d->services[i].in_store;
    for (size_t i = 0; i < d->nschedules; i++)
        stats->schedules += d->services[d->schedules[i].service].in_store;
}

void src_directory_free(SrcDirectory *d)
{
    if (!d)
        return;
    SrcTable *tables[] = {&d->tcategories, &d->torganizations, &d->tservices, &d->tschedules};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        src_table_release(tables[i]);
    mem_free(d->categories);
    mem_free(d->organizations);
    mem_free(d->services);
    mem_free(d->schedules);
    mem_free(d);
}

/* ==== writing ==== */

/* The schedule's ORUK fields in their usual spelling. */
typedef struct ScheduleText {
    char freq[8], byday[40], bymonthday[4], opens[8], closes[8], dtstart[16];
} ScheduleText;

static void hhmm(int minutes, char *out, size_t cap)
{
    if (minutes < 0)
        out[0] = '\0';
    else
        snprintf(out, cap, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}

static void schedule_text(const Schedule *s, ScheduleText *out)
{
    static const char *const codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    memset(out, 0, sizeof *out);
    snprintf(out->freq, sizeof out->freq, "%s",
             s->freq == SCHEDULE_WEEKLY ? "WEEKLY" : "MONTHLY");
    size_t len = 0;
    for (int day = 0; day < 7; day++) {
        if (!(s->byday & (1u << day)))
            continue;
        int n = snprintf(out->byday + len, sizeof out->byday - len, "%s%.0d%s",
                         len ? "," : "", s->week_of_month, codes[day]);
        if (n > 0 && len + (size_t)n < sizeof out->byday)
            len += (size_t)n;
    }
    if (s->bymonthday)
        snprintf(out->bymonthday, sizeof out->bymonthday, "%d", s->bymonthday % 100);
    hhmm(s->opens, out->opens, sizeof out->opens);
    hhmm(s->closes, out->closes, sizeof out->closes);
    if (s->dtstart.year)
        date_text(s->dtstart, out->dtstart, sizeof out->dtstart);
}

/* The search body: organisation, categories, description, eligibility, languages. */
static char *search_body(const SrcDirectory *d, const SrcService *v)
{
    const char *org = v->organization >= 0 ? d->organizations[v->organization].name : "";
    size_t len = strlen(org) + strlen(v->description) + strlen(v->eligibility) +
                 strlen(v->languages) + 8;
    for (size_t k = 0; k < v->ncategories; k++)
        len += strlen(d->categories[v->categories[k]].label) + 1;
    char *body = mem_alloc(len);
    if (!body)
        return NULL;
    size_t used = (size_t)snprintf(body, len, "%s", org);
    for (size_t k = 0; k < v->ncategories; k++)
        used += (size_t)snprintf(body + used, len - used, " %s",
                                 d->categories[v->categories[k]].label);
    snprintf(body + used, len - used, " %s %s %s", v->description, v->eligibility,
             v->languages);
    char *f = utf8_fold_dup(body);
    mem_free(body);
    return f;
}

static void write_services(RowWriter *w, const ContentModel *m, const SrcDirectory *d)
{
    sqlite3_stmt *svc = row_writer_prepare(w,
        "INSERT INTO service(id, name, organization_id, status, description, alert,"
        " eligibility, min_age, max_age, fees, languages, url, email, destination_id, address,"
        " attending, assured_date, sort) VALUES(:id, :name, :organization, :status,"
        " :description, :alert, :eligibility, :min_age, :max_age, :fees, :languages, :url,"
        " :email, :destination, :address, :attending, :assured, :sort)");
    sqlite3_stmt *phone = row_writer_prepare(w, "INSERT INTO service_phone(service_id, number,"
                                                " description, sort) VALUES(:service, :number,"
                                                " :description, :sort)");
    sqlite3_stmt *cat = row_writer_prepare(w, "INSERT INTO service_category(service_id,"
                                              " category_id, sort) VALUES(:service, :category,"
                                              " :sort)");
    sqlite3_stmt *search = row_writer_prepare(w, "INSERT INTO search(kind, ref, title, body)"
                                                 " VALUES('service', :ref, :title, :body)");
    const char *doing = "writing the support services";
    for (size_t i = 0; i < d->nservices && !w->failed; i++) {
        const SrcService *v = &d->services[i];
        if (!v->in_store)
            continue;
        char assured[16] = "";
        if (v->assured.year)
            date_text(v->assured, assured, sizeof assured);
        assert(v->organization < (int)d->norganizations);
        assert(v->destination < (int)m->ndestinations);
        /* NULL for no organisation or place: bound as NULL text. */
        const char *org = v->organization >= 0 ? d->organizations[v->organization].id : NULL;
        const char *dest = v->destination >= 0 ? m->destinations[v->destination].id : NULL;
        ROW_INSERT(w, svc, doing, ROW_TEXT(":id", v->id), ROW_TEXT(":name", v->name),
                   ROW_TEXT(":organization", org),
                   ROW_TEXT(":status", v->closed ? "temporarily closed" : "active"),
                   ROW_TEXT(":description", v->description), ROW_TEXT(":alert", v->alert),
                   ROW_TEXT(":eligibility", v->eligibility),
                   ROW_INT_OR_NULL(":min_age", (int)v->min_age),
                   ROW_INT_OR_NULL(":max_age", (int)v->max_age), ROW_TEXT(":fees", v->fees),
                   ROW_TEXT(":languages", v->languages), ROW_TEXT(":url", v->url),
                   ROW_TEXT(":email", v->email), ROW_TEXT(":destination", dest),
                   ROW_TEXT(":address", v->address), ROW_TEXT(":attending", v->attending),
                   ROW_TEXT(":assured", assured), ROW_INT(":sort", (int)i));
        for (size_t k = 0; k < v->nphones; k++)
            ROW_INSERT(w, phone, doing, ROW_TEXT(":service", v->id),
                       ROW_TEXT(":number", v->phones[k]),
                       ROW_TEXT(":description", v->phone_notes[k]), ROW_INT(":sort", (int)k));
        for (size_t k = 0; k < v->ncategories; k++) {
            assert(v->categories[k] >= 0 && (size_t)v->categories[k] < d->ncategories);
            ROW_INSERT(w, cat, doing, ROW_TEXT(":service", v->id),
                       ROW_TEXT(":category", d->categories[v->categories[k]].id),
                       ROW_INT(":sort", (int)k));
        }
        char *names = content_trans_names(m, TR_SERVICE, v->id, v->name);
        char *title = names ? utf8_fold_dup(names) : NULL, *body = search_body(d, v);
        mem_free(names);
        if (!title || !body)
            row_writer_fail(w, "out of memory while writing the search index");
        else
            ROW_INSERT(w, search, "writing the search index", ROW_TEXT(":ref", v->id),
                       ROW_TEXT(":title", title), ROW_TEXT(":body", body));
        mem_free(title);
        mem_free(body);
    }
    sqlite3_finalize(svc);
    sqlite3_finalize(phone);
    sqlite3_finalize(cat);
    sqlite3_finalize(search);
}

static void write_schedules(RowWriter *w, const SrcDirectory *d)
{
    sqlite3_stmt *st = row_writer_prepare(w,
        "INSERT INTO schedule(service_id, freq, interval, byday, bymonthday, opens_at,"
        " closes_at, dtstart, description, sort) VALUES(:service, :freq, :interval, :byday,"
        " :bymonthday, :opens, :closes, :dtstart, :description, :sort)");
    for (size_t i = 0; i < d->nschedules && !w->failed; i++) {
        const SrcSchedule *s = &d->schedules[i];
        assert(s->service >= 0 && (size_t)s->service < d->nservices);
        const SrcService *v = &d->services[s->service];
        if (!v->in_store)
            continue;
        ScheduleText t;
        schedule_text(&s->rule, &t);
        ROW_INSERT(w, st, "writing the meeting times", ROW_TEXT(":service", v->id),
                   ROW_TEXT(":freq", t.freq), ROW_INT(":interval", s->rule.interval),
                   ROW_TEXT(":byday", t.byday), ROW_TEXT(":bymonthday", t.bymonthday),
                   ROW_TEXT(":opens", t.opens), ROW_TEXT(":closes", t.closes),
                   ROW_TEXT(":dtstart", t.dtstart),
                   ROW_TEXT(":description", s->rule.description), ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);
}

void content_write_directory(const ContentModel *m, RowWriter *w)
{
    const SrcDirectory *d = m->directory;
    sqlite3_stmt *st = row_writer_prepare(w, "INSERT INTO meta(key, value)"
                                             " VALUES('pals_phone', :phone)");
    ROW_INSERT(w, st, "writing the PALS phone number", ROW_TEXT(":phone", m->site_pals_phone));
    sqlite3_finalize(st);
    if (!d)
        return;

    st = row_writer_prepare(w, "INSERT INTO category(id, label, description, sort)"
                               " VALUES(:id, :label, :description, :sort)");
    for (size_t i = 0; i < d->ncategories; i++) {
        const SrcCategory *c = &d->categories[i];
        ROW_INSERT(w, st, "writing the categories", ROW_TEXT(":id", c->id),
                   ROW_TEXT(":label", c->label), ROW_TEXT(":description", c->description),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    st = row_writer_prepare(w, "INSERT INTO organization(id, name, description, url, email,"
                               " sort) VALUES(:id, :name, :description, :url, :email, :sort)");
    for (size_t i = 0; i < d->norganizations; i++) {
        const SrcOrganization *o = &d->organizations[i];
        ROW_INSERT(w, st, "writing the organizations", ROW_TEXT(":id", o->id),
                   ROW_TEXT(":name", o->name), ROW_TEXT(":description", o->description),
                   ROW_TEXT(":url", o->url), ROW_TEXT(":email", o->email),
                   ROW_INT(":sort", (int)i));
    }
    sqlite3_finalize(st);

    write_services(w, m, d);
    write_schedules(w, d);
}
