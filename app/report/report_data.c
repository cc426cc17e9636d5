/* report_data.c: gathers the report's figures from an outbox file through the outbox
 * and usage C APIs: answers per day, concerns (with the key: subject and place names),
 * usage counts. Nothing a person wrote is kept: only counts and fixed names. */
#include "report_internal.h"

#include "config.h"
#include "concern.h"
#include "err.h"
#include "mem.h"
#include "schedule.h"
#include "usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ==== tallies ==== */

int report_tally_add(Tally *t, const char *name, long n)
{
    t->total += n;
    for (size_t i = 0; i < t->len; i++)
        if (strcmp(t->items[i].name, name) == 0) {
            t->items[i].n += n;
            return 0;
        }
    if (mem_grow((void **)&t->items, &t->cap, t->len + 1, sizeof *t->items) != 0)
        return -1;
    char *copy = mem_strdup(name);
    if (!copy)
        return -1;
    t->items[t->len++] = (TallyItem){copy, n};
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const TallyItem *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int by_name_desc(const void *a, const void *b)
{
    return strcmp(((const TallyItem *)b)->name, ((const TallyItem *)a)->name);
}

void report_tally_sort(Tally *t)
{
    if (t->len > 1)
        qsort(t->items, t->len, sizeof *t->items, by_count);
}

void report_tally_release(Tally *t)
{
    for (size_t i = 0; i < t->len; i++)
        mem_free(t->items[i].name);
    mem_free(t->items);
    *t = (Tally){0};
}

/* ==== words for dates and numbers ==== */

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};

