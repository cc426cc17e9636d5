/* app.c: screen switching, the header and accessibility bars every screen shares,
 * the idle timeout that returns home and forgets, the out-of-order fallback, and
 * switching to newly published content between people (see app.h). */
#include "app.h"

#include "err.h"
#include "log.h"
#include "mem.h"
#include "layout.h"
#include "screens.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
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
    [SCREEN_STAFF_PIN] = &screen_staff_pin,
    [SCREEN_STAFF] = &screen_staff,
    [SCREEN_FEEDBACK] = &screen_feedback,
    [SCREEN_NEEDS] = &screen_needs,
};

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

void app_fail_content(App *app, const char *reason)
{
    app_fail(app, reason);
    app->content_fault = true;
}

const double app_text_sizes[APP_TEXT_SIZES] = {1.0, 1.35, 1.7};

void *screen_state(App *app, ScreenId id)
{
    assert(id >= 0 && id < SCREEN_COUNT);
    return app->state[id];
}

static void *state_of(App *app, ScreenId id)
{
    return screen_state(app, id);
}

static void enter(App *app, ScreenId id, int arg)
{
    memset(&app->print, 0, sizeof app->print);
    screens[id]->enter(app, state_of(app, id), arg);
}

static void leave(App *app, ScreenId id)
{
    if (screens[id]->leave)
        screens[id]->leave(app, state_of(app, id));
}

static void forget_all(App *app)
{
    for (int i = 0; i < SCREEN_COUNT; i++)
        if (screens[i]->forget && app->state[i])
            screens[i]->forget(app, app->state[i]);
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
    app_set_home_language(app, cfg->default_language);
    app->screen = SCREEN_HOME;
    read_aloud_forget(&app->read);
    for (int i = 0; i < SCREEN_COUNT; i++) {
        assert(screens[i] && screens[i]->update && screens[i]->enter);
        size_t size = screens[i]->state_size ? screens[i]->state_size : 1;
        app->state[i] = mem_zalloc(size);
        if (!app->state[i]) {
            app_fail(app, "out of memory setting up the screens");
            return;
        }
        if (screens[i]->init)
            screens[i]->init(app, app->state[i]);
    }
    if (!store) {
        app_fail_content(app, "no content store");
        return;
    }
    app->site = store_site(store);
    char why[256];
    if (pick_kiosk(cfg, app->site, &app->kiosk, why, sizeof why) != 0) {
        app->kiosk = -1;
        app_fail_content(app, why);
        return;
    }
    enter(app, app->screen, 0);
}

void app_release(App *app)
{
    forget_all(app);
    for (int i = 0; i < SCREEN_COUNT; i++) {
        if (app->state[i])
            mem_wipe(app->state[i], screens[i]->state_size ? screens[i]->state_size : 1);
        free(app->state[i]);
        app->state[i] = NULL;
    }
}

void app_set_speech(App *app, Speech *engine)
{
    app->read.engine = engine;
}

