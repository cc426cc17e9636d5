/* screen_destination.c: one destination: where it is, step-by-step directions from this
 * kiosk (with a step-free switch), what it is, opening hours, access notes and phone,
 * the floor plan with the route drawn (a tab for each floor the route visits), and a
 * QR code that hands the directions (or the place's web page) to a phone.
 *
 * Landscape: two columns, the words scrolling at the start side, the plan and the QR
 * code at the end side (scrolling too when larger text leaves the plan too little
 * room). Portrait: the words scroll at the top, the plan and the QR code stay below
 * them; when the screen is too short for that, everything scrolls in one column. */
#include "screens.h"
#include "directions.h"

#include "hours.h"
#include "log.h"
#include "plan.h"

#include <stdio.h>
#include <string.h>

typedef struct DestState {
    int dest;                 /* index into site->destinations */
    bool step_free;
    Directions dir;
    QrMatrix qr;              /* the code shown: part qr_part of codes */
    DirectionsQr codes;       /* the route's code texts, fitted to the panel */
    int qr_part;              /* index into codes.text */
    int qr_version;           /* the largest version the panel holds; 0 = fit again */
    int plan_floor;           /* index into the floors offered on the plan */
} DestState;

/* The usual code: version 15 (77 modules, 340 px at 4 px a module, beside its words in
 * the panel) holds 409 bytes. A route that needs more is said in shorter words first,
 * then in a larger code where the panel holds one at 4 px a module, then in two or more
 * codes (see directions_qr_fit). */
enum { DEST_QR_VERSION = 15, DEST_MAX_FLOORS = 8 };

/* Works out the route and the QR code for the current choice of step-free. */
static void dest_compute(App *app, DestState *ds)
{
    directions_release(&ds->dir);
    int from = app->site->kiosks[app->kiosk].waypoint;
    if (directions_find(app->site, from, ds->dest, ds->step_free, &ds->dir) != 0)
        log_warn("directions to %s failed: %s", app->site->destinations[ds->dest].id, err_msg());
    qr_release(&ds->qr);
    ds->codes.nparts = 0;
    ds->qr_version = 0; /* the codes are made when the panel's width is known */
    ds->plan_floor = 0;
}

static void dest_enter(App *app, void *st, int arg)
{
    DestState *ds = st;
    ds->dest = arg;
    ds->step_free = false;
    dest_compute(app, ds);
    ui_scroll_to(app->ui, "dest-info", 0);
    ui_scroll_to(app->ui, "dest-side", 0);
}

/* ---- the words: name, directions, about ---- */

/* A numbered step: the number in a disc at the start side, then the instruction. */
static void step_line(Lay *l, const char *id, int number, const char *text)
{
    Ui *ui = l->ui;
    const Theme *t = &ui->theme;
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    /* The disc fits two digits and a line of the number's font, with a little air. */
    int d = ui_text_width(ui, FONT_BODY_BOLD, "00");
    if (d < ui_line_height(ui, FONT_BODY_BOLD))
        d = ui_line_height(ui, FONT_BODY_BOLD);
    d += 2 * t->space[SPACE_XS];
    LayLen lens[2] = {LAY_PX(d), LAY_FR(1)};
    Lay row, cell, disc;
    lay_row(l, &row, 2, lens, SPACE_M);
    lay_cell(&row, &cell, 0, SPACE_NONE);
    LayPanelStyle style = {t->primary, t->primary, 0, t->primary, 0, d / 2};
    lay_panel(&cell, &disc, &style, SPACE_XS, SPACE_NONE, NULL);
    lay_text_align(&disc, NULL, FONT_BODY_BOLD, t->primary_text, UI_ALIGN_CENTER, num);
    lay_panel_end(&cell, &disc);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 1, SPACE_NONE);
    lay_text(&cell, id, FONT_LARGE, t->text, text);
    lay_cell_end(&row, &cell);
    lay_row_end(l, &row);
}

