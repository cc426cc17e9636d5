/* hours.c: parses opening hours written by volunteers into weekly spans, and words
 * spans back into plain English for the kiosk (see hours.h). The parser works on a
 * small token list so every error can point at the character where it starts and
 * suggest the fix ("'Tusday' is not a day; did you mean Tue?"). */
#include "hours.h"

#include "utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[HOURS_DAYS] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char *const day_short[HOURS_DAYS] = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

const char *hours_day_name(int day)
{
    return day >= 0 && day < HOURS_DAYS ? day_names[day] : "";
}

/* ==== tokens ==== */

typedef enum TokKind {
    TOK_END,
    TOK_WORD,  /* letters: a day, "closed", "to", "and"... */
    TOK_TIME,  /* starts with a digit: "08:00", "9am" (checked when used) */
    TOK_DASH,  /* "-", en dash, em dash */
    TOK_COMMA, /* "," or "&" */
    TOK_SEMI,  /* ";" or a new line */
    TOK_COLON,
    TOK_OTHER  /* anything else, e.g. "(" */
} TokKind;

enum { MAX_TOKENS = 256, TOKEN_TEXT = 32 };

typedef struct Token {
    TokKind kind;
    int column;             /* 1-based character position */
    char text[TOKEN_TEXT];  /* as written (cut short if very long), for messages */
    char lower[TOKEN_TEXT]; /* ASCII lower case, for matching */
} Token;

typedef struct Parser {
    Token toks[MAX_TOKENS];
    int ntoks, pos;
    bool has_span[HOURS_DAYS];
    bool closed[HOURS_DAYS]; /* named "closed" */
    Hours *out;
    HoursError *err;
} Parser;

