/* report_internal.h: what the report's files share. report_data.c gathers the figures
 * (ReportData, owned by the caller: report_data_release); report_chart.c draws text,
 * axes, bar charts and tables on a cairo context (ReportPen); report_pages.c lays out
 * each page from the figures; report.c writes the file. */
#ifndef SIGNPOST_REPORT_INTERNAL_H
#define SIGNPOST_REPORT_INTERNAL_H

#include "report.h"

#include <cairo.h>

#include <stdbool.h>
#include <stddef.h>

/* ==== the figures (report_data.c) ==== */

/* Counts by name: names owned (mem), in the order first seen until report_tally_sort. */
typedef struct TallyItem {
    char *name;
    long n;
} TallyItem;
typedef struct Tally {
    TallyItem *items;
    size_t len, cap;
    long total;
} Tally;
int report_tally_add(Tally *t, const char *name, long n);
/* Largest first, then by name. */
void report_tally_sort(Tally *t);
void report_tally_release(Tally *t);

typedef struct ReportMonth {
    char month[8];           /* "YYYY-MM" */
    long fft[6];             /* answers 1..6 */
    long fft_total;
    long concerns;
} ReportMonth;

typedef struct ReportData {
    char from[11], to[11], today[11];
    char outbox_name[256];   /* the outbox file's name (no folder) */
    char kiosk[256];         /* the kiosk's name(s) for the cover, "" when unknown */
    bool keyed;              /* opened with the secret key */
    long first_day;          /* days since 1970 of from */
    int ndays;               /* days in the period */
    ReportMonth months[REPORT_MAX_MONTHS];
    int nmonths;
    long fft[6], fft_total;
    /* Concerns. */
    long *concerns_by_day;   /* ndays entries (mem) */
    long concerns, exported;
    int unreadable;
    Tally subjects;          /* category label -> count (keyed) */
    Tally places;            /* place name -> count (keyed) */
    long place_typed, place_none;
    long needs_requests;     /* of the concerns, communication-needs requests (keyed) */
    Tally kiosks;            /* kiosk names seen in concerns (keyed) */
    /* Use. */
    long sessions, hours[24];
    int usage_days;          /* days with any figures */
    char last_usage_day[11];
    Tally languages;         /* "Cymraeg (cy)" -> sessions */
    Tally features;
    Tally screens;
    long empty_searches;
    Tally search_words;      /* released words -> count */
    long printed;
    Tally print_failed;      /* problem word -> count */
    Tally content;           /* content version -> times loaded */
    long content_lkg, content_refused;
} ReportData;

/* Reads everything the report shows. Returns 0, or -1 with err_msg(). */
int report_data_gather(const ReportOptions *o, ReportData *d);
void report_data_release(ReportData *d);
/* "1 November 2026" for "2026-11-01"; "November 2026" for "2026-11" (month true);
 * short: "Nov 2026" / "1 Nov". */
void report_date_words(const char *iso, bool short_form, char *out, size_t cap);
/* "Jan", or "Jan\n2026" with the year (with_year, or January). */
void report_month_label(const char *month, bool with_year, char *out, size_t cap);
/* 12,345 */
void report_number(long n, char *out, size_t cap);
/* Whole per cent of part in whole, rounded half up; -1 when whole is 0. */
int report_percent(long part, long whole);

/* ==== drawing (report_chart.c) ==== */

enum { REPORT_FILLS = 6 };

typedef struct ReportPen {
    cairo_t *cr;
    double page_w, page_h, margin;
    cairo_pattern_t *fills[REPORT_FILLS]; /* the six answers' fills: greys and patterns */
    bool fill_dark[REPORT_FILLS];          /* white text reads on it */
} ReportPen;

typedef struct ReportBox {
    double x, y, w, h;
} ReportBox;

typedef enum ReportAlign { RA_LEFT, RA_CENTER, RA_RIGHT } ReportAlign;

int report_pen_init(ReportPen *p, cairo_t *cr);
void report_pen_release(ReportPen *p);

/* Text in Noto Sans at size points (bold or not), grey level 0 (black) .. 1, wrapped
 * to width w (0: no wrap), aligned; returns its height. */
double report_text(ReportPen *p, double x, double y, double w, double size, bool bold,
                   ReportAlign align, const char *text);
/* The same, measuring only. */
double report_text_height(ReportPen *p, double w, double size, bool bold, const char *text);
double report_text_width(ReportPen *p, double size, bool bold, const char *text);

/* A framed box saying msg (for a chart with nothing to show). */
void report_empty(ReportPen *p, ReportBox b, const char *msg);
/* A framed grey notice with wrapped text; returns its height. */
double report_notice(ReportPen *p, double x, double y, double w, const char *text);

/* Vertical bars: labels under each (every label_every-th shown), the number above
 * each bar, a y axis with ticks and the axis titles. */
void report_vbars(ReportPen *p, ReportBox b, int n, const char *const *labels,
                  const long *values, int label_every, const char *x_title,
                  const char *y_title);
/* Horizontal bars, largest first as given: label on the left, number at the bar's
 * end, the x axis titled. At most max rows; the rest summed into "Others (N)". */
double report_hbars(ReportPen *p, double x, double y, double w, const Tally *t, int max,
                    const char *x_title);
/* The Friends and Family Test: stacked bars of the six answers per month, each
 * segment its own fill with its count written in it when it fits, the total above,
 * "No answers" for a month without; a legend below. */
void report_stacked(ReportPen *p, ReportBox b, const ReportMonth *months, int n);
/* The legend of the six answers; returns its height. */
double report_legend(ReportPen *p, double x, double y, double w);

/* A table: ncols columns of the given widths (right-aligned numbers when numeric[i]),
 * a bold header row and rows of cells (row-major), with ruled lines. Returns height. */
double report_table(ReportPen *p, double x, double y, int ncols, const double *widths,
                    const bool *numeric, const char *const *header, const char *const *cells,
                    int nrows, double size);

/* ==== pages (report_pages.c) ==== */

void report_page_cover(ReportPen *p, const ReportData *d, const ReportTotals *t);
void report_page_feedback(ReportPen *p, const ReportData *d);
void report_page_concerns(ReportPen *p, const ReportData *d);
void report_page_use(ReportPen *p, const ReportData *d);
void report_page_health(ReportPen *p, const ReportData *d);
/* The footer: the period and "Page n of N". */
void report_footer(ReportPen *p, const ReportData *d, int page, int pages);
/* A page title and a line under it; returns the y below. */
double report_heading(ReportPen *p, const char *title, const char *subtitle);

#endif
