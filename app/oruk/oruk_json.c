/* oruk_json.c: Open Referral UK JSON in and out, with jansson.
 *
 * In: a document that is an array of services, an API page whose `contents` (3.0) or
 * `content` (1.0) is one, or a single service. Each service embeds its organization,
 * phones (also under contacts), schedules (3.0 `schedules`, 1.0 `regular_schedules`),
 * service_at_locations with their location and addresses (1.0 `physical_addresses`),
 * attributes with their taxonomy_term (1.0 `service_taxonomys` with `taxonomy`),
 * languages, cost_options and (1.0) `eligibilitys`. A syntax error is reported at
 * jansson's line:column; problems found after parsing say where in the document they
 * are ("at [3].phones[1]"), since parsed values carry no line numbers.
 *
 * Out: an array of ORUK 3.0 services with everything embedded, one service at a time
 * so a large directory never needs the whole document in memory. */
#include "oruk_model.h"

#include "err.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Reader {
    OrukSet *set;
    const char *file;
} Reader;

/* Room for a place in the document ("contents[3].service_at_locations[0].location");
 * each step keeps at most 200 bytes of the one before, so deep nesting is cut short. */
enum { JSON_PATH = 512 };

/* ==== reading values ==== */

static const char *kind_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "a list";
    case JSON_TRUE:
    case JSON_FALSE: return "true or false";
    case JSON_NULL: return "null";
    case JSON_STRING: return "text";
    default: return "a number";
    }
}

/* The value of obj.key as text ("" when missing or null), or NULL when it is some other
 * kind of value (reported as a warning: the value is left out). Numbers become text. */
static const char *raw_text(Reader *r, const json_t *obj, const char *key, const OrukAt *at)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return "";
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return oruk_printf(r->set, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    if (json_is_real(v))
        return oruk_printf(r->set, "%.15g", json_real_value(v));
    oruk_warning(r->set, at, "'%s' should be text but is %s; it is left out", key,
                 kind_name(v));
    return NULL;
}

/* Text a person reads: cleaned (trimmed, no markup). */
static const char *text(Reader *r, const json_t *obj, const char *key, const OrukAt *at)
{
    const char *s = raw_text(r, obj, key, at);
    return s ? oruk_clean(r->set, s) : "";
}

/* An id or code: trimmed only. */
static const char *ident(Reader *r, const json_t *obj, const char *key, const OrukAt *at)
{
    const char *s = raw_text(r, obj, key, at);
    if (!s)
        return "";
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return oruk_keepn(r->set, s, n);
}

/* The first of several keys that has text. */
static const char *text_of(Reader *r, const json_t *obj, const char *const *keys, size_t n,
                           const OrukAt *at)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = text(r, obj, keys[i], at);
        if (s[0])
            return s;
    }
    return "";
}

/* obj.key as a list: NULL when missing or null; a warning when it is not a list. */
static json_t *list(Reader *r, const json_t *obj, const char *key, const OrukAt *at)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_array(v)) {
        oruk_warning(r->set, at, "'%s' should be a list but is %s; it is left out", key,
                     kind_name(v));
        return NULL;
    }
    return v;
}

/* An element of a list that should be an object; NULL (warned) when it is not. */
static json_t *item(Reader *r, json_t *arr, size_t i, const char *what, const OrukAt *at)
{
    json_t *v = json_array_get(arr, i);
    if (json_is_object(v))
        return v;
    oruk_warning(r->set, at, "%s should be an object but is %s; it is left out", what,
                 kind_name(v));
    return NULL;
}

/* "base.key[i]" */
static OrukAt at_path(Reader *r, const char *base, const char *key, size_t i)
{
    char path[JSON_PATH];
    snprintf(path, sizeof path, "%.200s.%.40s[%zu]", base, key, i);
    return oruk_at_json(r->set, r->file, path);
}

/* ==== the parts of a service ==== */