/* "Directions from here": the step-free switch, the summary and the numbered steps. */
static void directions_block(App *app, DestState *ds, Lay *l)
{
    const Directions *dir = &ds->dir;
    const Site *s = app->site;
    const Theme *t = &l->ui->theme;
    char buf[640], id[32];
    lay_text(l, "directions-heading", FONT_TITLE, t->text, tr(S_DEST_DIRECTIONS));
    if (lay_switch(l, "step-free", tr(S_DEST_STEP_FREE), &ds->step_free))
        dest_compute(app, ds);
    if (dir->status == DIRECTIONS_NO_ROUTE || dir->status == DIRECTIONS_NO_STEP_FREE) {
        screen_notice(l, "route-notice",
                      tr(dir->status == DIRECTIONS_NO_ROUTE ? S_DEST_NO_ROUTE
                                                            : S_DEST_NO_STEP_FREE));
        return;
    }
    if (dir->status == DIRECTIONS_HERE) {
        lay_text(l, "route-summary", FONT_LARGE_BOLD, t->text, tr(S_DEST_ROUTE_SUMMARY_SHORT));
        return;
    }
    char metres[32], minutes[32];
    snprintf(metres, sizeof metres, "%.0f", dir->length_m);
    snprintf(minutes, sizeof minutes, "%d", dir->minutes);
    i18n_format(buf, sizeof buf, S_DEST_ROUTE_SUMMARY, metres, minutes, NULL);
    lay_text(l, "route-summary", FONT_LARGE_BOLD, t->text, buf);
    if (dir->uses_lift || dir->uses_stairs) {
        snprintf(buf, sizeof buf, "%s%s%s", dir->uses_lift ? tr(S_DEST_ROUTE_LIFT) : "",
                 dir->uses_lift && dir->uses_stairs ? " " : "",
                 dir->uses_stairs ? tr(S_DEST_ROUTE_STAIRS) : "");
        lay_text(l, "route-means", FONT_BODY, t->text_muted, buf);
    }
    lay_space(l, SPACE_S);
    i18n_format(buf, sizeof buf, S_DEST_START, s->kiosks[app->kiosk].name, NULL, NULL);
    step_line(l, "step-1", 1, buf);
    for (size_t i = 0; i < dir->nsteps; i++) {
        snprintf(id, sizeof id, "step-%zu", i + 2);
        step_line(l, id, (int)i + 2, dir->steps[i].text);
    }
    i18n_format(buf, sizeof buf, S_DEST_ARRIVE,
                screen_text(app, TR_DESTINATION, TR_NAME, ds->dest,
                            s->destinations[ds->dest].name, NULL), NULL, NULL);
    snprintf(id, sizeof id, "step-%zu", dir->nsteps + 2);
    step_line(l, id, (int)dir->nsteps + 2, buf);
}

/* The name and where it is, the directions (what most people came for), then what
 * the place is, its hours, access notes and phone. */
static void info_words(App *app, DestState *ds, Lay *l)
{
    const Site *s = app->site;
    const Destination *d = &s->destinations[ds->dest];
    const Theme *t = &l->ui->theme;
    char floor[512], line[1200];
    /* The person's language where the content has it, English marked where not. */
    bool fb_name = false, fb_about = false, fb_access = false, fb_type = false;
    const char *name = screen_text(app, TR_DESTINATION, TR_NAME, ds->dest, d->name, &fb_name);
    const char *about = screen_text(app, TR_DESTINATION, TR_SUMMARY, ds->dest, d->summary,
                                    &fb_about);
    const char *access = screen_text(app, TR_DESTINATION, TR_ACCESSIBILITY, ds->dest,
                                     d->accessibility, &fb_access);
    const char *type = screen_text(app, TR_DEST_TYPE, TR_NAME, d->type, s->types[d->type].label,
                                   &fb_type);
    ui_set_text_lang(l->ui, screen_lang_en(fb_name));
    lay_text(l, "dest-name", FONT_HUGE, t->text, name);
    ui_set_text_lang(l->ui, NULL);
    screen_floor_words(app, d->floor, floor, sizeof floor);
    snprintf(line, sizeof line, "%s \xc2\xb7 %s", type, floor);
    lay_text(l, "dest-where", FONT_LARGE, t->text_muted, line);
    if (fb_name || fb_about || fb_access || fb_type)
        screen_fallback_note(l);
    lay_space(l, SPACE_L);
    directions_block(app, ds, l);
    lay_space(l, SPACE_L);
    if (about && *about)
        lay_section_lang(l, "dest-summary", tr(S_DEST_ABOUT), about, screen_lang_en(fb_about));
    if (d->nspans || d->always_open)
        hours_format(d->spans, d->nspans, d->always_open, line, sizeof line);
    else
        snprintf(line, sizeof line, "%s", tr(S_DEST_HOURS_UNKNOWN));
    lay_section(l, "dest-hours", tr(S_DEST_HOURS), line);
    if (access && *access)
        lay_section_lang(l, "dest-access", tr(S_DEST_ACCESS), access,
                         screen_lang_en(fb_access));
    if (d->phone && *d->phone)
        lay_section(l, "dest-phone", tr(S_DEST_PHONE), d->phone);
}

