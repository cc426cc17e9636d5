/* screen_destination.c: one destination: where it is, opening hours, access notes,
 * step-by-step directions from this kiosk (with a step-free switch), the floor plan
 * with the route drawn, and a QR code that hands the directions (or the place's web
 * page) to a phone. */
#include "screens.h"
#include "screen_legacy.h"
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
    QrMatrix qr;
    int plan_floor;           /* index into dir.floors shown on the plan */
} DestState;

static DestState *DS(const App *app)
{
    return screen_state((App *)app, SCREEN_DESTINATION);
}

enum { DEST_QR_TEXT = 640 };

/* Works out the route and the QR code for the current choice of step-free. */
static void dest_compute(App *app)
{
    DestState *ds = DS(app);
    directions_release(&ds->dir);
    int from = app->site->kiosks[app->kiosk].waypoint;
    if (directions_find(app->site, from, ds->dest, ds->step_free, &ds->dir) != 0)
        log_warn("directions to %s failed: %s", app->site->destinations[ds->dest].id, err_msg());
    /* At most DEST_QR_TEXT bytes keeps the code at version 15 or below: 4 px modules
     * then fit the panel, and phones read it from arm's length. */
    char text[DEST_QR_TEXT];
    directions_qr_text(app->site, app->kiosk, ds->dest, &ds->dir, text, sizeof text);
    if (qr_encode(text, &ds->qr) != 0)
        log_warn("QR for %s: %s", app->site->destinations[ds->dest].id, err_msg());
    ds->plan_floor = 0;
}

static void dest_enter(App *app, void *st_, int arg)
{
    (void)st_;
    DestState *ds = DS(app);
    ds->dest = arg;
    ds->step_free = false;
    dest_compute(app);
    ui_scroll_to(app->ui, "dest-info", 0);
}

static void dest_leave(App *app, void *st_)
{
    (void)st_;
    (void)app;
}

/* Numbered step: a disc with the number, then the instruction. Returns height. */
static int step_line(Ui *ui, const char *id, Rect r, int number, const char *text)
{
    const Theme *t = &ui->theme;
    int u = t->unit;
    int lh = ui_line_height(ui, FONT_LARGE);
    int d = lh;
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    Rect disc = rect_make(r.x, r.y, d, d);
    ui_disc(ui, disc, t->primary);
    int nw = ui_text_width(ui, FONT_BODY_BOLD, num);
    int nh = ui_line_height(ui, FONT_BODY_BOLD);
    Rect nr = rect_make(disc.x + (d - nw) / 2, disc.y + (d - nh) / 2, nw + 1, nh);
    size_t before = ui->nelements;
    ui_text(ui, "n", nr, FONT_BODY_BOLD, t->primary_text, UI_ALIGN_LEFT, num);
    ui->nelements = before;
    int h = ui_text(ui, id, rect_make(r.x + d + u * 2, r.y, r.w - d - u * 2, r.h), FONT_LARGE,
                    t->text, UI_ALIGN_LEFT, text);
    return (h > d ? h : d) + u * 2;
}

