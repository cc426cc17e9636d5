/* oruk_import.c: an Open Referral UK data set into Signpost's categories.csv,
 * organizations.csv, services.csv and schedules.csv (see oruk.h).
 *
 * After a reader (oruk_json.c, oruk_csv.c) has filled the set, oruk_convert():
 *   - resolves references: a service naming an organization or taxonomy term that is
 *     not there is an error at the reference;
 *   - gives every organization, used taxonomy term (a category) and service a Signpost
 *     id. The ids stay the same from one import to the next: a record whose UUID is the
 *     one `content export-oruk` made for an id already in the content folder keeps that
 *     id; one whose name matches a row already there keeps that row's id; the rest get
 *     ids made from their names ("Carers' café" -> carers-cafe, then carers-cafe-2...).
 *     Categories already in categories.csv keep their order there;
 *   - turns each value into Signpost's form, leaving out (with a warning saying what)
 *     what the kiosk cannot use: phone numbers it cannot dial, a third phone, web and
 *     e-mail addresses that are not, ages out of range, impossible meeting rules, a
 *     second location, assured dates in the future;
 *   - renders the four files.
 * oruk_import() then writes them atomically, only when there was no error. */
#include "oruk_model.h"

#include "err.h"
#include "service_columns.h"
#include "files.h"
#include "handoff.h"
#include "schedule.h"
#include "utf8.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *const oruk_signpost_files[4] = {"categories.csv", "organizations.csv",
                                            "services.csv", "schedules.csv"};

enum { AGE_MAX = 120, PHONES_MAX = 2, ORUK_JSON_MAX = 256 * 1024 * 1024 };

/* ==== the content folder's current ids ==== */

enum { KIND_CATEGORY, KIND_ORG, KIND_SERVICE, NKINDS };
static const char *const kind_names[NKINDS] = {"category", "organization", "service"};

/* The translation columns (name_cy...) of a file being replaced, kept for the rows whose
 * ids stay, so an import never loses a translation a volunteer wrote. */
typedef struct Kept {
    size_t ncols;
    const char **names;  /* header cells, as written ("label_cy") */
    IdIndex rows;        /* id -> index into cells */
    const char ***cells; /* per row, ncols values */
    size_t nrows, caprows;
} Kept;

typedef struct Existing {
    Arena arena;
    const char *site;
    const char **ids[NKINDS];
    size_t nids[NKINDS], capids[NKINDS];
    IdIndex by_uuid[NKINDS], by_name[NKINDS], by_id[NKINDS];
    Kept kept[NKINDS];   /* categories and services */
} Existing;

/* Reads the translation columns of dir/file (columns cols, the translatable ones in
 * mask) into k. */
static void kept_load(Existing *ex, Kept *k, const char *dir, const char *file,
                      const CsvColumn *cols, size_t ncols, unsigned long mask)
{
    DiagList scratch;
    diag_init(&scratch);
    CsvTable t;
    csv_table_init(&t);
    t.translatable = mask;
    if (csv_table_read(&t, dir, file, cols, ncols, &scratch) == 0 && t.ntrcols) {
        k->names = arena_alloc(&ex->arena, t.ntrcols * sizeof *k->names);
        for (size_t j = 0; k->names && j < t.ntrcols; j++)
            k->names[j] = arena_strdup(&ex->arena, t.header[t.trcols[j].index]);
        k->ncols = k->names ? t.ntrcols : 0;
        for (size_t i = 0; k->ncols && i < t.nrows; i++) {
            const char *id = csv_cell(&t, &t.rows[i], 0);
            if (t.rows[i].bad || !text_is_id(id) || id_index_get(&k->rows, id) ||
                mem_grow((void **)&k->cells, &k->caprows, k->nrows + 1, sizeof *k->cells) != 0)
                continue;
            const char **row = arena_alloc(&ex->arena, k->ncols * sizeof *row);
            const char *copy = arena_strdup(&ex->arena, id);
            if (!row || !copy)
                break;
            for (size_t j = 0; j < k->ncols; j++)
                row[j] = arena_strdup(&ex->arena, csv_trans_cell(&t, &t.rows[i], j));
            k->cells[k->nrows] = row;
            id_index_put(&k->rows, copy, (int)k->nrows, 0, NULL);
            k->nrows++;
        }
    }
    csv_table_release(&t);
    diag_release(&scratch);
}

/* Ends a row of the file k was read from: the kept translations of row sid (empty for a
 * row that is new), after the columns already written (the last one with last false
 * when there are translation columns, see kept_last). With sid NULL, the header's names. */
