/* concern.c: the concern a person enters on the kiosk (see concern.h): set-up and
 * wiping, the public categories and their KO41a subject areas, the checks on each
 * answer, and the JSON text that outbox.c seals.
 *
 * Wiping: jansson copies every string it is given and builds json_dumps() output in
 * growing buffers it frees as it goes. concern_json_wipe_freed() points jansson's
 * free at a function that wipes each block before freeing it, so none of those copies
 * is left in freed heap memory. */
#include "concern.h"

#include "err.h"
#include "i18n.h"
#include "mem.h"
#include "utf8.h"

#include <jansson.h>
#include <malloc.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== set-up and wiping ==== */

static void text_init(StrBuf *sb, size_t max)
{
    strbuf_init(sb, max);
    sb->wipe = true;
}

void concern_init(Concern *c)
{
    memset(c, 0, sizeof *c);
    c->who = WHO_UNSET;
    c->consent = CONSENT_UNSET;
    c->contact = CONTACT_UNSET;
    text_init(&c->where_text, CONCERN_WHERE_MAX);
    text_init(&c->what, CONCERN_WHAT_MAX);
    text_init(&c->outcome, CONCERN_OUTCOME_MAX);
    text_init(&c->name, CONCERN_NAME_MAX);
    text_init(&c->phone, CONCERN_PHONE_MAX);
    text_init(&c->email, CONCERN_EMAIL_MAX);
    text_init(&c->address, CONCERN_ADDRESS_MAX);
    text_init(&c->other_need, CONCERN_OTHER_NEED_MAX);
    text_init(&c->language, CONCERN_LANGUAGE_MAX);
}

void concern_clear(Concern *c)
{
    StrBuf *texts[] = {&c->where_text, &c->what,  &c->outcome,    &c->name,    &c->phone,
                       &c->email,      &c->address, &c->other_need, &c->language};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        texts[i]->wipe = true; /* whatever a caller did, these held what a person typed */
        strbuf_release(texts[i]);
    }
    /* The choices say things too (who, when, which needs): wipe them as well. */
    mem_wipe(c, sizeof *c);
    concern_init(c);
}

/* ==== categories and needs ==== */

typedef struct CategoryDef {
    const char *id;
    StrId label;
    const char *ko41a[4];
} CategoryDef;

/* KO41a subject areas (NHS England's KO41a return of written complaints, its subject
 * area data items). Public words on the left, PALS's reporting words on the right. */
static const CategoryDef category_defs[] = {
    {"care", S_CONCERN_CAT_CARE,
     {"Clinical treatment", "Patient care (including nutrition/hydration)",
      "Access to treatment or drugs", NULL}},
    {"communication", S_CONCERN_CAT_COMMUNICATION,
     {"Communications",
      "Trust administration/policies/procedures (incl. patient record management)", NULL}},
    {"staff", S_CONCERN_CAT_STAFF, {"Values and behaviours (staff)", "Staff numbers", NULL}},
    {"appointments", S_CONCERN_CAT_APPOINTMENTS,
     {"Appointments (incl. delays and cancellations)", "Waiting times", NULL}},
    {"admission", S_CONCERN_CAT_ADMISSION,
     {"Admissions, discharges and transfers (excluding delayed discharge due to absence "
      "of care package)",
      "Integrated care (incl. delayed discharge due to absence of care package)",
      "Transport (ambulances and other)", NULL}},
    {"medicines", S_CONCERN_CAT_MEDICINES,
     {"Prescribing (errors)", "Access to treatment or drugs", NULL}},
    {"facilities", S_CONCERN_CAT_FACILITIES, {"Facilities services", NULL}},
    {"privacy", S_CONCERN_CAT_PRIVACY, {"Privacy, dignity and wellbeing", NULL}},
    {"other", S_CONCERN_CAT_OTHER, {"Other", NULL}},
};
enum { NCATEGORIES = sizeof category_defs / sizeof category_defs[0] };

const ConcernCategory *concern_categories(size_t *n)
{
    /* Labels are looked up on every call, so they follow the current language. */
    static ConcernCategory table[NCATEGORIES];
    for (size_t i = 0; i < NCATEGORIES; i++) {
        table[i].id = category_defs[i].id;
        table[i].label = tr(category_defs[i].label);
        memcpy(table[i].ko41a, category_defs[i].ko41a, sizeof table[i].ko41a);
    }
    *n = NCATEGORIES;
    return table;
}

