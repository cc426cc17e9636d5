/* runner.c: the event-driven run loop, and content reloads between people (see
 * runner.h). */
#include "runner.h"

#include "err.h"
#include "log.h"

#include <stdio.h>
#include <time.h>

/* While a slip prints, the loop wakes this often to move the Print button on. */
enum { PRINT_POLL_MS = 100 };

static double now_ms_precise(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void runner_init(Runner *r, App *app, Ui *ui, Platform *plat, bool virtual_clock)
{
    r->app = app;
    r->ui = ui;
    r->plat = plat;
    r->virtual_clock = virtual_clock;
    r->clock_ms = 0;
    r->presented_hash = 0;
    r->have_presented = false;
    r->quit = false;
    r->exit_after_frames = 0;
    r->fixed_today = false;
    r->frames_built = r->frames_presented = 0;
    r->last_frame_ms = 0;
    r->watching = false;
    notify_init(&r->notify, plat_ticks_ms());
}

uint64_t runner_now(const Runner *r)
{
    return r->virtual_clock ? r->clock_ms : plat_ticks_ms();
}

int runner_apply_theme(Runner *r)
{
    int w, h;
    plat_size(r->plat, &w, &h);
    const KioskConfig *cfg = r->app->cfg;
    theme_init(&r->ui->theme, w, h, r->app->text_scale, r->app->high_contrast,
               cfg->pixels_per_mm);
    r->app->theme_changed = false;
    if (plat_set_fonts(r->plat, &r->ui->theme) != 0) {
        log_error("%s", err_msg());
        return -1;
    }
    return 0;
}

/* Today's date on the kiosk's clock (local time). */
static CivilDate local_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    CivilDate d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return d;
}

void runner_frame(Runner *r)
{
    if (!r->fixed_today)
        r->app->today = local_today();
    r->app->now_ms = runner_now(r);
    int w, h;
    plat_size(r->plat, &w, &h);
    app_frame(r->app, w, h);
    r->frames_built++;
    if (r->app->forgot) {
        plat_forget_text(r->plat);
        r->app->forgot = false;
    }
    if (r->app->theme_changed) {
        runner_apply_theme(r);
        app_frame(r->app, w, h);
        r->frames_built++;
    }
    ReadAloud *read = &r->app->read;
    if (read->on && !r->virtual_clock && now_ms_precise() - r->headset_checked_ms >= 2000.0) {
        /* Personal answers are read aloud only into a headset: look every 2 s at most. */
        read->headset = plat_audio_headset(r->plat);
        r->headset_checked_ms = now_ms_precise();
    }
    /* On the virtual clock (headless runs) speech finishes before the script goes on, so
     * the WAV and the speech log hold everything a person would hear, in order. */
    if (r->virtual_clock && read->engine)
        speech_wait(read->engine);
}

void runner_handle(Runner *r, const PlatEvent *ev)
{
    Ui *ui = r->ui;
    uint64_t now = runner_now(r);
    switch (ev->kind) {
    case PEV_POINTER_DOWN:
        ui_input_pointer_down(ui, ev->x, ev->y);
        break;
    case PEV_POINTER_MOVE:
        ui_input_pointer_move(ui, ev->x, ev->y);
        break;
    case PEV_POINTER_UP:
        ui_input_pointer_up(ui, ev->x, ev->y);
        break;
    case PEV_TEXT:
        ui_input_text(ui, ev->text);
        break;
    case PEV_KEY:
        ui_input_key(ui, ev->key);
        break;
    case PEV_QUIT:
        r->quit = true;
        return;
    case PEV_RESIZE:
        runner_apply_theme(r);
        r->have_presented = false;
        runner_frame(r);
        return;
    case PEV_EXPOSE:
        r->have_presented = false;
        return;
    case PEV_NONE:
        return;
    }
    app_note_input(r->app, now);
    runner_frame(r);
}

int runner_drain(Runner *r)
{
    int n = 0;
    PlatEvent ev;
    while (plat_wait_event(r->plat, 0, &ev) == 1) {
        runner_handle(r, &ev);
        n++;
    }
    return n;
}

void runner_present(Runner *r, bool force)
{
    uint64_t h = drawlist_hash(&r->ui->draw);
    if (!force && r->have_presented && h == r->presented_hash)
        return;
    double t0 = now_ms_precise();
    plat_present(r->plat, &r->ui->draw, r->ui->theme.bg);
    r->last_frame_ms = now_ms_precise() - t0;
    r->presented_hash = h;
    r->have_presented = true;
    r->frames_presented++;
    if (r->frames_presented == 1 && r->exit_after_frames) {
        /* The benchmark times start-up up to this line. */
        fputs("first frame presented\n", stdout);
        fflush(stdout);
    }
    if (r->exit_after_frames && r->frames_presented >= r->exit_after_frames)
        r->quit = true;
}

void runner_advance(Runner *r, uint64_t ms)
{
    uint64_t end = r->clock_ms + ms;
    for (;;) {
        uint64_t deadline = app_next_deadline(r->app);
        if (deadline > end)
            break;
        r->clock_ms = deadline > r->clock_ms ? deadline : r->clock_ms;
        if (app_tick(r->app, r->clock_ms)) {
            if (r->app->theme_changed)
                runner_apply_theme(r);
            runner_frame(r);
            runner_present(r, false);
        }
    }
    r->clock_ms = end;
    app_tick(r->app, r->clock_ms);
}

void runner_watch_content(Runner *r, const char *path, const char *key_path,
                          const ContentStamp *checked, bool opened)
{
    content_watch_init(&r->watch, path, key_path, checked, opened, runner_now(r));
    r->watching = path && path[0];
}