static void kept_put(const Kept *k, StrBuf *sb, const char *sid)
{
    const IdEntry *e = sid ? id_index_get(&k->rows, sid) : NULL;
    for (size_t j = 0; j < k->ncols; j++) {
        const char *v = !sid ? k->names[j] : e && k->cells[e->index][j] ? k->cells[e->index][j]
                                                                        : "";
        oruk_csv_put(sb, v, j + 1 == k->ncols);
    }
}

/* Whether the last of a row's own columns ends the line. */
static bool kept_last(const Kept *k)
{
    return k->ncols == 0;
}

static const char *folded_name(Arena *arena, const char *name)
{
    char buf[512];
    utf8_fold(name, buf, sizeof buf);
    return arena_strdup(arena, buf);
}

static void existing_load(Existing *ex, const char *dir)
{
    memset(ex, 0, sizeof *ex);
    arena_init(&ex->arena);
    ex->site = "";
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    char site[512];
    oruk_read_site_name(dir, site, sizeof site);
    ex->site = arena_strdup(&ex->arena, site);
    if (!ex->site)
        ex->site = "";
    static const char *const files[NKINDS] = {"categories.csv", "organizations.csv",
                                              "services.csv"};
    static const CsvColumn cols[NKINDS][2] = {{{"id", true}, {"label", false}},
                                              {{"id", true}, {"name", false}},
                                              {{"id", true}, {"name", false}}};
    for (int k = 0; k < NKINDS; k++) {
        DiagList scratch; /* the content check reports these files' problems */
        diag_init(&scratch);
        CsvTable t;
        csv_table_init(&t);
        if (csv_table_read(&t, dir, files[k], cols[k], 2, &scratch) == 0) {
            for (size_t i = 0; i < t.nrows; i++) {
                const char *id = csv_cell(&t, &t.rows[i], 0);
                if (t.rows[i].bad || !text_is_id(id) || id_index_get(&ex->by_id[k], id))
                    continue;
                if (mem_grow((void **)&ex->ids[k], &ex->capids[k], ex->nids[k] + 1,
                             sizeof(char *)) != 0)
                    break;
                const char *copy = arena_strdup(&ex->arena, id);
                char uuid[ORUK_UUID_LEN + 1];
                oruk_uuid(ex->site, kind_names[k], id, uuid);
                const char *u = arena_strdup(&ex->arena, uuid);
                const char *name = folded_name(&ex->arena, csv_cell(&t, &t.rows[i], 1));
                if (!copy || !u || !name)
                    break;
                int index = (int)ex->nids[k];
                ex->ids[k][ex->nids[k]++] = copy;
                id_index_put(&ex->by_id[k], copy, index, 0, NULL);
                id_index_put(&ex->by_uuid[k], u, index, 0, NULL);
                if (name[0])
                    id_index_put(&ex->by_name[k], name, index, 0, NULL);
            }
        }
        csv_table_release(&t);
        diag_release(&scratch);
    }
    static const CsvColumn cat_cols[] = {{"id", true}, {"label", false}, {"description", false}};
    kept_load(ex, &ex->kept[KIND_CATEGORY], dir, "categories.csv", cat_cols, 3, 1ul << 1 | 1ul << 2);
    kept_load(ex, &ex->kept[KIND_SERVICE], dir, "services.csv", service_columns, SVC_NCOLS,
              1ul << SVC_NAME | 1ul << SVC_DESCRIPTION | 1ul << SVC_ELIGIBILITY |
              1ul << SVC_FEES | 1ul << SVC_ATTENDING | 1ul << SVC_ALERT);
}

static void existing_release(Existing *ex)
{
    for (int k = 0; k < NKINDS; k++) {
        mem_free(ex->kept[k].cells);
        id_index_release(&ex->kept[k].rows);
        mem_free(ex->ids[k]);
        id_index_release(&ex->by_uuid[k]);
        id_index_release(&ex->by_name[k]);
        id_index_release(&ex->by_id[k]);
    }
    arena_release(&ex->arena);
}

/* ==== Signpost ids ==== */

typedef struct Assign {
    const char *uuid, *name;
    const char **sid;
} Assign;

/* Gives each record an id: the one it had (by UUID, then by name), else one from its
 * name, unique among them. */