static int parse_fail(Parser *p, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int parse_fail(Parser *p, int column, const char *fmt, ...)
{
    if (p->err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
        va_end(ap);
        p->err->column = column;
    }
    return -1;
}

static bool is_word_byte(unsigned char c)
{
    return isalpha(c) || c == '\'' || c >= 0x80;
}

/* U+00A0 no-break space, which spreadsheets put in place of spaces. */
static bool is_nbsp(const char *s)
{
    return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0;
}

/* Byte length of a dash at s (ASCII '-', U+2013 en dash, U+2014 em dash), or 0. */
static size_t dash_len(const char *s)
{
    if (s[0] == '-')
        return 1;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        return 3;
    return 0;
}

static int tokenize(Parser *p, const char *text)
{
    size_t i = 0;
    int column = 1;
    p->ntoks = 0;
    for (;;) {
        /* Skip spaces, including the no-break space spreadsheets like to insert. */
        for (;;) {
            if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')
                i++;
            else if (is_nbsp(text + i))
                i += 2;
            else
                break;
            column++;
        }
        if (p->ntoks == MAX_TOKENS - 1)
            return parse_fail(p, column, "the opening hours are too long; shorten them");
        Token *t = &p->toks[p->ntoks++];
        memset(t, 0, sizeof *t);
        t->column = column;
        size_t start = i, len;
        unsigned char c = (unsigned char)text[i];
        if (c == '\0') {
            t->kind = TOK_END;
            return 0;
        }
        if ((len = dash_len(text + i)) > 0) {
            t->kind = TOK_DASH;
        } else if (isdigit(c)) {
            t->kind = TOK_TIME;
            len = 0;
            while (isalnum((unsigned char)text[i + len]) || text[i + len] == ':' ||
                   text[i + len] == '.' || text[i + len] == '/')
                len++;
        } else if (is_word_byte(c)) {
            t->kind = TOK_WORD;
            len = 0;
            while (is_word_byte((unsigned char)text[i + len]) && !dash_len(text + i + len) &&
                   !is_nbsp(text + i + len))
                len++;
        } else {
            len = 1;
            t->kind = c == ',' || c == '&' ? TOK_COMMA
                    : c == ';' || c == '\n' ? TOK_SEMI
                    : c == ':' ? TOK_COLON
                    : TOK_OTHER;
        }
        size_t keep = len < TOKEN_TEXT - 1 ? len : TOKEN_TEXT - 1;
        /* Never cut a multi-byte character in half in the copy for messages. */
        while (keep > 0 && keep < len && ((unsigned char)text[start + keep] & 0xC0) == 0x80)
            keep--;
        memcpy(t->text, text + start, keep);
        for (size_t k = 0; k < keep; k++)
            t->lower[k] = (char)tolower((unsigned char)t->text[k]);
        for (size_t k = 0; k < len; k++)
            if (((unsigned char)text[start + k] & 0xC0) != 0x80)
                column++;
        i += len;
    }
}

static const Token *peek(const Parser *p, int ahead)
{
    int at = p->pos + ahead;
    return &p->toks[at < p->ntoks ? at : p->ntoks - 1];
}

static const Token *next(Parser *p)
{
    const Token *t = peek(p, 0);
    if (t->kind != TOK_END)
        p->pos++;
    return t;
}

static bool word_is(const Token *t, const char *w)
{
    return t->kind == TOK_WORD && strcmp(t->lower, w) == 0;
}

/* ==== days ==== */

/* Day index for a day word ("mon", "tues", "thursday"...), or -1. */
static int day_lookup(const char *lower)
{
    static const struct { const char *word; int day; } words[] = {
        {"mon", 0}, {"monday", 0}, {"tue", 1}, {"tues", 1}, {"tuesday", 1},
        {"wed", 2}, {"weds", 2}, {"wednesday", 2}, {"thu", 3}, {"thur", 3},
        {"thurs", 3}, {"thursday", 3}, {"fri", 4}, {"friday", 4}, {"sat", 5},
        {"saturday", 5}, {"sun", 6}, {"sunday", 6},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(lower, words[i].word) == 0)
            return words[i].day;
    return -1;
}

/* Edit distance between two short lower-case words (utf8_distance, the program's one);
 * TOKEN_TEXT or more when far apart or long. */
static int edit_distance(const char *a, const char *b)
{
    return (int)utf8_distance(a, strlen(a), b, strlen(b), false, TOKEN_TEXT - 1);
}

/* The day a mistyped word most likely meant, or -1 when nothing is close. */
static int day_suggest(const char *lower)
{
    int best = -1, best_dist = 3;
    size_t len = strlen(lower);
    for (int d = 0; d < HOURS_DAYS; d++) {
        char full[16], shrt[4];
        size_t k;
        for (k = 0; day_names[d][k]; k++)
            full[k] = (char)tolower((unsigned char)day_names[d][k]);
        full[k] = '\0';
        memcpy(shrt, full, 3);
        shrt[3] = '\0';
        int dist = edit_distance(lower, full);
        /* Short words are compared with the short name: "tye" meant "tue". */
        if (len <= 4) {
            int ds = edit_distance(lower, shrt);
            if (ds < dist)
                dist = ds;
        }
        if (len <= 3 && dist > 1)
            continue;
        if (dist < best_dist) {
            best_dist = dist;
            best = d;
        }
    }
    return best;
}

static int fail_not_a_day(Parser *p, const Token *t)
{
    if (t->kind == TOK_END)
        return parse_fail(p, t->column,
                          "a day is missing at the end (use Mon, Tue, Wed, Thu, Fri, Sat or Sun)");
    if (t->kind == TOK_TIME)
        return parse_fail(p, t->column,
                          "put the days before the times, like Mon-Fri 09:00-17:00");
    if (t->kind != TOK_WORD)
        return parse_fail(p, t->column, "expected a day but found '%s' (use Mon, Tue, "
                          "Wed, Thu, Fri, Sat or Sun)", t->text);
    int guess = day_suggest(t->lower);
    if (guess >= 0)
        return parse_fail(p, t->column, "'%s' is not a day; did you mean %s?", t->text,
                          day_short[guess]);
    if (edit_distance(t->lower, "closed") <= 2)
        return parse_fail(p, t->column, "'%s' is not a day; did you mean closed?", t->text);
    return parse_fail(p, t->column,
                      "'%s' is not a day (use Mon, Tue, Wed, Thu, Fri, Sat or Sun)", t->text);
}

/* True for a word that names days on its own ("Mon", "daily", "weekends"...). */
static bool is_day_word(const Token *t)
{
    return t->kind == TOK_WORD &&
           (day_lookup(t->lower) >= 0 || word_is(t, "daily") || word_is(t, "weekdays") ||
            word_is(t, "weekends") || word_is(t, "everyday"));
}

/* True when the token `ahead` starts a list of days (a day word or "every day"). */
static bool starts_days(const Parser *p, int ahead)
{
    const Token *t = peek(p, ahead);
    return is_day_word(t) || (word_is(t, "every") && word_is(peek(p, ahead + 1), "day"));
}

/* Parses one day, a day range or a day word into *mask. */
static int parse_day_item(Parser *p, unsigned *mask)
{
    const Token *t = next(p);
    if (word_is(t, "daily") || word_is(t, "everyday")) {
        *mask |= 0x7F;
        return 0;
    }
    if (word_is(t, "every") && word_is(peek(p, 0), "day")) {
        next(p);
        *mask |= 0x7F;
        return 0;
    }
    if (word_is(t, "weekdays")) {
        *mask |= 0x1F;
        return 0;
    }
    if (word_is(t, "weekends")) {
        *mask |= 0x60;
        return 0;
    }
    int first = t->kind == TOK_WORD ? day_lookup(t->lower) : -1;
    if (first < 0)
        return fail_not_a_day(p, t);
    if (peek(p, 0)->kind == TOK_DASH || word_is(peek(p, 0), "to")) {
        next(p);
        const Token *u = next(p);
        int last = u->kind == TOK_WORD ? day_lookup(u->lower) : -1;
        if (last < 0)
            return fail_not_a_day(p, u);
        /* A range may run over the weekend: "Fri-Mon" is Friday to Monday. */
        for (int d = first;; d = (d + 1) % HOURS_DAYS) {
            *mask |= 1u << d;
            if (d == last)
                break;
        }
        return 0;
    }
    *mask |= 1u << first;
    return 0;
}

/* days := item (("," | "and") item)* */
static int parse_days(Parser *p, unsigned *mask)
{
    *mask = 0;
    if (parse_day_item(p, mask) != 0)
        return -1;
    while ((peek(p, 0)->kind == TOK_COMMA || word_is(peek(p, 0), "and")) &&
           peek(p, 1)->kind == TOK_WORD && !word_is(peek(p, 1), "closed")) {
        next(p);
        if (parse_day_item(p, mask) != 0)
            return -1;
    }
    return 0;
}

/* ==== times ==== */

static void format_hhmm(int minute, char out[8])
{
    snprintf(out, 8, "%02d:%02d", (minute / 60) % 100, minute % 60);
}

/* "8:00", "08:00", "17.30", "24:00" -> minutes; -1 when not a 24-hour time. */
static int time_value(const char *s)
{
    int h = 0, m = 0, nh = 0;
    while (isdigit((unsigned char)*s) && nh < 3) {
        h = h * 10 + (*s++ - '0');
        nh++;
    }
    if (nh < 1 || nh > 2 || (*s != ':' && *s != '.'))
        return -1;
    s++;
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != '\0')
        return -1;
    m = (s[0] - '0') * 10 + (s[1] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static int parse_time(Parser *p, int *minute)
{
    const Token *t = next(p);
    if (t->kind == TOK_END)
        return parse_fail(p, t->column, "a time is missing at the end (use 24-hour times "
                          "like 08:00 or 17:30)");
    if (is_day_word(t))
        return parse_fail(p, t->column, "expected a time but found the day '%s'; put a "
                          "semicolon between groups of days, like Mon-Fri 09:00-17:00; "
                          "Sat 10:00-12:00", t->text);
    if (t->kind != TOK_TIME)
        return parse_fail(p, t->column, "expected a time but found '%s' (use 24-hour times "
                          "like 08:00 or 17:30)", t->text);
    *minute = time_value(t->text);
    if (*minute < 0)
        return parse_fail(p, t->column,
                          "'%s' is not a time (use 24-hour times like 08:00 or 17:30)", t->text);
    return 0;
}

static int add_span(Parser *p, unsigned mask, int opens, int closes, int column)
{
    Hours *h = p->out;
    for (int d = 0; d < HOURS_DAYS; d++) {
        if (!(mask & (1u << d)))
            continue;
        if (p->closed[d])
            return parse_fail(p, column, "%s is also given as closed; remove one of the two",
                              day_names[d]);
        int count = 0;
        for (size_t i = 0; i < h->nspans; i++) {
            const OpeningSpan *s = &h->spans[i];
            if (s->day != d)
                continue;
            count++;
            if (opens < s->closes && s->opens < closes) {
                char a[8], b[8], c[8], e[8];
                format_hhmm(s->opens, a);
                format_hhmm(s->closes, b);
                format_hhmm(opens, c);
                format_hhmm(closes, e);
                return parse_fail(p, column, "opening times %s-%s and %s-%s overlap on %s",
                                  a, b, c, e, day_names[d]);
            }
        }
        if (count >= HOURS_MAX_PER_DAY)
            return parse_fail(p, column, "%s has more than %d opening times; join some of "
                              "them together", day_names[d], HOURS_MAX_PER_DAY);
        h->spans[h->nspans++] = (OpeningSpan){(uint8_t)d, (uint16_t)opens, (uint16_t)closes};
        p->has_span[d] = true;
    }
    return 0;
}

/* range := time ("-" | "to") time */
static int parse_range(Parser *p, unsigned mask)
{
    int opens, closes;
    if (parse_time(p, &opens) != 0)
        return -1;
    const Token *sep = next(p);
    if (sep->kind != TOK_DASH && !word_is(sep, "to")) {
        char a[8];
        format_hhmm(opens, a);
        return parse_fail(p, sep->column, "the opening time %s needs a closing time after "
                          "it, like %s-17:00", a, a);
    }
    int close_column = peek(p, 0)->column;
    if (parse_time(p, &closes) != 0)
        return -1;
    if (closes <= opens) {
        char a[8], b[8];
        format_hhmm(opens, a);
        format_hhmm(closes, b);
        if (closes == opens)
            return parse_fail(p, close_column, "closing time %s is the same as opening "
                              "time %s", b, a);
        if (closes == 0)
            return parse_fail(p, close_column, "closing time %s is before opening time %s "
                              "(for midnight use 24:00)", b, a);
        return parse_fail(p, close_column, "closing time %s is before opening time %s",
                          b, a);
    }
    return add_span(p, mask, opens, closes, close_column);
}

/* group := days [":"] ("closed" | range (("," | "and") range)*) */
static int parse_group(Parser *p)
{
    unsigned mask;
    if (parse_days(p, &mask) != 0)
        return -1;
    if (peek(p, 0)->kind == TOK_COLON || peek(p, 0)->kind == TOK_COMMA)
        next(p);
    const Token *t = peek(p, 0);
    if (word_is(t, "closed")) {
        next(p);
        for (int d = 0; d < HOURS_DAYS; d++) {
            if (!(mask & (1u << d)))
                continue;
            if (p->has_span[d])
                return parse_fail(p, t->column, "%s already has opening times; remove one "
                                  "of the two", day_names[d]);
            p->closed[d] = true;
        }
        return 0;
    }
    if (t->kind == TOK_WORD && !starts_days(p, 0)) {
        if (edit_distance(t->lower, "closed") <= 2)
            return parse_fail(p, t->column, "'%s' is not understood; did you mean closed?",
                              t->text);
        return parse_fail(p, t->column, "expected opening times like 09:00-17:00, or the "
                          "word closed, but found '%s'", t->text);
    }
    if (t->kind != TOK_TIME)
        return parse_fail(p, t->column, "the days need opening times after them, like "
                          "09:00-17:00, or the word closed");
    for (;;) {
        if (parse_range(p, mask) != 0)
            return -1;
        const Token *u = peek(p, 0);
        bool joined = u->kind == TOK_COMMA || word_is(u, "and");
        if (joined && peek(p, 1)->kind == TOK_TIME) {
            next(p);
            continue;
        }
        return 0;
    }
}

static int span_cmp(const void *a, const void *b)
{
    const OpeningSpan *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->opens > y->opens) - (x->opens < y->opens);
}

/* True when the whole text says "always open" in one of the accepted ways. */
static bool is_always_open(const char *text)
{
    static const char *const phrases[] = {
        "24 hours", "24hours", "24 hrs", "open 24 hours", "24 hours a day",
        "open 24 hours a day", "24/7", "open 24/7", "always open",
    };
    char buf[40] = "";
    size_t n = 0;
    while (*text == ' ' || *text == '\t')
        text++;
    for (; *text && n < sizeof buf - 1; text++)
        buf[n++] = (char)tolower((unsigned char)*text);
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '.' ||
                     buf[n - 1] == '\r' || buf[n - 1] == '\n'))
        n--;
    buf[n] = '\0';
    if (*text)
        return false; /* longer than any phrase */
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (strcmp(buf, phrases[i]) == 0)
            return true;
    return false;
}

