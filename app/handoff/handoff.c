/* handoff.c: what the kiosk hands to a phone for a support service (see handoff.h):
 * phone numbers put into international form for tel: links (RFC 3966) and vCard TEL
 * lines, and a vCard 3.0 contact card (RFC 2426) built from the service, its
 * organisation and where it meets. Text values are escaped as RFC 2426 section 4
 * says (backslash, semicolon and comma with a backslash; new lines as \n), lines end
 * with CRLF and are folded at 75 octets (RFC 2425 5.8.1), never inside a UTF-8
 * sequence or an escape. A service is an organisation, not a person: N is empty,
 * ORG carries the organisation and the service, and X-ABShowAs:COMPANY says so to
 * Apple's contacts (vCard 3.0 has no KIND:org). Each phone's description goes with it
 * as a label (an item group with X-ABLabel, as Apple's and Google's contacts write
 * it), and a mobile or fax number gets that TYPE. */
#include "handoff.h"

#include "mem.h"
#include "schedule.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ==== phone numbers ==== */

enum { E164_MAX = 15 };

/* The number in E.164 digits without the '+' ("441632960123") into out (at least
 * E164_MAX + 1 bytes). Returns 0, or -1 when it is not a plausible number. */
static int phone_e164(const char *number, char *out)
{
    if (!number)
        return -1;
    const char *p = number;
    while (*p == ' ')
        p++;
    bool international = *p == '+';
    if (international)
        p++;
    char digits[E164_MAX + 4];
    size_t n = 0;
    for (; *p; p++) {
        if (*p == ' ' || *p == '-' || *p == ')' || *p == '.')
            continue;
        if (*p == '(') {
            /* "+44 (0)1632 ...": the bracketed 0 is dialled only from inside the UK. */
            if (international && p[1] == '0' && p[2] == ')')
                p += 2;
            continue;
        }
        if (*p < '0' || *p > '9' || n >= sizeof digits - 1)
            return -1;
        digits[n++] = *p;
    }
    digits[n] = '\0';
    if (international) {
        if (n >= 3 && digits[0] == '4' && digits[1] == '4' && digits[2] == '0') {
            memmove(digits + 2, digits + 3, n - 2); /* "+44 01632 ...": drop the 0 */
            n--;
        }
        if (digits[0] == '0' || n < 8 || n > E164_MAX)
            return -1;
        if (digits[0] == '4' && digits[1] == '4' && (n < 11 || n > 12))
            return -1;
        memcpy(out, digits, n + 1);
        return 0;
    }
    /* UK: 0, then 9 or 10 digits; "00" starts an international call, not a number. */
    if (n < 10 || n > 11 || digits[0] != '0' || digits[1] == '0')
        return -1;
    out[0] = '4';
    out[1] = '4';
    memcpy(out + 2, digits + 1, n); /* with the NUL */
    return 0;
}

bool handoff_phone_valid(const char *number)
{
    char e164[E164_MAX + 1];
    return phone_e164(number, e164) == 0;
}

int handoff_tel_uri(const char *number, char *out, size_t cap)
{
    char e164[E164_MAX + 1];
    if (!out || cap == 0)
        return -1;
    out[0] = '\0';
    if (phone_e164(number, e164) != 0)
        return -1;
    int n = snprintf(out, cap, "tel:+%s", e164);
    if (n < 0 || (size_t)n >= cap) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

/* ==== vCard ==== */

typedef struct Card {
    char *out;
    size_t cap, len;
    bool full; /* something did not fit */
} Card;

static void put(Card *c, const char *s, size_t n)
{
    if (c->full || c->len + n + 1 > c->cap) {
        c->full = true;
        return;
    }
    memcpy(c->out + c->len, s, n);
    c->len += n;
    c->out[c->len] = '\0';
}

static void puts_raw(Card *c, const char *s)
{
    put(c, s, strlen(s));
}

/* A text value escaped as RFC 2426 says: \\ \; \, and \n for a line break (CRLF, LF or
 * CR). Other control characters are dropped. */
static void put_text(Card *c, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\\' || ch == ';' || ch == ',') {
            char esc[2] = {'\\', (char)ch};
            put(c, esc, 2);
        } else if (ch == '\r' || ch == '\n') {
            put(c, "\\n", 2);
            if (ch == '\r' && s[1] == '\n')
                s++;
        } else if (ch >= 0x20 && ch != 0x7F) {
            put(c, s, 1);
        }
    }
}

