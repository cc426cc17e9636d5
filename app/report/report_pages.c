/* report_pages.c: the report's five pages, laid out from the gathered figures with the
 * primitives of report_chart.c: the cover and summary, the Friends and Family Test,
 * concerns, use of the kiosk, and searches that found nothing with printer and content
 * health. Every chart has its numbers on it; an empty period says so in words. */
#include "report_internal.h"

#include "mem.h"
#include "schedule.h"

#include <stdio.h>
#include <string.h>

/* The bottom of the space a page may use (above the footer). */
static double page_bottom(const ReportPen *p)
{
    return p->page_h - p->margin - 8;
}

static double content_w(const ReportPen *p)
{
    return p->page_w - 2 * p->margin;
}

static double section(ReportPen *p, double y, const char *title)
{
    cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    return y + report_text(p, p->margin, y, content_w(p), 13, true, RA_LEFT, title) + 6;
}

static double para(ReportPen *p, double y, const char *text)
{
    cairo_set_source_rgb(p->cr, 0.15, 0.15, 0.15);
    return y + report_text(p, p->margin, y, content_w(p), 10, false, RA_LEFT, text) + 6;
}

static void pct_words(int pct, char *out, size_t cap)
{
    if (pct < 0)
        snprintf(out, cap, "\xe2\x80\x93"); /* an en dash: no answers */
    else
        snprintf(out, cap, "%d%%", pct);
}

/* ==== cover ==== */

void report_page_cover(ReportPen *p, const ReportData *d, const ReportTotals *t)
{
    char a[64], b[64], made[64], sub[512];
    report_date_words(d->from, false, a, sizeof a);
    report_date_words(d->to, false, b, sizeof b);
    report_date_words(d->today, false, made, sizeof made);
    snprintf(sub, sizeof sub, "%s to %s", a, b);
    double y = report_heading(p, "Signpost kiosk report for PALS", sub);
    char line[768];
    snprintf(line, sizeof line, "Kiosk: %s",
             d->kiosk[0] ? d->kiosk
                         : (d->keyed ? "not recorded in the concerns (give --kiosk NAME)"
                                     : "not known without the PALS key (give --kiosk NAME)"));
    y = para(p, y, line);
    snprintf(line, sizeof line, "Figures from the outbox file %s, made on %s. %s",
             d->outbox_name, made,
             d->keyed ? "Concerns were opened with the PALS secret key in memory, to count "
                        "their subjects and places; nothing a person wrote is in this report."
                      : "Made without the PALS secret key: concerns are counted, but their "
                        "subjects and places are sealed and are not shown.");
    y = para(p, y, line) + 8;

    y = section(p, y, "Summary");
    char n[12][48];
    report_number(d->fft_total, n[0], sizeof n[0]);
    pct_words(t->positive_pct, n[1], sizeof n[1]);
    pct_words(t->negative_pct, n[2], sizeof n[2]);
    report_number(d->concerns, n[3], sizeof n[3]);
    report_number(d->concerns - d->exported, n[4], sizeof n[4]);
    report_number(d->sessions, n[5], sizeof n[5]);
    report_number(d->empty_searches, n[6], sizeof n[6]);
    report_number(d->printed, n[7], sizeof n[7]);
    long failed = d->print_failed.total;
    report_number(failed, n[8], sizeof n[8]);
    report_number((long)d->usage_days, n[9], sizeof n[9]);
    report_number((long)d->ndays, n[10], sizeof n[10]);
    char days[128];
    snprintf(days, sizeof days, "%s of %s days", n[9], n[10]);
    const char *cells[] = {
        "Friends and Family Test answers", n[0],
        "Positive (very good or good)", n[1],
        "Negative (poor or very poor)", n[2],
        "Concerns raised (still in the outbox)", n[3],
        "of which not yet exported", n[4],
        "People who used the kiosk", n[5],
        "Searches that found nothing", n[6],
        "Slips printed", n[7],
        "Printer problems", n[8],
        "Days with figures", days,
    };
    const double widths[] = {330, 169};
    const bool numeric[] = {false, true};
    const char *header[] = {"Figure", "In this period"};
    y += report_table(p, p->margin, y, 2, widths, numeric, header, cells,
                      (int)(sizeof cells / sizeof cells[0] / 2), 10.5) + 14;

    y = section(p, y, "How to read this report");
    y = para(p, y,
             "Friends and Family Test: % positive is very good plus good, and % negative is poor "
             "plus very poor, each as a share of all answers including \"Don't know\" (NHS "
             "England's published measures), rounded to whole per cent.");
    y = para(p, y,
             "Concerns are counted on the day they were raised. Concerns that PALS collected "
             "and confirmed are deleted from the kiosk and are not counted here; use the "
             "collection files for them.");
    y = para(p, y,
             "Use of the kiosk: a person is one visit, from the first touch until the kiosk "
             "forgets them; the hour is when they left. Nothing is recorded per person.");
    (void)para(p, y,
               "Pages: 2 Friends and Family Test by month; 3 concerns by day, subject and "
               "place; 4 use by hour and language; 5 searches that found nothing, printer "
               "and content health.");
}

