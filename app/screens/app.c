/* app.c: screen switching, the header and accessibility bars every screen shares,
 * the idle timeout that returns home and forgets, the out-of-order fallback, and
 * switching to newly published content between people (see app.h). */
#include "app.h"

#include "err.h"
#include "log.h"
#include "mem.h"
#include "screens.h"

#include <stdio.h>
#include <string.h>

static const Screen *const screens[SCREEN_COUNT] = {
    [SCREEN_HOME] = &screen_home,
    [SCREEN_FIND] = &screen_find,
    [SCREEN_DESTINATION] = &screen_destination,
    [SCREEN_SUPPORT] = &screen_support,
    [SCREEN_SERVICE_LIST] = &screen_service_list,
    [SCREEN_SERVICE] = &screen_service,
    [SCREEN_PAGE] = &screen_page,
    [SCREEN_SEARCH] = &screen_search,
    [SCREEN_CONCERN] = &screen_concern,
    [SCREEN_OUT_OF_ORDER] = &screen_out_of_order,
};

static const double LARGER_TEXT = 1.3;

/* Finds this kiosk's location in the site: 0 with *kiosk set, or -1 with why filled. */
static int pick_kiosk(const KioskConfig *cfg, const Site *site, int *kiosk, char *why,
                      size_t cap)
{
    if (site->nkiosks == 0) {
        snprintf(why, cap, "the content store lists no kiosk locations");
        return -1;
    }
    if (!cfg->kiosk_id[0]) {
        *kiosk = 0;
        return 0;
    }
    *kiosk = site_find_kiosk(site, cfg->kiosk_id);
    if (*kiosk < 0) {
        snprintf(why, cap,
                 "kiosk location '%s' (config [kiosk] location) is not in the content's "
                 "kiosks.csv",
                 cfg->kiosk_id);
        return -1;
    }
    return 0;
}

/* Out of order because of the content: a good publish can end it. */
static void fail_content(App *app, const char *reason)
{
    app_fail(app, reason);
    app->content_fault = true;
}

void app_init(App *app, const KioskConfig *cfg, Store *store, Ui *ui)
{
    memset(app, 0, sizeof *app);
    app->cfg = cfg;
    app->store = store;
    app->ui = ui;
    app->kiosk = -1;
    app->text_scale = cfg->text_scale;
    app->high_contrast = cfg->high_contrast;
    strbuf_init(&app->find.query, 120);
    app->find.query.wipe = true;
    strbuf_init(&app->search.query, 120);
    app->search.query.wipe = true;
    concern_init(&app->concern.c);
    app->find.type = -1;
    app->screen = SCREEN_HOME;
    if (!store) {
        fail_content(app, "no content store");
        return;
    }
    app->site = store_site(store);
    char why[256];
    if (pick_kiosk(cfg, app->site, &app->kiosk, why, sizeof why) != 0) {
        app->kiosk = -1;
        fail_content(app, why);
        return;
    }
    screens[app->screen]->enter(app, 0);
}

void app_release(App *app)
{
    screens[app->screen]->leave(app);
    strbuf_release(&app->find.query);
    strbuf_release(&app->search.query);
    directions_release(&app->dest.dir);
    qr_release(&app->dest.qr);
    qr_release(&app->svc.qr);
    qr_release(&app->page.qr);
    concern_clear(&app->concern.c);
    qr_release(&app->concern.qr);
}

void app_fail(App *app, const char *reason)
{
    snprintf(app->fault, sizeof app->fault, "%s", reason);
    app->content_fault = false;
    log_error("out of order: %s", reason);
    app->screen = SCREEN_OUT_OF_ORDER;
    app->history_len = 0;
    app->nav_pending = false;
}

const char *app_screen_name(const App *app)
{
    return screens[app->screen]->name;
}

/* ==== navigation ==== */

void app_go(App *app, ScreenId to, int arg)
{
    app->nav_pending = true;
    app->nav_to = to;
    app->nav_arg = arg;
    app->nav_back = false;
}

void app_set_outbox(App *app, Outbox *outbox)
{
    app->outbox = outbox;
}

void app_back(App *app)
{
    if (screens[app->screen]->back && screens[app->screen]->back(app))
        return;
    if (app->history_len == 0) {
        app_home(app);
        return;
    }
    app->nav_pending = true;
    app->nav_back = true;
}

void app_home(App *app)
{
    app->nav_pending = true;
    app->nav_to = SCREEN_HOME;
    app->nav_arg = 0;
    app->nav_back = false;
}

static void switch_to(App *app, ScreenId to, int arg)
{
    screens[app->screen]->leave(app);
    app->screen = to;
    app->ui->focus = 0;
    screens[to]->enter(app, arg);
}

