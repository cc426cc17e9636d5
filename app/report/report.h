/* report.h: the PALS report, a PDF for the PALS manager's monthly meeting, drawn with
 * cairo (text with pango, in the Noto fonts the kiosk uses): a cover with the totals,
 * then the Friends and Family Test by month, concerns by day, subject and place, use of
 * the kiosk by hour and language, searches that found nothing, and printer and content
 * health. A4 portrait, page numbers and the period in the footer.
 *
 * It reads an outbox (or collection) file through the outbox and usage C APIs. Without
 * the PALS secret key only counts are readable; with it, each concern is opened in
 * memory for its subject and place (names, never what the person wrote). Nothing a
 * person typed ever goes into the PDF. The file is written under a temporary name in
 * the same folder, synced and renamed into place, so a failure leaves no half PDF. */
#ifndef SIGNPOST_REPORT_H
#define SIGNPOST_REPORT_H

#include "outbox.h"

#include <stdbool.h>

enum {
    REPORT_PAGES = 5,       /* cover, feedback, concerns, use, searches and health */
    REPORT_MAX_MONTHS = 25  /* the longest period a report covers (two years and a bit) */
};

typedef struct ReportOptions {
    const char *outbox;               /* the outbox or collection file */
    const unsigned char *secret_key;  /* the PALS secret key (OUTBOX_KEY_BYTES), or NULL */
    const char *from, *to;            /* "YYYY-MM-DD", the first and last day, inclusive */
    const char *kiosk;                /* the kiosk's name for the cover, or NULL */
    const char *out_path;             /* the PDF (replaced atomically) */
    const char *today;                /* "YYYY-MM-DD" for "made on", or NULL for today */
} ReportOptions;

/* The totals the report shows, for the caller and the tests. */
typedef struct ReportTotals {
    long answers;            /* Friends and Family Test answers in the period */
    int positive_pct;        /* of all answers (don't know included), rounded; -1: none */
    int negative_pct;
    long concerns;           /* raised in the period and still in the file */
    int unreadable;          /* concerns the key could not open */
    long sessions;           /* people who used the kiosk */
    long empty_searches;     /* searches that found nothing */
    long printed;            /* slips printed */
    int pages;
} ReportTotals;

/* Checks a period: two real dates, from <= to, at most REPORT_MAX_MONTHS calendar
 * months. Returns 0, or -1 with err_msg() in plain words. */
int report_check_period(const char *from, const char *to);

/* Gathers the figures and writes the PDF. Returns 0, or -1 with err_msg() naming the
 * file and the cause (a missing or damaged outbox, a key that opens none of its
 * concerns, a folder that cannot be written); then no PDF is left at out_path (an
 * earlier one there is kept). totals may be NULL. */
int report_write(const ReportOptions *o, ReportTotals *totals);

#endif
