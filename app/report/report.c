/* report.c: report_write (see report.h): gathers the figures, draws the five pages into
 * a cairo PDF surface writing to a temporary file beside out_path, then syncs it and
 * renames it into place, so a failure at any point leaves no half-written PDF. */
#include "report_internal.h"

#include "err.h"
#include "files.h"
#include "mem.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *f = closure;
    return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void totals_of(const ReportData *d, ReportTotals *t)
{
    memset(t, 0, sizeof *t);
    t->answers = d->fft_total;
    t->positive_pct = report_percent(d->fft[0] + d->fft[1], d->fft_total);
    t->negative_pct = report_percent(d->fft[3] + d->fft[4], d->fft_total);
    t->concerns = d->concerns;
    t->unreadable = d->unreadable;
    t->sessions = d->sessions;
    t->empty_searches = d->empty_searches;
    t->printed = d->printed;
    t->pages = REPORT_PAGES;
}

/* Draws every page on the surface. Returns 0, or -1 with err_msg(). */
static int draw(cairo_surface_t *surface, const ReportData *d, const ReportTotals *t)
{
    cairo_t *cr = cairo_create(surface);
    ReportPen pen;
    int rc = report_pen_init(&pen, cr);
    for (int page = 1; rc == 0 && page <= REPORT_PAGES; page++) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        switch (page) {
        case 1: report_page_cover(&pen, d, t); break;
        case 2: report_page_feedback(&pen, d); break;
        case 3: report_page_concerns(&pen, d); break;
        case 4: report_page_use(&pen, d); break;
        default: report_page_health(&pen, d); break;
        }
        report_footer(&pen, d, page, REPORT_PAGES);
        cairo_show_page(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            rc = -1;
    }
    cairo_status_t st = cairo_status(cr);
    report_pen_release(&pen);
    cairo_destroy(cr);
    if (rc != 0 || st != CAIRO_STATUS_SUCCESS)
        return err_set("cannot draw the report: %s", cairo_status_to_string(st));
    return 0;
}

int report_write(const ReportOptions *o, ReportTotals *totals)
{
    ReportTotals local;
    if (!totals)
        totals = &local;
    memset(totals, 0, sizeof *totals);
    if (!o->outbox || !o->out_path)
        return err_set("the report needs an outbox and an output file");
    ReportData d;
    if (report_data_gather(o, &d) != 0) {
        report_data_release(&d);
        return -1;
    }
    totals_of(&d, totals);

    /* A temporary file beside the PDF (the same file system, so rename is atomic). */
    size_t len = strlen(o->out_path);
    char *tmp = mem_alloc(len + 16);
    if (!tmp) {
        report_data_release(&d);
        return -1;
    }
    snprintf(tmp, len + 16, "%s.tmp-XXXXXX", o->out_path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        char dir[1024];
        if (file_dir_of(o->out_path, dir, sizeof dir) != 0)
            snprintf(dir, sizeof dir, "%s", o->out_path);
        err_set("cannot write the report %s: the folder %s %s", o->out_path, dir,
                errno == ENOENT ? "does not exist"
                : errno == EACCES || errno == EPERM || errno == EROFS
                    ? "cannot be written to"
                    : strerror(errno));
        mem_free(tmp);
        report_data_release(&d);
        return -1;
    }
    fchmod(fd, 0644);
    FILE *f = fdopen(fd, "wb");
    int rc = 0;
    if (!f) {
        close(fd);
        rc = err_set("cannot write the report %s: %s", tmp, strerror(errno));
    }
    if (rc == 0) {
        cairo_surface_t *surface =
            cairo_pdf_surface_create_for_stream(write_stream, f, 595.276, 841.890);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       "Signpost kiosk report for PALS");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "signpostctl report");
        rc = draw(surface, &d, totals);
        cairo_surface_finish(surface);
        cairo_status_t st = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
            rc = err_set("cannot write the report %s: %s", o->out_path,
                         st == CAIRO_STATUS_WRITE_ERROR ? strerror(errno)
                                                        : cairo_status_to_string(st));
        if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
            if (rc == 0)
                rc = err_set("cannot write the report %s: %s", o->out_path, strerror(errno));
        }
        if (fclose(f) != 0 && rc == 0)
            rc = err_set("cannot write the report %s: %s", o->out_path, strerror(errno));
    }
    /* The fonts pango loaded for this report go with it (a program may make several). */
    pango_cairo_font_map_set_default(NULL);
    if (rc == 0 && rename(tmp, o->out_path) != 0)
        rc = err_set("cannot put the report in place as %s: %s", o->out_path, strerror(errno));
    if (rc == 0 && file_sync_dir_of(o->out_path) != 0)
        rc = -1;
    if (rc != 0)
        unlink(tmp);
    mem_free(tmp);
    report_data_release(&d);
    return rc;
}