/* Applies a pending navigation; returns true when the screen changed. */
static bool apply_nav(App *app)
{
    if (!app->nav_pending || app->screen == SCREEN_OUT_OF_ORDER)
        return false;
    app->nav_pending = false;
    if (app->nav_back) {
        ScreenId to = app->history[--app->history_len];
        /* Going back keeps the earlier screen's state (its list, its search). */
        screens[app->screen]->leave(app);
        app->screen = to;
        app->ui->focus = 0;
        return true;
    }
    if (app->nav_to == SCREEN_HOME) {
        switch_to(app, SCREEN_HOME, 0);
        app->history_len = 0;
        return true;
    }
    if (app->history_len == APP_HISTORY) {
        memmove(app->history, app->history + 1, sizeof(ScreenId) * (APP_HISTORY - 1));
        app->history_len--;
    }
    app->history[app->history_len++] = app->screen;
    /* Entering a screen from somewhere else starts it afresh; the screen being left
     * keeps its state for Back (leave() wipes only what it must). */
    ScreenId from = app->screen;
    app->screen = app->nav_to;
    app->ui->focus = 0;
    (void)from;
    screens[app->screen]->enter(app, app->nav_arg);
    return true;
}

/* ==== idle ==== */

void app_note_input(App *app, uint64_t now_ms)
{
    app->now_ms = now_ms;
    app->last_input_ms = now_ms;
    app->touched = true;
}

/* When "Are you still there?" appears: still_there_seconds before the idle timeout. */
static uint64_t warn_at(const App *app)
{
    int quiet = app->cfg->idle_timeout_s - app->cfg->idle_warning_s;
    if (quiet < 0)
        quiet = 0;
    return app->last_input_ms + (uint64_t)quiet * 1000u;
}

static bool still_there_showing(const App *app)
{
    return app->touched && app->screen != SCREEN_OUT_OF_ORDER && app->now_ms >= warn_at(app);
}

uint64_t app_next_deadline(const App *app)
{
    if (!app->touched || app->screen == SCREEN_OUT_OF_ORDER)
        return UINT64_MAX;
    uint64_t end = app->last_input_ms + (uint64_t)app->cfg->idle_timeout_s * 1000u;
    uint64_t warn = warn_at(app);
    if (app->now_ms < warn)
        return warn;
    /* During the countdown: once a second, so the seconds left stay true. */
    uint64_t next = app->now_ms + 1000 - (app->now_ms - warn) % 1000;
    return next < end ? next : end;
}

void app_forget(App *app)
{
    for (int i = 0; i < SCREEN_COUNT; i++)
        if (i != SCREEN_OUT_OF_ORDER)
            screens[i]->leave(app);
    strbuf_release(&app->find.query);
    strbuf_release(&app->search.query);
    app->search.nhits = 0;
    app->search.searched = false;
    qr_release(&app->svc.qr);
    qr_release(&app->page.qr);
    app->find.nhits = 0;
    app->find.searched = false;
    app->find.tab = FIND_TAB_AZ;
    app->find.type = -1;
    directions_release(&app->dest.dir);
    qr_release(&app->dest.qr);
    app->history_len = 0;
    app->nav_pending = false;
    ui_reset_state(app->ui);
    if (app->text_scale != app->cfg->text_scale || app->high_contrast != app->cfg->high_contrast)
        app->theme_changed = true;
    app->text_scale = app->cfg->text_scale;
    app->high_contrast = app->cfg->high_contrast;
    app->touched = false;
    app->forgot = true;
    if (app->screen != SCREEN_OUT_OF_ORDER) {
        app->screen = SCREEN_HOME;
        screens[SCREEN_HOME]->enter(app, 0);
    }
}

/* ==== switching content ==== */

bool app_can_replace_store(const App *app)
{
    if (app->screen == SCREEN_OUT_OF_ORDER)
        return app->content_fault;
    return app->screen == SCREEN_HOME && !app->touched && !app->nav_pending;
}

int app_replace_store(App *app, Store *store, Store **old)
{
    const Site *site = store_site(store);
    int kiosk = -1;
    char why[256];
    if (!site || pick_kiosk(app->cfg, site, &kiosk, why, sizeof why) != 0)
        return err_set("the new content does not suit this kiosk: %s",
                       site ? why : "no content store");
    /* Nobody is here, but wipe as if they had left: nothing of the old content (an
     * index into it, a code made from it) may outlive it. */
    app_forget(app);
    screens[app->screen]->leave(app);
    *old = app->store;
    app->store = store;
    app->site = site;
    app->kiosk = kiosk;
    app->fault[0] = '\0';
    app->content_fault = false;
    app->screen = SCREEN_HOME;
    app->history_len = 0;
    app->nav_pending = false;
    app->ui->focus = 0;
    screens[SCREEN_HOME]->enter(app, 0);
    return 0;
}