int hours_parse(const char *text, Hours *out, HoursError *err)
{
    Parser parser;
    Parser *p = &parser;
    memset(p, 0, sizeof *p);
    memset(out, 0, sizeof *out);
    if (err) {
        err->column = 0;
        err->message[0] = '\0';
    }
    p->out = out;
    p->err = err;
    if (!text)
        return 0;
    if (is_always_open(text)) {
        out->always_open = true;
        return 0;
    }
    int rc = tokenize(p, text);
    while (rc == 0) {
        while (peek(p, 0)->kind == TOK_SEMI)
            next(p);
        if (peek(p, 0)->kind == TOK_END)
            break;
        rc = parse_group(p);
        if (rc != 0)
            break;
        const Token *t = peek(p, 0);
        if (t->kind == TOK_SEMI || t->kind == TOK_END || starts_days(p, 0))
            continue;
        if (t->kind == TOK_COMMA && starts_days(p, 1)) {
            next(p);
            continue;
        }
        rc = parse_fail(p, t->column, "'%s' is not understood here; separate groups of days "
                        "with a semicolon, like Mon-Fri 09:00-17:00; Sat 10:00-12:00",
                        t->text);
    }
    if (rc != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    qsort(out->spans, out->nspans, sizeof out->spans[0], span_cmp);
    return 0;
}

/* ==== formatting ==== */

typedef struct Out {
    char *buf;
    size_t cap, len;
} Out;

static void out_add(Out *o, const char *s)
{
    size_t n = strlen(s);
    if (o->cap > 0 && o->len < o->cap - 1) {
        size_t room = o->cap - 1 - o->len;
        size_t k = n < room ? n : room;
        /* Cut only at a character boundary. */
        while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        memcpy(o->buf + o->len, s, k);
        o->buf[o->len + k] = '\0';
        if (k < n)
            o->cap = o->len + k + 1; /* full: stop writing, keep counting */
    }
    o->len += n;
}

size_t hours_format_time(int minute, char *out, size_t cap)
{
    char tmp[16];
    int h = minute / 60, m = minute % 60;
    if (minute <= 0 || minute >= HOURS_MINUTES_PER_DAY)
        snprintf(tmp, sizeof tmp, "midnight");
    else if (m == 0)
        snprintf(tmp, sizeof tmp, "%d%s", h % 12 == 0 ? 12 : h % 12, h < 12 ? "am" : "pm");
    else
        snprintf(tmp, sizeof tmp, "%d:%02d%s", h % 12 == 0 ? 12 : h % 12, m,
                 h < 12 ? "am" : "pm");
    Out o = {out, cap, 0};
    if (cap > 0)
        out[0] = '\0';
    out_add(&o, tmp);
    return o.len;
}

/* The spans of one day, sorted by opening time. */
typedef struct DaySpans {
    OpeningSpan s[HOURS_MAX_SPANS];
    size_t n;
} DaySpans;

static bool same_day_spans(const DaySpans *a, const DaySpans *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->s[i].opens != b->s[i].opens || a->s[i].closes != b->s[i].closes)
            return false;
    return true;
}

