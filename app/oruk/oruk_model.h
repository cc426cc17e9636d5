/* oruk_model.h: the Open Referral UK module's in-between form of a directory, shared by
 * its readers and writers (internal to app/oruk):
 *   oruk_model.c   the set, messages, ids (Signpost ids from names, UUIDs), text helpers
 *   oruk_json.c    ORUK JSON in (3.0, and 1.0's API keys) and 3.0 JSON out
 *   oruk_csv.c     ORUK CSV tables in (3.0 and 1.0) and 3.0 CSV tables out
 *   oruk_import.c  the set into Signpost's four CSV files (ids, checks, atomic write)
 *   oruk_export.c  a content folder's four CSV files into the set, then out as ORUK
 * Readers fill the set with text as found (references as ORUK ids); the import turns it
 * into Signpost's values; the export fills it with Signpost's values and UUIDs. Every
 * string lives in the set's arena. */
#ifndef SIGNPOST_ORUK_MODEL_H
#define SIGNPOST_ORUK_MODEL_H

#include "content_model.h" /* IdIndex, text_is_web, text_is_id */
#include "diag.h"
#include "mem.h"
#include "oruk.h"
#include "strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Where something was read, for messages. */
typedef struct OrukAt {
    const char *file; /* as shown in messages */
    int line, column; /* 1-based; 0 when unknown (JSON after parsing) */
    const char *path; /* JSON only: where in the document, "[3].phones[1]"; else NULL */
} OrukAt;

typedef struct OrukPhone {
    const char *number, *description;
    OrukAt at;
} OrukPhone;

/* A meeting rule (ORUK schedule / 1.0 regular_schedule), as text. */
typedef struct OrukRule {
    const char *freq, *interval, *byday, *bymonthday, *opens, *closes, *dtstart;
    const char *description;
    const char *weekday; /* 1.0 regular_schedule's weekday ("Monday", "1"); "" otherwise */
    bool dropped;        /* the import left it out (reported) */
    OrukAt at;
} OrukRule;

/* A reference by ORUK id, with where it was made. */
typedef struct OrukRef {
    const char *id;
    OrukAt at;
} OrukRef;

typedef struct OrukOrg {
    const char *uuid, *name, *description, *url, *email;
    const char *sid; /* Signpost id */
    OrukAt at;
} OrukOrg;

typedef struct OrukTerm {
    const char *uuid, *name, *description;
    const char *sid;
    bool used;       /* some service has it */
    size_t order;    /* the import's category order */
    OrukAt at;
} OrukTerm;

typedef struct OrukService {
    const char *uuid, *name, *description, *status, *eligibility, *min_age, *max_age;
    const char *fees, *cost, *url, *email, *alert, *assured, *attending;
    const char *place;   /* Signpost destination id, "" none */
    const char *address; /* one line, "" none */
    size_t nlocations;   /* locations met (one is kept) */
    OrukRef org;         /* organization's ORUK id ("" none) */
    int org_index;       /* into orgs once resolved, -1 none */
    OrukPhone *phones; size_t nphones, capphones;
    OrukRule *rules; size_t nrules, caprules;
    OrukRef *terms; size_t nterms, capterms;
    int *term_index;     /* resolved terms, nterms of them; arena */
    const char **langs; size_t nlangs, caplangs;
    const char *sid;
    OrukAt at;
} OrukService;

typedef struct OrukSet {
    Arena arena;
    DiagList *diags;
    bool failed; /* out of memory (reported) */
    OrukService *services; size_t nservices, capservices;
    OrukOrg *orgs; size_t norgs, caporgs;
    OrukTerm *terms; size_t nterms, capterms;
    IdIndex service_ix, org_ix, term_ix; /* ORUK id -> index */
    /* Where organizations and terms come from, for "there is no organization 'x' in
     * organizations.csv"; "the file" for JSON; NULL when that table could not be read
     * (its problem is reported, so references into it are not). */
    const char *orgs_where, *terms_where;
    IdIndex bad_ix; /* ids of rows with problems of their own: references to them are
                     * not reported again */
    /* The export's view of the site: its name, and destination id -> name. */
    const char *site_name;
    const char *site_address, *site_county; /* [site] address and county, "" none */
    IdIndex place_ix;
    const char **place_names; size_t nplaces, capplaces;
} OrukSet;

