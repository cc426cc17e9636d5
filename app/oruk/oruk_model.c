/* oruk_model.c: the in-between directory of the Open Referral UK module (see
 * oruk_model.h): the set and its records, messages at file:line:column (or at a place
 * in a JSON document), deterministic UUIDs, Signpost ids made from names, and the text
 * helpers both directions share (feed text into plain text, one-line addresses, CSV
 * fields). */
#include "oruk_model.h"

#include "schedule.h"
#include "utf8.h"

#include <ini.h>
#include <sodium.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ==== the set ==== */

void oruk_set_init(OrukSet *set, DiagList *diags)
{
    memset(set, 0, sizeof *set);
    arena_init(&set->arena);
    set->diags = diags;
    set->site_name = "";
    set->orgs_where = set->terms_where = "the file";
}

void oruk_set_release(OrukSet *set)
{
    for (size_t i = 0; i < set->nservices; i++) {
        OrukService *s = &set->services[i];
        mem_free(s->phones);
        mem_free(s->rules);
        mem_free(s->terms);
        mem_free(s->langs);
    }
    mem_free(set->services);
    mem_free(set->orgs);
    mem_free(set->terms);
    mem_free(set->place_names);
    id_index_release(&set->service_ix);
    id_index_release(&set->org_ix);
    id_index_release(&set->term_ix);
    id_index_release(&set->place_ix);
    id_index_release(&set->bad_ix);
    arena_release(&set->arena);
    memset(set, 0, sizeof *set);
}

void oruk_oom(OrukSet *set)
{
    if (!set->failed)
        diag_add(set->diags, DIAG_ERROR, "signpostctl", 0, 0, "out of memory");
    set->failed = true;
}

const char *oruk_keepn(OrukSet *set, const char *s, size_t n)
{
    char *copy = arena_strndup(&set->arena, s ? s : "", s ? n : 0);
    if (!copy) {
        oruk_oom(set);
        return "";
    }
    return copy;
}

const char *oruk_keep(OrukSet *set, const char *s)
{
    return oruk_keepn(set, s, s ? strlen(s) : 0);
}

const char *oruk_printf(OrukSet *set, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return oruk_keep(set, buf);
}

/* ==== plain text from feed text ==== */

static const char *const html_tags[] = {
    "a", "abbr", "b", "big", "blockquote", "br", "center", "code", "dd", "div", "dl", "dt",
    "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p",
    "pre", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul"};

/* Length of an HTML tag or comment starting at s ('<'), or 0 when it is not one. */
static size_t html_tag_len(const char *s)
{
    if (strncmp(s, "<!--", 4) == 0) {
        const char *end = strstr(s + 4, "-->");
        return end ? (size_t)(end + 3 - s) : 0;
    }
    const char *p = s + 1;
    if (*p == '/')
        p++;
    char name[16];
    size_t n = 0;
    while (isalnum((unsigned char)*p) && n < sizeof name - 1)
        name[n++] = (char)tolower((unsigned char)*p++);
    name[n] = '\0';
    if (!n || !(*p == '>' || *p == ' ' || *p == '/' || *p == '\t' || *p == '\n'))
        return 0;
    bool known = false;
    for (size_t i = 0; i < sizeof html_tags / sizeof html_tags[0] && !known; i++)
        known = strcmp(name, html_tags[i]) == 0;
    const char *end = known ? strchr(p, '>') : NULL;
    return end ? (size_t)(end + 1 - s) : 0;
}

/* Decodes an entity at s ('&') into out (room for 4 bytes); returns the length of the
 * entity, or 0 when it is not one. */
static size_t html_entity(const char *s, char *out, size_t *outlen)
{
    static const struct {
        const char *name, *text;
    } named[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                 {"&apos;", "'"}, {"&nbsp;", " "}, {"&pound;", "\xc2\xa3"}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (strncmp(s, named[i].name, n) == 0) {
            *outlen = strlen(named[i].text);
            memcpy(out, named[i].text, *outlen);
            return n;
        }
    }
    if (s[1] != '#')
        return 0;
    const char *p = s + 2;
    int base = 10;
    if (*p == 'x' || *p == 'X') {
        base = 16;
        p++;
    }
    uint32_t cp = 0;
    size_t digits = 0;
    while (digits < 7 && (base == 16 ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p))) {
        int v = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
        cp = cp * (uint32_t)base + (uint32_t)v;
        p++;
        digits++;
    }
    if (!digits || *p != ';' || cp < 0x20 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (cp >= 0x7F && cp < 0xA0))
        return 0;
    *outlen = utf8_encode(cp, out);
    return (size_t)(p + 1 - s);
}