/* Words a set of days: "Monday to Friday", "Saturday and Sunday",
 * "Monday, Wednesday and Friday", "Every day". */
static void add_day_set(Out *o, unsigned mask)
{
    if (mask == 0x7F) {
        out_add(o, "Every day");
        return;
    }
    char parts[HOURS_DAYS][32];
    int nparts = 0;
    for (int d = 0; d < HOURS_DAYS;) {
        if (!(mask & (1u << d))) {
            d++;
            continue;
        }
        int e = d;
        while (e + 1 < HOURS_DAYS && (mask & (1u << (e + 1))))
            e++;
        if (e - d >= 2) {
            snprintf(parts[nparts++], sizeof parts[0], "%s to %s", day_names[d], day_names[e]);
        } else {
            for (int k = d; k <= e; k++)
                snprintf(parts[nparts++], sizeof parts[0], "%s", day_names[k]);
        }
        d = e + 1;
    }
    for (int i = 0; i < nparts; i++) {
        if (i > 0)
            out_add(o, i == nparts - 1 ? " and " : ", ");
        out_add(o, parts[i]);
    }
}

static void add_day_spans(Out *o, const DaySpans *ds)
{
    if (ds->n == 0) {
        out_add(o, "closed");
        return;
    }
    for (size_t i = 0; i < ds->n; i++) {
        char a[16], b[16];
        if (i > 0)
            out_add(o, i == ds->n - 1 ? " and " : ", ");
        hours_format_time(ds->s[i].opens, a, sizeof a);
        hours_format_time(ds->s[i].closes, b, sizeof b);
        out_add(o, a);
        out_add(o, " to ");
        out_add(o, b);
    }
}

