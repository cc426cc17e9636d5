/* screen_destination.c: one destination: where it is, step-by-step directions from this
 * kiosk (with a step-free switch; tapping a step shows its part of the route on the
 * map), what it is, opening hours, access notes and phone, the map (plan.c: a tab for
 * each floor the route visits, its legend under it, the numbered rooms' key beside it),
 * and a QR code that hands the directions (or the place's web page) to a phone.
 *
 * Landscape: two columns, the words scrolling at the start side, the map covering over
 * 40 % of the screen at the end side with the QR code below it (that column scrolls to
 * it). Portrait: the words and the QR code scroll at the top, the map stays below them;
 * when the screen is too short for that, everything scrolls in one column. */
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
    int step;                 /* the step tapped (0 = "Start at this screen"), -1 none */
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
    ds->step = -1;
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

/* A numbered step: the number in a disc at the start side, then the instruction; the
 * whole step is a touch area (id step-N) that shows its part of the route on the map. */
static void step_line(DestState *ds, Lay *l, const char *id, int number, const char *text)
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
    int pad = t->space[SPACE_XS], gap = t->space[SPACE_M];
    int w = lay_width(l);
    int tw = w - d - gap - 2 * pad;
    int th = ui_text_height(ui, FONT_LARGE, tw, text);
    int h = (th > d ? th : d) + 2 * pad;
    if (h < t->min_target)
        h = t->min_target;
    Rect r = lay_next(l, h);
    bool selected = ds->step == number - 1;
    if (ui_press_area(ui, id, r, text, selected))
        ds->step = selected ? -1 : number - 1;
    int dx = ui->rtl ? r.x + r.w - pad - d : r.x + pad;
    int tx = ui->rtl ? r.x + pad : r.x + pad + d + gap;
    ui_disc(ui, rect_make(dx, r.y + pad, d, d), t->primary);
    int nw = ui_text_width(ui, FONT_BODY_BOLD, num), nh = ui_line_height(ui, FONT_BODY_BOLD);
    ui_draw_words(ui, rect_make(dx + (d - nw) / 2, r.y + pad + (d - nh) / 2, nw + 1, nh),
                  FONT_BODY_BOLD, t->primary_text, UI_ALIGN_LEFT, num);
    ui_draw_words(ui, rect_make(tx, r.y + pad, tw, th), FONT_LARGE, t->text, UI_ALIGN_LEFT,
                  text);
}

/* "Directions from here": the step-free switch, the summary and the numbered steps. */
static void route_words(App *app, DestState *ds, Lay *l)
{
    const Directions *dir = &ds->dir;
    const Site *s = app->site;
    const Theme *t = &l->ui->theme;
    char buf[640], id[32];
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
    step_line(ds, l, "step-1", 1, buf);
    for (size_t i = 0; i < dir->nsteps; i++) {
        snprintf(id, sizeof id, "step-%zu", i + 2);
        step_line(ds, l, id, (int)i + 2, dir->steps[i].text);
    }
    i18n_format(buf, sizeof buf, S_DEST_ARRIVE,
                screen_text(app, TR_DESTINATION, TR_NAME, ds->dest,
                            s->destinations[ds->dest].name, NULL), NULL, NULL);
    snprintf(id, sizeof id, "step-%zu", dir->nsteps + 2);
    step_line(ds, l, id, (int)dir->nsteps + 2, buf);
}

/* "Directions from here": the summary and the numbered steps (each shows its part of
 * the route on the map when tapped), then the step-free switch. In the narrow column
 * beside the map the heading is a size smaller, so the first steps stay in view. */