static void assign_ids(OrukSet *set, const Existing *ex, int kind, Assign *a, size_t n,
                       const char *fallback)
{
    IdIndex taken = {0};
    for (int pass = 0; pass < 2; pass++) {
        const IdIndex *ix = pass == 0 ? &ex->by_uuid[kind] : &ex->by_name[kind];
        for (size_t i = 0; i < n; i++) {
            if ((*a[i].sid)[0])
                continue;
            const char *key = pass == 0 ? a[i].uuid : folded_name(&set->arena, a[i].name);
            int e = key && key[0] ? oruk_find(ix, key) : -1;
            if (e < 0 || id_index_get(&taken, ex->ids[kind][e]))
                continue;
            *a[i].sid = ex->ids[kind][e];
            if (id_index_put(&taken, *a[i].sid, 0, 0, NULL) < 0)
                oruk_oom(set);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if ((*a[i].sid)[0])
            continue;
        char base[64], id[80];
        oruk_slug(a[i].name, fallback, base, sizeof base);
        snprintf(id, sizeof id, "%s", base);
        for (int k = 2; id_index_get(&taken, id) || oruk_find(&ex->by_id[kind], id) >= 0; k++)
            snprintf(id, sizeof id, "%s-%d", base, k);
        *a[i].sid = oruk_keep(set, id);
        if (id_index_put(&taken, *a[i].sid, 0, 0, NULL) < 0)
            oruk_oom(set);
    }
    id_index_release(&taken);
}

/* ==== values ==== */


static const char *status_of(OrukSet *set, const OrukService *s)
{
    static const char *const known[] = {"active", "inactive", "defunct", "temporarily closed"};
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(s->status, known[i]) == 0)
            return known[i];
    if (strcasecmp(s->status, "temporarily_closed") == 0 ||
        strcasecmp(s->status, "temporarily-closed") == 0)
        return "temporarily closed";
    if (!s->status[0]) {
        oruk_warning(set, &s->at, "the service '%s' has no status; it is taken as active",
                     s->name);
        return "active";
    }
    oruk_error(set, &s->at, "the service '%s' has the status '%s'; Open Referral UK's are "
               "active, inactive, defunct and temporarily closed", s->name, s->status);
    return NULL;
}

/* An age in whole years, or -1 (left out with a warning when it is not one). */
static long age_of(OrukSet *set, const OrukService *s, const char *text, const char *what)
{
    if (!text[0])
        return -1;
    char *end;
    double v = strtod(text, &end);
    if (*end == '\0' && v >= 0 && v <= AGE_MAX && v == (double)(long)v)
        return (long)v;
    oruk_warning(set, &s->at, "the %s of '%s' is '%s', not a whole number of years from 0 to "
                 "%d; it is left out", what, s->name, text, AGE_MAX);
    return -1;
}

static const char *web_of(OrukSet *set, const OrukService *s, const char *url, const char *what)
{
    if (!url[0] || text_is_web(url))
        return url;
    if (strncasecmp(url, "www.", 4) == 0) {
        const char *fixed = oruk_printf(set, "https://%s", url);
        if (text_is_web(fixed))
            return fixed;
    }
    oruk_warning(set, &s->at, "the %s '%s' of '%s' is not a web address the kiosk can show "
                 "(it starts with https://); it is left out", what, url, s->name);
    return "";
}

static const char *email_of(OrukSet *set, const OrukAt *at, const char *name, const char *email)
{
    if (strncasecmp(email, "mailto:", 7) == 0)
        email += 7;
    if (!email[0] || text_is_email(email))
        return email;
    oruk_warning(set, at, "'%s' (of '%s') is not an e-mail address; it is left out", email,
                 name);
    return "";
}

static const char *assured_of(OrukSet *set, const OrukService *s, CivilDate day)
{
    const char *text = s->assured;
    if (!text[0])
        return "";
    CivilDate d;
    char date[11];
    size_t n = strlen(text);
    snprintf(date, sizeof date, "%s", text);
    bool datetime = n > 10 && (text[10] == 'T' || text[10] == ' ');
    if ((n != 10 && !datetime) || civil_parse(date, &d) != 0) {
        oruk_warning(set, &s->at, "the assured_date of '%s' is '%s', not a date like "
                     "2026-03-31; it is left out", s->name, text);
        return "";
    }
    if (civil_to_days(d) > civil_to_days(day)) {
        oruk_warning(set, &s->at, "the assured_date of '%s' is %s, after today; it is left out",
                     s->name, date);
        return "";
    }
    return oruk_keep(set, date);
}

