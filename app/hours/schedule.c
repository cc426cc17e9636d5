/* schedule.c: civil dates, and the weekly and monthly meeting rules of Open Referral UK
 * schedules (see schedule.h): reading them from the CSV fields with a clear message
 * for a rule that cannot be right, saying them in plain words, and finding the next
 * meeting. Dates use the days-from-civil algorithm (proleptic Gregorian calendar);
 * no time zones are involved, only calendar days. */
#include "schedule.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ==== civil dates ==== */

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

long civil_to_days(CivilDate d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                         /* 0..399 */
    long mp = (d.month + 9) % 12;                                     /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.day - 1;                        /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                 /* 0..146096 */
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long days)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2);
    return (CivilDate){(int)year, (int)month, (int)day};
}

int civil_weekday(CivilDate d)
{
    long w = (civil_to_days(d) + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

/* Reads exactly n digits. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int civil_parse(const char *s, CivilDate *out)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return -1;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    *out = (CivilDate){y, m, d};
    return 0;
}

void civil_ago_words(CivilDate then, CivilDate today, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    long days = civil_to_days(today) - civil_to_days(then);
    /* Whole calendar months from then to today. */
    long months = (long)(today.year - then.year) * 12 + (today.month - then.month);
    if (today.day < then.day)
        months--;
    if (days <= 0)
        snprintf(out, cap, "today");
    else if (days == 1)
        snprintf(out, cap, "yesterday");
    else if (days < 7)
        snprintf(out, cap, "%ld days ago", days);
    else if (months < 1 && days < 14)
        snprintf(out, cap, "a week ago");
    else if (months < 1)
        snprintf(out, cap, "%ld weeks ago", days / 7);
    else if (months == 1)
        snprintf(out, cap, "a month ago");
    else if (months < 12)
        snprintf(out, cap, "%ld months ago", months);
    else if (days <= 365)
        snprintf(out, cap, "a year ago");
    else
        snprintf(out, cap, "over a year ago");
}

/* ==== reading the fields ==== */

static const char *const day_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
static const char *const day_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

enum { INTERVAL_MAX = 52, MINUTES_PER_DAY = 1440 };

/* A field's text without spaces at either end, in buf. */
static const char *trimmed(const char *s, char *buf, size_t cap)
{
    if (!s)
        s = "";
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* Fills *err (which may be NULL) and returns -1. */
static int fail(ScheduleError *err, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(ScheduleError *err, const char *field, const char *fmt, ...)
{
    if (err) {
        err->field = field;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A whole number of at most 6 digits; -1 when the text is not one. */
static long whole(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 6)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    return strtol(s, NULL, 10);
}

/* "10:00", "9:30", "10:00:00" or "10.00" -> minutes; -1 when not a time. "24:00" is
 * accepted here (a closing time); the caller decides where it may be used. */
static int parse_time(const char *s)
{
    int h = 0, m = 0, sec = 0;
    size_t n = strlen(s), hd;
    for (hd = 0; hd < n && isdigit((unsigned char)s[hd]); hd++)
        ;
    if (hd < 1 || hd > 2 || (s[hd] != ':' && s[hd] != '.'))
        return -1;
    digits(s, (int)hd, &h);
    const char *rest = s + hd + 1;
    if (!digits(rest, 2, &m))
        return -1;
    if (rest[2] == ':') {
        if (!digits(rest + 3, 2, &sec) || rest[5] != '\0')
            return -1;
    } else if (rest[2] != '\0') {
        return -1;
    }
    if (m > 59 || sec > 59 || h > 24 || (h == 24 && (m || sec)))
        return -1;
    return h * 60 + m;
}

static int day_code(const char *s)
{
    for (int d = 0; d < 7; d++)
        if (strcasecmp(s, day_codes[d]) == 0)
            return d;
    return -1;
}

/* The day a volunteer probably meant by "Mon", "Tues" or "Monday"; -1 for none. */
static int day_guess(const char *s)
{
    size_t n = strlen(s);
    if (n < 2)
        return -1;
    for (int d = 0; d < 7; d++)
        if (n <= strlen(day_names[d]) && strncasecmp(s, day_names[d], n) == 0)
            return d;
    return -1;
}

/* "First" .. "Fifth", "Last" for -1. */
static const char *ordinal_word(int n)
{
    static const char *const words[] = {"", "First", "Second", "Third", "Fourth", "Fifth"};
    if (n == -1)
        return "Last";
    return n >= 1 && n <= 5 ? words[n] : "";
}

/* Reads byday: "MO,TH" (weekly) or "1MO" / "-1FR" / "2TU,2TH" (monthly). */
static int parse_byday(const char *text, Schedule *out, ScheduleError *err)
{
    char buf[128];
    size_t len = strlen(text);
    if (len >= sizeof buf)
        return fail(err, "byday", "the byday is too long; write day codes like MO,TH");
    memcpy(buf, text, len + 1);
    bool have_ordinal = false;
    int ordinal = 0;
    for (char *tok = buf, *end; tok; tok = end) {
        end = strchr(tok, ',');
        if (end)
            *end++ = '\0';
        char t[32];
        trimmed(tok, t, sizeof t);
        if (!t[0])
            return fail(err, "byday", "'%s' has an empty day between commas; write day codes "
                        "separated by commas, like MO,TH", text);
        const char *p = t;
        int sign = 1, num = 0, ndigits = 0;
        if (*p == '+' || *p == '-') {
            sign = *p == '-' ? -1 : 1;
            p++;
        }
        while (isdigit((unsigned char)*p) && ndigits < 3) {
            num = num * 10 + (*p - '0');
            p++;
            ndigits++;
        }
        int d = day_code(p);
        if (d < 0) {
            int g = day_guess(p);
            if (g >= 0)
                return fail(err, "byday", "'%s' is not a day code; write %.*s%s for %s",
                            t, (int)(p - t), t, day_codes[g], day_names[g]);
            return fail(err, "byday", "'%s' is not a day code; use MO, TU, WE, TH, FR, SA or "
                        "SU, with a week number before it for a monthly meeting, like 1MO",
                        t);
        }
        bool has_num = ndigits > 0 || p != t;
        if (out->freq == SCHEDULE_WEEKLY && has_num)
            return fail(err, "byday", "'%s' has a week number, which only a MONTHLY schedule "
                        "can have; write %s for every %s, or make the freq MONTHLY", t,
                        day_codes[d], day_names[d]);
        if (out->freq == SCHEDULE_MONTHLY) {
            if (!has_num)
                return fail(err, "byday", "a MONTHLY schedule needs the week of the month "
                            "before the day: write 1%s for the first %s of the month, or "
                            "-1%s for the last", day_codes[d], day_names[d], day_codes[d]);
            int o = sign * num;
            if (!((o >= 1 && o <= 5) || o == -1))
                return fail(err, "byday", "'%s' is not a week of the month; write 1%s to 5%s "
                            "for the first to the fifth %s, or -1%s for the last", t,
                            day_codes[d], day_codes[d], day_names[d], day_codes[d]);
            if (have_ordinal && o != ordinal)
                return fail(err, "byday", "'%s' mixes weeks of the month; write one schedule "
                            "row for each week of the month", text);
            have_ordinal = true;
            ordinal = o;
        }
        out->byday |= (uint8_t)(1u << d);
    }
    if (!out->byday)
        return fail(err, "byday", "the byday has no days; write day codes like MO,TH");
    out->week_of_month = (int8_t)ordinal;
    return 0;
}

/* True when the rule meets on date d (interval counted from dtstart). */
static bool meets(const Schedule *s, CivilDate d)
{
    long days = civil_to_days(d);
    bool anchored = s->dtstart.year != 0;
    if (anchored && days < civil_to_days(s->dtstart))
        return false;
    int wd = civil_weekday(d);
    if (s->freq == SCHEDULE_WEEKLY) {
        if (!(s->byday & (1u << wd)))
            return false;
        if (s->interval > 1) {
            if (!anchored)
                return false;
            long start = civil_to_days(s->dtstart);
            long monday = start - civil_weekday(s->dtstart);
            long weeks = (days - monday) / 7;
            if (weeks % s->interval != 0)
                return false;
        }
        return true;
    }
    if (s->interval > 1) {
        if (!anchored)
            return false;
        long months = (long)(d.year - s->dtstart.year) * 12 + (d.month - s->dtstart.month);
        if (months < 0 || months % s->interval != 0)
            return false;
    }
    if (s->bymonthday)
        return d.day == s->bymonthday;
    if (!(s->byday & (1u << wd)))
        return false;
    if (s->week_of_month == -1)
        return d.day + 7 > days_in_month(d.year, d.month);
    return (d.day - 1) / 7 + 1 == s->week_of_month;
}

static void time_text(int minutes, char *out, size_t cap)
{
    snprintf(out, cap, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}

int schedule_from_fields(const char *freq, const char *interval, const char *byday,
                         const char *bymonthday, const char *opens_at,
                         const char *closes_at, const char *dtstart, Schedule *out,
                         ScheduleError *err)
{
    char f[32], iv[32], bd[128], md[32], op[32], cl[32], ds[32];
    trimmed(freq, f, sizeof f);
    trimmed(interval, iv, sizeof iv);
    trimmed(byday, bd, sizeof bd);
    trimmed(bymonthday, md, sizeof md);
    trimmed(opens_at, op, sizeof op);
    trimmed(closes_at, cl, sizeof cl);
    trimmed(dtstart, ds, sizeof ds);
    if (err) {
        err->field = "";
        err->message[0] = '\0';
    }
    Schedule s = {.interval = 1, .opens = -1, .closes = -1, .description = ""};

    if (strcasecmp(f, "WEEKLY") == 0)
        s.freq = SCHEDULE_WEEKLY;
    else if (strcasecmp(f, "MONTHLY") == 0)
        s.freq = SCHEDULE_MONTHLY;
    else if (!f[0])
        return fail(err, "freq", "the freq is missing; write WEEKLY or MONTHLY");
    else if (strcasecmp(f, "DAILY") == 0)
        return fail(err, "freq", "DAILY is not used here; for every day write WEEKLY with "
                    "byday MO,TU,WE,TH,FR,SA,SU");
    else
        return fail(err, "freq", "'%s' is not a freq this kiosk knows; write WEEKLY or "
                    "MONTHLY", f);

    if (iv[0]) {
        long n = whole(iv);
        if (n < 1 || n > INTERVAL_MAX)
            return fail(err, "interval", "'%s' is not an interval; write a whole number from "
                        "1 to %d (2 for every other %s), or leave it empty for 1", iv,
                        INTERVAL_MAX, s.freq == SCHEDULE_WEEKLY ? "week" : "month");
        s.interval = (int)n;
    }

    if (md[0]) {
        if (s.freq == SCHEDULE_WEEKLY)
            return fail(err, "bymonthday", "a WEEKLY schedule cannot have a bymonthday; leave "
                        "it empty, or make the freq MONTHLY");
        long n = whole(md);
        if (n < 1 || n > 31)
            return fail(err, "bymonthday", "'%s' is not a day of the month; write a number "
                        "from 1 to 31 (for the last week of the month use byday, like -1FR)",
                        md);
        s.bymonthday = (uint8_t)n;
    }

    if (bd[0]) {
        if (s.bymonthday)
            return fail(err, "byday", "give either byday or bymonthday, not both: byday like "
                        "1MO for the first Monday, or bymonthday like 15 for the 15th");
        if (parse_byday(bd, &s, err) != 0)
            return -1;
    } else if (s.freq == SCHEDULE_WEEKLY) {
        return fail(err, "byday", "a WEEKLY schedule needs the days in byday, like TU for "
                    "every Tuesday or MO,TH for Mondays and Thursdays");
    } else if (!s.bymonthday) {
        return fail(err, "byday", "a MONTHLY schedule needs byday (like 1MO for the first "
                    "Monday) or bymonthday (like 15 for the 15th)");
    }

    if (op[0]) {
        int t = parse_time(op);
        if (t < 0 || t >= MINUTES_PER_DAY)
            return fail(err, "opens_at", "'%s' is not a time; write the 24-hour clock, like "
                        "10:00 or 18:30", op);
        s.opens = (int16_t)t;
    }
    if (cl[0]) {
        int t = parse_time(cl);
        if (t < 0)
            return fail(err, "closes_at", "'%s' is not a time; write the 24-hour clock, like "
                        "12:00 or 20:30 (24:00 for midnight)", cl);
        if (s.opens < 0)
            return fail(err, "opens_at", "there is a closes_at but no opens_at; write when it "
                        "starts, like 10:00");
        if (t <= s.opens) {
            char a[16], b[16];
            time_text(s.opens, a, sizeof a);
            time_text(t, b, sizeof b);
            return fail(err, "closes_at", "it closes at %s, which is not after it opens at "
                        "%s; check the times (24-hour clock, 24:00 for midnight)", b, a);
        }
        s.closes = (int16_t)t;
    }

    if (ds[0]) {
        if (civil_parse(ds, &s.dtstart) != 0)
            return fail(err, "dtstart", "'%s' is not a date; write the date of one meeting "
                        "as YYYY-MM-DD, like 2026-01-06", ds);
        if (!meets(&s, s.dtstart)) {
            char words[160];
            s.interval = 1; /* words for the days alone */
            schedule_words(&s, words, sizeof words);
            return fail(err, "dtstart", "%s is a %s, but the rule says \"%s\"; dtstart must "
                        "be the date of one meeting", ds, day_names[civil_weekday(s.dtstart)],
                        words);
        }
    } else if (s.interval > 1) {
        return fail(err, "dtstart", "an interval of %d needs a dtstart: the date of one "
                    "meeting (YYYY-MM-DD), so the kiosk knows which %s it meets", s.interval,
                    s.freq == SCHEDULE_WEEKLY ? "weeks" : "months");
    }
    *out = s;
    return 0;
}

/* ==== words ==== */

/* Appends to out (always NUL-terminated; stops at cap). */
static void add(char *out, size_t cap, size_t *len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void add(char *out, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + *len, cap - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

/* "Monday", "Monday and Thursday", "Monday, Wednesday and Friday". */
static void add_days(char *out, size_t cap, size_t *len, uint8_t byday)
{
    int total = 0, seen = 0;
    for (int d = 0; d < 7; d++)
        total += (byday >> d) & 1;
    for (int d = 0; d < 7; d++) {
        if (!((byday >> d) & 1))
            continue;
        const char *sep = seen == 0 ? "" : seen + 1 == total ? " and " : ", ";
        add(out, cap, len, "%s%s", sep, day_names[d]);
        seen++;
    }
}

static const char *day_suffix(int day)
{
    if (day >= 11 && day <= 13)
        return "th";
    switch (day % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

void schedule_words(const Schedule *s, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    out[0] = '\0';
    if (!s)
        return;
    size_t len = 0;
    int iv = s->interval > 1 ? s->interval : 1;
    if (s->freq == SCHEDULE_WEEKLY) {
        if (iv == 1 && s->byday == 0x7F) {
            add(out, cap, &len, "Every day");
        } else if (iv == 1 && s->byday == 0x1F) {
            add(out, cap, &len, "Monday to Friday");
        } else if (iv == 1) {
            add(out, cap, &len, "Every ");
            add_days(out, cap, &len, s->byday);
        } else if (iv == 2) {
            add(out, cap, &len, "Every other ");
            if ((s->byday & (s->byday - 1)) != 0)
                add(out, cap, &len, "week on ");
            add_days(out, cap, &len, s->byday);
        } else {
            add(out, cap, &len, "Every %d weeks on ", iv);
            add_days(out, cap, &len, s->byday);
        }
    } else {
        if (s->bymonthday)
            add(out, cap, &len, "On the %d%s of ", s->bymonthday, day_suffix(s->bymonthday));
        else {
            add(out, cap, &len, "%s ", ordinal_word(s->week_of_month));
            add_days(out, cap, &len, s->byday);
            add(out, cap, &len, " of ");
        }
        if (iv == 1)
            add(out, cap, &len, s->bymonthday ? "every month" : "the month");
        else if (iv == 2)
            add(out, cap, &len, "every other month");
        else
            add(out, cap, &len, "every %d months", iv);
    }
    if (s->opens == 0 && s->closes == MINUTES_PER_DAY) {
        add(out, cap, &len, ", 24 hours");
    } else if (s->opens >= 0) {
        char a[16], b[16];
        time_text(s->opens, a, sizeof a);
        if (s->closes > s->opens) {
            time_text(s->closes, b, sizeof b);
            add(out, cap, &len, ", %s to %s", a, b);
        } else {
            add(out, cap, &len, ", %s", a);
        }
    }
}

/* ==== next meeting ==== */

bool schedule_next(const Schedule *s, CivilDate from, CivilDate *next)
{
    if (!s || (s->interval > 1 && s->dtstart.year == 0))
        return false;
    if (from.month < 1 || from.month > 12 || from.day < 1 ||
        from.day > days_in_month(from.year, from.month))
        return false;
    long start = civil_to_days(from);
    int dim = days_in_month(from.year + 1, from.month);
    long limit = civil_to_days((CivilDate){from.year + 1, from.month,
                                           from.day < dim ? from.day : dim});
    if (s->dtstart.year != 0 && civil_to_days(s->dtstart) > start)
        start = civil_to_days(s->dtstart);
    for (long d = start; d <= limit; d++) {
        CivilDate c = civil_from_days(d);
        if (meets(s, c)) {
            if (next)
                *next = c;
            return true;
        }
    }
    return false;
}
