/* content_fields.c: checks one cell of a content table (ids, references, numbers,
 * phone numbers, web addresses) and reports a problem at its file:line:column in
 * words a volunteer can act on. Also the model's id index and array helpers. */
#include "content_model.h"

#include "utf8.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ID_MAX_LEN = 64 };

/* ==== model ==== */

void content_model_init(ContentModel *m, const char *dir, DiagList *diags)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
    m->dir = dir;
    m->diags = diags;
    m->site_name = m->site_phone = m->site_web = m->reception = "";
    m->site_pals_phone = m->site_address = m->site_county = "";
    m->tbuildings.file = "buildings.csv";
    m->tfloors.file = "floors.csv";
    m->twaypoints.file = "waypoints.csv";
    m->tpaths.file = "paths.csv";
    m->ttypes.file = "destination_types.csv";
    m->tdestinations.file = "destinations.csv";
    m->tkiosks.file = "kiosks.csv";
    m->tplans.file = "plans.csv";
}

void src_table_release(SrcTable *t)
{
    mem_free(t->path);
    t->path = NULL;
    id_index_release(&t->ids);
}

void content_model_release(ContentModel *m)
{
    for (size_t i = 0; i < m->nfloors; i++)
        mem_free(m->floors[i].drawing);
    SrcTable *tables[] = {&m->tbuildings, &m->tfloors, &m->twaypoints, &m->tpaths,
                          &m->ttypes, &m->tdestinations, &m->tkiosks, &m->tplans};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        src_table_release(tables[i]);
    mem_free(m->site_path);
    mem_free(m->buildings);
    mem_free(m->floors);
    mem_free(m->waypoints);
    mem_free(m->paths);
    mem_free(m->types);
    mem_free(m->destinations);
    mem_free(m->kiosks);
    mem_free(m->shapes);
    mem_free(m->trans);
    src_directory_free(m->directory);
    src_pages_free(m->pages);
    src_synonyms_free(m->synonyms);
    arena_release(&m->arena);
    memset(m, 0, sizeof *m);
}

void *model_push(ContentModel *m, void **items, size_t *len, size_t *cap, size_t size)
{
    if (mem_grow(items, cap, *len + 1, size) != 0) {
        diag_add(m->diags, DIAG_ERROR, m->dir, 0, 0, "out of memory while reading content");
        return NULL;
    }
    void *e = (char *)*items + *len * size;
    memset(e, 0, size);
    (*len)++;
    return e;
}

/* ==== id index: open addressing, FNV-1a ==== */

static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

void id_index_release(IdIndex *ix)
{
    mem_free(ix->slots);
    ix->slots = NULL;
    ix->cap = ix->len = 0;
}

static IdEntry *id_slot(IdEntry *slots, size_t cap, const char *id)
{
    size_t i = (size_t)(id_hash(id) & (cap - 1));
    while (slots[i].id && strcmp(slots[i].id, id) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

int id_index_put(IdIndex *ix, const char *id, int index, int line, const IdEntry **first)
{
    if ((ix->len + 1) * 2 > ix->cap) {
        size_t ncap = ix->cap ? ix->cap * 2 : 64;
        IdEntry *ns = mem_zalloc(ncap * sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < ix->cap; i++)
            if (ix->slots[i].id)
                *id_slot(ns, ncap, ix->slots[i].id) = ix->slots[i];
        mem_free(ix->slots);
        ix->slots = ns;
        ix->cap = ncap;
    }
    IdEntry *e = id_slot(ix->slots, ix->cap, id);
    if (e->id) {
        if (first)
            *first = e;
        return 1;
    }
    *e = (IdEntry){id, index, line};
    ix->len++;
    return 0;
}

const IdEntry *id_index_get(const IdIndex *ix, const char *id)
{
    if (!ix->cap)
        return NULL;
    const IdEntry *e = id_slot(ix->slots, ix->cap, id);
    return e->id ? e : NULL;
}

/* ==== cells ==== */

const char *cell_text(const Cell *c, size_t col)
{
    return csv_cell(c->t, c->row, col);
}

int cell_column(const Cell *c, size_t col)
{
    return csv_column_number(c->t, col);
}

static void cell_report(const Cell *c, DiagLevel level, size_t col, const char *fmt,
                        va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 0)))
#endif
    ;

static void cell_report(const Cell *c, DiagLevel level, size_t col, const char *fmt,
                        va_list ap)
{
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(c->m->diags, level, c->path, c->row->line, cell_column(c, col), "%s", msg);
}

void cell_error(const Cell *c, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cell_report(c, DIAG_ERROR, col, fmt, ap);
    va_end(ap);
}

void cell_warning(const Cell *c, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cell_report(c, DIAG_WARNING, col, fmt, ap);
    va_end(ap);
}