static void phones_of(OrukSet *set, OrukService *s)
{
    size_t kept = 0;
    for (size_t k = 0; k < s->nphones; k++) {
        OrukPhone p = s->phones[k];
        if (!p.number[0])
            continue;
        if (!handoff_phone_valid(p.number)) {
            oruk_warning(set, &p.at, "'%s' (a phone number of '%s') is not a number the kiosk "
                         "can show to dial: it needs the area code, like 01632 960123, or "
                         "+ and the country code; it is left out", p.number, s->name);
            continue;
        }
        bool again = false;
        for (size_t j = 0; j < kept; j++)
            again |= strcmp(s->phones[j].number, p.number) == 0;
        if (again)
            continue;
        if (kept == PHONES_MAX) {
            oruk_warning(set, &p.at, "'%s' has more than %d phone numbers; the kiosk shows "
                         "two, so '%s' is left out", s->name, PHONES_MAX, p.number);
            continue;
        }
        s->phones[kept++] = p;
    }
    s->nphones = kept;
}

/* ==== meeting rules ==== */

static const char *const day_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

/* 1.0's weekday ("Monday", "mon", "MO", or 1 = Monday .. 7 = Sunday) as a day code. */
static const char *weekday_code(const char *w)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
    size_t n = strlen(w);
    for (int d = 0; d < 7; d++) {
        if ((n >= 2 && strncasecmp(w, names[d], n) == 0) || strcasecmp(w, day_codes[d]) == 0)
            return day_codes[d];
        if (n == 1 && w[0] == '1' + d)
            return day_codes[d];
    }
    return NULL;
}

/* "10:00:00", "10:00:00Z", "10:00+01:00" -> "10:00"; "23:59:59" -> "24:00" (to
 * midnight). Anything else is given back for the schedule check to judge. */
static const char *time_of(OrukSet *set, const char *t)
{
    size_t n = strlen(t);
    if (n >= 5 && t[2] == ':' && (n == 5 || t[5] == ':' || t[5] == 'Z' || t[5] == '+' ||
                                  t[5] == '-' || t[5] == '.')) {
        if (strncmp(t, "23:59:59", 8) == 0)
            return "24:00";
        return oruk_keepn(set, t, 5);
    }
    return t;
}

