/* plan.c: floor plan drawing (see plan.h). Shapes are rectangles in plan units; the
 * plan keeps its aspect ratio and is centred in the rectangle given. */
#include "plan.h"

#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct PlanView {
    double scale;
    int ox, oy;
} PlanView;

static int px_x(const PlanView *v, double x)
{
    return v->ox + (int)(x * v->scale + 0.5);
}

static int px_y(const PlanView *v, double y)
{
    return v->oy + (int)(y * v->scale + 0.5);
}

static Color shape_color(const Theme *t, const char *kind)
{
    if (strcmp(kind, "corridor") == 0 || strcmp(kind, "entrance") == 0)
        return t->plan_corridor;
    if (strcmp(kind, "lift") == 0 || strcmp(kind, "stairs") == 0)
        return t->plan_lift;
    if (strcmp(kind, "outside") == 0)
        return t->bg;
    return t->plan_room;
}

enum { MARKER_RING = 3 }; /* px of the light ring around a marker's disc */

static int marker_diameter(const Theme *t)
{
    return t->unit * 5;
}

/* A marker with an optional label; the label goes above the disc, or below it when
 * `below` (so it does not hide the route leaving upwards). */
static void marker(Ui *ui, int x, int y, Color c, const char *id, const char *label, bool below)
{
    const Theme *t = &ui->theme;
    int d = marker_diameter(t);
    ui_disc(ui, rect_make(x - d / 2 - MARKER_RING, y - d / 2 - MARKER_RING, d + 2 * MARKER_RING,
                          d + 2 * MARKER_RING),
            t->surface);
    ui_disc(ui, rect_make(x - d / 2, y - d / 2, d, d), c);
    if (!label)
        return;
    int w = ui_text_width(ui, FONT_BODY_BOLD, label) + t->unit * 2;
    int lh = ui_line_height(ui, FONT_BODY_BOLD);
    Rect box = rect_make(x - w / 2, below ? y + d / 2 + t->unit : y - d / 2 - lh - t->unit * 2,
                         w, lh + t->unit);
    Rect clip = ui_current_clip(ui);
    if (box.x < clip.x)
        box.x = clip.x;
    if (box.x + box.w > clip.x + clip.w)
        box.x = clip.x + clip.w - box.w;
    if (box.y < clip.y)
        box.y = y + d / 2 + t->unit;
    if (box.y + box.h > clip.y + clip.h)
        box.y = y - d / 2 - lh - t->unit * 2;
    ui_fill(ui, box, c, t->radius / 2);
    /* Black or white, whichever reads better on the marker's colour. */
    int luma = (c.r * 299 + c.g * 587 + c.b * 114) / 1000;
    Color ink = luma > 140 ? color_rgb(0, 0, 0) : color_rgb(255, 255, 255);
    /* Exactly the text's width, so it fits whichever side it is aligned to. */
    ui_text(ui, id, rect_make(box.x + t->unit, box.y + t->unit / 2, w - 2 * t->unit, lh),
            FONT_BODY_BOLD, ink, UI_ALIGN_LEFT, label);
}

void plan_draw(Ui *ui, const Site *s, int floor, Rect r, const Route *route, int kiosk_wp,
               int dest_wp)
{
    const Theme *t = &ui->theme;
    const Floor *f = &s->floors[floor];
    char id[96];
    if (f->plan_w <= 0 || f->plan_h <= 0) {
        ui_text(ui, "plan-none", rect_inset(r, t->unit * 2), FONT_BODY, t->text_muted,
                UI_ALIGN_CENTER, tr(S_DEST_PLAN));
        return;
    }
    /* Scaled to leave room for a marker's disc at the plan's very edge. */
    Rect fit = rect_inset(r, marker_diameter(t) / 2 + MARKER_RING);
    PlanView v;
    double sx = (double)fit.w / f->plan_w, sy = (double)fit.h / f->plan_h;
    v.scale = sx < sy ? sx : sy;
    int w = (int)(f->plan_w * v.scale), h = (int)(f->plan_h * v.scale);
    v.ox = r.x + (r.w - w) / 2;
    v.oy = r.y + (r.h - h) / 2;
    snprintf(id, sizeof id, "plan-%s", f->id);
    ui_register(ui, id, "image", f->name, rect_make(v.ox, v.oy, w, h), false);
    ui_push_clip(ui, r);
    /* Shapes: fills first, then outlines, then labels, so labels stay readable. */
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (p->floor != floor || strcmp(p->kind, "outline") == 0)
            continue;
        Rect pr = rect_make(px_x(&v, p->x), px_y(&v, p->y), (int)(p->w * v.scale + 0.5),
                            (int)(p->h * v.scale + 0.5));
        ui_fill(ui, pr, shape_color(t, p->kind), 0);
        if (strcmp(p->kind, "corridor") != 0)
            ui_border(ui, pr, t->plan_outline, 2, 0);
    }
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (p->floor != floor || strcmp(p->kind, "outline") != 0)
            continue;
        Rect pr = rect_make(px_x(&v, p->x), px_y(&v, p->y), (int)(p->w * v.scale + 0.5),
                            (int)(p->h * v.scale + 0.5));
        ui_border(ui, pr, t->plan_outline, 4, 0);
    }
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        /* The outline's label is the building's name, already in the plan's title. */
        if (p->floor != floor || !p->label || !*p->label || strcmp(p->kind, "outline") == 0)
            continue;
        Rect pr = rect_make(px_x(&v, p->x), px_y(&v, p->y), (int)(p->w * v.scale + 0.5),
                            (int)(p->h * v.scale + 0.5));
        int tw = ui_text_width(ui, FONT_SMALL, p->label);
        int lh = ui_line_height(ui, FONT_SMALL);
        if (tw <= pr.w - 4 && lh <= pr.h) {
            ui_draw_words(ui, rect_make(pr.x + (pr.w - tw) / 2, pr.y + (pr.h - lh) / 2, tw + 1, lh),
                          FONT_SMALL, t->plan_text, UI_ALIGN_LEFT, p->label);
        }
    }
    /* The route's part on this floor. */
    if (route) {
        int th = t->unit + 2;
        for (size_t i = 0; i < route->nedges; i++) {
            const RouteEdge *e = route_graph_edge(s->graph, route->edges[i]);
            const Waypoint *a = &s->waypoints[e->from], *b = &s->waypoints[e->to];
            if (a->floor != floor || b->floor != floor)
                continue;
            ui_line(ui, px_x(&v, a->x), px_y(&v, a->y), px_x(&v, b->x), px_y(&v, b->y),
                    t->route, th);
            ui_disc(ui, rect_make(px_x(&v, b->x) - th / 2, px_y(&v, b->y) - th / 2, th, th),
                    t->route);
        }
    }
    const Waypoint *kw = &s->waypoints[kiosk_wp], *dw = &s->waypoints[dest_wp];
    /* Which way the route leaves the kiosk decides where its label goes. */
    bool label_below = false;
    if (route && route->nedges > 0) {
        const RouteEdge *first = route_graph_edge(s->graph, route->edges[0]);
        label_below = s->waypoints[first->to].y < kw->y;
    }
    if (dw->floor == floor)
        marker(ui, px_x(&v, dw->x), px_y(&v, dw->y), t->end_marker, "plan-destination", NULL,
               false);
    if (kw->floor == floor)
        marker(ui, px_x(&v, kw->x), px_y(&v, kw->y), t->start_marker, "plan-you-are-here",
               tr(S_DEST_YOU_ARE_HERE), label_below);
    ui_pop_clip(ui);
}