const char *app_language(const App *app)
{
    return app->language[0] ? app->language : i18n_language();
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

const Service *app_service(App *app, int index)
{
    const Service *sv = store_service(app->store, index);
    if (!sv) {
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        app_fail_content(app, why);
    }
    return sv;
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

void app_set_printer(App *app, Printer *printer, const SlipRaster *raster)
{
    app->printer = printer;
    if (raster)
        app->slip_raster = *raster;
    else
        memset(&app->slip_raster, 0, sizeof app->slip_raster);
}

bool app_printing(const App *app)
{
    return app->printer && app->print.job > 0 &&
           printer_job_state(app->printer, app->print.job, NULL) == PRINTER_JOB_WAITING;
}

void app_set_usage(App *app, Usage *usage)
{
    app->usage = usage;
}

/* True when leaving the current screen now would lose what the person entered. */
static bool holds_answers(const App *app)
{
    const Screen *s = screens[app->screen];
    return s->holds_answers && s->holds_answers(app, app->state[app->screen]);
}

static void go_back(App *app)
{
    if (app->history_len == 0) {
        app_home(app);
        return;
    }
    app->nav_pending = true;
    app->nav_back = true;
}

void app_back(App *app)
{
    if (screens[app->screen]->back && screens[app->screen]->back(app, state_of(app, app->screen)))
        return;
    if (holds_answers(app)) {
        app_ask_discard(app, DISCARD_BACK);
        return;
    }
    go_back(app);
}

void app_ask_discard(App *app, DiscardThen then)
{
    app->discard = then;
}

/* The person said yes to "Discard your answers?". */
static void discard_now(App *app)
{
    DiscardThen then = app->discard;
    app->discard = DISCARD_NONE;
    ScreenId cur = app->screen;
    if (screens[cur]->forget)
        screens[cur]->forget(app, state_of(app, cur));
    app->forgot = true; /* cached text of the answers goes too */
    switch (then) {
    case DISCARD_HOME: app->nav_pending = true; app->nav_to = SCREEN_HOME; app->nav_back = false; break;
    case DISCARD_BACK: go_back(app); break;
    case DISCARD_CLEAR: enter(app, cur, 0); break;
    case DISCARD_NONE: break;
    }
}

void app_home(App *app)
{
    if (holds_answers(app)) {
        app_ask_discard(app, DISCARD_HOME);
        return;
    }
    app->nav_pending = true;
    app->nav_to = SCREEN_HOME;
    app->nav_arg = 0;
    app->nav_back = false;
}

static void switch_to(App *app, ScreenId to, int arg)
{
    leave(app, app->screen);
    app->screen = to;
    ui_focus(app->ui, NULL);
    ui_focus_restart(app->ui);
    enter(app, to, arg);
}

/* Applies a pending navigation; returns true when the screen changed. */
static bool apply_nav(App *app)
{
    if (!app->nav_pending || app->screen == SCREEN_OUT_OF_ORDER)
        return false;
    app->nav_pending = false;
    if (app->nav_back) {
        ScreenId to = app->history[--app->history_len];
        /* Going back keeps the earlier screen's state (its list, its search), and the
         * keyboard focus where it was. */
        leave(app, app->screen);
        app->screen = to;
        ui_focus(app->ui, NULL);
        ui_focus_set_nav(app->ui, app->history_focus[app->history_len]);
        return true;
    }
    if (app->nav_to == SCREEN_HOME) {
        usage_count_item(app->usage, "screen", "home");
        switch_to(app, SCREEN_HOME, 0);
        app->history_len = 0;
        return true;
    }
    if (app->history_len == APP_HISTORY) {
        memmove(app->history, app->history + 1, sizeof(ScreenId) * (APP_HISTORY - 1));
        memmove(app->history_focus, app->history_focus + 1, sizeof(uint32_t) * (APP_HISTORY - 1));
        app->history_len--;
    }
    app->history_focus[app->history_len] = ui_focus_nav(app->ui);
    app->history[app->history_len++] = app->screen;
    usage_count_item(app->usage, "screen", screens[app->nav_to]->name);
    /* Entering a screen from somewhere else starts it afresh; the screen being left
     * keeps its state for Back (leave() wipes only what it must). */
    leave(app, app->screen);
    app->screen = app->nav_to;
    ui_focus(app->ui, NULL);
    ui_focus_restart(app->ui);
    enter(app, app->screen, app->nav_arg);
    return true;
}

/* ==== staff mode ==== */

static bool on_staff_screen(const App *app)
{
    return app->screen == SCREEN_STAFF_PIN || app->screen == SCREEN_STAFF;
}

/* The person (if any) has left the kiosk to staff: their session ends here. */
static void end_session(App *app)
{
    if (!app->touched || !app->usage)
        return;
    usage_session_mark(app->usage, "language", app->language);
    usage_session_end(app->usage);
    usage_flush(app->usage, app->outbox, app->now_ms);
}

void app_open_staff(App *app, ScreenId id)
{
    if (id == SCREEN_STAFF_PIN && !on_staff_screen(app))
        end_session(app);
    leave(app, app->screen);
    app->screen = id;
    app->history_len = 0;
    app->nav_pending = false;
    app->discard = DISCARD_NONE;
    ui_focus(app->ui, NULL);
    enter(app, id, 0);
}

void app_close_staff(App *app)
{
    app->staff.active = false;
    app->touched = false; /* staff are not counted as people using the kiosk (the person
                           * before them was, when the PIN pad opened) */
    if (app->fault[0])
        app->screen = SCREEN_OUT_OF_ORDER; /* app_forget leaves it there */
    app_forget(app);
}

/* When the current screen's idle time ends: two minutes in staff mode. */
static uint64_t idle_end(const App *app)
{
    uint64_t idle = app->staff.active && on_staff_screen(app)
                        ? STAFF_IDLE_MS
                        : (uint64_t)app->cfg->idle_timeout_s * 1000u;
    return app->last_input_ms + idle;
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
    return app->touched && app->screen != SCREEN_OUT_OF_ORDER && !on_staff_screen(app) &&
           app->now_ms >= warn_at(app);
}

static uint64_t idle_deadline(const App *app)
{
    if (on_staff_screen(app))
        return idle_end(app);
    if (!app->touched || app->screen == SCREEN_OUT_OF_ORDER)
        return UINT64_MAX;
    uint64_t end = idle_end(app);
    uint64_t warn = warn_at(app);
    if (app->now_ms < warn)
        return warn;
    /* During the countdown: once a second, so the seconds left stay true. */
    uint64_t next = app->now_ms + 1000 - (app->now_ms - warn) % 1000;
    return next < end ? next : end;
}

uint64_t app_next_deadline(const App *app)
{
    uint64_t idle = idle_deadline(app), hold = staff_hold_deadline(app);
    return hold < idle ? hold : idle;
}

void app_forget(App *app)
{
    /* The person has gone: their session's figures join the day's, and are written now
     * (a short transaction; the words they searched go from memory). */
    end_session(app);
    forget_all(app);
    app->history_len = 0;
    app->nav_pending = false;
    app->discard = DISCARD_NONE;
    app->help = false;
    ui_reset_state(app->ui);
    if (app->text_scale != app->cfg->text_scale || app->high_contrast != app->cfg->high_contrast)
        app->theme_changed = true;
    app->text_size = 0;
    app->text_scale = app->cfg->text_scale;
    app->high_contrast = app->cfg->high_contrast;
    app->touched = false;
    app->forgot = true;
    app->lang_picker = false;
    read_aloud_forget(&app->read); /* silence, and default speech for the next person */
    app_set_language(app, app->home_language);
    if (app->screen != SCREEN_OUT_OF_ORDER) {
        app->screen = SCREEN_HOME;
        enter(app, SCREEN_HOME, 0);
    }
}

/* ==== languages ==== */

void app_set_language(App *app, const char *code)
{
    if (!code || !code[0])
        code = "en";
    if (strcmp(app->language, code) == 0)
        return;
    if (!i18n_set_language(code))
        log_warn("no interface catalogue for language '%s' in %s: its strings show in English",
                 code, i18n_localedir());
    ui_set_language(app->ui, code);
    snprintf(app->language, sizeof app->language, "%s", code);
    app->theme_changed = true; /* another script may need other fonts and line heights */
    app->read.announce = true; /* the same screen in other words: read it again */
}

void app_set_home_language(App *app, const char *code)
{
    snprintf(app->home_language, sizeof app->home_language, "%s", code && code[0] ? code : "en");
    app_set_language(app, app->home_language);
}

/* A language's name in its own language and script; the code when the kiosk has none. */
static const char *own_name(const char *code)
{
    const char *name = config_language_name(code);
    return name ? name : code;
}

/* The language picker: each offered language in its own name, the current one filled,
 * in as many columns as their names fit; choosing one closes it. */
static void draw_lang_picker(App *app, Ui *ui)
{
    const Theme *t = &ui->theme;
    const KioskConfig *cfg = app->cfg;
    char hint[256];
    i18n_format(hint, sizeof hint, S_LANG_HINT, own_name(app->home_language), NULL, NULL);
    Lay dlg, row, cell;
    ui_overlay_begin(ui, &dlg, "lang-picker", tr(S_LANG_TITLE), 0);
    lay_text(&dlg, "lang-title", FONT_TITLE, t->text, tr(S_LANG_TITLE));
    int widest = t->min_target * 2;
    for (int i = 0; i < cfg->nlanguages; i++) {
        int bw = ui_button_width(ui, UI_BUTTON_PRIMARY, own_name(cfg->languages[i]));
        if (bw > widest)
            widest = bw;
    }
    int gap = t->space[SPACE_M];
    int cols = (lay_width(&dlg) + gap) / (widest + gap);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    const char *chosen = NULL;
    for (int i = 0; i < cfg->nlanguages; i += cols) {
        LayLen lens[3] = {LAY_FR(1), LAY_FR(1), LAY_FR(1)};
        lay_row(&dlg, &row, cols, lens, SPACE_M);
        for (int c = 0; c < cols && i + c < cfg->nlanguages; c++) {
            const char *code = cfg->languages[i + c];
            char id[32];
            snprintf(id, sizeof id, "lang-%s", code);
            bool current = strcmp(code, app->language) == 0;
            lay_cell(&row, &cell, c, SPACE_NONE);
            if (lay_button(&cell, id, current ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                           own_name(code), NULL, LAY_STRETCH))
                chosen = code;
            lay_cell_end(&row, &cell);
        }
        lay_row_end(&dlg, &row);
    }
    lay_text(&dlg, "lang-hint", FONT_BODY, t->text, hint);
    if (lay_button(&dlg, "lang-close", UI_BUTTON_SECONDARY, tr(S_LANG_CLOSE), NULL, LAY_CENTER))
        app->lang_picker = false;
    ui_overlay_end(ui, &dlg);
    if (chosen) {
        app->lang_picker = false;
        log_info("language %s chosen", chosen);
        usage_session_mark(app->usage, "language", chosen);
        app_set_language(app, chosen);
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
    *old = app->store;
    app->store = store;
    app->site = site;
    app->kiosk = kiosk;
    app->fault[0] = '\0';
    app->content_fault = false;
    app->content_note[0] = '\0'; /* a sound store is live again */
    app->screen = SCREEN_HOME;
    app->history_len = 0;
    app->nav_pending = false;
    ui_focus(app->ui, NULL);
    enter(app, SCREEN_HOME, 0);
    return 0;
}

bool app_tick(App *app, uint64_t now_ms)
{
    bool was_warning = still_there_showing(app);
    if (app->staff.started_ms == 0 || now_ms < app->staff.started_ms)
        app->staff.started_ms = now_ms;
    app->now_ms = now_ms;
    if (app->staff.holding && now_ms >= staff_hold_deadline(app))
        return true; /* the corner has been held long enough: a frame opens the pad */
    uint64_t end = idle_end(app);
    if (on_staff_screen(app) && now_ms >= end) {
        if (app->staff.active)
            staff_leave(app, true);
        else
            app_close_staff(app);
        return true;
    }
    if (!app->touched || app->screen == SCREEN_OUT_OF_ORDER || now_ms < end)
        return still_there_showing(app) || was_warning; /* the countdown needs a frame */
    log_info("idle for %d s: returning home and forgetting the session",
             app->cfg->idle_timeout_s);
    app_forget(app);
    return true;
}

/* ==== shared chrome ==== */

/* The header: Back, the screen's title, Home; as tall as the title needs. */
static int draw_header(App *app, Ui *ui, const Screen *s)
{
    const Theme *t = &ui->theme;
    const char *back = tr(S_NAV_BACK), *home = tr(S_NAV_HOME), *title = tr(s->title);
    int bw = ui_button_width(ui, UI_BUTTON_HEADER, back);
    int hw = ui_button_width(ui, UI_BUTTON_HEADER, home);
    if (bw < t->min_target * 2)
        bw = t->min_target * 2;
    if (hw < t->min_target * 2)
        hw = t->min_target * 2;
    /* Measured first: the screen below starts where the header ends. */
    int title_w = ui->width - 2 * t->space[SPACE_L] - bw - hw - 2 * t->space[SPACE_L];
    /* The title a size smaller when title size would wrap it (large text, narrow screen). */
    int title_font = ui_text_width(ui, FONT_TITLE, title) <= title_w ? FONT_TITLE : FONT_LARGE_BOLD;
    int th = ui_text_height(ui, title_font, title_w, title);
    int bh = ui_button_height(ui, UI_BUTTON_HEADER, bw, back, NULL);
    int inner = th > bh ? th : bh;
    LayPanelStyle style = {t->header_bg, t->header_text, 0, t->primary, 0, 0};
    Lay screen, bar, row, cell;
    lay_column(&screen, ui, rect_make(0, 0, ui->width, LAY_UNBOUNDED), SPACE_NONE, SPACE_NONE,
               NULL, NULL);
    lay_panel(&screen, &bar, &style, SPACE_M, SPACE_NONE, "header");
    bar.box.x = screen.box.x + t->space[SPACE_L];
    bar.box.w = ui->width - 2 * t->space[SPACE_L];
    LayLen lens[3] = {LAY_FIT(bw), LAY_FR(1), LAY_FIT(hw)};
    lay_row(&bar, &row, 3, lens, SPACE_L);
    lay_cell(&row, &cell, 0, SPACE_NONE);
    if (ui_button(ui, "nav-back", lay_next_centered(&cell, inner, bh), UI_BUTTON_HEADER, back,
                  NULL))
        app_back(app);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 1, SPACE_NONE);
    ui_text(ui, "screen-title", lay_next_centered(&cell, inner, th), title_font, t->header_text,
            UI_ALIGN_LEFT, title);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 2, SPACE_NONE);
    if (ui_button(ui, "nav-home", lay_next_centered(&cell, inner, bh), UI_BUTTON_HEADER, home,
                  NULL))
        app_home(app);
    lay_cell_end(&row, &cell);
    lay_row_end(&bar, &row);
    lay_panel_end(&screen, &bar);
    return lay_end(&screen);
}

/* The accessibility bar: where this kiosk is, and the controls every screen shares
 * (language, text size, contrast, read aloud), laid out for the width: one row when it
 * all fits; else "You are here" above the controls; and when even the controls do not
 * fit in a row (very large text on a narrow screen), two rows of them, each control an
 * equal share of its row. Returns its height; draws only when draw is true (the first
 * call measures, to place it at the bottom). */
typedef enum BarKind { BAR_LANG, BAR_SIZE, BAR_CONTRAST, BAR_ALOUD } BarKind;

typedef struct BarControl {
    BarKind kind;
    const char *label;
    int w;          /* natural width, then the width it gets */
} BarControl;

static int bar_control_height(Ui *ui, const BarControl *c)
{
    switch (c->kind) {
    case BAR_LANG: return ui_button_icon_height(ui, c->w, c->label);
    case BAR_SIZE: return ui_button_height(ui, UI_BUTTON_SECONDARY, c->w, c->label, NULL);
    case BAR_CONTRAST:
    case BAR_ALOUD: return ui_switch_height(ui, c->w, c->label);
    }
    return 0;
}

static void bar_control_draw(App *app, Ui *ui, const BarControl *c, Rect r)
{
    bool on;
    switch (c->kind) {
    case BAR_LANG:
        if (ui_button_icon(ui, "lang", r, "language", c->label))
            app->lang_picker = true;
        break;
    case BAR_SIZE:
        if (ui_button(ui, "a11y-text-size", r, UI_BUTTON_SECONDARY, c->label, NULL)) {
            app->text_size = (app->text_size + 1) % APP_TEXT_SIZES;
            app->text_scale = app->cfg->text_scale * app_text_sizes[app->text_size];
            app->theme_changed = true;
            if (app->text_size > 0)
                usage_session_mark(app->usage, "feature",
                                   app->text_size == 1 ? "text-size-135" : "text-size-170");
        }
        break;
    case BAR_CONTRAST:
        on = app->high_contrast;
        if (ui_switch(ui, "a11y-contrast", r, c->label, &on)) {
            if (on)
                usage_session_mark(app->usage, "feature", "high-contrast");
            app->high_contrast = on;
            app->theme_changed = true;
        }
        break;
    case BAR_ALOUD:
        on = app->read.on;
        if (ui_switch(ui, "read-aloud", r, c->label, &on)) {
            if (on)
                usage_session_mark(app->usage, "feature", "read-aloud");
            read_aloud_set_on(&app->read, on);
        }
        break;
    }
}

static int access_bar(App *app, Ui *ui, int y, bool draw)
{
    const Theme *t = &ui->theme;
    int w = ui->width;
    int pad = t->space[SPACE_L], gap = t->space[SPACE_M];
    int avail = w - 2 * pad;
    bool at_max = app->text_size == APP_TEXT_SIZES - 1;
    BarControl c[4];
    int n = 0;
    if (app->cfg->nlanguages > 1) /* beside a globe, the language's own name: "English" */
        c[n++] = (BarControl){BAR_LANG, own_name(app->language), 0};
    c[n++] = (BarControl){BAR_SIZE, tr(at_max ? S_A11Y_SMALLER_TEXT : S_A11Y_LARGER_TEXT), 0};
    c[n++] = (BarControl){BAR_CONTRAST, tr(S_A11Y_HIGH_CONTRAST), 0};
    c[n++] = (BarControl){BAR_ALOUD, tr(S_A11Y_READ_ALOUD), 0};
    int controls_w = (n - 1) * gap;
    for (int i = 0; i < n; i++) {
        c[i].w = c[i].kind == BAR_LANG   ? ui_button_icon_width(ui, c[i].label)
                 : c[i].kind == BAR_SIZE ? ui_button_width(ui, UI_BUTTON_SECONDARY, c[i].label)
                                         : ui_switch_width(ui, c[i].label);
        if (c[i].kind == BAR_SIZE && c[i].w < t->min_target * 2)
            c[i].w = t->min_target * 2;
        controls_w += c[i].w;
    }
    /* Rows of controls: one at their natural widths when they fit; else whichever is
     * lower of one row of equal shares (their words wrap) and two rows splitting them
     * as evenly as they go. */
    int rows = 1, split = n; /* split: the first row's count when there are two */
    if (controls_w > avail) {
        BarControl one[4], two[4];
        int one_h = 0, two_h[2] = {0, 0}, half = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            one[i] = two[i] = c[i];
            one[i].w = (avail - (n - 1) * gap) / n;
            int in_row = i < half ? half : n - half;
            two[i].w = (avail - (in_row - 1) * gap) / in_row;
            int h1 = bar_control_height(ui, &one[i]), h2 = bar_control_height(ui, &two[i]);
            one_h = h1 > one_h ? h1 : one_h;
            if (h2 > two_h[i < half ? 0 : 1])
                two_h[i < half ? 0 : 1] = h2;
        }
        /* A share much narrower than a control's words would break them mid-word: a
         * row for each control instead. */
        bool one_ok = true, two_ok = true;
        for (int i = 0; i < n; i++) {
            one_ok = one_ok && one[i].w * 4 >= c[i].w * 3;
            two_ok = two_ok && two[i].w * 4 >= c[i].w * 3;
        }
        if (!one_ok && !two_ok) {
            rows = n;
            for (int i = 0; i < n; i++)
                c[i].w = avail;
        } else {
            bool two_rows = !one_ok || (two_ok && two_h[0] + gap + two_h[1] < one_h);
            memcpy(c, two_rows ? two : one, sizeof c);
            rows = two_rows ? 2 : 1;
            split = two_rows ? half : n;
        }
        controls_w = avail;
    }
    char here[256] = "";
    if (app->site && app->kiosk >= 0)
        i18n_format(here, sizeof here, S_HOME_YOU_ARE_HERE, app->site->kiosks[app->kiosk].name,
                    NULL, NULL);
    int here_w = avail - controls_w - gap;
    bool stacked = here[0] && (rows == 2 || here_w < t->min_target * 4);
    /* In the concern form the on-screen keyboard's room comes first: "You are here"
     * gives way rather than take a line of its own. */
    if (stacked && (app->screen == SCREEN_CONCERN || app->screen == SCREEN_NEEDS)) {
        here[0] = '\0';
        stacked = false;
    }
    if (stacked)
        here_w = avail;
    int here_h = here[0] ? ui_text_height(ui, FONT_BODY_BOLD, here_w, here) : 0;
    /* Each control's row: all in one, split in two, or one each. */
    int row_of[4], row_count[4] = {0, 0, 0, 0}, row_h[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        row_of[i] = rows == 1 ? 0 : rows == 2 ? (i < split ? 0 : 1) : i;
        row_count[row_of[i]]++;
        int ch = bar_control_height(ui, &c[i]);
        if (ch > row_h[row_of[i]])
            row_h[row_of[i]] = ch;
    }
    int controls_h = (rows - 1) * gap;
    for (int r = 0; r < rows; r++)
        controls_h += row_h[r];
    int inner = stacked ? here_h + gap + controls_h : (here_h > controls_h ? here_h : controls_h);
    int h = inner + 2 * t->space[SPACE_M];
    if (!draw)
        return h;
    LayPanelStyle style = {t->surface_alt, t->border, 0, t->border, 0, 0};
    Lay screen, bar, row, cell;
    lay_column(&screen, ui, rect_make(0, y, w, LAY_UNBOUNDED), SPACE_NONE, SPACE_NONE, NULL,
               NULL);
    Rect edge = screen.box;
    edge.h = 2;
    lay_panel(&screen, &bar, &style, SPACE_M, SPACE_M, "access-bar");
    bar.box.x = screen.box.x + pad;
    bar.box.w = avail;
    if (stacked)
        lay_text(&bar, "you-are-here", FONT_BODY_BOLD, t->text, here);
    for (int r = 0, first = 0; r < rows; r++) {
        int count = row_count[r];
        LayLen lens[5];
        int k = 0;
        bool with_here = r == 0 && !stacked && here[0]; /* beside the controls */
        if (with_here)
            lens[k++] = LAY_FR(1);
        for (int i = 0; i < count; i++)
            lens[k++] = LAY_FIT(c[first + i].w);
        lay_row(&bar, &row, k, lens, SPACE_M);
        int rh = with_here ? inner : row_h[r];
        if (with_here) {
            lay_cell(&row, &cell, 0, SPACE_NONE);
            if (here[0])
                ui_text(ui, "you-are-here", lay_next_centered(&cell, rh, here_h),
                        FONT_BODY_BOLD, t->text, UI_ALIGN_LEFT, here);
            lay_cell_end(&row, &cell);
        }
        for (int i = 0; i < count; i++) {
            const BarControl *ctl = &c[first + i];
            lay_cell(&row, &cell, (with_here ? 1 : 0) + i, SPACE_NONE);
            bar_control_draw(app, ui, ctl,
                             lay_next_centered(&cell, rh, bar_control_height(ui, ctl)));
            lay_cell_end(&row, &cell);
        }
        lay_row_end(&bar, &row);
        first += count;
    }
    lay_panel_end(&screen, &bar);
    ui_fill(ui, edge, t->border, 0);
    lay_end(&screen);
    return h;
}