/* Out of order and the live store still refused (err says why): the last known good
 * store that content publish keeps beside it, checked the same way, rather than the
 * out-of-order screen. The live store is still watched: a good publish replaces it. */
static bool try_last_good(Runner *r)
{
    char why[512];
    snprintf(why, sizeof why, "%s", err_msg());
    bool exists = false;
    Store *st = content_open_last_good(r->watch.path, r->watch.key_path, &exists);
    Store *old = NULL;
    if (!st || app_replace_store(r->app, st, &old) != 0) {
        store_close(st);
        err_set("%s", why); /* the live store's reason is the one to report */
        return false;
    }
    store_close(old);
    snprintf(r->app->content_note, sizeof r->app->content_note, "%s", why);
    usage_count(r->app->usage, "content-lkg");
    runner_frame(r);
    return true;
}

int runner_reload(Runner *r)
{
    if (!r->watching || !app_can_replace_store(r->app))
        return 0;
    /* Out of order for want of content: try the same store again now and then (a disk
     * that failed may be back); otherwise only a changed store is worth a look. */
    uint64_t now = runner_now(r);
    bool changed = content_watch_changed(&r->watch, now);
    bool retry = r->app->content_fault && now - r->content_retry_ms >= CONTENT_RETRY_MS;
    if (!changed && !retry)
        return 0;
    if (retry)
        r->content_retry_ms = now;
    bool had_store = r->app->store != NULL && !r->app->content_fault;
    ContentStamp stamp;
    Store *st = content_open_checked(r->watch.path, r->watch.key_path, &stamp);
    Store *old = NULL;
    if (st && app_replace_store(r->app, st, &old) != 0) {
        store_close(st);
        st = NULL;
    }
    content_watch_checked(&r->watch, &stamp, st != NULL);
    if (!st && r->app->content_fault && try_last_good(r))
        return 1;
    if (!st) {
        if (changed)
            log_error("the content store was replaced, but the new one is refused, so the "
                      "kiosk %s: %s",
                      had_store ? "keeps the content it has" : "stays out of order", err_msg());
        else
            log_warn("still out of order: the content store cannot be used (%s); trying again "
                     "in %d s",
                     err_msg(), CONTENT_RETRY_MS / 1000);
        usage_count(r->app->usage, "content-refused");
        return -1;
    }
    store_close(old);
    log_info("content reloaded: %s", store_site(st)->content_version);
    usage_content(r->app->usage, store_site(st)->content_version);
    runner_frame(r);
    return 1;
}

/* The kiosk's health for "systemctl status": in service, or out of order and why (the
 * reason names files and settings, never what a person entered). */
static void report_status(Runner *r)
{
    char text[600];
    if (r->app->fault[0])
        snprintf(text, sizeof text, "out of order: %s", r->app->fault);
    else
        snprintf(text, sizeof text, "in service");
    notify_status(&r->notify, text);
}

static int slip_measure(void *user, SlipStyle style, const char *text, size_t len)
{
    return plat_print_text_width(user, (int)style, text, len);
}

static int slip_render(void *user, SlipStyle style, const char *text, size_t len,
                       unsigned char **ink, int *w, int *h)
{
    return plat_print_text_ink(user, (int)style, text, len, ink, w, h);
}

void runner_attach_printer(Runner *r, Printer *printer)
{
    SlipRaster raster = {r->plat, slip_measure, slip_render};
    app_set_printer(r->app, printer, &raster);
}

int runner_wait_print(Runner *r, int timeout_ms)
{
    double end = now_ms_precise() + timeout_ms;
    while (app_printing(r->app) && now_ms_precise() < end) {
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    bool still = app_printing(r->app);
    runner_frame(r);
    runner_present(r, false);
    return still ? -1 : 0;
}

int runner_run(Runner *r)
{
    runner_frame(r);
    runner_present(r, true);
    notify_ready(&r->notify, plat_ticks_ms());
    report_status(r);
    while (!r->quit) {
        uint64_t now = runner_now(r);
        uint64_t deadline = app_next_deadline(r->app);
        /* Between people, wake up now and then to look for a publish. */
        if (r->watching && app_can_replace_store(r->app) && r->watch.next_ms < deadline)
            deadline = r->watch.next_ms;
        /* The systemd watchdog wants a ping even when nobody touches the screen. The
         * loop runs on the real clock here (plat_ticks_ms, as runner_now). */
        if (notify_next_ms(&r->notify) < deadline)
            deadline = notify_next_ms(&r->notify);
        int timeout = -1;
        if (deadline != UINT64_MAX)
            timeout = deadline > now ? (int)(deadline - now) : 0;
        bool printing = app_printing(r->app);
        if (printing && (timeout < 0 || timeout > PRINT_POLL_MS))
            timeout = PRINT_POLL_MS;
        PlatEvent ev;
        if (plat_wait_event(r->plat, timeout, &ev) == 1) {
            runner_handle(r, &ev);
            runner_drain(r);
        } else if (app_tick(r->app, runner_now(r))) {
            if (r->app->theme_changed)
                runner_apply_theme(r);
            runner_frame(r);
        } else if (printing) {
            runner_frame(r);
        }
        if (r->watching && content_watch_due(&r->watch, runner_now(r)))
            runner_reload(r);
        runner_present(r, !r->have_presented);
        notify_watchdog(&r->notify, plat_ticks_ms());
        report_status(r);
    }
    notify_stopping(&r->notify);
    return 0;
}