static const char *upper_nospace(OrukSet *set, const char *s)
{
    char *out = arena_alloc(&set->arena, strlen(s) + 1);
    if (!out) {
        oruk_oom(set);
        return "";
    }
    size_t n = 0;
    for (const char *p = s; *p; p++)
        if (*p != ' ')
            out[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    out[n] = '\0';
    return out;
}

/* Normalises a rule into Signpost's spelling; false (warned) when it is left out. */
static bool rule_of(OrukSet *set, const OrukService *s, OrukRule *r, bool *from_weekday)
{
    *from_weekday = false;
    r->freq = upper_nospace(set, r->freq);
    r->byday = upper_nospace(set, r->byday);
    if (!r->byday[0] && r->weekday[0]) {
        const char *code = weekday_code(r->weekday);
        if (!code) {
            oruk_warning(set, &r->at, "a schedule of '%s' has the weekday '%s', which is not a "
                         "day; it is left out", s->name, r->weekday);
            return false;
        }
        r->byday = code;
        *from_weekday = true;
    }
    if (strcmp(r->freq, "DAILY") == 0 && !r->byday[0] && !r->bymonthday[0]) {
        r->freq = "WEEKLY";
        r->byday = "MO,TU,WE,TH,FR,SA,SU";
    } else if (!r->freq[0]) {
        r->freq = r->bymonthday[0] || strpbrk(r->byday, "0123456789") ? "MONTHLY" : "WEEKLY";
    }
    if (strcmp(r->interval, "1") == 0)
        r->interval = "";
    r->opens = time_of(set, r->opens);
    r->closes = time_of(set, r->closes);
    size_t dn = strlen(r->dtstart);
    if (dn > 10 && (r->dtstart[10] == 'T' || r->dtstart[10] == ' '))
        r->dtstart = oruk_keepn(set, r->dtstart, 10);
    Schedule rule;
    ScheduleError err;
    if (schedule_from_fields(r->freq, r->interval, r->byday, r->bymonthday, r->opens, r->closes,
                             r->dtstart, &rule, &err) != 0) {
        oruk_warning(set, &r->at, "a schedule of '%s' is left out: %s", s->name, err.message);
        return false;
    }
    return true;
}

/* Rules from 1.0's one-row-per-weekday tables join up: Monday to Friday, 09:00 to 17:00
 * becomes one rule with byday MO,TU,WE,TH,FR. */
static bool same_times(const OrukRule *a, const OrukRule *b)
{
    return strcmp(a->freq, b->freq) == 0 && strcmp(a->interval, b->interval) == 0 &&
           strcmp(a->opens, b->opens) == 0 && strcmp(a->closes, b->closes) == 0 &&
           strcmp(a->dtstart, b->dtstart) == 0 && strcmp(a->description, b->description) == 0 &&
           !a->bymonthday[0] && !b->bymonthday[0];
}

static void rules_of(OrukSet *set, OrukService *s)
{
    size_t kept = 0;
    bool last_from_weekday = false;
    for (size_t k = 0; k < s->nrules; k++) {
        OrukRule r = s->rules[k];
        bool from_weekday;
        if (!rule_of(set, s, &r, &from_weekday))
            continue;
        OrukRule *prev = kept ? &s->rules[kept - 1] : NULL;
        if (from_weekday && last_from_weekday && prev && same_times(prev, &r) &&
            !strstr(prev->byday, r.byday)) {
            prev->byday = oruk_printf(set, "%s,%s", prev->byday, r.byday);
            continue;
        }
        s->rules[kept++] = r;
        last_from_weekday = from_weekday;
    }
    s->nrules = kept;
}

/* ==== conversion ==== */

typedef struct Convert {
    OrukSet *set;
    Existing ex;
    CivilDate today;
    bool need_other; /* some service has no category: they go under "other" */
    const char *other_sid;
} Convert;

static void resolve(Convert *c)
{
    OrukSet *set = c->set;
    for (size_t i = 0; i < set->nservices; i++) {
        OrukService *s = &set->services[i];
        if (s->org.id[0]) {
            s->org_index = oruk_find(&set->org_ix, s->org.id);
            if (s->org_index < 0 && !oruk_missing_reported(set, set->orgs_where, s->org.id))
                oruk_error(set, &s->org.at, "the service '%s' names the organization '%s', "
                           "but there is no organization '%s' in %s", s->name, s->org.id,
                           s->org.id, set->orgs_where);
        }
        s->term_index = s->nterms ? arena_alloc(&set->arena, s->nterms * sizeof(int)) : NULL;
        if (s->nterms && !s->term_index) {
            oruk_oom(set);
            return;
        }
        size_t n = 0;
        for (size_t k = 0; k < s->nterms; k++) {
            int t = oruk_find(&set->term_ix, s->terms[k].id);
            if (t < 0 && oruk_missing_reported(set, set->terms_where, s->terms[k].id))
                continue;
            if (t < 0) {
                oruk_error(set, &s->terms[k].at, "the service '%s' has the taxonomy term '%s', "
                           "but there is no taxonomy term '%s' in %s", s->name,
                           s->terms[k].id, s->terms[k].id, set->terms_where);
                continue;
            }
            bool again = false;
            for (size_t j = 0; j < n; j++)
                again |= s->term_index[j] == t;
            if (!again)
                s->term_index[n++] = t;
        }
        s->nterms = n;
        for (size_t k = 0; k < n; k++)
            set->terms[s->term_index[k]].used = true;
        if (!n)
            c->need_other = true;
        if (!s->name[0])
            oruk_error(set, &s->at, "the service '%s' has no name; every service needs one",
                       s->uuid);
        const char *status = status_of(set, s);
        s->status = status ? status : "";
    }
}

static void give_ids(Convert *c)
{
    OrukSet *set = c->set;
    size_t most = set->nservices > set->norgs ? set->nservices : set->norgs;
    most = most > set->nterms + 1 ? most : set->nterms + 1;
    Assign *a = mem_alloc((most ? most : 1) * sizeof *a);
    if (!a) {
        oruk_oom(set);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < set->nterms; i++)
        if (set->terms[i].used)
            a[n++] = (Assign){set->terms[i].uuid, set->terms[i].name, &set->terms[i].sid};
    c->other_sid = "";
    if (c->need_other)
        a[n++] = (Assign){"", "Other services", &c->other_sid};
    assign_ids(set, &c->ex, KIND_CATEGORY, a, n, "category");
    n = 0;
    for (size_t i = 0; i < set->norgs; i++)
        a[n++] = (Assign){set->orgs[i].uuid, set->orgs[i].name, &set->orgs[i].sid};
    assign_ids(set, &c->ex, KIND_ORG, a, n, "organization");
    n = 0;
    for (size_t i = 0; i < set->nservices; i++)
        a[n++] = (Assign){set->services[i].uuid, set->services[i].name, &set->services[i].sid};
    assign_ids(set, &c->ex, KIND_SERVICE, a, n, "service");
    mem_free(a);
}

/* Categories in the content folder's order first, then new ones as met. */
static int cmp_terms(const void *pa, const void *pb)
{
    const OrukTerm *a = *(OrukTerm *const *)pa, *b = *(OrukTerm *const *)pb;
    return a->order < b->order ? -1 : a->order > b->order;
}

static void render_categories(Convert *c, StrBuf *sb, OrukStats *stats)
{
    OrukSet *set = c->set;
    const Kept *kept = &c->ex.kept[KIND_CATEGORY];
    strbuf_adds(sb, kept_last(kept) ? "id,label,description\n" : "id,label,description,");
    kept_put(kept, sb, NULL);
    OrukTerm **list = mem_alloc((set->nterms + 1) * sizeof *list);
    if (!list) {
        oruk_oom(set);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < set->nterms; i++) {
        OrukTerm *t = &set->terms[i];
        if (!t->used)
            continue;
        int pos = oruk_find(&c->ex.by_id[KIND_CATEGORY], t->sid);
        t->order = pos >= 0 ? (size_t)pos : c->ex.nids[KIND_CATEGORY] + i;
        if (!t->name[0]) {
            oruk_warning(set, &t->at, "the taxonomy term '%s' has no name; its category is "
                         "called 'Unnamed category' until you name it in categories.csv",
                         t->uuid);
            t->name = "Unnamed category";
        }
        list[n++] = t;
    }
    qsort(list, n, sizeof *list, cmp_terms);
    for (size_t i = 0; i < n; i++) {
        oruk_csv_put(sb, list[i]->sid, false);
        oruk_csv_put(sb, list[i]->name, false);
        oruk_csv_put(sb, list[i]->description, kept_last(kept));
        kept_put(kept, sb, list[i]->sid);
    }
    if (c->need_other) {
        oruk_csv_put(sb, c->other_sid, false);
        oruk_csv_put(sb, "Other services", false);
        oruk_csv_put(sb, "Services not in any other group.", kept_last(kept));
        kept_put(kept, sb, c->other_sid);
        n++;
    }
    stats->categories = (int)n;
    mem_free(list);
}

typedef struct OrgOrder {
    size_t order;
    OrukOrg *org;
} OrgOrder;

static int cmp_orgs(const void *pa, const void *pb)
{
    const OrgOrder *a = pa, *b = pb;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Organizations in the content folder's order first, then new ones as met. */
static void render_orgs(Convert *c, StrBuf *sb, OrukStats *stats)
{
    OrukSet *set = c->set;
    strbuf_adds(sb, "id,name,description,url,email\n");
    OrgOrder *list = mem_alloc((set->norgs + 1) * sizeof *list);
    if (!list) {
        oruk_oom(set);
        return;
    }
    for (size_t i = 0; i < set->norgs; i++) {
        int pos = oruk_find(&c->ex.by_id[KIND_ORG], set->orgs[i].sid);
        list[i] = (OrgOrder){pos >= 0 ? (size_t)pos : c->ex.nids[KIND_ORG] + i, &set->orgs[i]};
    }
    qsort(list, set->norgs, sizeof *list, cmp_orgs);
    for (size_t i = 0; i < set->norgs; i++) {
        OrukOrg *o = list[i].org;
        if (!o->name[0]) {
            oruk_warning(set, &o->at, "the organization '%s' has no name; it is left out, and "
                         "its services have no organization", o->uuid);
            o->sid = "";
            continue;
        }
        OrukService fake = {.name = o->name, .at = o->at};
        oruk_csv_put(sb, o->sid, false);
        oruk_csv_put(sb, o->name, false);
        oruk_csv_put(sb, o->description, false);
        oruk_csv_put(sb, web_of(set, &fake, o->url, "web site"), false);
        oruk_csv_put(sb, email_of(set, &o->at, o->name, o->email), true);
        stats->organizations++;
    }
    mem_free(list);
}

static void render_service(Convert *c, OrukService *s, StrBuf *sb)
{
    OrukSet *set = c->set;
    const char *status = s->status; /* checked by resolve() */
    if (!s->description[0])
        oruk_warning(set, &s->at, "the service '%s' has no description; the kiosk needs one, "
                     "so add it in services.csv", s->name);
    long min_age = age_of(set, s, s->min_age, "minimum_age");
    long max_age = age_of(set, s, s->max_age, "maximum_age");
    if (min_age >= 0 && max_age >= 0 && min_age > max_age) {
        oruk_warning(set, &s->at, "the maximum_age of '%s' (%ld) is below its minimum_age "
                     "(%ld); the maximum is left out", s->name, max_age, min_age);
        max_age = -1;
    }
    char min_text[24] = "", max_text[24] = "";
    if (min_age >= 0)
        snprintf(min_text, sizeof min_text, "%ld", min_age);
    if (max_age >= 0)
        snprintf(max_text, sizeof max_text, "%ld", max_age);
    phones_of(set, s);
    if (s->nlocations > 1)
        oruk_warning(set, &s->at, "'%s' is at %zu places; the kiosk shows one, so only '%s' is "
                     "kept", s->name, s->nlocations, s->place[0] ? s->place : s->address);
    if (s->place[0] && !text_is_id(s->place)) {
        oruk_warning(set, &s->at, "'%s' names the place '%s', which is not a Signpost id; it "
                     "is left out", s->name, s->place);
        s->place = "";
    }
    StrBuf cats;
    strbuf_init(&cats, 0);
    for (size_t k = 0; k < s->nterms; k++) {
        if (k)
            strbuf_addc(&cats, ';');
        strbuf_adds(&cats, set->terms[s->term_index[k]].sid);
    }
    if (!s->nterms)
        strbuf_adds(&cats, c->other_sid);
    StrBuf langs;
    strbuf_init(&langs, 0);
    for (size_t k = 0; k < s->nlangs; k++) {
        if (k)
            strbuf_adds(&langs, ", ");
        strbuf_adds(&langs, s->langs[k]);
    }
    const char *org = s->org_index >= 0 ? set->orgs[s->org_index].sid : "";
    /* In service_columns order (SVC_ID ... SVC_ASSURED). */
    const char *fields[SVC_NCOLS] = {
        s->sid, s->name, org, status, s->description, cats.buf, s->eligibility, min_text,
        max_text, s->fees[0] ? s->fees : s->cost, langs.buf, web_of(set, s, s->url, "url"),
        email_of(set, &s->at, s->name, s->email),
        s->nphones > 0 ? s->phones[0].number : "", s->nphones > 0 ? s->phones[0].description : "",
        s->nphones > 1 ? s->phones[1].number : "", s->nphones > 1 ? s->phones[1].description : "",
        s->place, s->place[0] ? "" : s->address, s->attending, s->alert,
        assured_of(set, s, c->today)};
    const Kept *kept = &c->ex.kept[KIND_SERVICE];
    for (size_t k = 0; k < SVC_NCOLS; k++)
        oruk_csv_put(sb, fields[k], k + 1 == SVC_NCOLS && kept_last(kept));
    kept_put(kept, sb, s->sid);
    strbuf_release(&cats);
    strbuf_release(&langs);
}

static void render_schedules(const OrukService *s, StrBuf *sb, OrukStats *stats)
{
    for (size_t k = 0; k < s->nrules; k++) {
        const OrukRule *r = &s->rules[k];
        const char *fields[] = {s->sid, r->freq, r->interval, r->byday, r->bymonthday,
                                r->opens, r->closes, r->dtstart, r->description};
        for (size_t f = 0; f < 9; f++)
            oruk_csv_put(sb, fields[f], f == 8);
        stats->schedules++;
    }
}

int oruk_convert(OrukSet *set, const char *existing_dir, StrBuf bufs[4], OrukStats *stats)
{
    size_t errors = set->diags->nerrors;
    Convert c = {.set = set, .today = content_build_day()};
    existing_load(&c.ex, existing_dir);
    OrukStats st = {0};
    resolve(&c);
    if (set->diags->nerrors == errors && !set->failed)
        give_ids(&c);
    if (set->diags->nerrors == errors && !set->failed) {
        render_categories(&c, &bufs[0], &st);
        render_orgs(&c, &bufs[1], &st);
        const Kept *kept = &c.ex.kept[KIND_SERVICE];
        for (size_t k = 0; k < SVC_NCOLS; k++)
            oruk_csv_put(&bufs[2], service_columns[k].name,
                         k + 1 == SVC_NCOLS && kept_last(kept));
        kept_put(kept, &bufs[2], NULL);
        strbuf_adds(&bufs[3], "service,freq,interval,byday,bymonthday,opens_at,closes_at,"
                              "dtstart,description\n");
        for (size_t i = 0; i < set->nservices; i++) {
            OrukService *s = &set->services[i];
            rules_of(set, s);
            render_service(&c, s, &bufs[2]);
            render_schedules(s, &bufs[3], &st);
            st.services++;
        }
    }
    existing_release(&c.ex);
    bool ok = set->diags->nerrors == errors && !set->failed;
    if (stats)
        *stats = ok ? st : (OrukStats){0};
    return ok ? 0 : -1;
}

/* ==== writing files ==== */

int oruk_write_files(DiagList *diags, const char *dir, const char *const *files,
                     const StrBuf *bufs, size_t n)
{
    char path[4096], tmp[4096];
    size_t written = 0;
    int rc = 0;
    for (; written < n && rc == 0; written++) {
        snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, files[written]);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        size_t done = 0;
        while (fd >= 0 && done < bufs[written].len) {
            ssize_t w = write(fd, bufs[written].buf + done, bufs[written].len - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            done += (size_t)w;
        }
        if (fd < 0 || done < bufs[written].len || fsync(fd) != 0) {
            diag_add(diags, DIAG_ERROR, tmp, 0, 0, "cannot write the file: %s; check that the "
                     "folder exists, can be written to and the disk is not full",
                     strerror(errno));
            rc = -1;
        }
        if (fd >= 0 && close(fd) != 0 && rc == 0) {
            diag_add(diags, DIAG_ERROR, tmp, 0, 0, "cannot write the file: %s", strerror(errno));
            rc = -1;
        }
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, files[i]);
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (rename(tmp, path) != 0) {
            diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot replace the file: %s",
                     strerror(errno));
            rc = -1;
        }
    }
    if (rc != 0) {
        for (size_t i = 0; i < written; i++) {
            snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, files[i]);
            unlink(tmp);
        }
        return -1;
    }
    if (n > 0)
        file_sync_dir_of(path); /* the folder, for the renames; best effort */
    return 0;
}