/* ==== the Friends and Family Test ==== */

void report_page_feedback(ReportPen *p, const ReportData *d)
{
    double y = report_heading(p, "Friends and Family Test",
                              "\"Overall, how was your experience of our service?\" "
                              "Answers by month, with % positive and % negative.");
    double w = content_w(p);
    if (d->fft_total == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 120}, "No answers in this period");
        return;
    }
    report_stacked(p, (ReportBox){p->margin, y, w, 300}, d->months, d->nmonths);
    y += 306;
    y += report_legend(p, p->margin + 50, y, w - 50) + 12;

    /* The table: one row a month, then the period. */
    int rows = d->nmonths + 1;
    char(*text)[10][32] = mem_zalloc_array((size_t)rows, sizeof *text);
    const char **cells = mem_zalloc_array((size_t)rows * 10, sizeof *cells);
    if (!text || !cells) {
        mem_free(text);
        mem_free(cells);
        return;
    }
    for (int r = 0; r < rows; r++) {
        const long *c = r < d->nmonths ? d->months[r].fft : d->fft;
        long total = r < d->nmonths ? d->months[r].fft_total : d->fft_total;
        if (r < d->nmonths)
            report_date_words(d->months[r].month, true, text[r][0], sizeof text[r][0]);
        else
            snprintf(text[r][0], sizeof text[r][0], "Period");
        for (int a = 0; a < 6; a++)
            report_number(c[a], text[r][1 + a], sizeof text[r][1 + a]);
        report_number(total, text[r][7], sizeof text[r][7]);
        pct_words(report_percent(c[0] + c[1], total), text[r][8], sizeof text[r][8]);
        pct_words(report_percent(c[3] + c[4], total), text[r][9], sizeof text[r][9]);
        for (int k = 0; k < 10; k++)
            cells[r * 10 + k] = text[r][k];
    }
    const double widths[] = {58, 44, 44, 52, 40, 44, 44, 47, 63, 63};
    const bool numeric[] = {false, true, true, true, true, true, true, true, true, true};
    const char *header[] = {"Month",     "Very good", "Good",  "Neither", "Poor",
                            "Very poor", "Don't know", "Total", "% positive", "% negative"};
    double size = rows > 14 ? 7 : 8.5;
    if (y + 20 * rows < page_bottom(p) + 40)
        report_table(p, p->margin, y, 10, widths, numeric, header, cells, rows, size);
    mem_free(text);
    mem_free(cells);
}

/* ==== concerns ==== */