static const char *column_name(const Cell *c, size_t col)
{
    return col < c->t->ncolumns ? c->t->columns[col].name : "?";
}

bool cell_required(const Cell *c, size_t col, const char *what, const char **out)
{
    const char *s = cell_text(c, col);
    *out = s;
    if (s[0])
        return true;
    cell_error(c, col, "the %s is missing; fill in the '%s' column", what, column_name(c, col));
    return false;
}

/* The id a volunteer probably meant: "Main Entrance" -> "main-entrance". */
static void id_suggestion(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    bool hyphen = false;
    for (; *s && n + 2 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) && ch < 0x80) {
            if (hyphen && n > 0)
                out[n++] = '-';
            hyphen = false;
            out[n++] = (char)tolower(ch);
        } else {
            hyphen = true;
        }
    }
    out[n] = '\0';
}

bool text_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > ID_MAX_LEN || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return false;
    return true;
}

bool cell_id(const Cell *c, size_t col, const char **out)
{
    if (!cell_required(c, col, "id", out))
        return false;
    if (text_is_id(*out))
        return true;
    char hint[ID_MAX_LEN + 8];
    id_suggestion(*out, hint, sizeof hint);
    if (strlen(*out) > ID_MAX_LEN)
        cell_error(c, col, "the id '%s' is longer than %d characters; shorten it", *out,
                   ID_MAX_LEN);
    else if (hint[0])
        cell_error(c, col, "'%s' is not a valid id: use only lower-case letters, digits and "
                   "hyphens, like %s", *out, hint);
    else
        cell_error(c, col, "'%s' is not a valid id: use only lower-case letters, digits and "
                   "hyphens, like main-entrance", *out);
    return false;
}

/* True for "12", "-3", "12.5", ".5" is not accepted (write 0.5). */
static bool text_is_decimal(const char *s, bool whole)
{
    if (*s == '-')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s == '.' && !whole) {
        s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

bool cell_int(const Cell *c, size_t col, long min, long max, bool required, long *out)
{
    const char *s = cell_text(c, col);
    *out = 0;
    if (!s[0]) {
        if (!required)
            return true;
        cell_error(c, col, "the %s is missing; write a whole number", column_name(c, col));
        return false;
    }
    if (!text_is_decimal(s, true)) {
        cell_error(c, col, "'%s' is not a whole number; write digits only, like %ld", s,
                   min > 0 ? min : 0);
        return false;
    }
    long v = strlen(s) > 12 ? LONG_MAX : strtol(s, NULL, 10);
    if (v < min || v > max) {
        cell_error(c, col, "%s is out of range; the %s must be between %ld and %ld", s,
                   column_name(c, col), min, max);
        return false;
    }
    *out = v;
    return true;
}

bool cell_number(const Cell *c, size_t col, double min, double max, bool required,
                 double *out)
{
    const char *s = cell_text(c, col);
    *out = 0;
    if (!s[0]) {
        if (!required)
            return true;
        cell_error(c, col, "the %s is missing; write a number", column_name(c, col));
        return false;
    }
    if (!text_is_decimal(s, false)) {
        cell_error(c, col, "'%s' is not a number; write digits with an optional decimal "
                   "point, like 12 or 12.5", s);
        return false;
    }
    double v = strtod(s, NULL);
    if (v < min || v > max) {
        cell_error(c, col, "%s is out of range; the %s must be between %g and %g", s,
                   column_name(c, col), min, max);
        return false;
    }
    *out = v;
    return true;
}

bool text_is_phone(const char *s)
{
    char digits[24];
    size_t n = 0;
    bool plus = false;
    for (const char *p = s; *p; p++) {
        if (*p == ' ')
            continue;
        if (*p == '+' && n == 0 && !plus) {
            plus = true;
            continue;
        }
        if (!isdigit((unsigned char)*p) || n + 1 >= sizeof digits)
            return false;
        digits[n++] = *p;
    }
    digits[n] = '\0';
    if (plus) {
        if (strncmp(digits, "44", 2) == 0) /* UK: +44 then the number without its 0 */
            return digits[2] != '0' && (n == 11 || n == 12);
        return digits[0] != '0' && n >= 7 && n <= 15;
    }
    if (digits[0] == '0')
        return digits[1] != '0' && (n == 10 || n == 11);
    /* Short national numbers: emergency, NHS 111 and the 116 helplines. */
    return strcmp(digits, "999") == 0 || strcmp(digits, "111") == 0 ||
           strcmp(digits, "112") == 0 || (n == 6 && strncmp(digits, "116", 3) == 0);
}

void phone_problem(const char *s, char *out, size_t cap)
{
    snprintf(out, cap, "'%s' is not a phone number; write UK numbers with the area code, "
             "like 01632 960123, or international numbers starting with +, like "
             "+44 1632 960123", s);
}

bool cell_phone(const Cell *c, size_t col, const char **out)
{
    *out = cell_text(c, col);
    if (!(*out)[0] || text_is_phone(*out))
        return true;
    char msg[400];
    phone_problem(*out, msg, sizeof msg);
    cell_error(c, col, "%s", msg);
    return false;
}

bool text_is_web(const char *s)
{
    size_t skip;
    if (strncmp(s, "https://", 8) == 0)
        skip = 8;
    else if (strncmp(s, "http://", 7) == 0)
        skip = 7;
    else
        return false;
    const char *host = s + skip;
    size_t hlen = strcspn(host, "/?#");
    bool dot = false;
    if (hlen == 0)
        return false;
    for (size_t i = 0; i < hlen; i++) {
        unsigned char ch = (unsigned char)host[i];
        if (ch == '.')
            dot = true;
        else if (!isalnum(ch) && ch != '-' && ch != ':')
            return false;
    }
    if (!dot || host[0] == '.' || host[hlen - 1] == '.')
        return false;
    for (const char *p = host + hlen; *p; p++)
        if ((unsigned char)*p <= ' ')
            return false;
    return true;
}

void web_problem(const char *s, char *out, size_t cap)
{
    if (strncmp(s, "www.", 4) == 0)
        snprintf(out, cap, "'%s' is not a full web address; start it with https://, like "
                 "https://%s", s, s);
    else
        snprintf(out, cap, "'%s' is not a web address; it must start with https:// (or "
                 "http://), like https://northgate.example.org/pals, with no spaces", s);
}

bool cell_web(const Cell *c, size_t col, const char **out)
{
    *out = cell_text(c, col);
    if (!(*out)[0] || text_is_web(*out))
        return true;
    char msg[600];
    web_problem(*out, msg, sizeof msg);
    cell_error(c, col, "%s", msg);
    return false;
}

/* Edit distance for short ids and names (utf8_distance, the program's one); large when
 * either is long. */
size_t id_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > ID_MAX_LEN || lb > ID_MAX_LEN)
        return SIZE_MAX;
    size_t d = utf8_distance(a, la, b, lb, false, UTF8_DISTANCE_MAX);
    return d > UTF8_DISTANCE_MAX ? SIZE_MAX : d;
}

