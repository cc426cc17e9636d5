/* json_schema.c: the JSON Schema subset of the Open Referral schemas, checked with
 * jansson (see json_schema.h). */
#include "json_schema.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct JsonSchemas {
    char dir[512];
    FILE *report;
    json_t *cache; /* file name -> its schema */
    size_t problems;
};

JsonSchemas *js_open(const char *dir, FILE *report)
{
    JsonSchemas *js = calloc(1, sizeof *js);
    if (!js)
        return NULL;
    snprintf(js->dir, sizeof js->dir, "%s", dir);
    js->report = report;
    js->cache = json_object();
    if (!js->cache) {
        free(js);
        return NULL;
    }
    return js;
}

void js_close(JsonSchemas *js)
{
    if (!js)
        return;
    json_decref(js->cache);
    free(js);
}

static void problem(JsonSchemas *js, const char *where, const char *file, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

static void problem(JsonSchemas *js, const char *where, const char *file, const char *fmt,
                    ...)
{
    js->problems++;
    if (!js->report)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(js->report, "  %s: ", where[0] ? where : "(top)");
    vfprintf(js->report, fmt, ap);
    fprintf(js->report, " (%s)\n", file);
    va_end(ap);
}

static json_t *load(JsonSchemas *js, const char *file, const char *where)
{
    json_t *s = json_object_get(js->cache, file);
    if (s)
        return s;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", js->dir, file);
    json_error_t e;
    s = json_load_file(path, 0, &e);
    if (!s) {
        problem(js, where, file, "cannot read the schema: %s", e.text);
        return NULL;
    }
    json_object_set_new(js->cache, file, s);
    return s;
}

static bool is_hex_run(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* 8-4-4-4-12 hex digits (RFC 4122 text form). */
static bool is_uuid(const char *s)
{
    static const size_t runs[] = {8, 4, 4, 4, 12};
    if (strlen(s) != 36)
        return false;
    for (size_t i = 0, at = 0; i < 5; i++) {
        if (!is_hex_run(s + at, runs[i]))
            return false;
        at += runs[i];
        if (i < 4 && s[at++] != '-')
            return false;
    }
    return true;
}

static bool is_date(const char *s)
{
    return strlen(s) >= 10 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[3]) &&
           s[4] == '-' && isdigit((unsigned char)s[5]) && s[7] == '-' &&
           isdigit((unsigned char)s[9]);
}

/* A scheme ("https:", "mailto:") then something. */
static bool is_uri(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return false;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
    return s[n] == ':' && s[n + 1] && !strchr(s, ' ');
}

static bool format_ok(const char *format, const char *s, bool *known)
{
    *known = true;
    if (strcmp(format, "uuid") == 0)
        return is_uuid(s);
    if (strcmp(format, "uri") == 0)
        return is_uri(s);
    if (strcmp(format, "email") == 0) {
        const char *at = strchr(s, '@');
        return at && at != s && at[1] && !strchr(s, ' ');
    }
    if (strcmp(format, "date") == 0)
        return strlen(s) == 10 && is_date(s);
    if (strcmp(format, "date-time") == 0)
        return is_date(s) && s[10] == 'T';
    *known = false;
    return true;
}

static bool type_ok(const char *type, const json_t *v)
{
    if (strcmp(type, "string") == 0)
        return json_is_string(v);
    if (strcmp(type, "number") == 0)
        return json_is_number(v);
    if (strcmp(type, "integer") == 0)
        return json_is_integer(v);
    if (strcmp(type, "object") == 0)
        return json_is_object(v);
    if (strcmp(type, "array") == 0)
        return json_is_array(v);
    if (strcmp(type, "boolean") == 0)
        return json_is_boolean(v);
    if (strcmp(type, "null") == 0)
        return json_is_null(v);
    return false;
}

/* Keywords that say something about a value but constrain nothing. */
static bool annotation(const char *key)
{
    static const char *const keys[] = {
        "name", "path", "description", "datapackage_metadata", "title", "constraints",
        "example", "core", "datapackage_type", "tabular_required", "$schema", "$id",
        "$comment", "default", "examples"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static void check(JsonSchemas *js, const json_t *schema, const char *file, json_t *v,
                  const char *where, int depth);

static void check_ref(JsonSchemas *js, const char *ref, json_t *v, const char *where,
                      int depth)
{
    const json_t *s = strchr(ref, '#') || strchr(ref, '/') ? NULL : load(js, ref, where);
    if (!s) {
        if (strchr(ref, '#') || strchr(ref, '/'))
            problem(js, where, ref, "a $ref this validator cannot follow: '%s'", ref);
        return;
    }
    check(js, s, ref, v, where, depth + 1);
}

static void check(JsonSchemas *js, const json_t *schema, const char *file, json_t *v,
                  const char *where, int depth)
{
    if (depth > 64) {
        problem(js, where, file, "nested too deeply");
        return;
    }
    const char *key;
    json_t *kv;
    json_object_foreach((json_t *)schema, key, kv)
    {
        char sub[1024];
        if (annotation(key))
            continue;
        if (strcmp(key, "$ref") == 0) {
            check_ref(js, json_string_value(kv), v, where, depth);
        } else if (strcmp(key, "type") == 0) {
            if (!json_is_string(kv) || !type_ok(json_string_value(kv), v))
                problem(js, where, file, "should be of type %s",
                        json_is_string(kv) ? json_string_value(kv) : "(a list)");
        } else if (strcmp(key, "enum") == 0) {
            bool found = false;
            size_t i;
            json_t *e;
            json_array_foreach(kv, i, e) found |= json_equal(e, v);
            if (!found) {
                char *text = json_dumps(v, JSON_ENCODE_ANY);
                problem(js, where, file, "%s is not one of the values allowed",
                        text ? text : "the value");
                free(text);
            }
        } else if (strcmp(key, "format") == 0) {
            bool known;
            if (json_is_string(v) && !format_ok(json_string_value(kv), json_string_value(v),
                                                &known))
                problem(js, where, file, "'%s' is not a valid %s", json_string_value(v),
                        json_string_value(kv));
            else if (json_is_string(v) && !known)
                problem(js, where, file, "format '%s' is unknown to this validator",
                        json_string_value(kv));
        } else if (strcmp(key, "required") == 0) {
            size_t i;
            json_t *name;
            if (json_is_object(v))
                json_array_foreach(kv, i, name) if (!json_object_get(v, json_string_value(name)))
                    problem(js, where, file, "'%s' is required", json_string_value(name));
        } else if (strcmp(key, "properties") == 0) {
            const char *prop;
            json_t *ps;
            if (json_is_object(v))
                json_object_foreach(kv, prop, ps)
                {
                    json_t *pv = json_object_get(v, prop);
                    if (!pv)
                        continue;
                    snprintf(sub, sizeof sub, "%s.%s", where, prop);
                    check(js, ps, file, pv, sub, depth + 1);
                }
        } else if (strcmp(key, "items") == 0) {
            size_t i;
            json_t *item;
            if (json_is_array(v))
                json_array_foreach(v, i, item)
                {
                    snprintf(sub, sizeof sub, "%s[%zu]", where, i);
                    check(js, kv, file, item, sub, depth + 1);
                }
        } else {
            problem(js, where, file, "the schema uses '%s', which this validator does not check",
                    key);
        }
    }
}

size_t js_check(JsonSchemas *js, const char *file, json_t *value, const char *where)
{
    size_t before = js->problems;
    const json_t *s = load(js, file, where);
    if (s)
        check(js, s, file, value, where, 0);
    return js->problems - before;
}