void report_page_concerns(ReportPen *p, const ReportData *d)
{
    double y = report_heading(p, "Concerns", d->keyed
                                                 ? "Raised at the kiosk: over the period, by subject and by place."
                                                 : "Raised at the kiosk, over the period. Subject and "
                                                   "place need the PALS secret key.");
    double w = content_w(p);
    char line[512], n1[32], n2[32];
    report_number(d->concerns, n1, sizeof n1);
    report_number(d->exported, n2, sizeof n2);
    snprintf(line, sizeof line,
             "%s concern%s raised in this period %s still in the outbox; %s of them already "
             "exported or collected.",
             n1, d->concerns == 1 ? "" : "s", d->concerns == 1 ? "is" : "are", n2);
    y = para(p, y, line);
    if (d->needs_requests > 0) {
        report_number(d->needs_requests, n1, sizeof n1);
        snprintf(line, sizeof line,
                 "%s of them %s a request to record communication needs (Accessible "
                 "Information Standard), not a concern: shown as \"Communication needs "
                 "request\" below.",
                 n1, d->needs_requests == 1 ? "is" : "are");
        y = para(p, y, line);
    }
    if (d->unreadable > 0) {
        snprintf(line, sizeof line,
                 "%d concern%s could not be opened with this key (sealed to another key, or "
                 "damaged): counted by day only.",
                 d->unreadable, d->unreadable == 1 ? "" : "s");
        y = para(p, y, line);
    }
    if (d->concerns == 0) {
        report_empty(p, (ReportBox){p->margin, y + 4, w, 100}, "No concerns in this period");
        y += 116;
    } else if (d->ndays <= 62) {
        const char *labels[62];
        char text[62][16];
        for (int i = 0; i < d->ndays; i++) {
            CivilDate day = civil_from_days(d->first_day + i);
            if (day.day == 1 || i == 0)
                snprintf(text[i], sizeof text[i], "%d/%d", day.day, day.month);
            else
                snprintf(text[i], sizeof text[i], "%d", day.day);
            labels[i] = text[i];
        }
        char title[160];
        snprintf(title, sizeof title, "Day (day/month)");
        report_vbars(p, (ReportBox){p->margin, y, w, 200}, d->ndays, labels,
                     d->concerns_by_day, d->ndays > 31 ? 7 : d->ndays > 16 ? 2 : 1, title,
                     "Concerns");
        y += 210;
    } else {
        const char *labels[REPORT_MAX_MONTHS];
        char text[REPORT_MAX_MONTHS][16];
        long values[REPORT_MAX_MONTHS];
        for (int i = 0; i < d->nmonths; i++) {
            report_month_label(d->months[i].month, i == 0, text[i], sizeof text[i]);
            labels[i] = text[i];
            values[i] = d->months[i].concerns;
        }
        report_vbars(p, (ReportBox){p->margin, y, w, 200}, d->nmonths, labels, values, 1,
                     "Month", "Concerns");
        y += 210;
    }
    if (!d->keyed) {
        report_notice(p, p->margin, y + 6, w,
                      "Subject and place: the concerns are sealed to the PALS key, so this "
                      "report can only count them. Make it again with --secret-key (the PALS "
                      "secret key, on the PALS computer) to see concerns by subject and by "
                      "place. Nothing a person wrote is ever put in the report.");
        return;
    }
    y = section(p, y + 4, "By subject");
    if (d->subjects.len == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 40}, "No concerns with a subject");
        y += 50;
    } else {
        y += report_hbars(p, p->margin, y, w, &d->subjects, 10, "Concerns") + 4;
    }
    y = section(p, y, "By place");
    int room = (int)((page_bottom(p) - y - 40) / 17);
    if (room < 3)
        room = 3;
    if (d->places.len == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 40}, "No concerns named a place from the list");
        y += 50;
    } else {
        y += report_hbars(p, p->margin, y, w, &d->places, room > 12 ? 12 : room, "Concerns");
    }
    snprintf(line, sizeof line,
             "Places typed by the person are counted but never shown: %ld. No place given: "
             "%ld.",
             d->place_typed, d->place_none);
    (void)para(p, y, line);
}

/* ==== use ==== */