/* "NAME:value\r\n" with the value escaped. */
static void put_line(Card *c, const char *name, const char *value)
{
    puts_raw(c, name);
    put_text(c, value);
    puts_raw(c, "\r\n");
}

/* The vCard TYPE for a phone from its description: a mobile or fax number says so;
 * anything else is a voice line at work. */
static const char *phone_type(const char *description)
{
    static const struct {
        const char *word, *type;
    } words[] = {{"mobile", "cell,voice"}, {"fax", "fax"}};
    for (size_t i = 0; description && i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].word);
        for (const char *p = description; *p; p++)
            if (strncasecmp(p, words[i].word, n) == 0)
                return words[i].type;
    }
    return "work,voice";
}

/* Which optional fields a card carries. */
enum { CARD_NOTE = 1, CARD_ADR = 2, CARD_EMAIL = 4 };

/* Where the service is, in one line: "Cancer Information and Support Centre, Lower
 * ground floor, Main Building, Northgate General Hospital", or its address. */
static void where(const Site *s, const Service *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (v->destination >= 0 && (size_t)v->destination < s->ndestinations) {
        const Destination *d = &s->destinations[v->destination];
        const char *floor = "", *building = "";
        if (d->floor >= 0 && (size_t)d->floor < s->nfloors) {
            floor = s->floors[d->floor].name;
            int b = s->floors[d->floor].building;
            if (b >= 0 && (size_t)b < s->nbuildings)
                building = s->buildings[b].name;
        }
        snprintf(out, cap, "%s%s%s%s%s%s%s", d->name, floor[0] ? ", " : "", floor,
                 building[0] ? ", " : "", building, s->name && s->name[0] ? ", " : "",
                 s->name ? s->name : "");
    } else if (v->address && v->address[0]) {
        snprintf(out, cap, "%s", v->address);
    }
}

/* The note: closed notice and meeting times in words, one per line. */
static void put_note(Card *c, const Service *v)
{
    bool first = true;
    puts_raw(c, "NOTE:");
    if (v->status == SERVICE_TEMPORARILY_CLOSED) {
        put_text(c, "Temporarily closed.");
        first = false;
    }
    for (size_t i = 0; i < v->nschedules; i++) {
        char words[256];
        const Schedule *sc = &v->schedules[i];
        schedule_words(sc, words, sizeof words);
        if (!first)
            put_text(c, "\n");
        put_text(c, words);
        if (sc->description && sc->description[0]) {
            put_text(c, " (");
            put_text(c, sc->description);
            put_text(c, ")");
        }
        first = false;
    }
    puts_raw(c, "\r\n");
}

static bool has_note(const Service *v)
{
    return v->nschedules > 0 || v->status == SERVICE_TEMPORARILY_CLOSED;
}

/* Writes the card with the optional fields in `with`. Returns false when it did not
 * fit or would carry no way to reach the service. */