static const CategoryDef *category_find(const char *id)
{
    for (size_t i = 0; id && i < NCATEGORIES; i++)
        if (strcmp(category_defs[i].id, id) == 0)
            return &category_defs[i];
    return NULL;
}

typedef struct NeedDef {
    unsigned bit;
    const char *code;
    StrId label;
} NeedDef;

static const NeedDef need_defs[] = {
    {AIS_LARGE_PRINT, "large-print", S_CONCERN_NEED_LARGE_PRINT},
    {AIS_EASY_READ, "easy-read", S_CONCERN_NEED_EASY_READ},
    {AIS_BRAILLE, "braille", S_CONCERN_NEED_BRAILLE},
    {AIS_AUDIO, "audio", S_CONCERN_NEED_AUDIO},
    {AIS_BSL_INTERPRETER, "bsl-interpreter", S_CONCERN_NEED_BSL},
    {AIS_DEAFBLIND_INTERPRETER, "deafblind-interpreter", S_CONCERN_NEED_DEAFBLIND},
    {AIS_LIPSPEAKER, "lipspeaker", S_CONCERN_NEED_LIPSPEAKER},
    {AIS_HEARING_LOOP, "hearing-loop", S_CONCERN_NEED_LOOP},
    {AIS_LONGER_APPOINTMENT, "longer-appointment", S_CONCERN_NEED_LONGER},
    {AIS_SUPPORT_FROM_CARER, "support-from-carer", S_CONCERN_NEED_CARER},
};
enum { NNEEDS = sizeof need_defs / sizeof need_defs[0] };

const ConcernAisNeed *concern_ais_needs(size_t *n)
{
    static ConcernAisNeed table[NNEEDS];
    for (size_t i = 0; i < NNEEDS; i++) {
        table[i].bit = need_defs[i].bit;
        table[i].code = need_defs[i].code;
        table[i].label = tr(need_defs[i].label);
    }
    *n = NNEEDS;
    return table;
}

/* ==== checks ==== */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Digits are gathered into `digits` with the separators people write ("01632 960 123",
 * "+44 (0)1632 960123", "0044 1632 960123") dropped, then counted. */
static const char *phone_problem(const char *phone, char digits[CONCERN_PHONE_MAX + 1])
{
    size_t nd = 0, too_many = 0;
    bool plus = false, seen = false;
    for (const char *p = phone; *p; p++) {
        char ch = *p;
        if (is_digit(ch)) {
            if (nd < CONCERN_PHONE_MAX)
                digits[nd++] = ch;
            else
                too_many++;
            seen = true;
        } else if (ch == '+' && !seen && !plus) {
            plus = true;
            seen = true;
        } else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')' && ch != '.') {
            return tr(S_CONCERN_CHECK_PHONE_CHARS);
        }
    }
    if (nd == 0)
        return tr(plus ? S_CONCERN_CHECK_PHONE_SHORT : S_CONCERN_CHECK_PHONE_EMPTY);
    if (too_many)
        return tr(S_CONCERN_CHECK_PHONE_LONG);
    digits[nd] = '\0';

    const char *intl = NULL; /* digits after + or 00: country code first */
    if (plus)
        intl = digits;
    else if (nd >= 2 && digits[0] == '0' && digits[1] == '0')
        intl = digits + 2;
    if (intl) {
        size_t n = strlen(intl);
        if (n >= 2 && intl[0] == '4' && intl[1] == '4') {
            /* A UK number written internationally: 9 or 10 digits after 44, with the
             * trunk 0 of "+44 (0)1632..." allowed. */
            const char *national = intl + 2;
            if (*national == '0')
                national++;
            size_t nn = strlen(national);
            if (nn < 9)
                return tr(S_CONCERN_CHECK_PHONE_SHORT);
            if (nn > 10)
                return tr(S_CONCERN_CHECK_PHONE_LONG);
            return NULL;
        }
        /* E.164: a whole international number is at most 15 digits; 8 is the
         * shortest in practical use. */
        if (n < 8)
            return tr(S_CONCERN_CHECK_PHONE_SHORT);
        if (n > 15)
            return tr(S_CONCERN_CHECK_PHONE_LONG);
        return NULL;
    }
    /* A UK number: 0 and 9 or 10 more digits. */
    if (digits[0] != '0')
        return tr(S_CONCERN_CHECK_PHONE_START);
    if (nd < 10)
        return tr(S_CONCERN_CHECK_PHONE_SHORT);
    if (nd > 11)
        return tr(S_CONCERN_CHECK_PHONE_LONG);
    return NULL;
}