/* ---- the plan and the QR code ---- */

/* The floors offered on the plan (those the route visits, else the destination's own),
 * with their tabs' ids and words. */
typedef struct FloorTabs {
    int n;
    int floors[DEST_MAX_FLOORS];
    char ids[DEST_MAX_FLOORS][96], words[DEST_MAX_FLOORS][320];
    const char *idp[DEST_MAX_FLOORS], *wordp[DEST_MAX_FLOORS];
} FloorTabs;

/* A tab's words are the floor's name alone when every floor offered is in one building
 * (the place's building is said above), else with the building's name. */
static void floor_tabs(const App *app, const DestState *ds, FloorTabs *ft)
{
    const Directions *dir = &ds->dir;
    const Floor *fl = app->site->floors;
    ft->n = 0;
    if (dir->status == DIRECTIONS_OK || dir->status == DIRECTIONS_HERE)
        for (size_t i = 0; i < dir->nfloors && ft->n < DEST_MAX_FLOORS; i++)
            ft->floors[ft->n++] = dir->floors[i];
    if (ft->n == 0)
        ft->floors[ft->n++] = app->site->destinations[ds->dest].floor;
    bool one_building = true;
    for (int k = 1; k < ft->n; k++)
        one_building &= fl[ft->floors[k]].building == fl[ft->floors[0]].building;
    for (int i = 0; i < ft->n; i++) {
        const Floor *f = &fl[ft->floors[i]];
        snprintf(ft->ids[i], sizeof ft->ids[i], "plan-floor-%s", f->id);
        if (one_building)
            snprintf(ft->words[i], sizeof ft->words[i], "%s", f->name);
        else
            screen_floor_words(app, ft->floors[i], ft->words[i], sizeof ft->words[i]);
        ft->idp[i] = ft->ids[i];
        ft->wordp[i] = ft->words[i];
    }
}

/* The plan's title when there are no tabs: "Floor plan, Main Building, Ground floor". */
static const char *plan_title(const App *app, int floor, char *buf, size_t cap)
{
    char where[256];
    screen_floor_words(app, floor, where, sizeof where);
    return i18n_format(buf, cap, S_DEST_PLAN_FLOOR, tr(S_DEST_PLAN), where, NULL);
}

/* Height of the plan card's heading in a card w wide: the floor tabs, or the title. */
static int plan_heading_height(App *app, Ui *ui, int w, const FloorTabs *ft)
{
    char title[320];
    if (ft->n > 1)
        return screen_tab_row_height(ui, w, ft->n, ft->wordp);
    return ui_text_height(ui, FONT_BODY_BOLD, w,
                          plan_title(app, ft->floors[0], title, sizeof title));
}

/* The smallest plan that stays readable: five lines of the markers' words, so it grows
 * with the text size. */
static int plan_min_height(Ui *ui)
{
    return ui_line_height(ui, FONT_BODY_BOLD) * 5;
}

/* Height the plan card takes around a plan of plan_h px, in a column w wide. */
static int plan_card_height(App *app, DestState *ds, Ui *ui, int w, int plan_h)
{
    const Theme *t = &ui->theme;
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    int pad = t->space[SPACE_M];
    return 2 * pad + plan_heading_height(app, ui, w - 2 * pad, &ft) + t->space[SPACE_M] +
           plan_h;
}