bool app_tick(App *app, uint64_t now_ms)
{
    bool was_warning = still_there_showing(app);
    app->now_ms = now_ms;
    uint64_t end = app->last_input_ms + (uint64_t)app->cfg->idle_timeout_s * 1000u;
    if (!app->touched || app->screen == SCREEN_OUT_OF_ORDER || now_ms < end)
        return still_there_showing(app) || was_warning; /* the countdown needs a frame */
    log_info("idle for %d s: returning home and forgetting the session",
             app->cfg->idle_timeout_s);
    app_forget(app);
    return true;
}

/* ==== shared chrome ==== */

static int bar_height(const Ui *ui)
{
    return ui->theme.min_target + ui->theme.unit * 3;
}

static void draw_header(App *app, Ui *ui, const Screen *s)
{
    const Theme *t = &ui->theme;
    int h = bar_height(ui), u = t->unit;
    ui_fill(ui, rect_make(0, 0, ui->width, h), t->header_bg, 0);
    int bw = ui->theme.min_target * 2;
    int x = u * 2;
    Rect back = rect_make(x, (h - t->min_target) / 2, bw, t->min_target);
    if (ui_button(ui, "nav-back", back, UI_BUTTON_HEADER, tr(S_NAV_BACK), NULL))
        app_back(app);
    Rect home = rect_make(ui->width - bw - u * 2, back.y, bw, t->min_target);
    if (ui_button(ui, "nav-home", home, UI_BUTTON_HEADER, tr(S_NAV_HOME), NULL))
        app_home(app);
    int tx = back.x + bw + u * 3;
    int lh = ui_line_height(ui, FONT_TITLE);
    ui_text(ui, "screen-title", rect_make(tx, (h - lh) / 2, home.x - tx - u * 3, lh),
            FONT_TITLE, t->header_text, UI_ALIGN_LEFT, tr(s->title));
}

static void draw_access_bar(App *app, Ui *ui, Rect r)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ui_fill(ui, r, t->surface_alt, 0);
    ui_fill(ui, rect_make(r.x, r.y, r.w, 2), t->border, 0);
    /* Sized to their words, so larger text never squeezes them. */
    int sw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_A11Y_HIGH_CONTRAST)) +
             ui_text_width(ui, FONT_BODY_BOLD, tr(S_SWITCH_OFF)) + u * 26;
    int bw = ui_text_width(ui, FONT_BODY_BOLD, tr(S_A11Y_SMALLER_TEXT)) + u * 8;
    if (bw < t->min_target * 2)
        bw = t->min_target * 2;
    Rect contrast = rect_make(r.x + r.w - sw - u * 2, r.y + (r.h - t->min_target) / 2, sw,
                              t->min_target);
    Rect larger = rect_make(contrast.x - bw - u * 2, contrast.y, bw, t->min_target);
    bool is_larger = app->text_scale > app->cfg->text_scale + 0.01;
    if (ui_button(ui, "a11y-text-size", larger, UI_BUTTON_SECONDARY,
                  tr(is_larger ? S_A11Y_SMALLER_TEXT : S_A11Y_LARGER_TEXT), NULL)) {
        app->text_scale = is_larger ? app->cfg->text_scale : app->cfg->text_scale * LARGER_TEXT;
        app->theme_changed = true;
    }
    bool hc = app->high_contrast;
    if (ui_switch(ui, "a11y-contrast", contrast, tr(S_A11Y_HIGH_CONTRAST), &hc)) {
        app->high_contrast = hc;
        app->theme_changed = true;
    }
    /* Where this kiosk stands, so directions make sense. */
    if (app->site && app->kiosk >= 0) {
        char here[256];
        i18n_format(here, sizeof here, S_HOME_YOU_ARE_HERE, app->site->kiosks[app->kiosk].name,
                    NULL, NULL);
        int w = larger.x - r.x - u * 6;
        int font = ui_text_width(ui, FONT_BODY_BOLD, here) <= w ? FONT_BODY_BOLD : FONT_SMALL;
        int h = ui_text_height(ui, font, w, here);
        ui_text(ui, "you-are-here", rect_make(r.x + u * 3, r.y + (r.h - h) / 2, w, h), font,
                t->text, UI_ALIGN_LEFT, here);
    }
}