/* Writes the line for day d and every later day with the same times, unless d was
 * written already; marks them in *done. */
static void add_group(Out *o, const DaySpans *days, int d, unsigned *done)
{
    if (*done & (1u << d))
        return;
    unsigned group = 0;
    for (int e = d; e < HOURS_DAYS; e++)
        if (!(*done & (1u << e)) && same_day_spans(&days[d], &days[e]))
            group |= 1u << e;
    if (*done)
        out_add(o, "\n");
    *done |= group;
    add_day_set(o, group);
    out_add(o, ": ");
    add_day_spans(o, &days[d]);
}

size_t hours_format(const OpeningSpan *spans, size_t n, bool always_open, char *out,
                    size_t cap)
{
    Out o = {out, cap, 0};
    if (cap > 0)
        out[0] = '\0';
    if (always_open) {
        out_add(&o, "Open 24 hours");
        return o.len;
    }
    if (n == 0) {
        out_add(&o, "Closed");
        return o.len;
    }
    DaySpans days[HOURS_DAYS];
    memset(days, 0, sizeof days);
    for (size_t i = 0; i < n; i++) {
        int d = spans[i].day;
        if (d >= HOURS_DAYS || days[d].n >= HOURS_MAX_SPANS)
            continue;
        days[d].s[days[d].n++] = spans[i];
    }
    for (int d = 0; d < HOURS_DAYS; d++)
        qsort(days[d].s, days[d].n, sizeof days[d].s[0], span_cmp);
    /* Groups in order of their first day; the closed days come last. */
    unsigned open_days = 0;
    for (int d = 0; d < HOURS_DAYS; d++)
        if (days[d].n > 0)
            open_days |= 1u << d;
    unsigned done = 0;
    for (int d = 0; d < HOURS_DAYS; d++)
        if (open_days & (1u << d))
            add_group(&o, days, d, &done);
    for (int d = 0; d < HOURS_DAYS; d++)
        add_group(&o, days, d, &done);
    return o.len;
}

bool hours_is_open(const OpeningSpan *spans, size_t n, bool always_open, int day,
                   int minute)
{
    if (always_open)
        return true;
    for (size_t i = 0; i < n; i++)
        if (spans[i].day == day && spans[i].opens <= minute && minute < spans[i].closes)
            return true;
    return false;
}