static bool build(const Site *s, const Service *v, unsigned with, char *out, size_t cap)
{
    Card c = {out, cap, 0, false};
    out[0] = '\0';
    const Organization *org = v->organization >= 0 &&
                              (size_t)v->organization < s->norganizations
                                  ? &s->organizations[v->organization] : NULL;
    /* Without a web page of its own, the organisation's says who runs it. Its e-mail
     * address is not used: a general inbox is no way to reach a helpline or a group. */
    const char *url = v->url && v->url[0] ? v->url : org && org->url ? org->url : "";
    const char *email = v->email ? v->email : "";
    char place[512];
    where(s, v, place, sizeof place);
    bool reach = url[0] != '\0';

    /* An organisation's card: no person's name, the service as a unit of whoever
     * runs it. */
    puts_raw(&c, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\n");
    put_line(&c, "FN:", v->name);
    puts_raw(&c, "ORG:");
    if (org && org->name[0] && strcmp(org->name, v->name) != 0) {
        put_text(&c, org->name);
        puts_raw(&c, ";");
    }
    put_text(&c, v->name);
    /* vCard 3.0 has no KIND (4.0's KIND:org); Apple's contacts read this instead and
     * file the card under the organisation's name, others ignore it. */
    puts_raw(&c, "\r\nX-ABShowAs:COMPANY\r\n");
    int item = 0;
    for (size_t i = 0; i < v->nphones; i++) {
        char e164[E164_MAX + 1], group[24] = "";
        const ServicePhone *ph = &v->phones[i];
        if (phone_e164(ph->number, e164) != 0)
            continue;
        bool label = ph->description && ph->description[0];
        if (label)
            snprintf(group, sizeof group, "item%d.", ++item);
        puts_raw(&c, group);
        puts_raw(&c, "TEL;TYPE=");
        puts_raw(&c, phone_type(ph->description));
        puts_raw(&c, ":+");
        puts_raw(&c, e164);
        puts_raw(&c, "\r\n");
        if (label) {
            puts_raw(&c, group);
            put_line(&c, "X-ABLabel:", ph->description);
        }
        reach = true;
    }
    if ((with & CARD_EMAIL) && email[0]) {
        put_line(&c, "EMAIL;TYPE=internet:", email);
        reach = true;
    }
    if (url[0]) {
        puts_raw(&c, "URL:");
        puts_raw(&c, url);
        puts_raw(&c, "\r\n");
    }
    if ((with & CARD_ADR) && place[0]) {
        /* One line in the street part: post office box;extended;street;locality;
         * region;postcode;country. */
        puts_raw(&c, "ADR;TYPE=work:;;");
        put_text(&c, place);
        puts_raw(&c, ";;;;\r\n");
        reach = true;
    }
    if ((with & CARD_NOTE) && has_note(v))
        put_note(&c, v);
    puts_raw(&c, "END:VCARD\r\n");
    if (c.full || !reach) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* Whether a fold may go before text[i] (i > 0): not inside a UTF-8 sequence, not
 * between a backslash and what it escapes. */
static bool can_fold_before(const char *text, size_t i)
{
    if (((unsigned char)text[i] & 0xC0) == 0x80)
        return false;
    size_t slashes = 0;
    while (slashes < i && text[i - 1 - slashes] == '\\')
        slashes++;
    return slashes % 2 == 0;
}

/* Folds every line of the card in `in` to at most 75 octets before its CRLF (RFC 2425
 * 5.8.1: CRLF and a space, the space counting in the next line) into out. Returns
 * false when the folded card does not fit cap bytes with its NUL. */
static bool fold(const char *in, char *out, size_t cap)
{
    enum { FOLD_AT = 75 };
    Card c = {out, cap, 0, false};
    out[0] = '\0';
    while (*in) {
        const char *end = strstr(in, "\r\n");
        size_t n = end ? (size_t)(end - in) : strlen(in), at = 0, room = FOLD_AT;
        while (n - at > room) {
            size_t cut = at + room;
            while (cut > at + 1 && !can_fold_before(in, cut))
                cut--;
            put(&c, in + at, cut - at);
            put(&c, "\r\n ", 3);
            at = cut;
            room = FOLD_AT - 1;
        }
        put(&c, in + at, n - at);
        put(&c, "\r\n", 2);
        in += end ? n + 2 : n;
    }
    if (c.full)
        out[0] = '\0';
    return !c.full;
}

int handoff_vcard(const Site *s, const Service *v, char *out, size_t cap)
{
    if (!out || cap == 0)
        return -1;
    out[0] = '\0';
    if (!s || !v)
        return -1;
    /* Dropped in order: the note, then the address, then the email address. */
    static const unsigned tries[] = {
        CARD_NOTE | CARD_ADR | CARD_EMAIL, CARD_ADR | CARD_EMAIL, CARD_EMAIL, 0,
    };
    char *flat = mem_alloc(cap);
    if (!flat)
        return -1;
    int rc = -1;
    for (size_t i = 0; i < sizeof tries / sizeof tries[0] && rc != 0; i++)
        if (build(s, v, tries[i], flat, cap) && fold(flat, out, cap))
            rc = 0;
    mem_free(flat);
    return rc;
}