/* ==== entry points ==== */

static char *slurp(const char *path, size_t *len, DiagList *diags)
{
    char *buf = NULL;
    FileRead rc = file_read(path, ORUK_JSON_MAX, &buf, len);
    if (rc == FILE_READ_TOO_LARGE)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "the file is larger than 256 MB");
    else if (rc != FILE_READ_OK)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "%s", err_msg());
    return buf;
}

static int import_set(OrukSet *set, const char *content_dir, bool write, OrukStats *stats)
{
    StrBuf bufs[4];
    for (size_t i = 0; i < 4; i++)
        strbuf_init(&bufs[i], 0);
    int rc = oruk_convert(set, content_dir, bufs, stats);
    if (rc == 0 && write) {
        struct stat st;
        if (stat(content_dir, &st) != 0 && mkdir(content_dir, 0755) != 0) {
            diag_add(set->diags, DIAG_ERROR, content_dir, 0, 0, "cannot make the folder: %s",
                     strerror(errno));
            rc = -1;
        } else {
            rc = oruk_write_files(set->diags, content_dir, oruk_signpost_files, bufs, 4);
        }
    }
    for (size_t i = 0; i < 4; i++)
        strbuf_release(&bufs[i]);
    if (rc != 0 && stats)
        *stats = (OrukStats){0};
    return rc;
}

