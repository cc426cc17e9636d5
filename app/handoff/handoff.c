/* handoff.c: what the kiosk hands to a phone for a support service (see handoff.h):
 * phone numbers put into international form for tel: links (RFC 3966) and vCard TEL
 * lines, and a vCard 3.0 contact card (RFC 2426) built from the service, its
 * organisation and where it meets. Text values are escaped as RFC 2426 section 4
 * says (backslash, semicolon and comma with a backslash; new lines as \n) and lines
 * end with CRLF. Lines are not folded: folding is optional ("SHOULD") and adds bytes
 * to a code that must stay small; phone readers accept long lines. */
#include "handoff.h"

#include "schedule.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

    puts_raw(&c, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:");
    put_text(&c, v->name);
    puts_raw(&c, ";;;;\r\n");
    put_line(&c, "FN:", v->name);
    if (org && org->name[0])
        put_line(&c, "ORG:", org->name);
    for (size_t i = 0; i < v->nphones; i++) {
        char e164[E164_MAX + 1];
        if (phone_e164(v->phones[i].number, e164) != 0)
            continue;
        puts_raw(&c, "TEL;TYPE=work,voice:+");
        puts_raw(&c, e164);
        puts_raw(&c, "\r\n");
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

int handoff_vcard(const Site *s, int index, char *out, size_t cap)
{
    if (!out || cap == 0)
        return -1;
    out[0] = '\0';
    if (!s || index < 0 || (size_t)index >= s->nservices)
        return -1;
    const Service *v = &s->services[index];
    /* Dropped in order: the note, then the address, then the email address. */
    static const unsigned tries[] = {
        CARD_NOTE | CARD_ADR | CARD_EMAIL, CARD_ADR | CARD_EMAIL, CARD_EMAIL, 0,
    };
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
        if (build(s, v, tries[i], out, cap))
            return 0;
    return -1;
}