const char *concern_check_phone(const char *phone)
{
    char digits[CONCERN_PHONE_MAX + 1];
    const char *msg = phone_problem(phone, digits);
    mem_wipe(digits, sizeof digits);
    return msg;
}

const char *concern_check_email(const char *email)
{
    size_t len = strlen(email);
    if (len == 0)
        return tr(S_CONCERN_CHECK_EMAIL_EMPTY);
    if (len > CONCERN_EMAIL_MAX)
        return tr(S_CONCERN_CHECK_EMAIL_LONG);
    if (!utf8_valid(email, len))
        return tr(S_CONCERN_CHECK_EMAIL);
    const char *at = NULL;
    for (const char *p = email; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == ' ' || ch == '\t' || ch == '\n')
            return tr(S_CONCERN_CHECK_EMAIL_SPACE);
        if (ch < 0x20 || ch == 0x7f)
            return tr(S_CONCERN_CHECK_EMAIL);
        if (ch == '@') {
            if (at)
                return tr(S_CONCERN_CHECK_EMAIL);
            at = p;
        }
    }
    if (!at || at == email || (size_t)(at - email) > 64)
        return tr(S_CONCERN_CHECK_EMAIL);
    /* The part before @: no characters that need quoting (a comma typed for a dot is
     * the usual slip). */
    for (const char *p = email; p < at; p++)
        if (strchr("\"(),:;<>[]\\", *p))
            return tr(S_CONCERN_CHECK_EMAIL);
    /* The domain: labels of letters, digits and hyphens (or any non-ASCII letter, for
     * international domains), at least two of them, joined by single dots. */
    const char *domain = at + 1;
    if (!*domain || *domain == '.' || domain[strlen(domain) - 1] == '.' ||
        strstr(domain, "..") || !strchr(domain, '.'))
        return tr(S_CONCERN_CHECK_EMAIL);
    for (const char *p = domain; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        bool ok = ch >= 0x80 || is_digit((char)ch) || (ch >= 'a' && ch <= 'z') ||
                  (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '.';
        if (!ok)
            return tr(S_CONCERN_CHECK_EMAIL);
    }
    return NULL;
}

static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool date_real(CivilDate d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1)
        return false;
    int last = days[d.month - 1] + (d.month == 2 && leap_year(d.year));
    return d.day <= last;
}