static void read_org(Reader *r, OrukService *s, const json_t *o, const OrukAt *at)
{
    const char *id = ident(r, o, "id", at);
    if (!id[0]) {
        oruk_error(r->set, at, "the organization has no id");
        return;
    }
    s->org = (OrukRef){.id = id, .at = *at};
    bool existing;
    OrukOrg *org = oruk_add_org(r->set, id, at, &existing);
    if (!org)
        return; /* met before: the first copy counts */
    org->name = text(r, o, "name", at);
    org->description = text(r, o, "description", at);
    static const char *const web[] = {"website", "url"};
    org->url = text_of(r, o, web, 2, at);
    org->email = text(r, o, "email", at);
}

static void read_phone(Reader *r, OrukService *s, const json_t *p, const OrukAt *at)
{
    const char *type = text(r, p, "type", at);
    if (strcasecmp(type, "fax") == 0 || strcasecmp(type, "pager") == 0)
        return;
    OrukPhone *ph = oruk_add_phone(r->set, s);
    if (!ph)
        return;
    ph->number = text(r, p, "number", at);
    ph->description = text(r, p, "description", at);
    ph->at = *at;
}

static void read_phones(Reader *r, OrukService *s, const json_t *obj, const char *base)
{
    OrukAt at = oruk_at_json(r->set, r->file, base);
    json_t *arr = list(r, obj, "phones", &at);
    for (size_t i = 0; arr && i < json_array_size(arr); i++) {
        OrukAt pat = at_path(r, base, "phones", i);
        json_t *p = item(r, arr, i, "a phone", &pat);
        if (p)
            read_phone(r, s, p, &pat);
    }
}

static void read_rule(Reader *r, OrukService *s, const json_t *o, const OrukAt *at)
{
    OrukRule *ru = oruk_add_rule(r->set, s);
    if (!ru)
        return;
    ru->freq = ident(r, o, "freq", at);
    ru->interval = ident(r, o, "interval", at);
    ru->byday = ident(r, o, "byday", at);
    ru->bymonthday = ident(r, o, "bymonthday", at);
    ru->opens = ident(r, o, "opens_at", at);
    ru->closes = ident(r, o, "closes_at", at);
    ru->dtstart = ident(r, o, "dtstart", at);
    ru->weekday = ident(r, o, "weekday", at);
    ru->description = text(r, o, "description", at);
    ru->at = *at;
    if (!s->attending[0])
        s->attending = text(r, o, "attending_type", at);
}

static void read_rules(Reader *r, OrukService *s, const json_t *obj, const char *base)
{
    static const char *const keys[] = {"schedules", "regular_schedules"};
    OrukAt at = oruk_at_json(r->set, r->file, base);
    for (size_t k = 0; k < 2; k++) {
        json_t *arr = list(r, obj, keys[k], &at);
        for (size_t i = 0; arr && i < json_array_size(arr); i++) {
            OrukAt rat = at_path(r, base, keys[k], i);
            json_t *o = item(r, arr, i, "a schedule", &rat);
            if (o)
                read_rule(r, s, o, &rat);
        }
    }
}

/* The first usable address of a location ("addresses", 1.0 "physical_addresses"). */
static const char *location_address(Reader *r, const json_t *loc, const char *base)
{
    static const char *const keys[] = {"addresses", "physical_addresses"};
    OrukAt at = oruk_at_json(r->set, r->file, base);
    for (size_t k = 0; k < 2; k++) {
        json_t *arr = list(r, loc, keys[k], &at);
        for (size_t i = 0; arr && i < json_array_size(arr); i++) {
            OrukAt aat = at_path(r, base, keys[k], i);
            json_t *a = item(r, arr, i, "an address", &aat);
            if (!a || strcasecmp(text(r, a, "address_type", &aat), "virtual") == 0)
                continue;
            const char *line = oruk_address_line(r->set, text(r, a, "address_1", &aat),
                                                 text(r, a, "address_2", &aat),
                                                 text(r, a, "city", &aat),
                                                 text(r, a, "postal_code", &aat));
            if (line[0])
                return line;
        }
    }
    return "";
}