/* The floor plan in a card, with tabs for each floor the route passes through. */
static void plan_card(App *app, DestState *ds, Lay *l, int plan_h)
{
    Ui *ui = l->ui;
    const Theme *t = &ui->theme;
    const Directions *dir = &ds->dir;
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    if (ds->plan_floor >= ft.n)
        ds->plan_floor = 0;
    LayPanelStyle style = lay_style_card(ui);
    Lay card;
    lay_panel(l, &card, &style, SPACE_M, SPACE_M, "dest-plan");
    if (ft.n > 1) {
        int tapped = screen_tab_row(&card, ft.n, ft.idp, ft.wordp, ds->plan_floor);
        if (tapped >= 0)
            ds->plan_floor = tapped;
    } else {
        char title[320];
        lay_text(&card, "plan-title", FONT_BODY_BOLD, t->text,
                 plan_title(app, ft.floors[0], title, sizeof title));
    }
    int kiosk_wp = app->site->kiosks[app->kiosk].waypoint;
    plan_draw(ui, app->site, ft.floors[ds->plan_floor], lay_next(&card, plan_h),
              dir->status == DIRECTIONS_OK ? &dir->route : NULL, kiosk_wp,
              app->site->destinations[ds->dest].waypoint);
    lay_panel_end(l, &card);
}

/* ---- the QR codes ---- */

/* Shows code `part` of ds->codes. */
static void qr_show_part(App *app, DestState *ds, int part)
{
    ds->qr_part = part;
    if (ds->codes.nparts == 0 || qr_encode(ds->codes.text[part], &ds->qr) != 0)
        log_warn("QR for %s: %s", app->site->destinations[ds->dest].id, err_msg());
}

/* Makes the route's codes for a QR panel in a column w px wide, when that width holds
 * a different largest code than the one they were made for: the usual size with the
 * fullest wording that fits, else the largest code that keeps 4 px modules, else two
 * or more codes of that size. */
static void qr_fit(App *app, DestState *ds, Ui *ui, int w)
{
    int most = screen_qr_max_version(ui, w);
    if (most == ds->qr_version)
        return;
    ds->qr_version = most;
    const Site *s = app->site;
    if (directions_qr_fit(s, app->kiosk, ds->dest, &ds->dir, DEST_QR_VERSION, most,
                          &ds->codes) != 0)
        log_warn("QR for %s: %s", s->destinations[ds->dest].id, err_msg());
    qr_show_part(app, ds, 0);
}

static const char *qr_caption(const App *app, const DestState *ds, char *buf, size_t cap)
{
    const Destination *d = &app->site->destinations[ds->dest];
    if (ds->codes.nparts > 2) {
        char n[16];
        snprintf(n, sizeof n, "%d", ds->codes.nparts);
        return i18n_format(buf, cap, S_DEST_QR_CAPTION_PARTS_MANY, n, NULL, NULL);
    }
    if (ds->codes.nparts == 2)
        return tr(S_DEST_QR_CAPTION_PARTS);
    return tr(d->web && *d->web ? S_DEST_QR_CAPTION_WEB : S_DEST_QR_CAPTION);
}

/* The printed slip: the place, where it is, the route in full (the same words as the
 * screen), the hours and phone, and the same QR code(s) as the screen. */