static int directions_block(App *app, Ui *ui, Rect r)
{
    DestState *ds = DS(app);
    const Directions *dir = &ds->dir;
    const Theme *t = &ui->theme;
    int u = t->unit, y = r.y;
    char buf[640], id[32];
    y += ui_text(ui, "directions-heading", rect_make(r.x, y, r.w, r.h), FONT_TITLE, t->text,
                 UI_ALIGN_LEFT, tr(S_DEST_DIRECTIONS)) + u * 2;
    Rect sw = rect_make(r.x, y, r.w, ui_switch_height(ui, r.w, tr(S_DEST_STEP_FREE)));
    if (ui_switch(ui, "step-free", sw, tr(S_DEST_STEP_FREE), &ds->step_free))
        dest_compute(app);
    y += sw.h + u * 3;
    if (dir->status == DIRECTIONS_NO_ROUTE || dir->status == DIRECTIONS_NO_STEP_FREE) {
        StrId why = dir->status == DIRECTIONS_NO_ROUTE ? S_DEST_NO_ROUTE : S_DEST_NO_STEP_FREE;
        int h = ui_text_height(ui, FONT_LARGE_BOLD, r.w - u * 4, tr(why));
        ui_fill(ui, rect_make(r.x, y, r.w, h + u * 4), t->notice_bg, t->radius);
        ui_text(ui, "route-notice", rect_make(r.x + u * 2, y + u * 2, r.w - u * 4, h),
                FONT_LARGE_BOLD, t->notice_text, UI_ALIGN_LEFT, tr(why));
        return y + h + u * 6 - r.y;
    }
    if (dir->status == DIRECTIONS_HERE) {
        y += ui_text(ui, "route-summary", rect_make(r.x, y, r.w, r.h), FONT_LARGE_BOLD, t->text,
                     UI_ALIGN_LEFT, tr(S_DEST_ROUTE_SUMMARY_SHORT)) + u * 2;
        return y - r.y;
    }
    char metres[32], minutes[32];
    snprintf(metres, sizeof metres, "%.0f", dir->length_m);
    snprintf(minutes, sizeof minutes, "%d", dir->minutes);
    i18n_format(buf, sizeof buf, S_DEST_ROUTE_SUMMARY, metres, minutes, NULL);
    y += ui_text(ui, "route-summary", rect_make(r.x, y, r.w, r.h), FONT_LARGE_BOLD, t->text,
                 UI_ALIGN_LEFT, buf) + u;
    if (dir->uses_lift || dir->uses_stairs) {
        buf[0] = '\0';
        if (dir->uses_lift)
            snprintf(buf, sizeof buf, "%s", tr(S_DEST_ROUTE_LIFT));
        if (dir->uses_stairs)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? " " : "",
                     tr(S_DEST_ROUTE_STAIRS));
        y += ui_text(ui, "route-means", rect_make(r.x, y, r.w, r.h), FONT_BODY, t->text_muted,
                     UI_ALIGN_LEFT, buf) + u;
    }
    y += u * 2;
    const Site *s = app->site;
    i18n_format(buf, sizeof buf, S_DEST_START, s->kiosks[app->kiosk].name, NULL, NULL);
    y += step_line(ui, "step-1", rect_make(r.x, y, r.w, r.h), 1, buf);
    for (size_t i = 0; i < dir->nsteps; i++) {
        snprintf(id, sizeof id, "step-%zu", i + 2);
        y += step_line(ui, id, rect_make(r.x, y, r.w, r.h), (int)i + 2, dir->steps[i].text);
    }
    i18n_format(buf, sizeof buf, S_DEST_ARRIVE, s->destinations[ds->dest].name, NULL, NULL);
    snprintf(id, sizeof id, "step-%zu", dir->nsteps + 2);
    y += step_line(ui, id, rect_make(r.x, y, r.w, r.h), (int)dir->nsteps + 2, buf);
    return y - r.y;
}