const char *id_closest(const IdIndex *ix, const char *s)
{
    char as_id[ID_MAX_LEN + 8];
    id_suggestion(s, as_id, sizeof as_id);
    const IdEntry *same = as_id[0] && strcmp(as_id, s) != 0 ? id_index_get(ix, as_id) : NULL;
    if (same)
        return same->id;
    const char *guess = NULL;
    size_t best = 3;
    for (size_t i = 0; i < ix->cap; i++) {
        const char *cand = ix->slots[i].id;
        if (!cand)
            continue;
        size_t d = id_distance(s, cand);
        if (d < best || (d == best && guess && strcmp(cand, guess) < 0)) {
            best = d;
            guess = cand;
        }
    }
    return guess;
}

int cell_ref(const Cell *c, size_t col, const SrcTable *target, const char *what)
{
    const char *s = cell_text(c, col);
    if (!s[0]) {
        cell_error(c, col, "the %s is missing; give the id of a %s from %s", what, what,
                   target->file);
        return -1;
    }
    if (!target->loaded)
        return -1; /* its own problems were reported */
    const IdEntry *e = id_index_get(&target->ids, s);
    if (e)
        return e->index;
    const char *guess = id_closest(&target->ids, s);
    if (guess)
        cell_error(c, col, "there is no %s '%s' in %s; did you mean '%s'?", what, s,
                   target->file, guess);
    else
        cell_error(c, col, "there is no %s '%s' in %s; add it there or check the spelling",
                   what, s, target->file);
    return -1;
}

/* ==== shared by the directory check and the ORUK import ==== */

bool text_is_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || dot[1] == '\0')
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';' || *p == '<' || *p == '>')
            return false;
    return true;
}

/* The build day: SOURCE_DATE_EPOCH when set (repeatable builds, as the store's
 * built_at), otherwise today on this computer's calendar. */
CivilDate content_build_day(void)
{
    time_t now = time(NULL);
    struct tm tm;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    bool fixed = false;
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        if (*end == '\0' && v >= 0) {
            now = (time_t)v;
            fixed = true;
        }
    }
    if (!(fixed ? gmtime_r(&now, &tm) : localtime_r(&now, &tm)))
        return (CivilDate){1970, 1, 1};
    return (CivilDate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}