static void dest_slip(App *app, void *st, Slip *slip)
{
    DestState *ds = st;
    const Site *s = app->site;
    const Destination *d = &s->destinations[ds->dest];
    const Directions *dir = &ds->dir;
    char buf[1200], floor[512];
    slip_add(slip, SLIP_TITLE, screen_text(app, TR_DESTINATION, TR_NAME, ds->dest, d->name, NULL));
    screen_floor_words(app, d->floor, floor, sizeof floor);
    snprintf(buf, sizeof buf, "%s \xc2\xb7 %s",
             screen_text(app, TR_DEST_TYPE, TR_NAME, d->type, s->types[d->type].label, NULL),
             floor);
    slip_add(slip, SLIP_TEXT, buf);
    slip_add(slip, SLIP_RULE, NULL);
    slip_add(slip, SLIP_HEADING, tr(S_DEST_DIRECTIONS));
    if (dir->status == DIRECTIONS_NO_ROUTE || dir->status == DIRECTIONS_NO_STEP_FREE) {
        slip_add(slip, SLIP_TEXT,
                 tr(dir->status == DIRECTIONS_NO_ROUTE ? S_DEST_NO_ROUTE : S_DEST_NO_STEP_FREE));
    } else if (dir->status == DIRECTIONS_HERE) {
        slip_add(slip, SLIP_TEXT, tr(S_DEST_ROUTE_SUMMARY_SHORT));
    } else {
        char metres[32], minutes[32];
        snprintf(metres, sizeof metres, "%.0f", dir->length_m);
        snprintf(minutes, sizeof minutes, "%d", dir->minutes);
        i18n_format(buf, sizeof buf, S_DEST_ROUTE_SUMMARY, metres, minutes, NULL);
        if (ds->step_free) {
            size_t o = strlen(buf);
            snprintf(buf + o, sizeof buf - o, "\n%s", tr(S_DEST_STEP_FREE));
        }
        slip_add(slip, SLIP_TEXT, buf);
        i18n_format(buf, sizeof buf, S_DEST_START, s->kiosks[app->kiosk].name, NULL, NULL);
        slip_add_step(slip, 1, buf);
        for (size_t i = 0; i < dir->nsteps; i++)
            slip_add_step(slip, (int)i + 2, dir->steps[i].text);
        i18n_format(buf, sizeof buf, S_DEST_ARRIVE,
                    screen_text(app, TR_DESTINATION, TR_NAME, ds->dest, d->name, NULL), NULL,
                    NULL);
        slip_add_step(slip, (int)dir->nsteps + 2, buf);
    }
    if (d->nspans || d->always_open) {
        hours_format(d->spans, d->nspans, d->always_open, buf, sizeof buf);
        slip_add(slip, SLIP_HEADING, tr(S_DEST_HOURS));
        slip_add(slip, SLIP_TEXT, buf);
    }
    if (d->phone && *d->phone) {
        slip_add(slip, SLIP_HEADING, tr(S_DEST_PHONE));
        slip_add(slip, SLIP_TEXT, d->phone);
    }
    for (int i = 0; i < ds->codes.nparts; i++)
        slip_add(slip, SLIP_QR, ds->codes.text[i]);
    if (ds->codes.nparts == 0 && ds->qr.payload)
        slip_add(slip, SLIP_QR, ds->qr.payload);
    slip_add(slip, SLIP_TEXT, qr_caption(app, ds, buf, sizeof buf));
}

/* The "1 of 2", "2 of 2" tabs above the code when the route needs more than one. */
typedef struct QrTabs {
    char ids[DIRECTIONS_QR_MAX_PARTS][32], words[DIRECTIONS_QR_MAX_PARTS][32];
    const char *idp[DIRECTIONS_QR_MAX_PARTS], *wordp[DIRECTIONS_QR_MAX_PARTS];
} QrTabs;

static void qr_tabs(const DestState *ds, QrTabs *qt)
{
    char of[16];
    snprintf(of, sizeof of, "%d", ds->codes.nparts);
    for (int i = 0; i < ds->codes.nparts; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", i + 1);
        snprintf(qt->ids[i], sizeof qt->ids[i], "dest-qr-part-%d", i + 1);
        i18n_format(qt->words[i], sizeof qt->words[i], S_DEST_QR_PART, n, of, NULL);
        qt->idp[i] = qt->ids[i];
        qt->wordp[i] = qt->words[i];
    }
}

/* Height of the QR part (the tabs when there are parts, and the panel) in a column w
 * px wide. */
static int qr_height(App *app, DestState *ds, Ui *ui, int w, int gap)
{
    char caption[256];
    int h = screen_qr_panel_height(ui, w, &ds->qr, qr_caption(app, ds, caption, sizeof caption));
    if (ds->codes.nparts > 1) {
        QrTabs qt;
        qr_tabs(ds, &qt);
        h += screen_tab_row_height(ui, w, ds->codes.nparts, qt.wordp) + gap;
    }
    return h + screen_print_button_height(app, ui, w, gap);
}