/* Everything about the place, then the directions, in one scrolling column. */
static void info_column(App *app, Ui *ui, Rect view)
{
    const Site *s = app->site;
    const Destination *d = &s->destinations[DS(app)->dest];
    const Theme *t = &ui->theme;
    int u = t->unit;
    char buf[1024];
    int y0 = ui_scroll_begin(ui, "dest-info", view);
    Rect r = rect_make(view.x + u * 2, y0 + u * 2, view.w - u * 6, view.h);
    int y = r.y;
    y += ui_text(ui, "dest-name", rect_make(r.x, y, r.w, r.h), FONT_HUGE, t->text,
                 UI_ALIGN_LEFT, d->name);
    screen_floor_words(app, d->floor, buf, sizeof buf);
    char line[1200];
    snprintf(line, sizeof line, "%s \xc2\xb7 %s", s->types[d->type].label, buf);
    y += ui_text(ui, "dest-where", rect_make(r.x, y, r.w, r.h), FONT_LARGE, t->text_muted,
                 UI_ALIGN_LEFT, line) + u * 3;
    /* Directions first: that is what most people came for. */
    y += directions_block(app, ui, rect_make(r.x, y, r.w, r.h)) + u * 2;
    if (d->summary && *d->summary)
        y += legacy_section(ui, "dest-summary", rect_make(r.x, y, r.w, r.h), tr(S_DEST_ABOUT),
                            d->summary);
    if (d->nspans || d->always_open)
        hours_format(d->spans, d->nspans, d->always_open, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%s", tr(S_DEST_HOURS_UNKNOWN));
    y += legacy_section(ui, "dest-hours", rect_make(r.x, y, r.w, r.h), tr(S_DEST_HOURS), buf);
    if (d->accessibility && *d->accessibility)
        y += legacy_section(ui, "dest-access", rect_make(r.x, y, r.w, r.h), tr(S_DEST_ACCESS),
                            d->accessibility);
    if (d->phone && *d->phone)
        y += legacy_section(ui, "dest-phone", rect_make(r.x, y, r.w, r.h), tr(S_DEST_PHONE),
                            d->phone);
    ui_scroll_end(ui, y - y0 + u * 4);
}

/* The floor plan, with tabs for each floor the route passes through. */
static void plan_panel(App *app, Ui *ui, Rect r)
{
    DestState *ds = DS(app);
    const Theme *t = &ui->theme;
    int u = t->unit;
    const Directions *dir = &ds->dir;
    ui_fill(ui, r, t->surface, t->radius);
    Rect in = rect_inset(r, u * 2);
    int tab_h = t->min_target;
    int nfl = (int)dir->nfloors;
    int dest_floor = app->site->destinations[ds->dest].floor;
    /* The floors to offer: those the route visits, else the destination's own. */
    int floors[8], n = 0;
    for (int i = 0; i < nfl; i++)
        floors[n++] = dir->floors[i];
    if (dir->status != DIRECTIONS_OK && dir->status != DIRECTIONS_HERE)
        n = 0;
    if (n == 0)
        floors[n++] = dest_floor;
    if (ds->plan_floor >= n)
        ds->plan_floor = 0;
    int y = in.y;
    if (n > 1) {
        int tw = (in.w - (n - 1) * u) / n;
        for (int i = 0; i < n; i++) {
            char label[256];
            screen_floor_words(app, floors[i], label, sizeof label);
            int th = ui_tab_height(ui, tw, label);
            if (th > tab_h)
                tab_h = th;
        }
        for (int i = 0; i < n; i++) {
            char id[96], label[256];
            const Floor *f = &app->site->floors[floors[i]];
            snprintf(id, sizeof id, "plan-floor-%s", f->id);
            screen_floor_words(app, floors[i], label, sizeof label);
            if (ui_tab(ui, id, rect_make(in.x + i * (tw + u), y, tw, tab_h), label,
                       ds->plan_floor == i))
                ds->plan_floor = i;
        }
        y += tab_h + u * 2;
    } else {
        char label[256], title[320];
        screen_floor_words(app, floors[0], label, sizeof label);
        i18n_format(title, sizeof title, S_DEST_PLAN_FLOOR, tr(S_DEST_PLAN), label, NULL);
        y += ui_text(ui, "plan-title", rect_make(in.x, y, in.w, tab_h), FONT_BODY_BOLD, t->text,
                     UI_ALIGN_LEFT, title) + u;
    }
    Rect plan = rect_make(in.x, y, in.w, in.y + in.h - y);
    int kiosk_wp = app->site->kiosks[app->kiosk].waypoint;
    bool show_route = dir->status == DIRECTIONS_OK;
    plan_draw(ui, app->site, floors[ds->plan_floor], plan, show_route ? &dir->route : NULL,
              kiosk_wp, app->site->destinations[ds->dest].waypoint);
}

static void qr_panel(App *app, Ui *ui, Rect r)
{
    const Destination *d = &app->site->destinations[DS(app)->dest];
    legacy_qr_panel(ui, r, "dest-qr", &DS(app)->qr,
                    tr(d->web && *d->web ? S_DEST_QR_CAPTION_WEB : S_DEST_QR_CAPTION));
}

static void dest_update(App *app, void *st_, Ui *ui, Rect area)
{
    (void)st_;
    const Theme *t = &ui->theme;
    int u = t->unit;
    area = rect_make(area.x + u * 2, area.y + u * 2, area.w - u * 4, area.h - u * 4);
    /* QR: whole modules of at least 4 px with the quiet zone, and at least 60 mm across
     * so a phone held at arm's length can read it. */
    int qh = legacy_qr_panel_height(ui, &DS(app)->qr);
    if (area.w > area.h) {
        int left_w = area.w * 11 / 20;
        info_column(app, ui, rect_make(area.x, area.y, left_w, area.h));
        Rect right = rect_make(area.x + left_w + u * 3, area.y, area.w - left_w - u * 3, area.h);
        plan_panel(app, ui, rect_make(right.x, right.y, right.w, right.h - qh - u * 2));
        qr_panel(app, ui, rect_make(right.x, right.y + right.h - qh, right.w, qh));
    } else {
        int bottom_h = area.h * 11 / 20;
        info_column(app, ui, rect_make(area.x, area.y, area.w, area.h - bottom_h - u * 2));
        Rect b = rect_make(area.x, area.y + area.h - bottom_h, area.w, bottom_h);
        plan_panel(app, ui, rect_make(b.x, b.y, b.w, b.h - qh - u * 2));
        qr_panel(app, ui, rect_make(b.x, b.y + b.h - qh, b.w, qh));
    }
}

static void dest_forget(App *app, void *st)
{
    (void)app;
    DestState *ds = st;
    directions_release(&ds->dir);
    qr_release(&ds->qr);
}

const Screen screen_destination = {
    .state_size = sizeof(DestState),
    .forget = dest_forget,
    .name = "destination",
    .has_header = true,
    .title = S_FIND_TITLE,
    .enter = dest_enter,
    .leave = dest_leave,
    .update = dest_update,
};