/* "Are you still there?": over the whole screen; the touch that answers it does
 * nothing else (the overlay takes the whole press). */
static void draw_still_there(App *app, Ui *ui)
{
    const Theme *t = &ui->theme;
    uint64_t end = app->last_input_ms + (uint64_t)app->cfg->idle_timeout_s * 1000u;
    long left = app->now_ms >= end ? 0 : (long)((end - app->now_ms + 999) / 1000);
    char secs[24], body[256];
    snprintf(secs, sizeof secs, "%ld", left);
    i18n_format(body, sizeof body, S_STILL_THERE_BODY, secs, NULL, NULL);
    Lay dlg;
    ui_overlay_begin(ui, &dlg, "still-there", tr(S_STILL_THERE_TITLE), 0);
    lay_text_align(&dlg, "still-there-title", FONT_HUGE, t->text, UI_ALIGN_CENTER,
                   tr(S_STILL_THERE_TITLE));
    lay_text_align(&dlg, "still-there-body", FONT_LARGE, t->text, UI_ALIGN_CENTER, body);
    /* Any touch restarts the idle timer; the button says so in words. */
    lay_button(&dlg, "still-there-yes", UI_BUTTON_PRIMARY, tr(S_STILL_THERE_YES), NULL,
               LAY_CENTER);
    ui_overlay_end(ui, &dlg);
}