/* "Are you still there?": over the whole screen, the only thing that takes a touch. */
static void draw_still_there(App *app, Ui *ui)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    ui->layer = 1;
    ui_occlude_all(ui);
    ui_fill(ui, rect_make(0, 0, ui->width, ui->height), color_rgb(0x21, 0x2B, 0x32), 0);
    uint64_t end = app->last_input_ms + (uint64_t)app->cfg->idle_timeout_s * 1000u;
    long left = app->now_ms >= end ? 0 : (long)((end - app->now_ms + 999) / 1000);
    char secs[24], body[256];
    snprintf(secs, sizeof secs, "%ld", left);
    i18n_format(body, sizeof body, S_STILL_THERE_BODY, secs, NULL, NULL);
    int w = ui->width * 2 / 3, x = (ui->width - w) / 2;
    int th = ui_text_height(ui, FONT_HUGE, w - u * 8, tr(S_STILL_THERE_TITLE));
    int bh = ui_text_height(ui, FONT_LARGE, w - u * 8, body);
    int h = th + bh + t->min_target + u * 16;
    int y = (ui->height - h) / 2;
    ui_fill(ui, rect_make(x, y, w, h), t->surface, t->radius);
    ui_text(ui, "still-there-title", rect_make(x + u * 4, y + u * 4, w - u * 8, th), FONT_HUGE,
            t->text, UI_ALIGN_CENTER, tr(S_STILL_THERE_TITLE));
    ui_text(ui, "still-there-body", rect_make(x + u * 4, y + u * 6 + th, w - u * 8, bh),
            FONT_LARGE, t->text, UI_ALIGN_CENTER, body);
    int bw = t->min_target * 5;
    Rect b = rect_make(x + (w - bw) / 2, y + h - t->min_target - u * 4, bw, t->min_target);
    /* The tap itself counts as input and restarts the idle timer. */
    ui_button(ui, "still-there-yes", b, UI_BUTTON_PRIMARY, tr(S_STILL_THERE_YES), NULL);
    ui->layer = 0;
}

void app_frame(App *app, int width, int height)
{
    Ui *ui = app->ui;
    for (int pass = 0; pass < 3; pass++) {
        bool warning = still_there_showing(app);
        /* Over the still-there prompt or the form's privacy cover, nothing else takes
         * a touch. */
        bool covered = app->screen == SCREEN_CONCERN && app->concern.covered;
        ui->modal_layer = warning || covered ? 1 : 0;
        ui_begin(ui, width, height);
        const Screen *s = screens[app->screen];
        int top = 0, bottom = height;
        if (s->has_header) {
            draw_header(app, ui, s);
            top = bar_height(ui);
        }
        if (app->screen != SCREEN_OUT_OF_ORDER) {
            bottom = height - bar_height(ui);
            draw_access_bar(app, ui, rect_make(0, bottom, width, height - bottom));
        }
        s->update(app, ui, rect_make(0, top, width, bottom - top));
        if (warning)
            draw_still_there(app, ui);
        ui_end(ui);
        /* Widgets act on input while drawing, so the frame that handled an event shows
         * the state before it: draw again at once, as after a navigation. */
        bool navigated = apply_nav(app);
        if (!navigated && !ui->had_input && !app->theme_changed)
            break;
        if (app->theme_changed)
            break; /* the run loop rebuilds fonts, then asks for another frame */
    }
}

/* ==== helpers for screens ==== */

const char *screen_floor_words(const App *app, int floor, char *buf, size_t cap)
{
    const Floor *f = &app->site->floors[floor];
    return i18n_format(buf, cap, S_DEST_WHERE_VALUE, app->site->buildings[f->building].name,
                       f->name, NULL);
}

const char *screen_date_words(CivilDate d, char *buf, size_t cap)
{
    char day[8];
    snprintf(day, sizeof day, "%d", d.day);
    int wd = civil_weekday(d);
    int m = d.month >= 1 && d.month <= 12 ? d.month - 1 : 0;
    return i18n_format(buf, cap, S_DATE_WORDS, tr((StrId)(S_WEEKDAY_MON + wd)), day,
                       tr((StrId)(S_MONTH_1 + m)));
}

int screen_section(Ui *ui, const char *id, Rect r, const char *heading, const char *body)
{
    const Theme *t = &ui->theme;
    char hid[64];
    snprintf(hid, sizeof hid, "%s-heading", id);
    int h = ui_text(ui, hid, r, FONT_BODY_BOLD, t->text_muted, UI_ALIGN_LEFT, heading);
    h += ui_text(ui, id, rect_make(r.x, r.y + h, r.w, r.h), FONT_LARGE, t->text, UI_ALIGN_LEFT,
                 body);
    return h + t->unit * 3;
}
