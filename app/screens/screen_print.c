/* screen_print.c: the Print button the destination, service and concern-reference
 * screens share. Tapping it makes the screen's slip (the same handoff as its QR
 * code), builds the ESC/POS job here on the UI thread (text the printer cannot print
 * is drawn by the platform off screen, in a few milliseconds) and hands the bytes to
 * the printer's worker thread, so the frame never waits for the printer. The button
 * then says "Printing...", and "Printed" or, above it, a plain message from the
 * printer's status reply. Without a configured printer there is no button. */
#include "screens.h"

#include "err.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static StrId problem_words(PrinterProblem pr)
{
    switch (pr) {
    case PRINTER_PAPER_OUT: return S_PRINT_PAPER_OUT;
    case PRINTER_COVER_OPEN: return S_PRINT_COVER_OPEN;
    case PRINTER_OFFLINE: return S_PRINT_OFFLINE;
    case PRINTER_OK:
    case PRINTER_UNREACHABLE:
    case PRINTER_WRITE_FAILED: break;
    }
    return S_PRINT_FAILED;
}

static void start_print(App *app, void *st, ScreenSlipFn fill)
{
    app->print.tap_ms = mono_ms();
    app->print.failed_here = false;
    app->print.logged = false;
    app->print.job = 0;
    Slip *slip = mem_zalloc(sizeof *slip);
    if (!slip) {
        app->print.failed_here = true;
        return;
    }
    slip_init(slip, app->ui->rtl);
    fill(app, st, slip);
    SlipOptions o = {
        .dots = app->cfg->printer_paper_mm == 58 ? ESCPOS_DOTS_58 : ESCPOS_DOTS_80,
        .qr = app->cfg->printer_qr_native ? PRINTER_QR_NATIVE : PRINTER_QR_RASTER,
        .raster = &app->slip_raster,
    };
    ByteBuf job;
    bytebuf_init(&job);
    int id = -1;
    if (slip_build(slip, &o, &job) == 0)
        id = printer_submit(app->printer, job.data, job.len);
    if (id > 0) {
        app->print.job = id;
    } else {
        log_error("the slip could not be printed: %s", err_msg());
        app->print.failed_here = true;
        app->print.logged = true;
    }
    bytebuf_release(&job);
    slip_release(slip);
    mem_free(slip);
}

/* When the outcome appears at the foot of a scrolled column (the message above the
 * button, which pushed it down), scrolls the column so all of it is in view: the
 * person is looking there for what happened. */
static void reveal(Lay *l)
{
    Ui *ui = l->ui;
    if (!l->scroll || ui->cur_scroll < 0)
        return;
    UiScrollState *sc = &ui->scrolls[ui->cur_scroll];
    int bottom = l->y - l->scroll_y0; /* the button's foot in the region's content */
    if (bottom - sc->offset > sc->view_h) {
        sc->offset = bottom - sc->view_h;
        ui_request_frame(ui);
    }
}

/* The problem as a fixed word for the usage figures ("paper-out"). */
static const char *problem_code(PrinterProblem pr)
{
    switch (pr) {
    case PRINTER_PAPER_OUT: return "paper-out";
    case PRINTER_COVER_OPEN: return "cover-open";
    case PRINTER_OFFLINE: return "offline";
    case PRINTER_UNREACHABLE: return "unreachable";
    case PRINTER_WRITE_FAILED: return "write-failed";
    case PRINTER_OK: break;
    }
    return "other";
}

void screen_print_button(App *app, Lay *l, void *st, ScreenSlipFn fill)
{
    if (!app->printer)
        return;
    PrinterProblem pr = PRINTER_OK;
    PrinterJobState js = app->print.job > 0
                             ? printer_job_state(app->printer, app->print.job, &pr)
                             : PRINTER_JOB_NONE;
    if (app->print.failed_here) {
        js = PRINTER_JOB_FAILED;
        pr = PRINTER_WRITE_FAILED;
    }
    bool outcome_new = false;
    if ((js == PRINTER_JOB_DONE || js == PRINTER_JOB_FAILED) && !app->print.logged) {
        app->print.logged = true;
        outcome_new = true;
        if (js == PRINTER_JOB_DONE) {
            log_info("slip printed");
            usage_count(app->usage, "print");
        } else {
            log_warn("the printer did not print the slip: %s",
                     printer_problem_name(pr));
            /* For the report's printer health: how often, and why (a fixed word). */
            usage_count_item(app->usage, "print-failed", problem_code(pr));
        }
    }
    const char *label = js == PRINTER_JOB_WAITING ? tr(S_PRINT_PRINTING)
                        : js == PRINTER_JOB_DONE  ? tr(S_PRINT_DONE)
                                                  : tr(S_PRINT_BUTTON);
    /* The notice goes above the button: it appears where the person is looking (the
     * button they just tapped), even at the foot of a scrolled column. */
    if (js == PRINTER_JOB_FAILED)
        screen_notice(l, "print-status", tr(problem_words(pr)));
    bool tapped = lay_button(l, "print", UI_BUTTON_SECONDARY, label, NULL, LAY_STRETCH);
    if (outcome_new)
        reveal(l);
    if (tapped && js != PRINTER_JOB_WAITING)
        start_print(app, st, fill);
}

int screen_print_button_height(App *app, Ui *ui, int w, int gap)
{
    if (!app->printer)
        return 0;
    return ui_button_height(ui, UI_BUTTON_SECONDARY, w, tr(S_PRINT_PRINTING), NULL) + gap;
}