/* "Discard your answers?": keep them (the default, first) or discard. */
static void draw_discard(App *app, Ui *ui)
{
    const Theme *t = &ui->theme;
    Lay dlg, row, cell;
    ui_overlay_begin(ui, &dlg, "discard", tr(S_DISCARD_TITLE), 0);
    lay_text(&dlg, "discard-title", FONT_TITLE, t->text, tr(S_DISCARD_TITLE));
    lay_text(&dlg, "discard-body", FONT_LARGE, t->text, tr(S_DISCARD_BODY));
    const char *keep = tr(S_DISCARD_KEEP), *go = tr(S_DISCARD_YES);
    int kw = ui_button_width(ui, UI_BUTTON_PRIMARY, keep);
    int gw = ui_button_width(ui, UI_BUTTON_SECONDARY, go);
    if (kw + gw + t->space[SPACE_L] <= lay_width(&dlg)) {
        LayLen lens[2] = {LAY_FR(1), LAY_FR(1)};
        lay_row(&dlg, &row, 2, lens, SPACE_L);
        lay_cell(&row, &cell, 0, SPACE_NONE);
        if (lay_button(&cell, "discard-keep", UI_BUTTON_PRIMARY, keep, NULL, LAY_STRETCH))
            app->discard = DISCARD_NONE;
        lay_cell_end(&row, &cell);
        lay_cell(&row, &cell, 1, SPACE_NONE);
        if (lay_button(&cell, "discard-yes", UI_BUTTON_SECONDARY, go, NULL, LAY_STRETCH))
            discard_now(app);
        lay_cell_end(&row, &cell);
        lay_row_end(&dlg, &row);
    } else {
        if (lay_button(&dlg, "discard-keep", UI_BUTTON_PRIMARY, keep, NULL, LAY_STRETCH))
            app->discard = DISCARD_NONE;
        if (lay_button(&dlg, "discard-yes", UI_BUTTON_SECONDARY, go, NULL, LAY_STRETCH))
            discard_now(app);
    }
    ui_overlay_end(ui, &dlg);
}