void report_date_words(const char *iso, bool short_form, char *out, size_t cap)
{
    int y = 0, m = 0, d = 0;
    size_t len = strlen(iso);
    if (len == 7 && sscanf(iso, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
        if (short_form)
            snprintf(out, cap, "%.3s %d", month_names[m - 1], y);
        else
            snprintf(out, cap, "%s %d", month_names[m - 1], y);
    } else if (len == 10 && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12) {
        if (short_form)
            snprintf(out, cap, "%d %.3s", d, month_names[m - 1]);
        else
            snprintf(out, cap, "%d %s %d", d, month_names[m - 1], y);
    } else {
        snprintf(out, cap, "%s", iso);
    }
}

void report_month_label(const char *month, bool with_year, char *out, size_t cap)
{
    int y = 0, m = 0;
    if (sscanf(month, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        snprintf(out, cap, "%s", month);
    else if (with_year || m == 1)
        snprintf(out, cap, "%.3s\n%d", month_names[m - 1], y);
    else
        snprintf(out, cap, "%.3s", month_names[m - 1]);
}

void report_number(long n, char *out, size_t cap)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
    size_t len = strlen(digits), o = 0;
    char buf[48];
    if (n < 0)
        buf[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    snprintf(out, cap, "%s", buf);
}

int report_percent(long part, long whole)
{
    if (whole <= 0)
        return -1;
    return (int)((part * 200 + whole) / (2 * whole));
}

/* ==== the period ==== */

int report_check_period(const char *from, const char *to)
{
    CivilDate a, b;
    if (!from || civil_parse(from, &a) != 0)
        return err_set("--from '%s' is not a date written YYYY-MM-DD, like 2026-11-01",
                       from ? from : "");
    if (!to || civil_parse(to, &b) != 0)
        return err_set("--to '%s' is not a date written YYYY-MM-DD, like 2026-11-30",
                       to ? to : "");
    if (civil_to_days(a) > civil_to_days(b))
        return err_set("the period starts after it ends: --from %s is later than --to %s", from,
                       to);
    int months = (b.year - a.year) * 12 + (b.month - a.month) + 1;
    if (months > REPORT_MAX_MONTHS)
        return err_set("the period %s to %s covers %d months; a report covers at most %d "
                       "(make one per year)",
                       from, to, months, (int)REPORT_MAX_MONTHS);
    return 0;
}

/* The month index of a day ("YYYY-MM-DD" or "YYYY-MM") in the report, or -1. */
static int month_index(const ReportData *d, const char *day)
{
    for (int i = 0; i < d->nmonths; i++)
        if (strncmp(d->months[i].month, day, 7) == 0)
            return i;
    return -1;
}

/* ==== gathering ==== */

static int on_answers(void *user, const char *day, const long counts[6])
{
    ReportData *d = user;
    int m = month_index(d, day);
    if (m < 0)
        return 0;
    for (int a = 0; a < 6; a++) {
        d->months[m].fft[a] += counts[a];
        d->months[m].fft_total += counts[a];
        d->fft[a] += counts[a];
        d->fft_total += counts[a];
    }
    return 0;
}

static const char *category_label(const char *id)
{
    size_t n = 0;
    const ConcernCategory *cats = concern_categories(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(cats[i].id, id) == 0)
            return cats[i].label;
    return NULL;
}

typedef struct ConcernWalk {
    ReportData *d;
    int failed;
} ConcernWalk;

static int on_concern(void *user, const OutboxConcernFacts *f)
{
    ConcernWalk *w = user;
    ReportData *d = w->d;
    CivilDate day;
    if (civil_parse(f->day, &day) != 0)
        return 0;
    long i = civil_to_days(day) - d->first_day;
    if (i < 0 || i >= d->ndays)
        return 0;
    d->concerns_by_day[i]++;
    d->concerns++;
    if (f->exported)
        d->exported++;
    int m = month_index(d, f->day);
    if (m >= 0)
        d->months[m].concerns++;
    if (!d->keyed)
        return 0;
    int rc = 0;
    if (f->needs_request) { /* no subject: it asks how to be given information */
        d->needs_requests++;
        rc |= report_tally_add(&d->subjects, "Communication needs request", 1);
    } else if (f->category) {
        const char *label = category_label(f->category);
        char other[96];
        if (!label) {
            snprintf(other, sizeof other, "Other (%.60s)", f->category);
            label = other;
        }
        rc |= report_tally_add(&d->subjects, label, 1);
    } else if (f->kiosk_name || f->place_id || f->place_typed) { /* opened, no category */
        rc |= report_tally_add(&d->subjects, "Not said", 1);
    }
    if (f->place_name || f->place_id)
        rc |= report_tally_add(&d->places, f->place_name ? f->place_name : f->place_id, 1);
    else if (f->place_typed)
        d->place_typed++;
    else if (!f->needs_request && (f->kiosk_name || f->category))
        d->place_none++;
    if (f->kiosk_name)
        rc |= report_tally_add(&d->kiosks, f->kiosk_name, 1);
    if (rc != 0) {
        w->failed = 1;
        return 1;
    }
    return 0;
}

/* The kiosk's languages in English, for the people at the meeting. */
static const char *english_name(const char *code)
{
    static const char *const names[][2] = {
        {"en", "English"}, {"cy", "Welsh"},   {"pl", "Polish"},   {"ur", "Urdu"},
        {"ar", "Arabic"},  {"bn", "Bengali"}, {"pa", "Punjabi"},  {"ro", "Romanian"},
        {"so", "Somali"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], code) == 0)
            return names[i][1];
    return NULL;
}

static int on_usage(void *user, const UsageRow *r)
{
    ReportData *d = user;
    int rc = 0;
    const char *m = r->metric;
    if (strcmp(d->last_usage_day, r->day) != 0) { /* rows come by day */
        snprintf(d->last_usage_day, sizeof d->last_usage_day, "%s", r->day);
        d->usage_days++;
    }
    if (strcmp(m, "sessions") == 0) {
        d->sessions += r->count;
    } else if (strcmp(m, "hour") == 0) {
        int h = atoi(r->item);
        if (h >= 0 && h < 24 && strlen(r->item) == 2)
            d->hours[h] += r->count;
    } else if (strcmp(m, "language") == 0) {
        /* Its own name and script, then in English for the meeting: "Cymraeg, Welsh
         * (cy)". The left-to-right mark keeps "(ur)" after an Urdu name. */
        const char *name = config_language_name(r->item);
        const char *english = english_name(r->item);
        char label[160];
        if (name && english && strcmp(name, english) != 0)
        {
            /* Hebrew or Arabic script: left-to-right marks around it keep the line in
             * the order it is written here. */
            bool rtl = (unsigned char)name[0] >= 0xd6 && (unsigned char)name[0] <= 0xdb;
            const char *lrm = rtl ? "\xe2\x80\x8e" : "";
            snprintf(label, sizeof label, "%s%s%s, %s (%s)", lrm, name, lrm, english, r->item);
        }
        else
            snprintf(label, sizeof label, "%s (%s)", name ? name : r->item, r->item);
        rc = report_tally_add(&d->languages, label, r->count);
    } else if (strcmp(m, "feature") == 0) {
        const char *label = strcmp(r->item, "larger-text") == 0     ? "Larger text"
                            : strcmp(r->item, "high-contrast") == 0 ? "High contrast"
                            : strcmp(r->item, "read-aloud") == 0    ? "Read aloud"
                                                                    : r->item;
        rc = report_tally_add(&d->features, label, r->count);
    } else if (strcmp(m, "screen") == 0) {
        rc = report_tally_add(&d->screens, r->item, r->count);
    } else if (strcmp(m, "search-empty") == 0) {
        d->empty_searches += r->count;
    } else if (strcmp(m, "search-words") == 0) {
        rc = report_tally_add(&d->search_words, r->item, r->count);
    } else if (strcmp(m, "print") == 0) {
        d->printed += r->count;
    } else if (strcmp(m, "print-failed") == 0) {
        const char *label = strcmp(r->item, "paper-out") == 0      ? "Out of paper"
                            : strcmp(r->item, "cover-open") == 0   ? "Cover open"
                            : strcmp(r->item, "offline") == 0      ? "Offline"
                            : strcmp(r->item, "unreachable") == 0  ? "Could not be reached"
                            : strcmp(r->item, "write-failed") == 0 ? "Stopped taking data"
                                                                   : "Other problem";
        rc = report_tally_add(&d->print_failed, label, r->count);
    } else if (strcmp(m, "content") == 0) {
        rc = report_tally_add(&d->content, r->item, r->count);
    } else if (strcmp(m, "content-lkg") == 0) {
        d->content_lkg += r->count;
    } else if (strcmp(m, "content-refused") == 0) {
        d->content_refused += r->count;
    }
    return rc;
}

/* The file's name without its folder. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int report_data_gather(const ReportOptions *o, ReportData *d)
{
    memset(d, 0, sizeof *d);
    if (report_check_period(o->from, o->to) != 0)
        return -1;
    CivilDate a, b;
    civil_parse(o->from, &a);
    civil_parse(o->to, &b);
    snprintf(d->from, sizeof d->from, "%s", o->from);
    snprintf(d->to, sizeof d->to, "%s", o->to);
    if (o->today) {
        snprintf(d->today, sizeof d->today, "%s", o->today);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(d->today, sizeof d->today, "%Y-%m-%d", &tm);
    }
    snprintf(d->outbox_name, sizeof d->outbox_name, "%s", base_name(o->outbox));
    d->keyed = o->secret_key != NULL;
    d->first_day = civil_to_days(a);
    d->ndays = (int)(civil_to_days(b) - d->first_day + 1);
    for (int y = a.year, m = a.month; y < b.year || (y == b.year && m <= b.month);) {
        snprintf(d->months[d->nmonths].month, sizeof d->months[0].month, "%04d-%02d", y, m);
        d->nmonths++;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    d->concerns_by_day = mem_zalloc_array((size_t)d->ndays, sizeof *d->concerns_by_day);
    if (!d->concerns_by_day)
        return -1;

    if (outbox_feedback_days(o->outbox, o->from, o->to, on_answers, d) < 0)
        return -1;
    ConcernWalk walk = {d, 0};
    int n = outbox_concern_facts(o->outbox, o->secret_key, o->from, o->to, on_concern, &walk,
                                 &d->unreadable);
    if (n < 0)
        return -1;
    if (walk.failed)
        return err_set("out of memory while counting the concerns");
    if (o->secret_key && n > 0 && d->unreadable == n)
        return err_set("the secret key opens none of the %d concern%s in %s: it is not the "
                       "PALS key they were sealed to (or the file is damaged)",
                       n, n == 1 ? "" : "s", o->outbox);
    if (usage_read(o->outbox, o->from, o->to, on_usage, d) < 0)
        return -1;
    report_tally_sort(&d->subjects);
    report_tally_sort(&d->places);
    report_tally_sort(&d->kiosks);
    report_tally_sort(&d->languages);
    report_tally_sort(&d->features);
    report_tally_sort(&d->screens);
    report_tally_sort(&d->search_words);
    report_tally_sort(&d->print_failed);
    if (d->content.len > 1) /* the newest content first */
        qsort(d->content.items, d->content.len, sizeof *d->content.items, by_name_desc);
    if (o->kiosk && o->kiosk[0]) {
        snprintf(d->kiosk, sizeof d->kiosk, "%s", o->kiosk);
    } else {
        size_t used = 0;
        for (size_t i = 0; i < d->kiosks.len && used + 4 < sizeof d->kiosk; i++) {
            int w = snprintf(d->kiosk + used, sizeof d->kiosk - used, "%s%s", i ? ", " : "",
                             d->kiosks.items[i].name);
            if (w < 0 || (size_t)w >= sizeof d->kiosk - used)
                break;
            used += (size_t)w;
        }
    }
    return 0;
}

void report_data_release(ReportData *d)
{
    mem_free(d->concerns_by_day);
    report_tally_release(&d->subjects);
    report_tally_release(&d->places);
    report_tally_release(&d->kiosks);
    report_tally_release(&d->languages);
    report_tally_release(&d->features);
    report_tally_release(&d->screens);
    report_tally_release(&d->search_words);
    report_tally_release(&d->print_failed);
    report_tally_release(&d->content);
    memset(d, 0, sizeof *d);
}