static void read_locations(Reader *r, OrukService *s, const json_t *obj, const char *base)
{
    OrukAt at = oruk_at_json(r->set, r->file, base);
    json_t *arr = list(r, obj, "service_at_locations", &at);
    for (size_t i = 0; arr && i < json_array_size(arr); i++) {
        char sbase[JSON_PATH];
        snprintf(sbase, sizeof sbase, "%.200s.service_at_locations[%zu]", base, i);
        OrukAt sat = oruk_at_json(r->set, r->file, sbase);
        json_t *sal = item(r, arr, i, "a service_at_location", &sat);
        if (!sal)
            continue;
        read_rules(r, s, sal, sbase);
        json_t *loc = json_object_get(sal, "location");
        if (!json_is_object(loc))
            continue;
        char lbase[JSON_PATH];
        snprintf(lbase, sizeof lbase, "%.200s.location", sbase);
        OrukAt lat = oruk_at_json(r->set, r->file, lbase);
        const char *address = location_address(r, loc, lbase);
        oruk_service_location(s, ident(r, loc, "external_identifier_type", &lat),
                              ident(r, loc, "external_identifier", &lat), address);
        read_phones(r, s, loc, lbase);
    }
}

static void read_terms(Reader *r, OrukService *s, const json_t *obj, const char *base)
{
    /* 3.0: attributes[].taxonomy_term; 1.0: service_taxonomys[].taxonomy. */
    static const char *const lists[] = {"attributes", "service_taxonomys"};
    static const char *const embedded[] = {"taxonomy_term", "taxonomy"};
    static const char *const ref_keys[] = {"taxonomy_term_id", "taxonomy_id"};
    OrukAt at = oruk_at_json(r->set, r->file, base);
    for (size_t k = 0; k < 2; k++) {
        json_t *arr = list(r, obj, lists[k], &at);
        for (size_t i = 0; arr && i < json_array_size(arr); i++) {
            OrukAt aat = at_path(r, base, lists[k], i);
            json_t *a = item(r, arr, i, "an attribute", &aat);
            if (!a)
                continue;
            json_t *term = json_object_get(a, embedded[k]);
            const char *id = ident(r, a, ref_keys[k], &aat);
            if (json_is_object(term)) {
                char tpath[JSON_PATH];
                snprintf(tpath, sizeof tpath, "%.200s.%s", aat.path, embedded[k]);
                OrukAt tat = oruk_at_json(r->set, r->file, tpath);
                const char *tid = ident(r, term, "id", &tat);
                if (!tid[0]) {
                    oruk_error(r->set, &tat, "the taxonomy term has no id");
                    continue;
                }
                id = tid;
                bool existing;
                OrukTerm *t = oruk_add_term(r->set, tid, &tat, &existing);
                if (t) {
                    t->name = text(r, term, "name", &tat);
                    t->description = text(r, term, "description", &tat);
                }
            }
            if (id[0])
                oruk_add_term_ref(r->set, s, id, &aat);
        }
    }
}

static void read_languages(Reader *r, OrukService *s, const json_t *obj, const OrukAt *at)
{
    json_t *arr = list(r, obj, "languages", at);
    static const char *const keys[] = {"name", "language", "code"};
    for (size_t i = 0; arr && i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);
        if (json_is_string(v)) {
            const char *name = oruk_clean(r->set, json_string_value(v));
            if (name[0])
                oruk_add_language(r->set, s, name);
        } else if (json_is_object(v)) {
            OrukAt lat = at_path(r, at->path, "languages", i);
            const char *name = text_of(r, v, keys, 3, &lat);
            if (name[0])
                oruk_add_language(r->set, s, name);
        }
    }
}

/* "£35 per session" from a cost option's amount, currency and description. */
static const char *cost_text(Reader *r, const json_t *c, const OrukAt *at)
{
    const char *option = text(r, c, "option", at), *desc = text(r, c, "amount_description", at);
    const char *currency = text(r, c, "currency", at);
    json_t *amount = json_object_get(c, "amount");
    return oruk_cost_text(r->set, option, desc, json_is_number(amount),
                          json_is_number(amount) ? json_number_value(amount) : 0, currency);
}