/* The Help key's overlay: how to use the keys, and which screen this is. */
static void draw_keys_help(App *app, Ui *ui, const Screen *s)
{
    const Theme *t = &ui->theme;
    char where[256];
    i18n_format(where, sizeof where, S_KEYS_HELP_SCREEN, tr(s->title), NULL, NULL);
    Lay dlg;
    ui_overlay_begin(ui, &dlg, "keys-help", tr(S_KEYS_HELP_TITLE), 0);
    lay_text(&dlg, "keys-help-title", FONT_TITLE, t->text, tr(S_KEYS_HELP_TITLE));
    if (s->has_header)
        lay_text(&dlg, "keys-help-screen", FONT_LARGE_BOLD, t->text, where);
    lay_text(&dlg, "keys-help-body", FONT_LARGE, t->text, tr(S_KEYS_HELP_BODY));
    lay_text(&dlg, "keys-help-keyboard", FONT_BODY, t->text, tr(S_KEYS_HELP_KEYBOARD));
    if (lay_button(&dlg, "keys-help-close", UI_BUTTON_PRIMARY, tr(S_KEYS_HELP_CLOSE), NULL,
                   LAY_CENTER))
        app->help = false;
    ui_overlay_end(ui, &dlg);
}

/* Keys the app handles itself: Escape (a keypad's back) closes what is open or goes
 * back; Backspace does too when no text field takes it; Help shows the keys' help. */