static void directions_block(App *app, DestState *ds, Lay *l)
{
    const Theme *t = &l->ui->theme;
    lay_text(l, "directions-heading", lay_width(l) < 720 ? FONT_LARGE_BOLD : FONT_TITLE, t->text,
             tr(S_DEST_DIRECTIONS));
    route_words(app, ds, l);
    if (lay_switch(l, "step-free", tr(S_DEST_STEP_FREE), &ds->step_free))
        dest_compute(app, ds);
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

/* Height of the map's heading in a column w wide: the floor tabs, or the title. */
static int plan_heading_height(App *app, Ui *ui, int w, const FloorTabs *ft)
{
    char title[320];
    if (ft->n > 1)
        return screen_tab_row_height(ui, w, ft->n, ft->wordp);
    return ui_text_height(ui, FONT_BODY_BOLD, w,
                          plan_title(app, ft->floors[0], title, sizeof title));
}

/* The smallest map that stays readable: six lines of the markers' words, so it grows
 * with the text size. */
static int plan_min_height(Ui *ui)
{
    return ui_line_height(ui, FONT_BODY_BOLD) * 6;
}

/* The step's floor and route edge (index into the route's edges, -1 for the first and
 * last steps, which walk nothing). */
static int step_floor(const App *app, const DestState *ds, int step, int *edge)
{
    const Directions *dir = &ds->dir;
    const Site *s = app->site;
    *edge = -1;
    if (step <= 0 || dir->status != DIRECTIONS_OK)
        return s->waypoints[s->kiosks[app->kiosk].waypoint].floor;
    if ((size_t)step > dir->nsteps)
        return s->destinations[ds->dest].floor;
    *edge = step - 1;
    return dir->steps[step - 1].floor;
}

/* The floor shown: the tab chosen; a step tapped chooses the tab of its floor. */
static int shown_floor(const App *app, DestState *ds, const FloorTabs *ft, int *edge)
{
    *edge = -1;
    if (ds->plan_floor >= ft->n)
        ds->plan_floor = 0;
    if (ds->step >= 0) {
        int f = step_floor(app, ds, ds->step, edge);
        for (int i = 0; i < ft->n; i++)
            if (ft->floors[i] == f)
                ds->plan_floor = i;
    }
    return ft->floors[ds->plan_floor];
}

/* The map: the floor tabs (or its title), then the map map_h px high. */
static void map_block(App *app, DestState *ds, Lay *l, int map_h)
{
    Ui *ui = l->ui;
    const Theme *t = &ui->theme;
    const Directions *dir = &ds->dir;
    const Site *s = app->site;
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    int edge;
    shown_floor(app, ds, &ft, &edge);
    if (ft.n > 1) {
        int tapped = screen_tab_row(l, ft.n, ft.idp, ft.wordp, ds->plan_floor);
        if (tapped >= 0 && tapped != ds->plan_floor) {
            ds->plan_floor = tapped;
            ds->step = -1; /* the tab chosen wins over the step */
        }
    } else {
        char title[320];
        lay_text(l, "plan-title", FONT_BODY_BOLD, t->text,
                 plan_title(app, ft.floors[0], title, sizeof title));
    }
    int floor = shown_floor(app, ds, &ft, &edge);
    const Destination *d = &s->destinations[ds->dest];
    PlanRoute pr = {dir->status == DIRECTIONS_OK ? &dir->route : NULL,
                    s->kiosks[app->kiosk].waypoint, d->waypoint,
                    screen_text(app, TR_DESTINATION, TR_NAME, ds->dest, d->name, NULL), edge};
    plan_draw(ui, s, floor, lay_next(l, map_h), &pr, NULL);
    plan_legend(ui, s, NULL, lay_next(l, plan_legend_height(ui, s, NULL, lay_width(l))));
}

/* Height of the map's heading and legend around the map, in a column w wide. */
static int map_frame_height(App *app, DestState *ds, Ui *ui, int w, int gap)
{
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    return plan_heading_height(app, ui, w, &ft) + gap + gap +
           plan_legend_height(ui, app->site, NULL, w);
}

/* The numbered rooms of the floor shown when its map is map_w by map_h px. */
static void map_key(App *app, DestState *ds, Ui *ui, int map_w, int map_h, PlanKey *key)
{
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    int edge;
    int floor = shown_floor(app, ds, &ft, &edge);
    plan_key_for(ui, app->site, floor, rect_make(0, 0, map_w, map_h), key);
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

/* The QR part: the tabs when there are parts, then the panel with the code shown. */
static void qr_part(App *app, DestState *ds, Lay *l)
{
    char caption[256];
    qr_fit(app, ds, l->ui, lay_width(l)); /* nothing to do unless the width or route changed */
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

/* The name and where it is, the directions (what most people came for), the map's key,
 * the QR code, then what the place is, its hours, access notes and phone. */
static void info_words(App *app, DestState *ds, Lay *l, const PlanKey *key, bool with_qr)
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
    /* In the narrow words column beside the map, the name a size smaller. */
    ui_set_text_lang(l->ui, screen_lang_en(fb_name));
    lay_text(l, "dest-name", lay_width(l) < 720 ? FONT_TITLE : FONT_HUGE, t->text, name);
    ui_set_text_lang(l->ui, NULL);
    screen_floor_words(app, d->floor, floor, sizeof floor);
    snprintf(line, sizeof line, "%s \xc2\xb7 %s", type, floor);
    lay_text(l, "dest-where", FONT_LARGE, t->text_muted, line);
    if (fb_name || fb_about || fb_access || fb_type)
        screen_fallback_note(l);
    lay_space(l, SPACE_L);
    int step = ds->step;
    directions_block(app, ds, l);
    if (ds->step != step)
        ui_request_frame(l->ui); /* the map shows the step's floor and part next frame */
    if (key->n > 0) {
        /* The rooms numbered on the map, beside it. */
        lay_space(l, SPACE_M);
        lay_text(l, "map-key-heading", FONT_BODY_BOLD, t->text, tr(S_MAP_KEY));
        plan_legend(l->ui, s, key,
                    lay_next(l, plan_legend_height(l->ui, s, key, lay_width(l))));
    }
    lay_space(l, SPACE_L);
    if (with_qr) {
        qr_part(app, ds, l);
        lay_space(l, SPACE_L);
    }
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

/* ---- the two shapes ---- */

/* Landscape: the words at the start side, the map with its legend filling the
 * screen's height at the end side, wide enough for the map to cover MAP_SHARE of the
 * screen where the words keep at least a quarter of the width. */
enum { MAP_SHARE_PERCENT = 41 };

static void dest_landscape(App *app, DestState *ds, Lay *page)
{
    Ui *ui = page->ui;
    int h = lay_remaining(page);
    int gap = ui->theme.space[SPACE_XL];
    int avail = lay_width(page) - gap;
    /* Larger text needs wider words: the map then takes a little over half. */
    bool large = ui->theme.text_scale > 1.2;
    int map_w = large ? avail * 11 / 20 : avail * 7 / 10;
    int map_h = h - map_frame_height(app, ds, ui, map_w, ui->theme.space[SPACE_S]);
    if (map_h > 0 && !large) {
        long need = (long)ui->width * ui->height * MAP_SHARE_PERCENT / 100 / map_h + 1;
        if (need > map_w)
            map_w = need < avail * 3 / 4 ? (int)need : avail * 3 / 4;
        map_h = h - map_frame_height(app, ds, ui, map_w, ui->theme.space[SPACE_S]);
    }
    if (map_h < plan_min_height(ui))
        map_h = plan_min_height(ui);
    LayLen lens[2] = {LAY_FR(1), LAY_PX(map_w)};
    Lay row, cell, col;
    lay_row(page, &row, 2, lens, SPACE_XL);
    map_w = row.cell_w[1];
    PlanKey key;
    map_key(app, ds, ui, map_w, map_h, &key);
    lay_cell(&row, &cell, 0, SPACE_NONE);
    lay_scroll(&cell, &col, "dest-info", h, SPACE_NONE, SPACE_M);
    info_words(app, ds, &col, &key, false);
    lay_scroll_end(&cell, &col);
    lay_cell_end(&row, &cell);
    lay_cell(&row, &cell, 1, SPACE_NONE);
    lay_scroll(&cell, &col, "dest-side", h, SPACE_NONE, SPACE_S);
    map_block(app, ds, &col, map_h);
    /* The code below the map, at the column's full width (a narrow column holds only
     * small codes): the column scrolls to it. */
    lay_space(&col, SPACE_L);
    qr_part(app, ds, &col);
    lay_scroll_end(&cell, &col);
    lay_cell_end(&row, &cell);
    lay_row_end(page, &row);
}

/* Portrait: the words scroll at the top, the map takes the lower part (about half);
 * when the screen is too short for that, everything scrolls in one column. */
static void dest_portrait(App *app, DestState *ds, Lay *page)
{
    Ui *ui = page->ui;
    int w = lay_width(page);
    int room = lay_remaining(page);
    int head = map_frame_height(app, ds, ui, w, page->gap);
    int map_h = room / 2 - head / 2;
    /* No taller than the tallest plan offered needs at this width: the rest goes to
     * the words. */
    FloorTabs ft;
    floor_tabs(app, ds, &ft);
    int need = 0;
    for (int i = 0; i < ft.n; i++) {
        const Floor *f = &app->site->floors[ft.floors[i]];
        if (f->plan_w > 0) {
            int fh = (int)((long)(w - 2 * ui->theme.unit) * f->plan_h / f->plan_w) +
                     2 * ui->theme.unit;
            need = fh > need ? fh : need;
        }
    }
    if (need > 0 && map_h > need)
        map_h = need;
    if (map_h < plan_min_height(ui))
        map_h = plan_min_height(ui);
    int words_h = room - head - map_h - page->gap;
    PlanKey key;
    Lay scroll;
    if (words_h >= room / 4) {
        map_key(app, ds, ui, w, map_h, &key);
        lay_scroll(page, &scroll, "dest-info", words_h, SPACE_NONE, SPACE_M);
        info_words(app, ds, &scroll, &key, true);
        lay_scroll_end(page, &scroll);
        map_block(app, ds, page, map_h);
        return;
    }
    /* Too short to keep the map in view: one column that scrolls, the map a screenful. */
    map_h = room - head;
    map_key(app, ds, ui, w, map_h, &key);
    lay_scroll(page, &scroll, "dest-info", 0, SPACE_NONE, SPACE_M);
    info_words(app, ds, &scroll, &key, true);
    lay_space(&scroll, SPACE_L);
    map_block(app, ds, &scroll, map_h);
    lay_scroll_end(page, &scroll);
}

static void dest_update(App *app, void *st, Ui *ui, Rect area)
{
    DestState *ds = st;
    Lay page;
    /* A smaller margin than other screens: the map takes the room. */
    lay_column(&page, ui, area, SPACE_M, SPACE_M, NULL, NULL);
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