void oruk_set_init(OrukSet *set, DiagList *diags);
void oruk_set_release(OrukSet *set);

/* Copies into the set's arena ("" for NULL); "" and a reported error when out of memory. */
const char *oruk_keep(OrukSet *set, const char *s);
const char *oruk_keepn(OrukSet *set, const char *s, size_t n);
const char *oruk_printf(OrukSet *set, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Text from a feed as Signpost keeps it: spaces trimmed, control characters gone,
 * HTML tags and common entities turned into plain text. */
const char *oruk_clean(OrukSet *set, const char *s);

OrukAt oruk_at_csv(const char *file, int line, int column);
OrukAt oruk_at_json(OrukSet *set, const char *file, const char *path);

void oruk_error(OrukSet *set, const OrukAt *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void oruk_warning(OrukSet *set, const OrukAt *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void oruk_oom(OrukSet *set);

/* New zeroed records (NULL when out of memory, reported). An id that is already in
 * the set is an error for services ("the id is used twice"); for organizations and
 * terms met again (each service embeds its own copy in JSON) *existing is set and
 * NULL returned. */
OrukService *oruk_add_service(OrukSet *set, const char *uuid, const OrukAt *at);
OrukOrg *oruk_add_org(OrukSet *set, const char *uuid, const OrukAt *at, bool *existing);
OrukTerm *oruk_add_term(OrukSet *set, const char *uuid, const OrukAt *at, bool *existing);
OrukPhone *oruk_add_phone(OrukSet *set, OrukService *s);
OrukRule *oruk_add_rule(OrukSet *set, OrukService *s);
void oruk_add_term_ref(OrukSet *set, OrukService *s, const char *term_id, const OrukAt *at);
void oruk_add_language(OrukSet *set, OrukService *s, const char *name);
int oruk_find(const IdIndex *ix, const char *id); /* index, or -1 */
/* Notes the id of a row that had problems of its own (reported). */
void oruk_bad_row(OrukSet *set, const char *id);
/* True when a reference to `id` that is not in `ix` need not be reported: the table
 * (`where`, NULL when it could not be read) or the row had problems already. */
bool oruk_missing_reported(const OrukSet *set, const char *where, const char *id);

/* ==== ids ==== */

enum { ORUK_UUID_LEN = 36 };

/* A deterministic UUID (RFC 4122 layout, version 5 bits, variant 10) for `kind` ("service",
 * "organization", "phone"...) and `key` within the site named `site`: BLAKE2b (libsodium
 * crypto_generichash) keyed with Signpost's namespace over site, kind and key. out gets
 * 8-4-4-4-12 lower-case hex and a NUL. */
void oruk_uuid(const char *site, const char *kind, const char *key, char out[ORUK_UUID_LEN + 1]);
/* A Signpost id from a name: folded to lower-case ASCII letters and digits joined by
 * hyphens ("Carers' café" -> "carers-cafe"), at most 48 characters cut at a hyphen;
 * `fallback` when nothing is left. */
void oruk_slug(const char *name, const char *fallback, char *out, size_t cap);

/* The site's name from <dir>/site.ini ([site] name; "" when there is none). It seeds
 * the UUIDs, so that two hospitals' services never share one. */
void oruk_read_site_name(const char *dir, char *out, size_t cap);
/* The site's name, address and county from <dir>/site.ini into the set ("" for any not
 * given). */
void oruk_read_site(OrukSet *set, const char *dir);

/* ==== text ==== */

/* One cost option as Signpost shows it: "OPTION: MONEY DESCRIPTION", where MONEY is
 * "Free" for 0, "£5" or "£2.50" for pounds (no currency, or GBP in any case) and "5 EUR"
 * (the currency in full) otherwise. An amount that is not given (has_amount false),
 * below 0, 1e9 or more, or not a number is left out. Each part may be "". */
const char *oruk_cost_text(OrukSet *set, const char *option, const char *description,
                           bool has_amount, double amount, const char *currency);
/* A one-line address from its parts: "address_1, address_2, city POSTCODE". */
const char *oruk_address_line(OrukSet *set, const char *a1, const char *a2, const char *city,
                              const char *postcode);
/* Splits a one-line address into address_1, city and postcode, so that
 * oruk_address_line() gives it back exactly; when it cannot, all of it is address_1. */
void oruk_address_split(OrukSet *set, const char *line, const char **a1, const char **city,
                        const char **postcode);
/* A service's address as the standard's address table has it. The country is GB and
 * the type physical. */
typedef struct OrukAddress {
    const char *address_1, *city, *state_province, *postal_code;
} OrukAddress;
/* The address of the service's location: the site's ([site] address) for a place on
 * the site (the site's name first in address_1), its own otherwise, split into its
 * parts, with the site's county ([site]
 * county) as state_province. False when a part is missing, which the standard requires
 * (address_1, city, state_province, postal_code): the location is then written without
 * an address rather than with an address a strict consumer refuses. */
bool oruk_service_address(OrukSet *set, const OrukService *s, OrukAddress *a);
/* A location the service is at: a Signpost place (external_identifier_type
 * "signpost-place", external_identifier the destination id) or a one-line address.
 * The first one with either is kept; the rest are counted (the import says so). */
void oruk_service_location(OrukService *s, const char *ext_type, const char *ext_id,
                           const char *address);
extern const char *const oruk_place_type; /* "signpost-place" */

/* A meeting rule in ORUK's canonical spelling, from Signpost's (already checked) text:
 * freq WEEKLY/MONTHLY, interval (1 when every one), byday "MO,TU" or "-1FR",
 * bymonthday "15", times "10:00:00" (midnight closing "23:59:59"), dtstart. Returns
 * false when the text is not a valid rule. */
typedef struct OrukRuleText {
    char freq[8], byday[40], bymonthday[4], opens[16], closes[16], dtstart[16];
    int interval;
} OrukRuleText;
bool oruk_rule_text(const OrukRule *r, OrukRuleText *out);

/* Appends a CSV field (quoted when it needs it) and the separator: ',' or '\n' when last. */
void oruk_csv_put(StrBuf *sb, const char *s, bool last);

/* ==== readers and writers ==== */

/* oruk_json.c: reads a document into the set (problems reported). */
void oruk_read_json(OrukSet *set, const char *name, const char *data, size_t len);
/* Writes the set as a JSON array of ORUK 3.0 services into `out`; returns 0 or -1 with
 * err_set(). */
int oruk_write_json(OrukSet *set, FILE *out);

/* oruk_csv.c: reads the CSV tables of a folder into the set (problems reported). */
void oruk_read_csv(OrukSet *set, const char *dir);
/* Writes the set as ORUK 3.0 CSV tables into `dir` (each via .tmp then rename); returns
 * 0, or -1 with a diag. */
int oruk_write_csv(OrukSet *set, const char *dir);

/* oruk_import.c: turns the set into Signpost values (ids, checks) and renders the four
 * files into bufs[0..3] (categories, organizations, services, schedules). existing_dir
 * (may be NULL) is a content folder whose current ids are kept for the same records.
 * Returns 0, or -1 when there are errors. */
int oruk_convert(OrukSet *set, const char *existing_dir, StrBuf bufs[4], OrukStats *stats);
/* The four files' names, in the order of bufs. */
extern const char *const oruk_signpost_files[4];

/* Writes files[i] = bufs[i] into dir atomically (each .tmp, fsync, then all renamed);
 * returns 0, or -1 with a diag (no .tmp left behind). */
int oruk_write_files(DiagList *diags, const char *dir, const char *const *files,
                     const StrBuf *bufs, size_t n);

#endif