static void handle_app_key(App *app, UiKey key, bool warning)
{
    bool back = key == UI_KEY_ESCAPE || (key == UI_KEY_BACKSPACE && !ui_has_focus(app->ui));
    if (key == UI_KEY_HELP && app->screen != SCREEN_OUT_OF_ORDER) {
        app->help = !app->help;
        return;
    }
    if (!back || warning)
        return;
    if (app->help)
        app->help = false;
    else if (app->discard != DISCARD_NONE)
        app->discard = DISCARD_NONE; /* keep the answers: the safe choice */
    else if (screens[app->screen]->has_header && !ui_overlay_up(app->ui))
        app_back(app);
}

void app_frame(App *app, int width, int height)
{
    Ui *ui = app->ui;
    if (app->usage && app->today.year > 0) {
        char day[16];
        snprintf(day, sizeof day, "%04d-%02d-%02d", app->today.year % 10000,
                 app->today.month % 100, app->today.day % 100);
        usage_set_today(app->usage, day);
    }
    if (usage_flush_due(app->usage, app->now_ms) && app->now_ms > 0)
        usage_flush(app->usage, app->outbox, app->now_ms);
    /* The staff screens are not read aloud: the PIN pad's keys would say the PIN to the
     * room (masked entry is never spoken, EN 301 549 5.1.3.8). */
    if (!on_staff_screen(app))
        read_aloud_before_frame(&app->read, ui, app_language(app));
    UiKey key = ui_key(ui);
    bool covered = ui->overlay_was_up; /* a screen's own overlay (the privacy cover) */
    if (key != UI_KEY_NONE && !(covered && !app->help && app->discard == DISCARD_NONE &&
                                (key == UI_KEY_ESCAPE || key == UI_KEY_BACKSPACE)))
        handle_app_key(app, key, still_there_showing(app));
    for (int pass = 0; pass < 3; pass++) {
        bool warning = still_there_showing(app);
        ui_begin(ui, width, height);
        if (pass == 0)
            staff_watch_corner(app, ui);
        const Screen *s = screens[app->screen];
        int top = 0, bottom = height;
        if (s->has_header)
            top = draw_header(app, ui, s);
        bool bar = app->screen != SCREEN_OUT_OF_ORDER && !on_staff_screen(app);
        if (bar)
            top += screen_speech_bar(app, ui, top);
        if (bar)
            bottom = height - access_bar(app, ui, 0, false);
        Rect area = rect_make(0, top, width, bottom - top);
        int main = ui_group_begin(ui, "main", "region", NULL, area);
        ui_focus_start(ui, "main"); /* the screen may name a better place */
        s->update(app, state_of(app, app->screen), ui, area);
        ui_group_end(ui, main, area);
        /* A screen's own overlay (the concern form's privacy cover) covers the bar too. */
        if (bar && !ui_overlay_up(ui))
            access_bar(app, ui, bottom, true);
        if (bar && app->lang_picker && app->discard == DISCARD_NONE && !warning)
            draw_lang_picker(app, ui);
        if (app->discard != DISCARD_NONE && !warning)
            draw_discard(app, ui);
        else if (app->help && !warning)
            draw_keys_help(app, ui, s);
        if (warning)
            draw_still_there(app, ui);
        ui_end(ui);
        /* Widgets act on input while drawing, so the frame that handled an event shows
         * the state before it: draw again at once, as after a navigation. */
        bool navigated = apply_nav(app);
        if (!navigated && !ui_needs_another_frame(ui) && !app->theme_changed)
            break;
        if (app->theme_changed)
            break; /* the run loop rebuilds fonts, then asks for another frame */
    }
    if (on_staff_screen(app)) {
        read_aloud_stop(&app->read); /* leaving staff mode wipes, as between people */
    } else {
        read_aloud_after_frame(&app->read, ui, (int)app->screen, app_language(app));
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