static int date_cmp(CivilDate a, CivilDate b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

const char *concern_check_when(CivilDate when, CivilDate today)
{
    if (when.year == 0)
        return NULL; /* not said */
    if (!date_real(when))
        return tr(S_CONCERN_CHECK_DATE_INVALID);
    if (date_cmp(when, today) > 0)
        return tr(S_CONCERN_CHECK_DATE_FUTURE);
    return NULL;
}

/* A typed answer the form can send: within its limit, one string (no NUL inside),
 * well-formed UTF-8, and no control characters (new lines only where the answer may
 * have several lines). The keyboard never produces anything else; this guards the
 * sealed record against a bug elsewhere. */
static bool text_sound(const StrBuf *sb, bool multiline)
{
    if ((sb->max && sb->len > sb->max) || strlen(sb->buf) != sb->len ||
        !utf8_valid(sb->buf, sb->len))
        return false;
    for (size_t i = 0; i < sb->len;) {
        size_t n = 1;
        uint32_t cp = utf8_decode(sb->buf + i, sb->len - i, &n);
        bool control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
        if (control && !(multiline && cp == '\n'))
            return false;
        i += n;
    }
    return true;
}

/* True when the text has something other than spaces and new lines. */
static bool text_given(const StrBuf *sb)
{
    for (size_t i = 0; i < sb->len; i++)
        if (sb->buf[i] != ' ' && sb->buf[i] != '\n' && sb->buf[i] != '\t')
            return true;
    return false;
}

const char *concern_check(const Concern *c, CivilDate today)
{
    const StrBuf *one_line[] = {&c->where_text, &c->name,       &c->phone,
                                &c->email,      &c->other_need, &c->language};
    const StrBuf *multi_line[] = {&c->what, &c->outcome, &c->address};
    for (size_t i = 0; i < sizeof one_line / sizeof one_line[0]; i++)
        if (!text_sound(one_line[i], false))
            return tr(S_CONCERN_CHECK_TEXT);
    for (size_t i = 0; i < sizeof multi_line / sizeof multi_line[0]; i++)
        if (!text_sound(multi_line[i], true))
            return tr(S_CONCERN_CHECK_TEXT);

    if (c->kind == KIND_NEEDS) {
        const char *msg = concern_check_needs(c);
        return msg ? msg : concern_check_needs_contact(c);
    }
    if (c->who != WHO_ME && c->who != WHO_SOMEONE_ELSE)
        return tr(S_CONCERN_CHECK_WHO);
    if (c->who == WHO_SOMEONE_ELSE && c->consent != CONSENT_YES && c->consent != CONSENT_NO &&
        c->consent != CONSENT_CANNOT)
        return tr(S_CONCERN_CHECK_CONSENT);
    if (!category_find(c->category))
        return tr(S_CONCERN_CHECK_CATEGORY);
    const char *msg = concern_check_when(c->when, today);
    if (msg)
        return msg;
    if (!text_given(&c->what))
        return tr(S_CONCERN_CHECK_WHAT);
    switch (c->contact) {
    case CONTACT_ANONYMOUS:
        return NULL;
    case CONTACT_PHONE:
        return concern_check_phone(c->phone.buf);
    case CONTACT_EMAIL:
        return concern_check_email(c->email.buf);
    case CONTACT_POST:
        return text_given(&c->address) ? NULL : tr(S_CONCERN_CHECK_ADDRESS_EMPTY);
    case CONTACT_UNSET:
        break;
    }
    return tr(S_CONCERN_CHECK_CONTACT);
}

const char *concern_check_needs(const Concern *c)
{
    if (c->interpreter && !text_given(&c->language))
        return tr(S_NEEDS_CHECK_LANGUAGE);
    if (!c->ais_needs && !c->interpreter && !text_given(&c->other_need))
        return tr(S_NEEDS_CHECK_NONE);
    return NULL;
}

const char *concern_check_needs_contact(const Concern *c)
{
    switch (c->contact) {
    case CONTACT_PHONE:
    case CONTACT_EMAIL:
    case CONTACT_POST: break;
    case CONTACT_ANONYMOUS:
    case CONTACT_UNSET: return tr(S_NEEDS_CHECK_CONTACT);
    }
    if (!text_given(&c->name))
        return tr(S_NEEDS_CHECK_NAME);
    if (c->contact == CONTACT_PHONE)
        return concern_check_phone(c->phone.buf);
    if (c->contact == CONTACT_EMAIL)
        return concern_check_email(c->email.buf);
    return text_given(&c->address) ? NULL : tr(S_CONCERN_CHECK_ADDRESS_EMPTY);
}

const char *concern_kind_code(ConcernKind kind)
{
    return kind == KIND_NEEDS ? "communication-needs" : "concern";
}

/* ==== JSON ==== */

static void json_wiping_free(void *p)
{
    if (!p)
        return;
    /* Every block jansson frees came from its malloc (this module never installs
     * another), so glibc knows its size. */
    mem_wipe(p, malloc_usable_size(p));
    mem_free(p);
}

void concern_json_wipe_freed(void)
{
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    if (f != json_wiping_free)
        json_set_alloc_funcs(malloc, json_wiping_free);
}

static const char *concern_who_code(ConcernWho who)
{
    switch (who) {
    case WHO_ME: return "me";
    case WHO_SOMEONE_ELSE: return "someone-else";
    case WHO_UNSET: break;
    }
    return NULL;
}

static const char *concern_consent_code(ConcernConsent consent)
{
    switch (consent) {
    case CONSENT_YES: return "yes";
    case CONSENT_NO: return "no";
    case CONSENT_CANNOT: return "cannot";
    case CONSENT_UNSET: break;
    }
    return NULL;
}

static const char *concern_contact_code(ContactMethod contact)
{
    switch (contact) {
    case CONTACT_ANONYMOUS: return "anonymous";
    case CONTACT_PHONE: return "phone";
    case CONTACT_EMAIL: return "email";
    case CONTACT_POST: return "post";
    case CONTACT_UNSET: break;
    }
    return NULL;
}

/* Adds key: value to obj, taking the reference to value. A NULL value means "out of
 * memory or not text" from the jansson constructor that made it. */
static bool put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *text_value(const StrBuf *sb)
{
    return json_stringn(sb->buf, sb->len);
}

/* A contact detail: the text when it goes with the chosen way of contact, else "". */
static json_t *detail_value(bool wanted, const StrBuf *sb)
{
    return wanted ? text_value(sb) : json_string("");
}

static json_t *code_or_null(const char *code)
{
    return code ? json_string(code) : json_null();
}

static json_t *string_array(const char *const *items)
{
    json_t *a = json_array();
    for (size_t i = 0; a && items[i]; i++)
        if (json_array_append_new(a, json_string(items[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *needs_array(unsigned bits)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < NNEEDS; i++)
        if ((bits & need_defs[i].bit) &&
            json_array_append_new(a, json_string(need_defs[i].code)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

char *concern_to_json(const Concern *c, const ConcernStamp *stamp)
{
    const char *reference = stamp->reference, *submitted_at = stamp->submitted_at;
    const char *kiosk_id = stamp->kiosk_id;
    concern_json_wipe_freed();
    const CategoryDef *cat = category_find(c->category);
    static const char *const no_subjects[] = {NULL};
    char when[16] = "";
    if (c->when.year != 0)
        snprintf(when, sizeof when, "%04d-%02d-%02d", c->when.year, c->when.month,
                 c->when.day);
    /* Contact details go only with the way of contact chosen: someone who chose not
     * to be contacted is not sent their name, even if they typed it first. */
    bool named = c->contact == CONTACT_PHONE || c->contact == CONTACT_EMAIL ||
                 c->contact == CONTACT_POST;

    json_t *o = json_object();
    bool ok = o != NULL;
    ok = ok && put(o, "version", json_integer(CONCERN_JSON_VERSION));
    ok = ok && put(o, "reference", json_string(reference ? reference : ""));
    ok = ok && put(o, "submitted_at", json_string(submitted_at ? submitted_at : ""));
    ok = ok && put(o, "kiosk", json_string(kiosk_id ? kiosk_id : ""));
    ok = ok && put(o, "kiosk_name", json_string(stamp->kiosk_name ? stamp->kiosk_name : ""));
    ok = ok && put(o, "receipt_token",
                   json_string(stamp->receipt_token ? stamp->receipt_token : ""));
    ok = ok && put(o, "kind", json_string(concern_kind_code(c->kind)));
    ok = ok && put(o, "assisted", json_false());
    ok = ok && put(o, "who", code_or_null(concern_who_code(c->who)));
    ok = ok && put(o, "consent", code_or_null(c->who == WHO_SOMEONE_ELSE
                                                  ? concern_consent_code(c->consent)
                                                  : NULL));
    ok = ok && put(o, "category", code_or_null(cat ? cat->id : NULL));
    ok = ok && put(o, "ko41a_subjects", string_array(cat ? cat->ko41a : no_subjects));
    ok = ok && put(o, "where_place", code_or_null(c->where_place));
    ok = ok && put(o, "where_place_name",
                   c->where_place && c->where_place_name ? json_string(c->where_place_name)
                                                         : json_null());
    ok = ok && put(o, "where_text", text_value(&c->where_text));
    ok = ok && put(o, "when", when[0] ? json_string(when) : json_null());
    ok = ok && put(o, "what", text_value(&c->what));
    ok = ok && put(o, "outcome", text_value(&c->outcome));
    ok = ok && put(o, "contact", code_or_null(concern_contact_code(c->contact)));
    ok = ok && put(o, "name", detail_value(named, &c->name));
    ok = ok && put(o, "phone", detail_value(c->contact == CONTACT_PHONE, &c->phone));
    ok = ok && put(o, "email", detail_value(c->contact == CONTACT_EMAIL, &c->email));
    ok = ok && put(o, "address", detail_value(c->contact == CONTACT_POST, &c->address));
    ok = ok && put(o, "ais_needs", needs_array(c->ais_needs));
    ok = ok && put(o, "other_need", text_value(&c->other_need));
    ok = ok && put(o, "language", text_value(&c->language));
    ok = ok && put(o, "interpreter", json_boolean(c->interpreter));
    ok = ok && put(o, "consent_to_share", json_boolean(c->consent_to_share));
    char *text = ok ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    mem_wipe(when, sizeof when);
    if (!text)
        err_set(ok ? "concern: out of memory writing JSON"
                   : "concern: an answer is not valid UTF-8 text, or out of memory");
    return text;
}
