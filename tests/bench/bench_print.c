/* bench_print.c: tap on Print to the first byte at the printer. A headless kiosk in
 * this process shows the route to the destination with the longest route, pointed at
 * the printer emulator (tests/print) on a local socket; each round pushes a touch on
 * the Print button into the platform's queue (as the touch screen would), lets the run
 * loop take it (the frame builds the slip and hands it to the printer's thread), and
 * waits for the emulator to see the first byte. Both clocks are CLOCK_MONOTONIC. */
#include "bench.h"

#include "app.h"
#include "config.h"
#include "directions.h"
#include "err.h"
#include "mem.h"
#include "platform.h"
#include "printer.h"
#include "printer_emu.h"
#include "runner.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void nap_ms(int ms)
{
    struct timespec ts = {0, (long)ms * 1000000L};
    nanosleep(&ts, NULL);
}

static int bench_print_paper(const char *store_path, int rounds, int paper, bool native,
                             const char *language)
{
    KioskConfig cfg;
    config_defaults(&cfg);
    DiagList diags;
    diag_init(&diags);
    config_load(SOURCE_ROOT "/kiosk-config/kiosk.conf", &cfg, &diags);
    diag_release(&diags);
    PrinterEmu *e = emu_start(EMU_OK);
    if (!e)
        return -1;
    snprintf(cfg.printer_device, sizeof cfg.printer_device, "tcp:127.0.0.1:%d", emu_port(e));
    cfg.printer_paper_mm = paper;
    cfg.printer_qr_native = native;
    Store *store = store_open(store_path);
    PlatformOptions po = {.headless = true, .width = 1920, .height = 1080,
                          .font_regular = cfg.font_regular, .font_bold = cfg.font_bold,
                          .font_urdu = cfg.font_urdu, .font_arabic = cfg.font_arabic,
                          .font_bengali = cfg.font_bengali, .font_gurmukhi = cfg.font_gurmukhi};
    Platform *plat = store ? plat_open(&po) : NULL;
    if (!plat) {
        printf("print: %s\n", err_msg());
        store_close(store);
        emu_stop(e);
        return -1;
    }
    Printer *printer = printer_open(cfg.printer_device, 3000);
    Ui ui;
    UiMeasure m = plat_measure(plat);
    ui_init(&ui, &m);
    if (language)
        ui_set_language(&ui, language);
    App app;
    app_init(&app, &cfg, store, &ui);
    Runner runner;
    runner_init(&runner, &app, &ui, plat, false);
    runner_apply_theme(&runner);
    runner_attach_printer(&runner, printer);
    const Site *s = store_site(store);
    int best = 0;
    size_t best_steps = 0;
    for (size_t i = 0; i < s->ndestinations; i++) {
        Directions d;
        if (directions_find(s, s->kiosks[app.kiosk].waypoint, (int)i, false, &d) == 0 &&
            d.nsteps > best_steps) {
            best_steps = d.nsteps;
            best = (int)i;
        }
        directions_release(&d);
    }
    app_go(&app, SCREEN_DESTINATION, best);
    runner_frame(&runner);
    ui_scroll_to(&ui, "dest-side", 1 << 20); /* the button at the foot of the column */
    runner_frame(&runner);
    runner_present(&runner, true);
    const UiElement *b = ui_find_element(&ui, "print");
    if (!b || b->visible.w <= 0 || b->visible.h <= 0) {
        printf("print: no Print button in view\n");
        rounds = 0;
    }
    int x = b ? b->visible.x + b->visible.w / 2 : 0, y = b ? b->visible.y + b->visible.h / 2 : 0;
    double *samples = bench_samples((size_t)(rounds > 0 ? rounds : 1));
    size_t n = 0, bytes = 0;
    for (int i = 0; i < rounds; i++) {
        int before = emu_jobs(e);
        double t0 = bench_now_ms();
        plat_push_pointer(plat, PEV_POINTER_DOWN, x, y);
        plat_push_pointer(plat, PEV_POINTER_UP, x, y);
        runner_drain(&runner);
        runner_present(&runner, false);
        double first = 0;
        for (int k = 0; k < 2000 && first == 0; k++) {
            first = emu_first_byte_ms(e, before);
            if (first == 0)
                nap_ms(1);
        }
        if (first > 0)
            samples[n++] = first - t0;
        if (!emu_wait_jobs(e, before + 1, 5000))
            break;
        runner_wait_print(&runner, 5000);
        size_t len = 0;
        unsigned char *job = emu_job(e, before, &len);
        bytes = len;
        free(job);
    }
    if (n > 0) {
        double p50 = bench_percentile(samples, n, 50), p99 = bench_percentile(samples, n, 99);
        printf("  %s, %d mm, QR %s: p50 %6.2f ms  p99 %6.2f ms  (target 100 ms; %zu slips, "
               "%zu bytes each, %zu steps)\n",
               language ? language : "en", paper, native ? "native" : "raster", p50, p99, n,
               bytes, best_steps + 2);
    }
    mem_free(samples);
    app_release(&app);
    printer_close(printer);
    ui_release(&ui);
    plat_close(plat);
    store_close(store);
    emu_stop(e);
    return n > 0 ? 0 : -1;
}

int bench_print(const char *store_path, int rounds)
{
    printf("printing: tap on Print to the first byte at the printer (emulator on a local "
           "socket), the longest route:\n");
    int rc = bench_print_paper(store_path, rounds, 80, false, NULL);
    rc |= bench_print_paper(store_path, rounds, 58, true, NULL);
    rc |= bench_print_paper(store_path, rounds, 80, false, "ur");
    return rc;
}