static void read_costs(Reader *r, OrukService *s, const json_t *obj, const OrukAt *at)
{
    json_t *arr = list(r, obj, "cost_options", at);
    for (size_t i = 0; arr && i < json_array_size(arr); i++) {
        OrukAt cat = at_path(r, at->path, "cost_options", i);
        json_t *c = item(r, arr, i, "a cost option", &cat);
        const char *t = c ? cost_text(r, c, &cat) : "";
        if (t[0])
            s->cost = s->cost[0] ? oruk_printf(r->set, "%s; %s", s->cost, t) : t;
    }
}

/* 1.0: eligibilitys[] with eligibility text and ages. */
static void read_eligibility(Reader *r, OrukService *s, const json_t *obj, const OrukAt *at)
{
    json_t *arr = list(r, obj, "eligibilitys", at);
    for (size_t i = 0; arr && i < json_array_size(arr); i++) {
        OrukAt eat = at_path(r, at->path, "eligibilitys", i);
        json_t *e = item(r, arr, i, "an eligibility", &eat);
        if (!e)
            continue;
        const char *t = text(r, e, "eligibility", &eat);
        if (t[0])
            s->eligibility = s->eligibility[0] ? oruk_printf(r->set, "%s; %s", s->eligibility, t)
                                               : t;
        if (!s->min_age[0])
            s->min_age = ident(r, e, "minimum_age", &eat);
        if (!s->max_age[0])
            s->max_age = ident(r, e, "maximum_age", &eat);
    }
}

static void read_service(Reader *r, const json_t *o, const char *base)
{
    OrukAt at = oruk_at_json(r->set, r->file, base);
    const char *id = ident(r, o, "id", &at);
    if (!id[0]) {
        const char *name = text(r, o, "name", &at);
        oruk_error(r->set, &at, "the service%s%s%s has no id; every service needs one",
                   name[0] ? " '" : "", name, name[0] ? "'" : "");
        return;
    }
    OrukService *s = oruk_add_service(r->set, id, &at);
    if (!s)
        return;
    s->name = text(r, o, "name", &at);
    s->description = text(r, o, "description", &at);
    s->status = ident(r, o, "status", &at);
    s->url = ident(r, o, "url", &at);
    s->email = ident(r, o, "email", &at);
    s->fees = text(r, o, "fees", &at);
    s->alert = text(r, o, "alert", &at);
    s->assured = ident(r, o, "assured_date", &at);
    s->min_age = ident(r, o, "minimum_age", &at);
    s->max_age = ident(r, o, "maximum_age", &at);
    static const char *const elig[] = {"eligibility_description", "eligibility"};
    s->eligibility = text_of(r, o, elig, 2, &at);
    static const char *const attend[] = {"application_process", "attending_type",
                                         "attending_access"};
    s->attending = text_of(r, o, attend, 3, &at);

    json_t *org = json_object_get(o, "organization");
    if (json_is_object(org)) {
        char obase[JSON_PATH];
        snprintf(obase, sizeof obase, "%.200s.organization", base);
        OrukAt oat = oruk_at_json(r->set, r->file, obase);
        read_org(r, s, org, &oat);
    }
    if (!s->org.id[0]) {
        const char *oid = ident(r, o, "organization_id", &at);
        s->org = (OrukRef){.id = oid, .at = at};
    }
    read_phones(r, s, o, base);
    json_t *contacts = list(r, o, "contacts", &at);
    for (size_t i = 0; contacts && i < json_array_size(contacts); i++) {
        char cbase[JSON_PATH];
        snprintf(cbase, sizeof cbase, "%.200s.contacts[%zu]", base, i);
        OrukAt cat = oruk_at_json(r->set, r->file, cbase);
        json_t *c = item(r, contacts, i, "a contact", &cat);
        if (c)
            read_phones(r, s, c, cbase);
    }
    read_rules(r, s, o, base);
    read_locations(r, s, o, base);
    read_terms(r, s, o, base);
    read_languages(r, s, o, &at);
    read_costs(r, s, o, &at);
    read_eligibility(r, s, o, &at);
}