int oruk_import(const char *source, const char *content_dir, DiagList *diags, OrukStats *stats)
{
    if (sodium_init() < 0) {
        diag_add(diags, DIAG_ERROR, source, 0, 0, "libsodium could not start");
        return -1;
    }
    size_t errors = diags->nerrors;
    OrukSet set;
    oruk_set_init(&set, diags);
    struct stat st;
    if (stat(source, &st) != 0) {
        diag_add(diags, DIAG_ERROR, source, 0, 0, "cannot read it: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        oruk_read_csv(&set, source);
    } else {
        size_t len = 0;
        char *data = slurp(source, &len, diags);
        if (data)
            oruk_read_json(&set, source, data, len);
        mem_free(data);
    }
    /* Converting also finds the problems of a set that already has some (dangling
     * references, statuses), so all are listed at once; nothing is written then. */
    int rc = -1;
    if (!set.failed)
        rc = import_set(&set, content_dir, diags->nerrors == errors, stats);
    if (diags->nerrors != errors) {
        rc = -1;
        if (stats)
            *stats = (OrukStats){0};
    }
    oruk_set_release(&set);
    return rc;
}

/* The in-memory imports: read (JSON text, or a folder of CSV tables), convert, write
 * nothing. */
static int import_memory(const char *name, const char *data, size_t len, const char *csv_dir,
                         DiagList *diags, OrukStats *stats)
{
    if (sodium_init() < 0)
        return -1;
    size_t errors = diags->nerrors;
    OrukSet set;
    oruk_set_init(&set, diags);
    if (csv_dir)
        oruk_read_csv(&set, csv_dir);
    else
        oruk_read_json(&set, name, data, len);
    int rc = -1;
    if (!set.failed)
        rc = import_set(&set, NULL, false, stats);
    if (diags->nerrors != errors) {
        rc = -1;
        if (stats)
            *stats = (OrukStats){0};
    }
    oruk_set_release(&set);
    return rc;
}

int oruk_import_json_memory(const char *name, const char *data, size_t len, DiagList *diags,
                            OrukStats *stats)
{
    return import_memory(name, data, len, NULL, diags, stats);
}

int oruk_import_csv_check(const char *dir, DiagList *diags, OrukStats *stats)
{
    return import_memory(dir, NULL, 0, dir, diags, stats);
}