/* The QR part: the tabs when there are parts, then the panel with the code shown. */
static void qr_part(App *app, DestState *ds, Lay *l)
{
    char caption[256];
    if (!ds->qr_version) /* the step-free switch changed the route this frame */
        qr_fit(app, ds, l->ui, lay_width(l));
    if (ds->codes.nparts > 1) {
        QrTabs qt;
        qr_tabs(ds, &qt);
        int tapped = screen_tab_row(l, ds->codes.nparts, qt.idp, qt.wordp, ds->qr_part);
        if (tapped >= 0 && tapped != ds->qr_part)
            qr_show_part(app, ds, tapped);
    }
    screen_qr_panel(l, "dest-qr", &ds->qr, qr_caption(app, ds, caption, sizeof caption));
    screen_print_button(app, l, ds, dest_slip);
}

/* The plan card and the QR panel in column l, the plan taking what the QR panel
 * leaves of `room` px, but never less than stays readable. */
static void plan_and_qr(App *app, DestState *ds, Lay *l, int room)
{
    Ui *ui = l->ui;
    int w = lay_width(l);
    qr_fit(app, ds, ui, w);
    int qr_h = qr_height(app, ds, ui, w, l->gap);
    int plan_h = room - qr_h - l->gap - plan_card_height(app, ds, ui, w, 0);
    if (plan_h < plan_min_height(ui))
        plan_h = plan_min_height(ui);
    plan_card(app, ds, l, plan_h);
    qr_part(app, ds, l);
}

/* ---- the two shapes ---- */

static void dest_landscape(App *app, DestState *ds, Lay *page)
{
    ScreenColumns cols;
    info_words(app, ds, screen_columns_begin(&cols, page, "dest-info", SPACE_M));
    plan_and_qr(app, ds, screen_columns_next(&cols, "dest-side", SPACE_M), cols.h);
    screen_columns_end(&cols, page);
}

static void dest_portrait(App *app, DestState *ds, Lay *page)
{
    Ui *ui = page->ui;
    int w = lay_width(page);
    int room = lay_remaining(page);
    /* The plan takes about a quarter of the screen; the words keep at least a quarter
     * too (a third left the plan and the code no room on a 1080x1920 screen once the
     * bottom bar gained its Read aloud row). */
    int plan_h = room / 4;
    if (plan_h < plan_min_height(ui))
        plan_h = plan_min_height(ui);
    qr_fit(app, ds, ui, w);
    int below = plan_card_height(app, ds, ui, w, plan_h) + page->gap +
                qr_height(app, ds, ui, w, page->gap);
    Lay scroll;
    int words_h = room - below - page->gap;
    if (words_h >= plan_h && words_h >= room / 4) {
        lay_scroll(page, &scroll, "dest-info", words_h, SPACE_NONE, SPACE_M);
        info_words(app, ds, &scroll);
        lay_scroll_end(page, &scroll);
        plan_card(app, ds, page, plan_h);
        qr_part(app, ds, page);
        return;
    }
    /* Too short to keep the plan in view: one column that scrolls. */
    lay_scroll(page, &scroll, "dest-info", 0, SPACE_NONE, SPACE_M);
    info_words(app, ds, &scroll);
    lay_space(&scroll, SPACE_L);
    plan_and_qr(app, ds, &scroll, room); /* plan and code fill one screenful */
    lay_scroll_end(page, &scroll);
}

static void dest_update(App *app, void *st, Ui *ui, Rect area)
{
    DestState *ds = st;
    Lay page;
    lay_column(&page, ui, area, SPACE_XL, SPACE_L, NULL, NULL);
    if (area.w > area.h)
        dest_landscape(app, ds, &page);
    else
        dest_portrait(app, ds, &page);
    lay_end(&page);
}

static void dest_forget(App *app, void *st)
{
    (void)app;
    DestState *ds = st;
    directions_release(&ds->dir);
    qr_release(&ds->qr);
    memset(ds, 0, sizeof *ds);
}

const Screen screen_destination = {
    .name = "destination",
    .has_header = true,
    .title = S_FIND_TITLE,
    .state_size = sizeof(DestState),
    .enter = dest_enter,
    .update = dest_update,
    .forget = dest_forget,
};
