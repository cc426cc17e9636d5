/* outbox_staff.c: the staff side of the outbox (see outbox.h): list, export with the
 * PALS secret key as CSV, JSON or a FHIR R4 Bundle, and purge what was exported.
 * An outbox may come from a kiosk that was tampered with, so it is opened with an
 * untrusted schema, in defensive mode, and refused if it has triggers or views.
 * Every buffer that holds an opened concern is wiped before it is freed; jansson's
 * frees wipe too (concern_json_wipe_freed). */
#include "outbox.h"
#include "outbox_internal.h"

#include "err.h"
#include "files.h"
#include "log.h"
#include "mem.h"
#include "strbuf.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { BUSY_TIMEOUT_MS = 5000 };

static const char default_fhir_base[] = "https://northgate.example.org/fhir";

/* ==== opening an outbox file ==== */

static int scalar_int(sqlite3 *db, const char *sql, long long *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

sqlite3 *outbox_staff_open(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        err_set("outbox %s: %s", path,
                errno == ENOENT ? "there is no such file" : strerror(errno));
        return NULL;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_set("outbox %s: cannot open it: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    long long app_id = 0, version = 0, active = 0;
    rc = scalar_int(db, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = scalar_int(db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK)
        rc = scalar_int(db, "SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'view')",
                        &active);
    if (rc != SQLITE_OK) {
        err_set("outbox %s: cannot read it: %s", path, sqlite3_errmsg(db));
    } else if (app_id != OUTBOX_APPLICATION_ID) {
        err_set("outbox %s: this is not a Signpost outbox", path);
    } else if (version < 1 || version > OUTBOX_SCHEMA_VERSION) {
        err_set("outbox %s: it has version %lld; this signpostctl reads versions 1 to %d",
                path, version, (int)OUTBOX_SCHEMA_VERSION);
    } else if (active != 0) {
        err_set("outbox %s: it has triggers or views, which an outbox never has; it may have "
                "been tampered with, so it is not used",
                path);
    } else if ((rc = sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON", NULL,
                                  NULL, NULL)) != SQLITE_OK) {
        err_set("outbox %s: cannot set it up: %s", path, sqlite3_errmsg(db));
    } else if (version < OUTBOX_SCHEMA_VERSION &&
               (rc = sqlite3_exec(db,
                                  OUTBOX_MIGRATE_FROM(version), NULL, NULL, NULL)) !=
                   SQLITE_OK) {
        err_set("outbox %s: cannot bring it up to version 4: %s", path, sqlite3_errmsg(db));
    } else {
        return db;
    }
    sqlite3_close(db);
    return NULL;
}

/* ==== list ==== */

int outbox_list(const char *path, int (*fn)(void *user, const OutboxEntry *e), void *user)
{
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT reference, created_at, exported_at FROM concern "
                                "ORDER BY id",
                                -1, &st, NULL);
    int n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        OutboxEntry e = {
            .reference = (const char *)sqlite3_column_text(st, 0),
            .created_at = (const char *)sqlite3_column_text(st, 1),
            .exported_at = (const char *)sqlite3_column_text(st, 2),
        };
        if (!e.reference || !e.created_at) {
            rc = SQLITE_CORRUPT;
            break;
        }
        n++;
        if (fn && fn(user, &e) != 0) {
            rc = SQLITE_DONE;
            break;
        }
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE) {
        err_set("outbox %s: cannot list it: %s", path,
                rc == SQLITE_CORRUPT ? "a row has no reference or time" : sqlite3_errmsg(db));
        n = -1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* ==== the questions, as CSV columns and FHIR items ==== */

typedef enum FieldKind {
    FIELD_TEXT,     /* string */
    FIELD_BOOL,     /* true/false */
    FIELD_DATE,     /* "YYYY-MM-DD" or null */
    FIELD_CODE,     /* one code from a small local code system */
    FIELD_CATEGORY, /* a category id (labels from concern_categories) */
    FIELD_LIST,     /* array of strings */
    FIELD_NEEDS     /* array of AIS need codes (labels from concern_ais_needs) */
} FieldKind;

typedef struct Field {
    const char *key;  /* JSON key, CSV column and FHIR linkId */
    const char *text; /* the question as FHIR item text */
    FieldKind kind;
} Field;

/* After "reference" and "submitted_at", which are the QuestionnaireResponse's
 * identifier and authored time rather than answers. */
static const Field fields[] = {
    {"kind", "Kind of request", FIELD_CODE},
    {"kiosk", "Kiosk where it was raised", FIELD_TEXT},
    {"assisted", "Typed with help from a member of staff", FIELD_BOOL},
    {"who", "Who is the concern about?", FIELD_CODE},
    {"consent", "Has the person agreed to this being raised for them?", FIELD_CODE},
    {"category", "What is it about?", FIELD_CATEGORY},
    {"ko41a_subjects", "KO41a subject areas", FIELD_LIST},
    {"where_place", "Where did it happen? (a place chosen from the list)", FIELD_TEXT},
    {"where_text", "Where did it happen?", FIELD_TEXT},
    {"when", "When did it happen?", FIELD_DATE},
    {"what", "What happened?", FIELD_TEXT},
    {"outcome", "What would help put it right?", FIELD_TEXT},
    {"contact", "How should PALS contact you?", FIELD_CODE},
    {"name", "Name", FIELD_TEXT},
    {"phone", "Phone number", FIELD_TEXT},
    {"email", "Email address", FIELD_TEXT},
    {"address", "Postal address", FIELD_TEXT},
    {"ais_needs", "Communication needs (Accessible Information Standard)", FIELD_NEEDS},
    {"other_need", "Other communication need", FIELD_TEXT},
    {"language", "Preferred language", FIELD_TEXT},
    {"interpreter", "Needs a spoken-language interpreter", FIELD_BOOL},
    {"consent_to_share", "May PALS share the concern with the team involved?", FIELD_BOOL},
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };

typedef struct CodeWords {
    const char *key, *code, *display;
} CodeWords;

static const CodeWords code_words[] = {
    {"kind", "concern", "A concern for PALS"},
    {"kind", "communication-needs", "A request to record communication needs"},
    {"who", "me", "The person raising it"},
    {"who", "someone-else", "Someone else"},
    {"consent", "yes", "Yes, they agreed"},
    {"consent", "no", "No, they have not agreed"},
    {"consent", "cannot", "They cannot agree (a child, someone who has died, or who cannot "
                          "decide)"},
    {"contact", "anonymous", "No contact (anonymous)"},
    {"contact", "phone", "By phone"},
    {"contact", "email", "By email"},
    {"contact", "post", "By post"},
};

static const char *code_display(const char *key, const char *code)
{
    for (size_t i = 0; i < sizeof code_words / sizeof code_words[0]; i++)
        if (strcmp(code_words[i].key, key) == 0 && strcmp(code_words[i].code, code) == 0)
            return code_words[i].display;
    if (strcmp(key, "category") == 0) {
        size_t n;
        const ConcernCategory *cats = concern_categories(&n);
        for (size_t i = 0; i < n; i++)
            if (strcmp(cats[i].id, code) == 0)
                return cats[i].label;
    }
    if (strcmp(key, "ais_needs") == 0) {
        size_t n;
        const ConcernAisNeed *needs = concern_ais_needs(&n);
        for (size_t i = 0; i < n; i++)
            if (strcmp(needs[i].code, code) == 0)
                return needs[i].label;
    }
    return code;
}

/* ==== the export writer ==== */

typedef struct Writer {
    FILE *out;
    OutboxFormat format;
    char base[512];               /* FHIR canonical base, no trailing '/' */
    char now[OUTBOX_TIME_MAX];
    int count;                    /* concerns written */
    bool entries;                 /* FHIR: the Bundle's entry list has begun */
    StrBuf line;                  /* one CSV row; wiped */
} Writer;

/* Appends a JSON value as CSV cell text: strings as they are, booleans yes/no, lists
 * joined with "; ", null empty. */
static int cell_text(StrBuf *sb, const json_t *v)
{
    if (json_is_string(v))
        return strbuf_add(sb, json_string_value(v), json_string_length(v));
    if (json_is_true(v))
        return strbuf_adds(sb, "yes");
    if (json_is_false(v))
        return strbuf_adds(sb, "no");
    if (json_is_integer(v))
        return strbuf_addf(sb, "%lld", (long long)json_integer_value(v));
    if (json_is_array(v)) {
        size_t i;
        const json_t *item;
        json_array_foreach(v, i, item) {
            if ((i > 0 && strbuf_adds(sb, "; ") != 0) || cell_text(sb, item) != 0)
                return -1;
        }
    }
    return 0;
}

/* A spreadsheet runs a cell starting with = + - @ (or a tab or CR before them) as a
 * formula. A phone number ("+44 1632 960123") cannot be one, so only cells with other
 * characters in them are defused, with a leading apostrophe as OWASP advises. */
static bool formula_risk(const char *s)
{
    if (!s[0] || !strchr("=+-@\t\r", s[0]))
        return false;
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789 +-().", *p))
            return true;
    return false;
}

/* Appends one RFC 4180 field to the row. */
static int csv_field(StrBuf *row, const char *s, size_t len)
{
    bool defuse = formula_risk(s);
    if (!defuse && !strpbrk(s, ",\"\r\n"))
        return strbuf_add(row, s, len);
    if (strbuf_addc(row, '"') != 0 || (defuse && strbuf_addc(row, '\'') != 0))
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((s[i] == '"' && strbuf_addc(row, '"') != 0) || strbuf_addc(row, s[i]) != 0)
            return -1;
    return strbuf_addc(row, '"');
}

static int csv_row_end(Writer *w)
{
    int rc = strbuf_adds(&w->line, "\r\n");
    if (rc == 0 && fwrite(w->line.buf, 1, w->line.len, w->out) != w->line.len)
        rc = err_set("cannot write the export: %s", strerror(errno));
    strbuf_reset(&w->line);
    return rc;
}

static int csv_header(Writer *w)
{
    int rc = strbuf_adds(&w->line, "reference,submitted_at");
    for (size_t i = 0; rc == 0 && i < NFIELDS; i++)
        rc = strbuf_addf(&w->line, ",%s", fields[i].key);
    return rc == 0 ? csv_row_end(w) : rc;
}

/* What PALS read for a key: the place and the kiosk by name where the concern has
 * their names (sealed since version 2), else as sealed. */
static const json_t *shown(const json_t *concern, const char *key)
{
    /* Sealed before version 3, when every sealed item was a concern. */
    static json_t *concern_kind;
    if (strcmp(key, "kind") == 0 && !json_object_get(concern, "kind")) {
        if (!concern_kind)
            concern_kind = json_string("concern");
        return concern_kind;
    }
    const char *named = strcmp(key, "where_place") == 0 ? "where_place_name"
                        : strcmp(key, "kiosk") == 0     ? "kiosk_name"
                                                        : NULL;
    const json_t *name = named ? json_object_get(concern, named) : NULL;
    if (json_is_string(name) && json_string_length(name) > 0)
        return name;
    return json_object_get(concern, key);
}

static int csv_concern(Writer *w, const json_t *concern)
{
    StrBuf cell;
    strbuf_init(&cell, 0);
    cell.wipe = true;
    int rc = 0;
    static const char *const first[] = {"reference", "submitted_at"};
    for (size_t i = 0; rc == 0 && i < 2 + NFIELDS; i++) {
        const char *key = i < 2 ? first[i] : fields[i - 2].key;
        strbuf_reset(&cell);
        rc = cell_text(&cell, shown(concern, key));
        if (rc == 0 && i > 0)
            rc = strbuf_addc(&w->line, ',');
        if (rc == 0)
            rc = csv_field(&w->line, cell.buf, cell.len);
    }
    strbuf_release(&cell);
    return rc == 0 ? csv_row_end(w) : rc;
}

/* ---- FHIR ---- */

static json_t *coding(const Writer *w, const char *system, const char *code, const char *display)
{
    char url[640];
    snprintf(url, sizeof url, "%s/CodeSystem/%s", w->base, system);
    return json_pack("{s:s, s:s, s:s}", "system", url, "code", code, "display", display);
}

static void uuid_urn(char out[48])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, 48,
             "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

/* Appends v to array a; clears *ok when v is NULL (out of memory) or will not go in,
 * so that nothing is ever left out of an export without the export failing. */
static void append(json_t *a, json_t *v, bool *ok)
{
    if (!v || json_array_append_new(a, v) != 0)
        *ok = false;
}

/* The answers to one question, or NULL when it has none (FHIR forbids empty values
 * and empty arrays, so such an item is left out) or on out of memory (*ok cleared). */
static json_t *answers(const Writer *w, const Field *f, const json_t *v, bool *ok)
{
    json_t *a = json_array();
    if (!a) {
        *ok = false;
        return NULL;
    }
    char system[64];
    snprintf(system, sizeof system, "signpost-concern-%s", f->key);
    switch (f->kind) {
    case FIELD_TEXT:
    case FIELD_DATE:
        if (json_is_string(v) && json_string_length(v) > 0)
            append(a, json_pack("{s:O}", f->kind == FIELD_TEXT ? "valueString" : "valueDate", v),
                   ok);
        break;
    case FIELD_BOOL:
        if (json_is_boolean(v))
            append(a, json_pack("{s:b}", "valueBoolean", json_is_true(v)), ok);
        break;
    case FIELD_CODE:
    case FIELD_CATEGORY:
        if (json_is_string(v) && json_string_length(v) > 0) {
            const char *code = json_string_value(v);
            append(a,
                   json_pack("{s:o}", "valueCoding",
                             coding(w, system, code, code_display(f->key, code))),
                   ok);
        }
        break;
    case FIELD_LIST:
    case FIELD_NEEDS: {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (!json_is_string(item) || json_string_length(item) == 0)
                continue;
            const char *code = json_string_value(item);
            if (f->kind == FIELD_LIST)
                append(a, json_pack("{s:O}", "valueString", item), ok);
            else
                append(a,
                       json_pack("{s:o}", "valueCoding",
                                 coding(w, "signpost-ais-need", code,
                                        code_display(f->key, code))),
                       ok);
        }
        break;
    }
    }
    if (!*ok || json_array_size(a) == 0) {
        json_decref(a);
        return NULL;
    }
    return a;
}

/* The concern as a QuestionnaireResponse; NULL on out of memory. */
static json_t *questionnaire_response(const Writer *w, const json_t *concern)
{
    char questionnaire[640], id_system[640];
    const json_t *kind = shown(concern, "kind");
    bool needs = json_is_string(kind) && strcmp(json_string_value(kind), "communication-needs") == 0;
    snprintf(questionnaire, sizeof questionnaire, "%s/Questionnaire/%s|1", w->base,
             needs ? "signpost-communication-needs" : "signpost-concern");
    snprintf(id_system, sizeof id_system, "%s/sid/signpost-concern-reference", w->base);
    bool ok = true;
    json_t *items = json_array();
    for (size_t i = 0; items && ok && i < NFIELDS; i++) {
        json_t *a = answers(w, &fields[i], shown(concern, fields[i].key), &ok);
        if (a)
            append(items,
                   json_pack("{s:s, s:s, s:o}", "linkId", fields[i].key, "text", fields[i].text,
                             "answer", a),
                   &ok);
    }
    if (!items || !ok) {
        json_decref(items);
        return NULL;
    }
    return json_pack("{s:s, s:{s:s, s:O}, s:s, s:s, s:O, s:o}", "resourceType",
                     "QuestionnaireResponse", "identifier", "system", id_system, "value",
                     json_object_get(concern, "reference"), "questionnaire", questionnaire,
                     "status", "completed", "authored", json_object_get(concern, "submitted_at"),
                     "item", items);
}

/* The Accessible Information Standard flag: the needs in words. There is no patient
 * record to point at, so the subject is a description only. NULL when the concern
 * has no such needs, and also on out of memory, which sets *oom. */
static json_t *needs_flag(const Writer *w, const json_t *concern, bool *oom)
{
    *oom = false;
    const json_t *needs = json_object_get(concern, "ais_needs");
    const json_t *other = json_object_get(concern, "other_need");
    const json_t *language = json_object_get(concern, "language");
    bool has_other = json_is_string(other) && json_string_length(other) > 0;
    bool interpreter = json_is_true(json_object_get(concern, "interpreter"));
    if (json_array_size(needs) == 0 && !has_other && !interpreter)
        return NULL;
    StrBuf text;
    strbuf_init(&text, 0);
    text.wipe = true;
    int rc = strbuf_adds(&text, "Communication needs:");
    size_t i;
    const json_t *item;
    json_array_foreach(needs, i, item) {
        if (json_is_string(item) && rc == 0)
            rc = strbuf_addf(&text, "%s %s", i ? ";" : "",
                             code_display("ais_needs", json_string_value(item)));
    }
    if (has_other && rc == 0)
        rc = strbuf_addf(&text, "%s Other: %s", json_array_size(needs) ? ";" : "",
                         json_string_value(other));
    if (interpreter && rc == 0)
        rc = strbuf_addf(&text, "%s Spoken-language interpreter: %s",
                         json_array_size(needs) || has_other ? ";" : "",
                         json_is_string(language) ? json_string_value(language) : "");
    char id_system[640], subject[128];
    snprintf(id_system, sizeof id_system, "%s/sid/signpost-concern-reference", w->base);
    const char *ref = json_string_value(json_object_get(concern, "reference"));
    const json_t *kind = shown(concern, "kind");
    bool request = json_is_string(kind) &&
                   strcmp(json_string_value(kind), "communication-needs") == 0;
    snprintf(subject, sizeof subject, "%s %s (no patient record)",
             request ? "The person named in communication-needs request"
                     : "The person who raised PALS concern",
             ref ? ref : "");
    json_t *flag = rc != 0 ? NULL
                           : json_pack(
                                 "{s:s, s:[{s:s, s:O}], s:s, s:[{s:[{s:s, s:s, s:s}], s:s}], "
                                 "s:{s:s}, s:{s:s}, s:{s:O}}",
                                 "resourceType", "Flag", "identifier", "system", id_system,
                                 "value", json_object_get(concern, "reference"), "status",
                                 "active", "category", "coding", "system",
                                 "http://terminology.hl7.org/CodeSystem/flag-category", "code",
                                 "contact", "display", "Subject Contact", "text",
                                 "Accessible Information Standard", "code", "text", text.buf,
                                 "subject", "display", subject, "period", "start",
                                 json_object_get(concern, "submitted_at"));
    strbuf_release(&text);
    *oom = flag == NULL;
    return flag;
}

/* Writes one Bundle entry (with its separator). */
static int fhir_entry(Writer *w, json_t *resource)
{
    char urn[48];
    uuid_urn(urn);
    json_t *entry = json_pack("{s:s, s:o}", "fullUrl", urn, "resource", resource);
    char *text = entry ? json_dumps(entry, JSON_COMPACT) : NULL;
    json_decref(entry);
    if (!text)
        return err_set("out of memory writing FHIR");
    int rc = 0;
    if (fputs(w->entries ? ",\n" : ",\"entry\":[\n", w->out) == EOF || fputs(text, w->out) == EOF)
        rc = err_set("cannot write the export: %s", strerror(errno));
    w->entries = true;
    mem_wipe(text, strlen(text));
    mem_free(text);
    return rc;
}

static int fhir_concern(Writer *w, const json_t *concern)
{
    json_t *qr = questionnaire_response(w, concern);
    if (!qr)
        return err_set("out of memory writing FHIR");
    bool oom = false;
    json_t *flag = needs_flag(w, concern, &oom);
    if (oom) {
        json_decref(qr);
        return err_set("out of memory writing FHIR");
    }
    int rc = fhir_entry(w, qr);
    if (flag && rc == 0)
        rc = fhir_entry(w, flag);
    else
        json_decref(flag);
    return rc;
}

/* Sets up the writer for an export: its format, the FHIR base without a trailing '/',
 * the time, and a row buffer that is wiped. writer_release() undoes it. */
static void writer_init(Writer *w, FILE *out, const OutboxExport *ex)
{
    *w = (Writer){.out = out, .format = ex->format};
    snprintf(w->base, sizeof w->base, "%s", ex->fhir_base ? ex->fhir_base : default_fhir_base);
    for (size_t k = strlen(w->base); k > 0 && w->base[k - 1] == '/'; k--)
        w->base[k - 1] = '\0';
    outbox_time_now(w->now);
    strbuf_init(&w->line, 0);
    w->line.wipe = true;
}

static int writer_begin(Writer *w)
{
    switch (w->format) {
    case OUTBOX_CSV: /* a byte-order mark first: Excel then reads the file as UTF-8 */
        return fputs("\xEF\xBB\xBF", w->out) == EOF ? -1 : csv_header(w);
    case OUTBOX_JSON:
        return fputs("[", w->out) == EOF ? -1 : 0;
    case OUTBOX_FHIR:
        return fprintf(w->out, "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                               "\"timestamp\":\"%s\"",
                       w->now) < 0
                   ? -1
                   : 0;
    }
    return -1;
}

/* plain is the concern exactly as sealed; concern is it parsed. */
static int writer_concern(Writer *w, const char *plain, size_t len, const json_t *concern)
{
    int rc = -1;
    switch (w->format) {
    case OUTBOX_CSV:
        rc = csv_concern(w, concern);
        break;
    case OUTBOX_JSON:
        rc = fputs(w->count ? ",\n" : "\n", w->out) == EOF ||
                     fwrite(plain, 1, len, w->out) != len
                 ? err_set("cannot write the export: %s", strerror(errno))
                 : 0;
        break;
    case OUTBOX_FHIR:
        rc = fhir_concern(w, concern);
        break;
    }
    if (rc == 0)
        w->count++;
    return rc;
}

static int writer_end(Writer *w)
{
    int rc = 0;
    switch (w->format) {
    case OUTBOX_CSV:
        break;
    case OUTBOX_JSON:
        rc = fputs(w->count ? "\n]\n" : "]\n", w->out) == EOF ? -1 : 0;
        break;
    case OUTBOX_FHIR:
        rc = fputs(w->entries ? "\n]}\n" : "}\n", w->out) == EOF ? -1 : 0;
        break;
    }
    return rc;
}

/* Flushes out and, when it is a file, syncs it to the disk. */
static int flush_out(FILE *out)
{
    if (fflush(out) != 0 || ferror(out))
        return err_set("cannot write the export: %s", strerror(errno));
    struct stat sb;
    if (fstat(fileno(out), &sb) == 0 && S_ISREG(sb.st_mode) && fsync(fileno(out)) != 0)
        return err_set("cannot write the export to the disk: %s", strerror(errno));
    return 0;
}

/* ==== export ==== */

/* Opens one sealed box and checks it is the concern of that reference. Returns the
 * parsed concern, or NULL. *plain and *plain_len get the text (wipe and free it). */
json_t *outbox_open_box(const unsigned char *box, size_t box_len, const char *reference,
                        const unsigned char pk[crypto_box_PUBLICKEYBYTES],
                        const unsigned char sk[crypto_box_SECRETKEYBYTES], char **plain,
                        size_t *plain_len)
{
    *plain = NULL;
    *plain_len = 0;
    if (box_len < crypto_box_SEALBYTES)
        return NULL;
    size_t len = box_len - crypto_box_SEALBYTES;
    char *text = mem_alloc(len + 1);
    if (!text)
        return NULL;
    if (crypto_box_seal_open((unsigned char *)text, box, box_len, pk, sk) != 0) {
        mem_wipe(text, len + 1);
        mem_free(text);
        return NULL;
    }
    text[len] = '\0';
    json_error_t jerr;
    json_t *concern = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    mem_wipe(&jerr, sizeof jerr); /* its "text" may quote the concern */
    const char *ref = json_string_value(json_object_get(concern, "reference"));
    if (!json_is_object(concern) || !ref || strcmp(ref, reference) != 0 ||
        !json_is_string(json_object_get(concern, "submitted_at")) ||
        (json_integer_value(json_object_get(concern, "version")) != 1 &&
         json_integer_value(json_object_get(concern, "version")) != CONCERN_JSON_VERSION)) {
        json_decref(concern);
        mem_wipe(text, len + 1);
        mem_free(text);
        return NULL;
    }
    *plain = text;
    *plain_len = len;
    return concern;
}

typedef struct IdList {
    sqlite3_int64 *ids;
    size_t n, cap;
} IdList;

/* Marks the written concerns exported, in one transaction. */
static int mark_exported(sqlite3 *db, const char *path, const IdList *done, const char *now)
{
    int rc = outbox_for_ids(db,
                            "UPDATE concern SET exported_at = ?2 "
                            "WHERE id = ?1 AND exported_at IS NULL",
                            done->ids, done->n, now);
    if (rc != SQLITE_OK) {
        err_set("outbox %s: the export was written, but marking its concerns as exported "
                "failed (%s); they stay pending, so do not purge on the strength of this export",
                path, sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

/* ---- the receipt ---- */

/* Adds "concern REF TOKEN" for an opened concern whose sealed token hashes to the hash
 * kept beside it; -1 (logged) when it cannot be proven. */
static int proof_line(StrBuf *proof, const char *path, const char *ref, const json_t *concern,
                      const void *kept, int kept_len)
{
    const char *hex = json_string_value(json_object_get(concern, "receipt_token"));
    if (!hex || !hex[0]) {
        log_warn("outbox %s: concern %s was sealed before receipts (an older kiosk), so the "
                 "receipt cannot prove it; after importing it, delete it at the kiosk with "
                 "'signpostctl concerns purge'",
                 path, ref);
        return -1;
    }
    if (!outbox_token_matches(hex, kept, kept_len)) {
        log_warn("outbox %s: the token sealed in concern %s does not match the file's record "
                 "of it (the file was changed?); it is left off the receipt, so the kiosk "
                 "keeps it",
                 path, ref);
        return -1;
    }
    return strbuf_addf(proof, "concern %s %s\n", ref, hex);
}

/* Writes the receipt (outbox.h): where the collection came from (its collection table;
 * an outbox file has none), the lines, the count; flushed and synced. */
static int write_receipt(sqlite3 *db, FILE *out, const StrBuf *proof, const char *now)
{
    char kiosk[64] = "-", name[256] = "-";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT kiosk, name FROM collection LIMIT 1", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *n = (const char *)sqlite3_column_text(st, 1);
        /* One word each: the receipt is read line by line. */
        if (k && k[0] && !strpbrk(k, " \t\r\n"))
            snprintf(kiosk, sizeof kiosk, "%s", k);
        if (n && n[0] && !strpbrk(n, " \t\r\n"))
            snprintf(name, sizeof name, "%s", n);
    }
    sqlite3_finalize(st);
    size_t lines = 0;
    for (size_t i = 0; i < proof->len; i++)
        lines += proof->buf[i] == '\n';
    if (fprintf(out, "signpost-receipt 1\nkiosk %s\ncollection %s\nopened %s\n", kiosk, name,
                now) < 0 ||
        (proof->len && fwrite(proof->buf, 1, proof->len, out) != proof->len) ||
        fprintf(out, "end %zu\n", lines) < 0)
        return err_set("cannot write the receipt: %s", strerror(errno));
    if (fflush(out) != 0 || ferror(out))
        return err_set("cannot write the receipt: %s", strerror(errno));
    struct stat sb;
    if (fstat(fileno(out), &sb) == 0 && S_ISREG(sb.st_mode) && fsync(fileno(out)) != 0)
        return err_set("cannot write the receipt to the disk: %s", strerror(errno));
    return 0;
}

int outbox_export(const char *path, const unsigned char secret_key[OUTBOX_KEY_BYTES],
                  FILE *out, OutboxExport *ex)
{
    ex->exported = 0;
    ex->unreadable = 0;
    ex->unproven = 0;
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    concern_json_wipe_freed();
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;

    Writer w;
    writer_init(&w, out, ex);
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pk, secret_key);
    IdList done = {0};

    StrBuf proof; /* the receipt's concern lines */
    strbuf_init(&proof, 0);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                ex->all ? "SELECT id, reference, sealed, token_hash FROM concern "
                                          "ORDER BY id"
                                        : "SELECT id, reference, sealed, token_hash FROM concern "
                                          "WHERE exported_at IS NULL ORDER BY id",
                                -1, &st, NULL);
    int result = 0;
    if (rc != SQLITE_OK)
        result = err_set("outbox %s: cannot read it: %s", path, sqlite3_errmsg(db));
    else if (writer_begin(&w) != 0)
        result = err_set("cannot write the export: %s", strerror(errno));
    while (result == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        const char *ref = (const char *)sqlite3_column_text(st, 1);
        const unsigned char *box = sqlite3_column_blob(st, 2);
        size_t box_len = (size_t)sqlite3_column_bytes(st, 2);
        char *plain = NULL;
        size_t plain_len = 0;
        json_t *concern = ref && box ? outbox_open_box(box, box_len, ref, pk, secret_key, &plain,
                                                &plain_len)
                                     : NULL;
        if (!concern) {
            ex->unreadable++;
            log_warn("outbox %s: concern %s cannot be opened with this secret key (sealed to "
                     "another key, or damaged); it stays pending",
                     path, ref ? ref : "(no reference)");
            continue;
        }
        if (ex->receipt && proof_line(&proof, path, ref, concern, sqlite3_column_blob(st, 3),
                                      sqlite3_column_bytes(st, 3)) != 0)
            ex->unproven++;
        if (writer_concern(&w, plain, plain_len, concern) != 0)
            result = -1;
        else if (mem_grow((void **)&done.ids, &done.cap, done.n + 1, sizeof *done.ids) != 0)
            result = -1;
        else
            done.ids[done.n++] = id;
        json_decref(concern);
        mem_wipe(plain, plain_len);
        mem_free(plain);
    }
    if (result == 0 && rc != SQLITE_DONE)
        result = err_set("outbox %s: cannot read it: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (result == 0 && writer_end(&w) != 0)
        result = err_set("cannot write the export: %s", strerror(errno));
    if (result == 0)
        result = flush_out(out);
    if (result == 0 && ex->out_path && file_sync_dir_of(ex->out_path) != 0)
        result = err_set("cannot write the export to the disk: %s", err_msg());
    if (result == 0 && ex->receipt)
        result = write_receipt(db, ex->receipt, &proof, w.now);
    /* Only now, with everything written and on the disk, do the concerns count as
     * collected (and so become purgeable). */
    if (result == 0 && done.n > 0)
        result = mark_exported(db, path, &done, w.now);
    if (result == 0)
        ex->exported = (int)done.n;
    if (result == 0 && ex->unreadable > 0)
        result = err_set("outbox %s: %d concern%s could not be opened with this secret key and "
                         "stay%s pending",
                         path, ex->unreadable, ex->unreadable == 1 ? "" : "s",
                         ex->unreadable == 1 ? "s" : "");
    mem_free(done.ids);
    strbuf_release(&proof);
    strbuf_release(&w.line);
    sodium_memzero(pk, sizeof pk);
    sqlite3_close(db);
    return result;
}

/* ==== purge ==== */

int outbox_purge(const char *path, int *deleted)
{
    *deleted = 0;
    sqlite3 *db = outbox_staff_open(path);
    if (!db)
        return -1;
    int rc = sqlite3_exec(db,
                          "BEGIN IMMEDIATE; DELETE FROM concern WHERE exported_at IS NOT NULL",
                          NULL, NULL, NULL);
    int n = rc == SQLITE_OK ? sqlite3_changes(db) : 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err_set("outbox %s: cannot delete the exported concerns: %s; nothing was deleted", path,
                sqlite3_errmsg(db));
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        return -1;
    }
    *deleted = n;
    /* secure_delete zeroed the rows' bytes; VACUUM rebuilds the file without their
     * pages and the checkpoint empties the write-ahead log that held the old pages. */
    int result = 0;
    long long busy = 0;
    rc = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = scalar_int(db, "PRAGMA wal_checkpoint(TRUNCATE)", &busy);
    if (rc == SQLITE_OK && busy)
        log_warn("outbox %s: the kiosk is using the outbox, so its write-ahead log could not be "
                 "emptied now; the kiosk empties it at its next checkpoint",
                 path);
    if (rc != SQLITE_OK)
        result = err_set("outbox %s: %d exported concern%s deleted, but compacting the file "
                         "failed: %s",
                         path, n, n == 1 ? "" : "s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return result;
}

/* ==== confirming a receipt on a file ==== */

int outbox_confirm_file(const char *outbox_path, const char *receipt_path, const char *kiosk_id,
                        OutboxConfirm *res)
{
    memset(res, 0, sizeof *res);
    sqlite3 *db = outbox_staff_open(outbox_path);
    if (!db)
        return -1;
    int rc = outbox_confirm_db(db, outbox_path, receipt_path, kiosk_id, res);
    sqlite3_close(db);
    return rc;
}

/* ==== export from sealed concerns in memory (the central inbox) ==== */

int outbox_export_sealed(const OutboxSealed *items, size_t n,
                         const unsigned char secret_key[OUTBOX_KEY_BYTES], FILE *out,
                         OutboxExport *ex, OutboxOpened *opened)
{
    ex->exported = 0;
    ex->unreadable = 0;
    ex->unproven = 0;
    if (sodium_init() < 0)
        return err_set("libsodium could not initialise");
    concern_json_wipe_freed();
    Writer w;
    writer_init(&w, out, ex);
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pk, secret_key);
    int result = writer_begin(&w) != 0 ? err_set("cannot write the export: %s", strerror(errno))
                                       : 0;
    for (size_t i = 0; result == 0 && i < n; i++) {
        memset(&opened[i], 0, sizeof opened[i]);
        char *plain = NULL;
        size_t plain_len = 0;
        const char *ref = items[i].reference;
        json_t *concern = ref && items[i].sealed
                              ? outbox_open_box(items[i].sealed, items[i].sealed_len, ref, pk,
                                         secret_key, &plain, &plain_len)
                              : NULL;
        if (!concern) {
            ex->unreadable++;
            log_warn("concern %s cannot be opened with this secret key (sealed to another "
                     "key, or damaged); it is not collected",
                     ref ? ref : "(no reference)");
            continue;
        }
        const char *hex = json_string_value(json_object_get(concern, "receipt_token"));
        bool proven = hex && items[i].token_hash &&
                      outbox_token_matches(hex, items[i].token_hash, (int)items[i].token_hash_len);
        if (writer_concern(&w, plain, plain_len, concern) != 0) {
            result = -1;
        } else {
            opened[i].opened = true;
            opened[i].proven = proven;
            if (proven)
                snprintf(opened[i].token, sizeof opened[i].token, "%s", hex);
            else
                ex->unproven++;
            ex->exported++;
        }
        json_decref(concern);
        mem_wipe(plain, plain_len);
        mem_free(plain);
    }
    if (result == 0 && writer_end(&w) != 0)
        result = err_set("cannot write the export: %s", strerror(errno));
    if (result == 0)
        result = flush_out(out);
    if (result == 0 && ex->out_path && file_sync_dir_of(ex->out_path) != 0)
        result = err_set("cannot write the export to the disk: %s", err_msg());
    if (result != 0)
        ex->exported = 0;
    strbuf_release(&w.line);
    sodium_memzero(pk, sizeof pk);
    return result;
}