void report_page_use(ReportPen *p, const ReportData *d)
{
    double y = report_heading(p, "Use of the kiosk",
                              "People by the hour they left, and the languages they chose.");
    double w = content_w(p);
    char n1[32], line[256];
    report_number(d->sessions, n1, sizeof n1);
    snprintf(line, sizeof line, "%s %s used the kiosk in this period.", n1,
             d->sessions == 1 ? "person" : "people");
    y = para(p, y, line);
    y = section(p, y, "By hour of the day");
    long hours_total = 0;
    for (int h = 0; h < 24; h++)
        hours_total += d->hours[h];
    if (hours_total == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 80}, "No use recorded in this period");
        y += 92;
    } else {
        const char *labels[24];
        char text[24][4];
        for (int h = 0; h < 24; h++) {
            snprintf(text[h], sizeof text[h], "%02d", h);
            labels[h] = text[h];
        }
        report_vbars(p, (ReportBox){p->margin, y, w, 210}, 24, labels, d->hours, 1,
                     "Hour of the day (00 is midnight to 1 am)", "People");
        y += 220;
    }
    y = section(p, y, "By language");
    if (d->languages.len == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 40}, "No languages recorded in this period");
        y += 50;
    } else {
        y += report_hbars(p, p->margin, y, w, &d->languages, 10, "People") + 4;
    }
    y = section(p, y, "Accessibility features used");
    if (d->features.len == 0)
        (void)para(p, y, "None recorded in this period.");
    else
        (void)report_hbars(p, p->margin, y, w, &d->features, 4, "People");
}

/* ==== searches and health ==== */

void report_page_health(ReportPen *p, const ReportData *d)
{
    double y = report_heading(p, "Searches that found nothing, and health",
                              "What people looked for and did not find, so volunteers know "
                              "what content is missing; the printer and the content.");
    double w = content_w(p);
    char n1[32], line[512];
    report_number(d->empty_searches, n1, sizeof n1);
    snprintf(line, sizeof line,
             "%s search%s found nothing. Words are shown only once five different people "
             "typed them (so nobody's name is ever stored), and are counted from the fifth.",
             n1, d->empty_searches == 1 ? "" : "es");
    y = para(p, y, line);
    if (d->search_words.len == 0) {
        report_empty(p, (ReportBox){p->margin, y, w, 44},
                     "No search words reached five people in this period");
        y += 56;
    } else {
        y += report_hbars(p, p->margin, y, w, &d->search_words, 12, "Times searched (from the fifth person on)") + 4;
    }

    y = section(p, y + 4, "Printer");
    if (d->printed == 0 && d->print_failed.len == 0) {
        y = para(p, y, "No slips printed and no printer problems recorded in this period (or "
                       "no printer is configured).");
    } else {
        char n2[32];
        report_number(d->printed, n1, sizeof n1);
        report_number(d->print_failed.total, n2, sizeof n2);
        snprintf(line, sizeof line, "Slips printed: %s. Slips not printed because of a "
                                    "printer problem: %s.", n1, n2);
        y = para(p, y, line);
        if (d->print_failed.len > 0)
            y += report_hbars(p, p->margin, y, w, &d->print_failed, 6, "Times") + 2;
    }

    y = section(p, y + 4, "Content");
    if (d->content.len == 0) {
        y = para(p, y, "No content loads recorded in this period (kiosks before this version "
                       "did not record them).");
    } else {
        int rows = (int)d->content.len > 8 ? 8 : (int)d->content.len;
        char text[8][2][64];
        const char *cells[16];
        for (int i = 0; i < rows; i++) {
            snprintf(text[i][0], sizeof text[i][0], "%s", d->content.items[i].name);
            report_number(d->content.items[i].n, text[i][1], sizeof text[i][1]);
            cells[2 * i] = text[i][0];
            cells[2 * i + 1] = text[i][1];
        }
        const double widths[] = {330, 169};
        const bool numeric[] = {false, true};
        const char *header[] = {"Content version (built at, UTC), newest first", "Times loaded"};
        y += report_table(p, p->margin, y, 2, widths, numeric, header, cells, rows, 9) + 6;
        if ((int)d->content.len > rows) {
            snprintf(line, sizeof line, "and %d older version%s.", (int)d->content.len - rows,
                     (int)d->content.len - rows == 1 ? "" : "s");
            y = para(p, y, line);
        }
    }
    snprintf(line, sizeof line,
             "Started on the last known good content (the live store could not be used): %ld "
             "time%s. New content refused when it was published: %ld time%s.",
             d->content_lkg, d->content_lkg == 1 ? "" : "s", d->content_refused,
             d->content_refused == 1 ? "" : "s");
    y = para(p, y, line);
    (void)y;
}