const char *oruk_clean(OrukSet *set, const char *s)
{
    if (!s)
        return "";
    size_t len = strlen(s);
    char *out = arena_alloc(&set->arena, len + 1);
    if (!out) {
        oruk_oom(set);
        return "";
    }
    size_t n = 0;
    bool html = false;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            size_t tag = html_tag_len(s + i);
            if (tag) {
                html = true;
                out[n++] = ' '; /* tags separate words: "a<br>b" */
                i += tag;
                continue;
            }
        } else if (c == '&') {
            char ent[4];
            size_t elen = 0, used = html_entity(s + i, ent, &elen);
            if (used && elen <= used) {
                memcpy(out + n, ent, elen);
                n += elen;
                i += used;
                continue;
            }
        }
        if (c == '\r') {
            if (s[i + 1] != '\n')
                out[n++] = '\n';
        } else if (c == '\t' || (c < 0x20 && c != '\n') || c == 0x7F) {
            out[n++] = ' ';
        } else {
            out[n++] = (char)c;
        }
        i++;
    }
    out[n] = '\0';
    if (html) { /* markup's white space means one space */
        size_t w = 0;
        for (size_t r = 0; r < n; r++) {
            bool space = out[r] == ' ' || out[r] == '\n';
            if (space && (w == 0 || out[w - 1] == ' '))
                continue;
            out[w++] = space ? ' ' : out[r];
        }
        n = w;
        out[n] = '\0';
    }
    size_t start = 0;
    while (start < n && (out[start] == ' ' || out[start] == '\n'))
        start++;
    while (n > start && (out[n - 1] == ' ' || out[n - 1] == '\n'))
        out[--n] = '\0';
    return out + start;
}

/* ==== messages ==== */

OrukAt oruk_at_csv(const char *file, int line, int column)
{
    return (OrukAt){.file = file, .line = line, .column = column, .path = NULL};
}

OrukAt oruk_at_json(OrukSet *set, const char *file, const char *path)
{
    return (OrukAt){.file = file, .line = 0, .column = 0, .path = oruk_keep(set, path)};
}

static void report(OrukSet *set, DiagLevel level, const OrukAt *at, const char *fmt,
                   va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 0)))
#endif
    ;

static void report(OrukSet *set, DiagLevel level, const OrukAt *at, const char *fmt,
                   va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (at->path && at->path[0])
        diag_add(set->diags, level, at->file, at->line, at->column, "at %s: %s", at->path,
                 msg);
    else
        diag_add(set->diags, level, at->file, at->line, at->column, "%s", msg);
}