void oruk_read_json(OrukSet *set, const char *name, const char *data, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, 0, &err);
    if (!root) {
        diag_add(set->diags, DIAG_ERROR, name, err.line > 0 ? err.line : 0,
                 err.line > 0 && err.column > 0 ? err.column : 0,
                 "this is not valid JSON: %s", err.text);
        return;
    }
    Reader r = {set, name};
    OrukAt top = oruk_at_json(set, name, "");
    json_t *services = NULL;
    const char *base = "";
    if (json_is_array(root)) {
        services = root;
    } else if (json_is_object(root)) {
        static const char *const pages[] = {"contents", "content"};
        for (size_t k = 0; k < 2 && !services; k++) {
            json_t *v = json_object_get(root, pages[k]);
            if (json_is_array(v)) {
                services = v;
                base = pages[k];
            }
        }
        if (!services && json_object_get(root, "id") && json_object_get(root, "name")) {
            read_service(&r, root, "");
            json_decref(root);
            return;
        }
    }
    if (!services) {
        oruk_error(set, &top, "expected a list of services: an array of service objects, or "
                   "an API page with a 'contents' list, but the document is %s",
                   kind_name(root));
        json_decref(root);
        return;
    }
    for (size_t i = 0; i < json_array_size(services) && !set->failed; i++) {
        char path[64];
        snprintf(path, sizeof path, "%.16s[%zu]", base, i);
        json_t *o = json_array_get(services, i);
        if (!json_is_object(o)) {
            OrukAt at = oruk_at_json(set, name, path);
            oruk_error(set, &at, "a service should be an object but this is %s", kind_name(o));
            continue;
        }
        read_service(&r, o, path);
    }
    json_decref(root);
}

/* ==== writing ==== */

typedef struct Writer {
    OrukSet *set; /* its arena holds the addresses' parts */
    bool failed;
} Writer;

static void put(Writer *w, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        w->failed = true;
}

/* Text members are left out when empty, unless `always` (required by the profile). */
static void put_text(Writer *w, json_t *obj, const char *key, const char *s, bool always)
{
    if (s[0] || always)
        put(w, obj, key, json_string(s));
}

static void put_int_text(Writer *w, json_t *obj, const char *key, const char *s)
{
    if (s[0])
        put(w, obj, key, json_integer(strtol(s, NULL, 10)));
}

static void append(Writer *w, json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v) != 0)
        w->failed = true;
}

static json_t *new_object(Writer *w)
{
    json_t *o = json_object();
    if (!o)
        w->failed = true;
    return o;
}

static json_t *new_array(Writer *w)
{
    json_t *a = json_array();
    if (!a)
        w->failed = true;
    return a;
}

static void uuid_of(const OrukSet *set, const char *kind, const char *key, char *out)
{
    oruk_uuid(set->site_name, kind, key, out);
}

static json_t *org_json(Writer *w, const OrukOrg *o)
{
    json_t *j = new_object(w);
    if (!j)
        return NULL;
    put_text(w, j, "id", o->uuid, true);
    put_text(w, j, "name", o->name, true);
    put_text(w, j, "description", o->description, true);
    put_text(w, j, "email", o->email, false);
    put_text(w, j, "website", o->url, false);
    return j;
}

static json_t *address_json(Writer *w, const char *id, const char *location_id,
                            const OrukAddress *ad)
{
    json_t *a = new_object(w);
    if (!a)
        return NULL;
    put_text(w, a, "id", id, true);
    put_text(w, a, "location_id", location_id, true);
    put_text(w, a, "address_1", ad->address_1, true);
    put_text(w, a, "city", ad->city, true);
    put_text(w, a, "state_province", ad->state_province, true);
    put_text(w, a, "postal_code", ad->postal_code, true);
    put_text(w, a, "country", "GB", true);
    put_text(w, a, "address_type", "physical", true);
    return a;
}

