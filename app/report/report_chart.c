/* report_chart.c: the report's drawing primitives on a cairo context: text with pango
 * (Noto Sans; fontconfig finds the Noto font of each other script, and pango shapes
 * and orders it, so language names in Urdu or Bengali draw right), framed notices,
 * vertical and horizontal bar charts with titled axes and their numbers written on
 * them, the Friends and Family Test's stacked bars (six fills told apart by pattern
 * and grey, not colour) and ruled tables. Dark greys on white, for contrast. */
#include "report_internal.h"

#include "mem.h"

#include <pango/pangocairo.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char font_family[] = "Noto Sans";
#define REPORT_PI 3.14159265358979323846

/* Greys (0 black .. 1 white), all text at least 7:1 on white. */
static const double ink = 0.10, axis_grey = 0.30, grid_grey = 0.80, bar_grey = 0.35;

static void grey(cairo_t *cr, double g)
{
    cairo_set_source_rgb(cr, g, g, g);
}

/* ==== text ==== */

static PangoLayout *layout_for(ReportPen *p, double w, double size, bool bold, const char *text)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, font_family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (w > 0) {
        pango_layout_set_width(l, (int)(w * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text, -1);
    return l;
}

double report_text(ReportPen *p, double x, double y, double w, double size, bool bold,
                   ReportAlign align, const char *text)
{
    PangoLayout *l = layout_for(p, w, size, bold, text);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    double tw = (double)lw / PANGO_SCALE, th = (double)lh / PANGO_SCALE;
    if (w > 0)
        pango_layout_set_alignment(l, align == RA_CENTER  ? PANGO_ALIGN_CENTER
                                      : align == RA_RIGHT ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
    double tx = x;
    if (w <= 0 && align == RA_CENTER)
        tx = x - tw / 2;
    else if (w <= 0 && align == RA_RIGHT)
        tx = x - tw;
    cairo_move_to(p->cr, tx, y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    return th;
}

double report_text_height(ReportPen *p, double w, double size, bool bold, const char *text)
{
    PangoLayout *l = layout_for(p, w, size, bold, text);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    g_object_unref(l);
    return (double)lh / PANGO_SCALE;
}

double report_text_width(ReportPen *p, double size, bool bold, const char *text)
{
    PangoLayout *l = layout_for(p, 0, size, bold, text);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    g_object_unref(l);
    return (double)lw / PANGO_SCALE;
}

/* ==== fills ==== */

/* A repeating pattern tile drawn as vectors (a recording surface): background grey bg,
 * then kind: 0 none, 1 diagonal lines, 2 cross-hatch, 3 dots. */
static cairo_pattern_t *tile(double bg, int kind)
{
    const double s = 6;
    cairo_rectangle_t extent = {0, 0, s, s};
    cairo_surface_t *surf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extent);
    cairo_t *cr = cairo_create(surf);
    grey(cr, bg);
    cairo_paint(cr);
    grey(cr, 0.15);
    cairo_set_line_width(cr, 1.0);
    if (kind == 1 || kind == 2) {
        cairo_move_to(cr, -1, s + 1);
        cairo_line_to(cr, s + 1, -1);
        cairo_stroke(cr);
    }
    if (kind == 2) {
        cairo_move_to(cr, -1, -1);
        cairo_line_to(cr, s + 1, s + 1);
        cairo_stroke(cr);
    }
    if (kind == 3) {
        cairo_arc(cr, s / 2, s / 2, 1.1, 0, 2 * REPORT_PI);
        cairo_fill(cr);
    }
    cairo_destroy(cr);
    cairo_pattern_t *pat = cairo_pattern_create_for_surface(surf);
    cairo_surface_destroy(surf);
    cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
    return pat;
}

int report_pen_init(ReportPen *p, cairo_t *cr)
{
    memset(p, 0, sizeof *p);
    p->cr = cr;
    p->page_w = 595.276; /* A4 in points */
    p->page_h = 841.890;
    p->margin = 48;
    /* Very good, good: solid dark greys; neither: dots; poor: diagonal lines; very
     * poor: cross-hatch; don't know: pale grey. */
    p->fills[0] = cairo_pattern_create_rgb(0.12, 0.12, 0.12);
    p->fills[1] = cairo_pattern_create_rgb(0.40, 0.40, 0.40);
    p->fills[2] = tile(1.0, 3);
    p->fills[3] = tile(1.0, 1);
    p->fills[4] = tile(0.78, 2);
    p->fills[5] = cairo_pattern_create_rgb(0.86, 0.86, 0.86);
    p->fill_dark[0] = p->fill_dark[1] = true;
    for (int i = 0; i < REPORT_FILLS; i++)
        if (cairo_pattern_status(p->fills[i]) != CAIRO_STATUS_SUCCESS)
            return -1;
    return 0;
}

void report_pen_release(ReportPen *p)
{
    for (int i = 0; i < REPORT_FILLS; i++)
        if (p->fills[i])
            cairo_pattern_destroy(p->fills[i]);
    memset(p, 0, sizeof *p);
}

/* ==== boxes ==== */

void report_empty(ReportPen *p, ReportBox b, const char *msg)
{
    cairo_t *cr = p->cr;
    grey(cr, 0.96);
    cairo_rectangle(cr, b.x, b.y, b.w, b.h);
    cairo_fill_preserve(cr);
    grey(cr, 0.55);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    grey(cr, ink);
    double th = report_text_height(p, b.w - 24, 12, false, msg);
    report_text(p, b.x + 12, b.y + (b.h - th) / 2, b.w - 24, 12, false, RA_CENTER, msg);
}

double report_notice(ReportPen *p, double x, double y, double w, const char *text)
{
    cairo_t *cr = p->cr;
    double th = report_text_height(p, w - 20, 10, false, text);
    double h = th + 16;
    grey(cr, 0.94);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    grey(cr, 0.2);
    cairo_rectangle(cr, x, y, 3, h);
    cairo_fill(cr);
    grey(cr, ink);
    report_text(p, x + 12, y + 8, w - 20, 10, false, RA_LEFT, text);
    return h;
}

/* A "nice" step for an axis from 0 to max with about `ticks` ticks. */
static long nice_step(long max, int ticks)
{
    if (max <= 0)
        return 1;
    double raw = (double)max / ticks;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    long step = (long)(nice * mag);
    return step < 1 ? 1 : step;
}

/* The y axis of a chart: gridlines, tick numbers and the title (rotated). Returns the
 * axis top value. */
static long y_axis(ReportPen *p, ReportBox plot, long max, const char *title)
{
    cairo_t *cr = p->cr;
    long step = nice_step(max, 5);
    long top = ((max + step - 1) / step) * step;
    if (top == 0)
        top = step;
    if ((double)top < (double)max * 1.08) /* room for the numbers above the tallest bar */
        top += step;
    cairo_set_line_width(cr, 0.5);
    for (long v = 0; v <= top; v += step) {
        double y = plot.y + plot.h - plot.h * (double)v / (double)top;
        grey(cr, v == 0 ? axis_grey : grid_grey);
        cairo_move_to(cr, plot.x, y);
        cairo_line_to(cr, plot.x + plot.w, y);
        cairo_stroke(cr);
        char num[32];
        report_number(v, num, sizeof num);
        grey(cr, axis_grey);
        report_text(p, plot.x - 4, y - 5, 0, 8, false, RA_RIGHT, num);
    }
    grey(cr, axis_grey);
    cairo_move_to(cr, plot.x, plot.y);
    cairo_line_to(cr, plot.x, plot.y + plot.h);
    cairo_stroke(cr);
    if (title) {
        cairo_save(cr);
        double tw = report_text_width(p, 9, false, title);
        cairo_translate(cr, plot.x - 42, plot.y + plot.h / 2 + tw / 2);
        cairo_rotate(cr, -REPORT_PI / 2);
        grey(cr, ink);
        report_text(p, 0, 0, 0, 9, false, RA_LEFT, title);
        cairo_restore(cr);
    }
    return top;
}

void report_vbars(ReportPen *p, ReportBox b, int n, const char *const *labels,
                  const long *values, int label_every, const char *x_title,
                  const char *y_title)
{
    cairo_t *cr = p->cr;
    ReportBox plot = {b.x + 50, b.y + 12, b.w - 56, b.h - 12 - 44};
    long max = 0;
    for (int i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    long top = y_axis(p, plot, max, y_title);
    double slot = plot.w / n, bw = slot * 0.7;
    double num_size = slot >= 14 ? 8 : slot >= 8 ? 6.5 : 0;
    for (int i = 0; i < n; i++) {
        double x = plot.x + slot * i + (slot - bw) / 2;
        double h = plot.h * (double)values[i] / (double)top;
        grey(cr, bar_grey);
        cairo_rectangle(cr, x, plot.y + plot.h - h, bw, h);
        cairo_fill(cr);
        if (num_size > 0 && values[i] > 0) {
            char num[32];
            report_number(values[i], num, sizeof num);
            double tw = report_text_width(p, num_size, false, num);
            if (tw <= slot - 1) {
                grey(cr, ink);
                report_text(p, x + bw / 2, plot.y + plot.h - h - num_size - 4, 0, num_size,
                            false, RA_CENTER, num);
            } else {
                /* Too wide for the bar: written up the bar, inside it when it is tall
                 * enough (white on the dark grey), else above it. */
                bool inside = h >= tw + 6;
                cairo_save(cr);
                cairo_translate(cr, x + bw / 2 - num_size * 0.7,
                                inside ? plot.y + plot.h - h + tw + 3 : plot.y + plot.h - h - 3);
                cairo_rotate(cr, -REPORT_PI / 2);
                grey(cr, inside ? 1.0 : ink);
                report_text(p, 0, 0, 0, num_size, false, RA_LEFT, num);
                cairo_restore(cr);
            }
        }
        if (labels && (label_every <= 1 || i % label_every == 0)) {
            grey(cr, ink);
            report_text(p, x + bw / 2 - slot, plot.y + plot.h + 3, 2 * slot, 8, false,
                        RA_CENTER, labels[i]);
        }
    }
    if (x_title) {
        grey(cr, ink);
        report_text(p, plot.x + plot.w / 2, plot.y + plot.h + 26, 0, 9, false, RA_CENTER,
                    x_title);
    }
}

double report_hbars(ReportPen *p, double x, double y, double w, const Tally *t, int max,
                    const char *x_title)
{
    cairo_t *cr = p->cr;
    int rows = (int)t->len > max ? max : (int)t->len;
    long others = 0;
    size_t nothers = 0;
    for (size_t i = (size_t)rows; i < t->len; i++) {
        others += t->items[i].n;
        nothers++;
    }
    int total_rows = rows + (nothers ? 1 : 0);
    double label_w = w * 0.38, num_w = 48, row_h = 17;
    double plot_x = x + label_w + 6, plot_w = w - label_w - 6 - num_w;
    long top = 0;
    for (int i = 0; i < rows; i++)
        if (t->items[i].n > top)
            top = t->items[i].n;
    if (others > top)
        top = others;
    if (top == 0)
        top = 1;
    for (int i = 0; i < total_rows; i++) {
        char other_label[64];
        const char *label;
        long v;
        if (i < rows) {
            label = t->items[i].name;
            v = t->items[i].n;
        } else {
            snprintf(other_label, sizeof other_label, "%zu others", nothers);
            label = other_label;
            v = others;
        }
        double ry = y + i * row_h;
        /* The label, cut to one line. */
        cairo_save(cr);
        cairo_rectangle(cr, x, ry, label_w, row_h);
        cairo_clip(cr);
        grey(cr, ink);
        PangoLayout *l = layout_for(p, label_w, 9, false, label);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
        pango_layout_set_auto_dir(l, FALSE);
        cairo_move_to(cr, x, ry + 2);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        cairo_restore(cr);
        double bw = plot_w * (double)v / (double)top;
        grey(cr, i < rows ? bar_grey : 0.6);
        cairo_rectangle(cr, plot_x, ry + 3, bw, row_h - 6);
        cairo_fill(cr);
        char num[32];
        report_number(v, num, sizeof num);
        grey(cr, ink);
        report_text(p, plot_x + bw + 4, ry + 2, 0, 9, true, RA_LEFT, num);
    }
    double h = total_rows * row_h;
    grey(cr, axis_grey);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, plot_x, y);
    cairo_line_to(cr, plot_x, y + h);
    cairo_line_to(cr, plot_x + plot_w, y + h);
    cairo_stroke(cr);
    if (x_title) {
        grey(cr, ink);
        report_text(p, plot_x + plot_w / 2, y + h + 3, 0, 8.5, false, RA_CENTER, x_title);
    }
    return h + 18;
}

/* ==== the Friends and Family Test ==== */

static const char *const answer_names[6] = {"Very good", "Good",      "Neither good nor poor",
                                            "Poor",      "Very poor", "Don't know"};

double report_legend(ReportPen *p, double x, double y, double w)
{
    cairo_t *cr = p->cr;
    double col = w / 3, row_h = 16;
    for (int a = 0; a < 6; a++) {
        double lx = x + col * (a % 3), ly = y + row_h * (a / 3);
        cairo_set_source(cr, p->fills[a]);
        cairo_rectangle(cr, lx, ly + 2, 16, 11);
        cairo_fill_preserve(cr);
        grey(cr, 0.2);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        grey(cr, ink);
        report_text(p, lx + 21, ly + 1, 0, 9, false, RA_LEFT, answer_names[a]);
    }
    return row_h * 2;
}

void report_stacked(ReportPen *p, ReportBox b, const ReportMonth *months, int n)
{
    cairo_t *cr = p->cr;
    ReportBox plot = {b.x + 50, b.y + 16, b.w - 56, b.h - 16 - 46};
    long max = 0;
    for (int i = 0; i < n; i++)
        if (months[i].fft_total > max)
            max = months[i].fft_total;
    long top = y_axis(p, plot, max, "Answers");
    double slot = plot.w / n, bw = slot * 0.66;
    if (bw > 60)
        bw = 60;
    for (int i = 0; i < n; i++) {
        const ReportMonth *m = &months[i];
        double x = plot.x + slot * i + (slot - bw) / 2;
        double base = plot.y + plot.h;
        if (m->fft_total == 0) {
            grey(cr, axis_grey);
            cairo_save(cr);
            cairo_translate(cr, x + bw / 2 - 5, base - 6);
            cairo_rotate(cr, -REPORT_PI / 2);
            report_text(p, 0, 0, 0, 8, false, RA_LEFT, "No answers");
            cairo_restore(cr);
        }
        for (int a = 0; a < 6; a++) {
            if (m->fft[a] == 0)
                continue;
            double h = plot.h * (double)m->fft[a] / (double)top;
            cairo_set_source(cr, p->fills[a]);
            cairo_rectangle(cr, x, base - h, bw, h);
            cairo_fill_preserve(cr);
            grey(cr, 0.15);
            cairo_set_line_width(cr, 0.5);
            cairo_stroke(cr);
            char num[32];
            report_number(m->fft[a], num, sizeof num);
            double tw = report_text_width(p, 7.5, false, num);
            if (h >= 11 && tw + 4 <= bw) {
                double ty = base - h / 2 - 5;
                if (!p->fill_dark[a]) { /* a white label patch over a pattern */
                    cairo_set_source_rgb(cr, 1, 1, 1);
                    cairo_rectangle(cr, x + bw / 2 - tw / 2 - 2, ty, tw + 4, 10.5);
                    cairo_fill(cr);
                }
                grey(cr, p->fill_dark[a] ? 1.0 : ink);
                report_text(p, x + bw / 2, ty, 0, 7.5, false, RA_CENTER, num);
            }
            base -= h;
        }
        if (m->fft_total > 0) {
            char num[32];
            report_number(m->fft_total, num, sizeof num);
            grey(cr, ink);
            report_text(p, x + bw / 2, base - 12, 0, 8, true, RA_CENTER, num);
        }
        char label[32];
        report_month_label(m->month, i == 0, label, sizeof label);
        grey(cr, ink);
        report_text(p, x + bw / 2 - slot, plot.y + plot.h + 3, 2 * slot, n > 12 ? 7 : 8, false,
                    RA_CENTER, label);
    }
    grey(cr, ink);
    report_text(p, plot.x + plot.w / 2, plot.y + plot.h + 26, 0, 9, false, RA_CENTER, "Month");
}

/* ==== tables ==== */

double report_table(ReportPen *p, double x, double y, int ncols, const double *widths,
                    const bool *numeric, const char *const *header, const char *const *cells,
                    int nrows, double size)
{
    cairo_t *cr = p->cr;
    double total_w = 0;
    for (int c = 0; c < ncols; c++)
        total_w += widths[c];
    double cy = y;
    for (int r = -1; r < nrows; r++) {
        const char *const *row = r < 0 ? header : cells + (size_t)r * (size_t)ncols;
        double row_h = 0;
        for (int c = 0; c < ncols; c++) {
            double h = report_text_height(p, widths[c] - 6, size, r < 0, row[c] ? row[c] : "");
            if (h > row_h)
                row_h = h;
        }
        row_h += 6;
        if (r < 0) {
            grey(cr, 0.90);
            cairo_rectangle(cr, x, cy, total_w, row_h);
            cairo_fill(cr);
        }
        double cx = x;
        grey(cr, ink);
        for (int c = 0; c < ncols; c++) {
            report_text(p, cx + 3, cy + 3, widths[c] - 6, size, r < 0,
                        numeric && numeric[c] ? RA_RIGHT : RA_LEFT, row[c] ? row[c] : "");
            cx += widths[c];
        }
        cy += row_h;
        grey(cr, r < 0 ? axis_grey : grid_grey);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, x, cy);
        cairo_line_to(cr, x + total_w, cy);
        cairo_stroke(cr);
    }
    return cy - y;
}

double report_heading(ReportPen *p, const char *title, const char *subtitle)
{
    cairo_t *cr = p->cr;
    /* From the top left margin, as wide as the text. */
    double x = p->margin, w = p->page_w - 2 * p->margin;
    double y = p->margin;
    grey(cr, ink);
    y += report_text(p, x, y, w, 20, true, RA_LEFT, title);
    if (subtitle) {
        grey(cr, 0.25);
        y += 2 + report_text(p, x, y + 2, w, 10, false, RA_LEFT, subtitle);
    }
    y += 6;
    grey(cr, 0.2);
    cairo_set_line_width(cr, 1.2);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + w, y);
    cairo_stroke(cr);
    return y + 12;
}

void report_footer(ReportPen *p, const ReportData *d, int page, int pages)
{
    cairo_t *cr = p->cr;
    double x = p->margin, w = p->page_w - 2 * p->margin, y = p->page_h - p->margin + 14;
    grey(cr, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, x, y - 4);
    cairo_line_to(cr, x + w, y - 4);
    cairo_stroke(cr);
    char a[64], b[64], line[256], num[32];
    report_date_words(d->from, false, a, sizeof a);
    report_date_words(d->to, false, b, sizeof b);
    snprintf(line, sizeof line, "Signpost report for PALS \xc2\xb7 %s to %s", a, b);
    snprintf(num, sizeof num, "Page %d of %d", page, pages);
    grey(cr, 0.25);
    report_text(p, x, y, 0, 8.5, false, RA_LEFT, line);
    report_text(p, x + w, y, 0, 8.5, false, RA_RIGHT, num);
}