void oruk_error(OrukSet *set, const OrukAt *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(set, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void oruk_warning(OrukSet *set, const OrukAt *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(set, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

/* ==== records ==== */

static void *push(OrukSet *set, void **items, size_t *len, size_t *cap, size_t size)
{
    if (mem_grow(items, cap, *len + 1, size) != 0) {
        oruk_oom(set);
        return NULL;
    }
    void *e = (char *)*items + *len * size;
    memset(e, 0, size);
    (*len)++;
    return e;
}

void oruk_bad_row(OrukSet *set, const char *id)
{
    if (id && id[0] && !id_index_get(&set->bad_ix, id) &&
        id_index_put(&set->bad_ix, oruk_keep(set, id), -1, 0, NULL) < 0)
        oruk_oom(set);
}

bool oruk_missing_reported(const OrukSet *set, const char *where, const char *id)
{
    return !where || id_index_get(&set->bad_ix, id) != NULL;
}

int oruk_find(const IdIndex *ix, const char *id)
{
    const IdEntry *e = id && id[0] ? id_index_get(ix, id) : NULL;
    return e ? e->index : -1;
}

static bool index_put(OrukSet *set, IdIndex *ix, const char *id, int index, int line)
{
    if (id_index_put(ix, id, index, line, NULL) < 0) {
        oruk_oom(set);
        return false;
    }
    return true;
}

OrukService *oruk_add_service(OrukSet *set, const char *uuid, const OrukAt *at)
{
    int before = oruk_find(&set->service_ix, uuid);
    if (before >= 0) {
        const OrukAt *first = &set->services[before].at;
        if (first->line)
            oruk_error(set, at, "the service id '%s' is used twice (also on line %d of %s); "
                       "each service needs its own id", uuid, first->line, first->file);
        else
            oruk_error(set, at, "the service id '%s' is used twice (also at %s); each "
                       "service needs its own id", uuid, first->path ? first->path : "?");
        return NULL;
    }
    OrukService *s = push(set, (void **)&set->services, &set->nservices, &set->capservices,
                          sizeof *s);
    if (!s)
        return NULL;
    s->uuid = oruk_keep(set, uuid);
    s->at = *at;
    s->org_index = -1;
    const char **fields[] = {&s->name, &s->description, &s->status, &s->eligibility,
                             &s->min_age, &s->max_age, &s->fees, &s->cost, &s->url,
                             &s->email, &s->alert, &s->assured, &s->attending, &s->place,
                             &s->address, &s->sid, &s->org.id};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        *fields[i] = "";
    if (uuid[0])
        index_put(set, &set->service_ix, s->uuid, (int)set->nservices - 1, at->line);
    return s;
}

OrukOrg *oruk_add_org(OrukSet *set, const char *uuid, const OrukAt *at, bool *existing)
{
    *existing = oruk_find(&set->org_ix, uuid) >= 0;
    if (*existing)
        return NULL;
    OrukOrg *o = push(set, (void **)&set->orgs, &set->norgs, &set->caporgs, sizeof *o);
    if (!o)
        return NULL;
    *o = (OrukOrg){.uuid = oruk_keep(set, uuid), .name = "", .description = "", .url = "",
                   .email = "", .sid = "", .at = *at};
    index_put(set, &set->org_ix, o->uuid, (int)set->norgs - 1, at->line);
    return o;
}

OrukTerm *oruk_add_term(OrukSet *set, const char *uuid, const OrukAt *at, bool *existing)
{
    *existing = oruk_find(&set->term_ix, uuid) >= 0;
    if (*existing)
        return NULL;
    OrukTerm *t = push(set, (void **)&set->terms, &set->nterms, &set->capterms, sizeof *t);
    if (!t)
        return NULL;
    *t = (OrukTerm){.uuid = oruk_keep(set, uuid), .name = "", .description = "", .sid = "",
                    .at = *at};
    index_put(set, &set->term_ix, t->uuid, (int)set->nterms - 1, at->line);
    return t;
}

OrukPhone *oruk_add_phone(OrukSet *set, OrukService *s)
{
    OrukPhone *p = push(set, (void **)&s->phones, &s->nphones, &s->capphones, sizeof *p);
    if (p)
        p->number = p->description = "";
    return p;
}

OrukRule *oruk_add_rule(OrukSet *set, OrukService *s)
{
    OrukRule *r = push(set, (void **)&s->rules, &s->nrules, &s->caprules, sizeof *r);
    if (r)
        r->freq = r->interval = r->byday = r->bymonthday = r->opens = r->closes = r->dtstart =
            r->description = r->weekday = "";
    return r;
}

void oruk_add_term_ref(OrukSet *set, OrukService *s, const char *term_id, const OrukAt *at)
{
    OrukRef *r = push(set, (void **)&s->terms, &s->nterms, &s->capterms, sizeof *r);
    if (r)
        *r = (OrukRef){.id = oruk_keep(set, term_id), .at = *at};
}

void oruk_add_language(OrukSet *set, OrukService *s, const char *name)
{
    const char **l = push(set, (void **)&s->langs, &s->nlangs, &s->caplangs, sizeof *l);
    if (l)
        *l = oruk_keep(set, name);
}

/* ==== ids ==== */

/* Signpost's UUID namespace: a fixed random value, so ids never change between
 * versions. */
static const unsigned char uuid_namespace[16] = {0x5b, 0x1e, 0x9c, 0x47, 0x0d, 0xa2, 0x4f, 0x63,
                                                 0x8e, 0x31, 0xc4, 0x7a, 0x12, 0xf0, 0x6b, 0xd9};

void oruk_uuid(const char *site, const char *kind, const char *key, char out[ORUK_UUID_LEN + 1])
{
    crypto_generichash_state st;
    unsigned char h[16];
    crypto_generichash_init(&st, uuid_namespace, sizeof uuid_namespace, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)site, strlen(site) + 1);
    crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
    crypto_generichash_update(&st, (const unsigned char *)key, strlen(key));
    crypto_generichash_final(&st, h, sizeof h);
    h[6] = (unsigned char)((h[6] & 0x0F) | 0x50); /* version 5: name-based */
    h[8] = (unsigned char)((h[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[n++] = '-';
        out[n++] = hex[h[i] >> 4];
        out[n++] = hex[h[i] & 15];
    }
    out[n] = '\0';
}

typedef struct SiteIni {
    char *name, *address, *county; /* NULL: not wanted */
    size_t cap;
} SiteIni;

static int site_value(void *user, const char *section, const char *name, const char *value)
{
    SiteIni *si = user;
    if (strcasecmp(section, "site") != 0)
        return 1;
    char *out = strcasecmp(name, "name") == 0      ? si->name
                : strcasecmp(name, "address") == 0 ? si->address
                : strcasecmp(name, "county") == 0  ? si->county
                                                   : NULL;
    if (out)
        snprintf(out, si->cap, "%s", value);
    return 1;
}

static void read_site(const char *dir, SiteIni *si)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/site.ini", dir);
    ini_parse(path, site_value, si);
}

void oruk_read_site_name(const char *dir, char *out, size_t cap)
{
    out[0] = '\0';
    SiteIni si = {.name = out, .cap = cap};
    read_site(dir, &si);
}

void oruk_read_site(OrukSet *set, const char *dir)
{
    char name[512] = "", address[512] = "", county[512] = "";
    SiteIni si = {name, address, county, sizeof name};
    read_site(dir, &si);
    set->site_name = oruk_keep(set, name);
    set->site_address = oruk_keep(set, address);
    set->site_county = oruk_keep(set, county);
}

enum { SLUG_MAX = 48 };

void oruk_slug(const char *name, const char *fallback, char *out, size_t cap)
{
    char folded[4 * SLUG_MAX + 64];
    utf8_fold(name, folded, sizeof folded);
    size_t n = 0, limit = cap - 1 < SLUG_MAX ? cap - 1 : SLUG_MAX;
    bool hyphen = false;
    const char *p = folded;
    for (; *p && n < limit; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (hyphen && n > 0)
                out[n++] = '-';
            hyphen = false;
            if (n < limit)
                out[n++] = (char)c;
        } else if (c == '\'' || (c == 0xE2 && p[1] == '\x80' && p[2] == '\x99')) {
            p += c == '\'' ? 0 : 2; /* apostrophes join: "carers'" -> "carers" */
        } else if (c == '&') {
            if (n > 0 && n + 5 <= limit) {
                memcpy(out + n, "-and", 4);
                n += 4;
            }
            hyphen = true;
        } else {
            hyphen = true;
        }
    }
    out[n] = '\0';
    /* Cut at a word when the name went on. */
    if (n == limit && isalnum((unsigned char)*p)) {
        char *dash = strrchr(out, '-');
        if (dash && dash - out >= (ptrdiff_t)(limit / 2))
            *dash = '\0';
    }
    n = strlen(out);
    while (n > 0 && out[n - 1] == '-')
        out[--n] = '\0';
    if (!n)
        snprintf(out, cap, "%s", fallback);
}

/* ==== text ==== */

const char *oruk_cost_text(OrukSet *set, const char *option, const char *description,
                           bool has_amount, double amount, const char *currency)
{
    const char *money = "";
    if (has_amount && amount >= 0 && amount < 1e9) { /* false for NaN too */
        bool gbp = !currency[0] || strcasecmp(currency, "GBP") == 0;
        const char *pound = gbp ? "\xc2\xa3" : "", *sep = gbp ? "" : " ";
        const char *code = gbp ? "" : currency;
        if (amount == 0)
            money = "Free";
        else if (amount == (double)(long)amount)
            money = oruk_printf(set, "%s%ld%s%s", pound, (long)amount, sep, code);
        else
            money = oruk_printf(set, "%s%.2f%s%s", pound, amount, sep, code);
    }
    const char *what = money[0] && description[0] ? oruk_printf(set, "%s %s", money, description)
                       : money[0]                 ? money
                                                  : description;
    if (option[0] && what[0])
        return oruk_printf(set, "%s: %s", option, what);
    return option[0] ? option : what;
}

const char *oruk_address_line(OrukSet *set, const char *a1, const char *a2, const char *city,
                              const char *postcode)
{
    StrBuf sb;
    strbuf_init(&sb, 0);
    const char *parts[] = {a1, a2, city};
    for (size_t i = 0; i < 3; i++)
        if (parts[i] && parts[i][0]) {
            if (sb.len)
                strbuf_adds(&sb, ", ");
            strbuf_adds(&sb, parts[i]);
        }
    if (postcode && postcode[0]) {
        if (sb.len)
            strbuf_addc(&sb, ' ');
        strbuf_adds(&sb, postcode);
    }
    const char *line = oruk_keep(set, sb.buf);
    strbuf_release(&sb);
    return line;
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A UK postcode's outward code: A9, A99, A9A, AA9, AA99, AA9A. */
static bool postcode_outward(const char *s, size_t n)
{
    if (n < 2 || n > 4 || !is_upper(s[0]))
        return false;
    size_t i = is_upper(s[1]) ? 2 : 1;
    if (i >= n || !is_digit(s[i]))
        return false;
    i++;
    if (i < n && (is_digit(s[i]) || is_upper(s[i])))
        i++;
    return i == n;
}

void oruk_address_split(OrukSet *set, const char *line, const char **a1, const char **city,
                        const char **postcode)
{
    *a1 = line;
    *city = *postcode = "";
    size_t n = strlen(line);
    /* "... NX1 4AB": the inward code is the last three characters, after a space. */
    if (n < 8 || line[n - 4] != ' ' || !is_digit(line[n - 3]) || !is_upper(line[n - 2]) ||
        !is_upper(line[n - 1]))
        return;
    size_t out_end = n - 4, out_start = out_end;
    while (out_start > 0 && line[out_start - 1] != ' ' && line[out_start - 1] != ',')
        out_start--;
    if (!postcode_outward(line + out_start, out_end - out_start) || out_start < 2 ||
        line[out_start - 1] != ' ')
        return;
    const char *pc = oruk_keep(set, line + out_start);
    const char *rest = oruk_keepn(set, line, out_start - 1);
    const char *comma = strstr(rest, ", ");
    for (const char *p = comma; p; p = strstr(p + 2, ", "))
        comma = p;
    const char *first = rest, *town = "";
    if (comma) {
        first = oruk_keepn(set, rest, (size_t)(comma - rest));
        town = comma + 2;
    }
    const char *again = oruk_address_line(set, first, "", town, pc);
    if (strcmp(again, line) != 0)
        return;
    *a1 = first;
    *city = town;
    *postcode = pc;
}

bool oruk_service_address(OrukSet *set, const OrukService *s, OrukAddress *a)
{
    *a = (OrukAddress){"", "", "", ""};
    const char *line = s->place[0] ? set->site_address : s->address;
    if (!line || !line[0])
        return false;
    oruk_address_split(set, line, &a->address_1, &a->city, &a->postal_code);
    /* On the site: the site's name heads the street ("Northgate General Hospital,
     * Hospital Road") unless the setting has it already. */
    size_t n = strlen(set->site_name);
    if (s->place[0] && n && a->address_1[0] && strncmp(a->address_1, set->site_name, n) != 0)
        a->address_1 = oruk_printf(set, "%s, %s", set->site_name, a->address_1);
    a->state_province = set->site_county ? set->site_county : "";
    return a->address_1[0] && a->city[0] && a->postal_code[0] && a->state_province[0];
}

void oruk_csv_put(StrBuf *sb, const char *s, bool last)
{
    size_t n = strlen(s);
    bool quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
                           strpbrk(s, ",\"\r\n") != NULL);
    if (!quote) {
        strbuf_add(sb, s, n);
    } else {
        strbuf_addc(sb, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                strbuf_addc(sb, '"');
            strbuf_addc(sb, *p);
        }
        strbuf_addc(sb, '"');
    }
    strbuf_addc(sb, last ? '\n' : ',');
}

/* ==== locations and meeting rules ==== */

const char *const oruk_place_type = "signpost-place";

void oruk_service_location(OrukService *s, const char *ext_type, const char *ext_id,
                           const char *address)
{
    bool place = ext_type && strcmp(ext_type, oruk_place_type) == 0 && ext_id && ext_id[0];
    if (!place && !(address && address[0]))
        return;
    s->nlocations++;
    if (s->place[0] || s->address[0])
        return;
    if (place)
        s->place = ext_id;
    else
        s->address = address;
}

bool oruk_rule_text(const OrukRule *r, OrukRuleText *out)
{
    static const char *const codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    Schedule s;
    ScheduleError err;
    memset(out, 0, sizeof *out);
    if (schedule_from_fields(r->freq, r->interval, r->byday, r->bymonthday, r->opens,
                             r->closes, r->dtstart, &s, &err) != 0)
        return false;
    snprintf(out->freq, sizeof out->freq, "%s", s.freq == SCHEDULE_WEEKLY ? "WEEKLY" : "MONTHLY");
    out->interval = s.interval;
    size_t len = 0;
    for (int day = 0; day < 7; day++) {
        if (!(s.byday & (1u << day)))
            continue;
        int n = snprintf(out->byday + len, sizeof out->byday - len, "%s%.0d%s",
                         len ? "," : "", s.week_of_month, codes[day]);
        if (n > 0 && len + (size_t)n < sizeof out->byday)
            len += (size_t)n;
    }
    if (s.bymonthday)
        snprintf(out->bymonthday, sizeof out->bymonthday, "%d", s.bymonthday % 100);
    if (s.opens >= 0)
        snprintf(out->opens, sizeof out->opens, "%02d:%02d:00", s.opens / 60 % 100, s.opens % 60);
    if (s.closes >= 24 * 60)
        snprintf(out->closes, sizeof out->closes, "23:59:59");
    else if (s.closes >= 0)
        snprintf(out->closes, sizeof out->closes, "%02d:%02d:00", s.closes / 60 % 100,
                 s.closes % 60);
    if (s.dtstart.year)
        snprintf(out->dtstart, sizeof out->dtstart, "%04d-%02d-%02d", s.dtstart.year % 10000,
                 s.dtstart.month % 100, s.dtstart.day % 100);
    return true;
}