/* The service's one location: its place on this site, or its address elsewhere. */
static json_t *location_json(Writer *w, const OrukService *s, char *location_id)
{
    OrukSet *set = w->set;
    json_t *loc = new_object(w);
    if (!loc)
        return NULL;
    char address_id[ORUK_UUID_LEN + 1], key[128];
    snprintf(key, sizeof key, s->place[0] ? "place/%s" : "service/%s",
             s->place[0] ? s->place : s->sid);
    uuid_of(set, "location", key, location_id);
    uuid_of(set, "address", key, address_id);
    put_text(w, loc, "id", location_id, true);
    put_text(w, loc, "location_type", "physical", true);
    if (s->place[0]) {
        int p = oruk_find(&set->place_ix, s->place);
        put_text(w, loc, "name", p >= 0 ? set->place_names[p] : s->place, true);
        put_text(w, loc, "external_identifier", s->place, true);
        put_text(w, loc, "external_identifier_type", oruk_place_type, true);
    }
    OrukAddress a;
    if (oruk_service_address(set, s, &a)) {
        json_t *addresses = new_array(w);
        append(w, addresses, address_json(w, address_id, location_id, &a));
        put(w, loc, "addresses", addresses);
    }
    return loc;
}

static json_t *service_json(Writer *w, const OrukService *s)
{
    OrukSet *set = w->set;
    json_t *j = new_object(w);
    if (!j)
        return NULL;
    char id[ORUK_UUID_LEN + 1], key[160];
    put_text(w, j, "id", s->uuid, true);
    if (s->org_index >= 0)
        put_text(w, j, "organization_id", set->orgs[s->org_index].uuid, true);
    put_text(w, j, "name", s->name, true);
    put_text(w, j, "description", s->description, true);
    put_text(w, j, "url", s->url, false);
    put_text(w, j, "email", s->email, false);
    put_text(w, j, "status", s->status, true);
    put_text(w, j, "fees", s->fees, false);
    put_text(w, j, "eligibility_description", s->eligibility, false);
    put_int_text(w, j, "minimum_age", s->min_age);
    put_int_text(w, j, "maximum_age", s->max_age);
    put_text(w, j, "application_process", s->attending, false);
    put_text(w, j, "alert", s->alert, false);
    put_text(w, j, "assured_date", s->assured, false);
    if (s->org_index >= 0)
        put(w, j, "organization", org_json(w, &set->orgs[s->org_index]));

    /* Phones under a contact for the service: the UK profile has no service.phones, and
     * HSDS 3.0 reads them there too. */
    json_t *contacts = new_array(w);
    if (s->nphones > 0) {
        char contact_id[ORUK_UUID_LEN + 1];
        uuid_of(set, "contact", s->sid, contact_id);
        json_t *c = new_object(w), *phones = new_array(w);
        put_text(w, c, "id", contact_id, true);
        put_text(w, c, "service_id", s->uuid, true);
        for (size_t k = 0; k < s->nphones; k++) {
            json_t *p = new_object(w);
            snprintf(key, sizeof key, "%s/%zu", s->sid, k);
            uuid_of(set, "phone", key, id);
            put_text(w, p, "id", id, true);
            put_text(w, p, "contact_id", contact_id, true);
            put_text(w, p, "number", s->phones[k].number, true);
            put_text(w, p, "description", s->phones[k].description, false);
            append(w, phones, p);
        }
        put(w, c, "phones", phones);
        append(w, contacts, c);
    }
    put(w, j, "contacts", contacts);

    json_t *rules = new_array(w);
    for (size_t k = 0; k < s->nrules; k++) {
        OrukRuleText t;
        if (!oruk_rule_text(&s->rules[k], &t))
            continue;
        json_t *o = new_object(w);
        snprintf(key, sizeof key, "%s/%zu", s->sid, k);
        uuid_of(set, "schedule", key, id);
        put_text(w, o, "id", id, true);
        put_text(w, o, "service_id", s->uuid, true);
        put_text(w, o, "freq", t.freq, true);
        if (t.interval > 1)
            put(w, o, "interval", json_integer(t.interval));
        put_text(w, o, "byday", t.byday, false);
        put_text(w, o, "bymonthday", t.bymonthday, false);
        put_text(w, o, "dtstart", t.dtstart, false);
        put_text(w, o, "opens_at", t.opens, false);
        put_text(w, o, "closes_at", t.closes, false);
        put_text(w, o, "description", s->rules[k].description, false);
        append(w, rules, o);
    }
    put(w, j, "schedules", rules);

    json_t *sals = new_array(w);
    if (s->place[0] || s->address[0]) {
        char location_id[ORUK_UUID_LEN + 1];
        json_t *loc = location_json(w, s, location_id);
        json_t *sal = new_object(w);
        uuid_of(set, "service_at_location", s->sid, id);
        put_text(w, sal, "id", id, true);
        put_text(w, sal, "service_id", s->uuid, true);
        put_text(w, sal, "location_id", location_id, true);
        put(w, sal, "location", loc);
        append(w, sals, sal);
    }
    put(w, j, "service_at_locations", sals);

    json_t *langs = new_array(w);
    for (size_t k = 0; k < s->nlangs; k++) {
        json_t *l = new_object(w);
        snprintf(key, sizeof key, "%s/%zu", s->sid, k);
        uuid_of(set, "language", key, id);
        put_text(w, l, "id", id, true);
        put_text(w, l, "service_id", s->uuid, true);
        put_text(w, l, "name", s->langs[k], true);
        append(w, langs, l);
    }
    put(w, j, "languages", langs);

    json_t *costs = new_array(w);
    if (s->fees[0]) {
        json_t *c = new_object(w);
        uuid_of(set, "cost_option", s->sid, id);
        put_text(w, c, "id", id, true);
        put_text(w, c, "service_id", s->uuid, true);
        if (strcasecmp(s->fees, "free") == 0)
            put(w, c, "amount", json_integer(0));
        put_text(w, c, "amount_description", s->fees, true);
        append(w, costs, c);
    }
    put(w, j, "cost_options", costs);

    json_t *attrs = new_array(w);
    for (size_t k = 0; k < s->nterms; k++) {
        const OrukTerm *t = &set->terms[s->term_index[k]];
        json_t *a = new_object(w), *term = new_object(w);
        snprintf(key, sizeof key, "%s/%s", s->sid, t->sid);
        uuid_of(set, "attribute", key, id);
        put_text(w, a, "id", id, true);
        put_text(w, a, "link_id", s->uuid, true);
        put_text(w, a, "link_entity", "service", true);
        put_text(w, a, "taxonomy_term_id", t->uuid, true);
        put_text(w, term, "id", t->uuid, true);
        put_text(w, term, "code", t->sid, true);
        put_text(w, term, "name", t->name, true);
        put_text(w, term, "description", t->description, true);
        put_text(w, term, "taxonomy", "Signpost categories", true);
        put(w, a, "taxonomy_term", term);
        append(w, attrs, a);
    }
    put(w, j, "attributes", attrs);
    return j;
}

int oruk_write_json(OrukSet *set, FILE *out)
{
    Writer w = {set, false};
    fputs("[", out);
    for (size_t i = 0; i < set->nservices && !w.failed; i++) {
        json_t *j = service_json(&w, &set->services[i]);
        char *text = j && !w.failed ? json_dumps(j, JSON_INDENT(2)) : NULL;
        json_decref(j);
        if (!text) {
            w.failed = true;
            break;
        }
        fputs(i ? ",\n  " : "\n  ", out);
        for (const char *p = text; *p;) { /* indented one level, as array members */
            size_t n = strcspn(p, "\n");
            fwrite(p, 1, n, out);
            p += n;
            if (*p == '\n') {
                fputs("\n  ", out);
                p++;
            }
        }
        mem_free(text);
    }
    fputs("\n]\n", out);
    if (w.failed)
        return err_set("out of memory while writing the JSON");
    return ferror(out) ? err_set("cannot write the JSON") : 0;
}
