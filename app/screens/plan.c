/* plan.c: floor plan drawing (see plan.h). Shapes are rectangles in plan units (or the
 * floor's drawing, a picture covering the plan's extent); the plan keeps its aspect
 * ratio and is centred in the rectangle given. */
#include "plan.h"

#include "i18n.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct PlanView {
    double scale;
    int ox, oy, w, h;
} PlanView;

static int px_x(const PlanView *v, double x)
{
    return v->ox + (int)(x * v->scale + 0.5);
}

static int px_y(const PlanView *v, double y)
{
    return v->oy + (int)(y * v->scale + 0.5);
}

static Rect shape_rect(const PlanView *v, const PlanShape *p)
{
    return rect_make(px_x(v, p->x), px_y(v, p->y), (int)(p->w * v->scale + 0.5),
                     (int)(p->h * v->scale + 0.5));
}

static bool is_walkway(const char *kind)
{
    return strcmp(kind, "corridor") == 0 || strcmp(kind, "entrance") == 0 ||
           strcmp(kind, "outside") == 0;
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

/* The pictogram drawn in a shape of this kind, or NULL. */
static const char *shape_icon(const char *kind)
{
    if (strcmp(kind, "lift") == 0)
        return "lift";
    if (strcmp(kind, "stairs") == 0)
        return "stairs";
    if (strcmp(kind, "toilet") == 0)
        return "toilets";
    return NULL;
}

enum { MARKER_RING = 3 }; /* px of the light ring around a marker's disc */

static int marker_diameter(const Theme *t)
{
    return t->unit * 6;
}

/* The view that fits the floor's plan in r, leaving room for a marker's disc at the
 * plan's very edge. */
static PlanView plan_view(const Theme *t, const Floor *f, Rect r)
{
    Rect fit = rect_inset(r, t->unit);
    PlanView v;
    double sx = (double)fit.w / f->plan_w, sy = (double)fit.h / f->plan_h;
    v.scale = sx < sy ? sx : sy;
    if (v.scale <= 0)
        v.scale = 0.01;
    v.w = (int)(f->plan_w * v.scale);
    v.h = (int)(f->plan_h * v.scale);
    v.ox = r.x + (r.w - v.w) / 2;
    v.oy = r.y + (r.h - v.h) / 2;
    return v;
}

/* ---- room names ---- */

/* True when every word of label is at most w px wide in font. */
static bool words_fit(Ui *ui, int font, const char *label, int w)
{
    char word[256];
    const char *p = label;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (n >= sizeof word)
            return false;
        memcpy(word, p, n);
        word[n] = '\0';
        if (ui_text_width(ui, font, word) > w)
            return false;
        p += n;
    }
    return true;
}

/* How a room's name goes in: 1 on one line, 2 wrapped, 0 not at all (a number). */
static int label_fit(Ui *ui, const char *label, Rect pr)
{
    int lh = ui_line_height(ui, FONT_SMALL);
    int w = pr.w - 6;
    if (w <= 0 || lh > pr.h - 2)
        return 0;
    if (ui_text_width(ui, FONT_SMALL, label) <= w)
        return 1;
    if (words_fit(ui, FONT_SMALL, label, w) && ui_text_height(ui, FONT_SMALL, w, label) <= pr.h - 4)
        return 2;
    return 0;
}

static bool labelled(const PlanShape *p, int floor)
{
    return p->floor == floor && p->label && *p->label && strcmp(p->kind, "outline") != 0 &&
           strcmp(p->kind, "corridor") != 0;
}

void plan_key_for(Ui *ui, const Site *s, int floor, Rect r, PlanKey *key)
{
    const Floor *f = &s->floors[floor];
    key->n = 0;
    if (f->plan_w <= 0 || f->plan_h <= 0 || f->drawing)
        return;
    PlanView v = plan_view(&ui->theme, f, r);
    for (size_t i = 0; i < s->nshapes && key->n < PLAN_KEY_MAX; i++) {
        const PlanShape *p = &s->shapes[i];
        if (labelled(p, floor) && label_fit(ui, p->label, shape_rect(&v, p)) == 0)
            key->shape[key->n++] = (int)i;
    }
}

/* A number in a small disc centred at (cx, cy). */
static void number_badge(Ui *ui, int cx, int cy, int n)
{
    const Theme *t = &ui->theme;
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    int lh = ui_line_height(ui, FONT_SMALL);
    int d = ui_text_width(ui, FONT_SMALL, "00") + 4;
    if (d < lh)
        d = lh;
    ui_disc(ui, rect_make(cx - d / 2, cy - d / 2, d, d), t->plan_text);
    int tw = ui_text_width(ui, FONT_SMALL, num);
    ui_draw_words(ui, rect_make(cx - tw / 2, cy - lh / 2, tw + 1, lh), FONT_SMALL,
                  t->plan_room, UI_ALIGN_LEFT, num);
}

/* The shape the destination's door is in (not a corridor), or -1. */
static int dest_shape(const Site *s, int floor, const Waypoint *w)
{
    int best = -1;
    double best_area = 0;
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (p->floor != floor || strcmp(p->kind, "outline") == 0 || is_walkway(p->kind))
            continue;
        if (w->x < p->x || w->x > p->x + p->w || w->y < p->y || w->y > p->y + p->h)
            continue;
        double a = p->w * p->h;
        if (best < 0 || a < best_area) {
            best = (int)i;
            best_area = a;
        }
    }
    return best;
}

static void draw_shapes(Ui *ui, const Site *s, int floor, const PlanView *v, int highlight,
                        PlanKey *key)
{
    const Theme *t = &ui->theme;
    /* Fills first, then outlines, then names, so names stay readable. */
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (p->floor != floor || strcmp(p->kind, "outline") == 0)
            continue;
        Rect pr = shape_rect(v, p);
        ui_fill(ui, pr, shape_color(t, p->kind), 0);
        if (strcmp(p->kind, "corridor") != 0)
            ui_border(ui, pr, t->plan_outline, 2, 0);
    }
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (p->floor == floor && strcmp(p->kind, "outline") == 0)
            ui_border(ui, shape_rect(v, p), t->plan_outline, 4, 0);
    }
    if (highlight >= 0) {
        Rect pr = shape_rect(v, &s->shapes[highlight]);
        ui_border(ui, pr, t->end_marker, t->unit / 2 + 2, 0);
    }
    int lh = ui_line_height(ui, FONT_SMALL);
    for (size_t i = 0; i < s->nshapes; i++) {
        const PlanShape *p = &s->shapes[i];
        if (!labelled(p, floor))
            continue;
        Rect pr = shape_rect(v, p);
        const char *icon = shape_icon(p->kind);
        int fit = label_fit(ui, p->label, pr);
        int icon_side = lh * 3 / 2;
        if (fit) {
            int th = fit == 1 ? lh : ui_text_height(ui, FONT_SMALL, pr.w - 6, p->label);
            bool with_icon = icon && th + icon_side + 4 <= pr.h - 4;
            int y = pr.y + (pr.h - th - (with_icon ? icon_side + 4 : 0)) / 2;
            if (with_icon) {
                ui_image(ui, NULL, rect_make(pr.x + (pr.w - icon_side) / 2, y, icon_side,
                                             icon_side), icon, t->plan_text, NULL);
                y += icon_side + 4;
            }
            ui_draw_words(ui, rect_make(pr.x + 3, y, pr.w - 6, th), FONT_SMALL, t->plan_text,
                          UI_ALIGN_CENTER, p->label);
            continue;
        }
        if (key && key->n < PLAN_KEY_MAX)
            key->shape[key->n++] = (int)i;
        int n = key ? key->n : 0;
        int cy = pr.y + pr.h / 2;
        if (icon && pr.h >= lh * 4 && pr.w >= icon_side) {
            ui_image(ui, NULL, rect_make(pr.x + (pr.w - icon_side) / 2, cy - icon_side - 2,
                                         icon_side, icon_side), icon, t->plan_text, NULL);
            cy += lh / 2 + 2;
        }
        number_badge(ui, pr.x + pr.w / 2, cy, n);
    }
}

/* ---- the route, along the corridors ---- */

static int degree(const Site *s, int wp)
{
    int n = 0;
    for (size_t i = 0; i < s->nedges; i++)
        n += s->edges[i].from == wp || s->edges[i].to == wp;
    return n;
}

/* How much of the segment a-b lies in corridors and other walkways (0 to 1). */
static double walkway_share(const Site *s, int floor, double ax, double ay, double bx, double by)
{
    enum { SAMPLES = 12 };
    int in = 0;
    for (int k = 0; k < SAMPLES; k++) {
        double f = (k + 0.5) / SAMPLES;
        double x = ax + (bx - ax) * f, y = ay + (by - ay) * f;
        for (size_t i = 0; i < s->nshapes; i++) {
            const PlanShape *p = &s->shapes[i];
            if (p->floor == floor && is_walkway(p->kind) && x >= p->x && x <= p->x + p->w &&
                y >= p->y && y <= p->y + p->h) {
                in++;
                break;
            }
        }
    }
    return (double)in / SAMPLES;
}

/* The corner of the L from waypoint a to b when they are not in line: the one whose
 * legs run through corridors (rectangle plans), else the one that keeps the longer leg
 * on the line of the better-connected waypoint (the corridor's junction). Returns false
 * when a and b are in line (no corner). */
static bool route_corner(const Site *s, int floor, const Waypoint *a, const Waypoint *b,
                         int ai, int bi, double *cx, double *cy)
{
    double dx = fabs(a->x - b->x), dy = fabs(a->y - b->y);
    double tol = 0.5;
    if (dx <= tol || dy <= tol)
        return false;
    /* Corner 1: along x first (keeps a's y); corner 2: along y first (keeps a's x). */
    double s1 = walkway_share(s, floor, a->x, a->y, b->x, a->y) * dx +
                walkway_share(s, floor, b->x, a->y, b->x, b->y) * dy;
    double s2 = walkway_share(s, floor, a->x, a->y, a->x, b->y) * dy +
                walkway_share(s, floor, a->x, b->y, b->x, b->y) * dx;
    bool first_x;
    if (fabs(s1 - s2) > tol) {
        first_x = s1 > s2;
    } else {
        bool hub_a = degree(s, ai) >= degree(s, bi);
        /* The longer leg on the hub's line. */
        if (dx >= dy)
            first_x = hub_a;
        else
            first_x = !hub_a;
    }
    *cx = first_x ? b->x : a->x;
    *cy = first_x ? a->y : b->y;
    return true;
}

static void poly(Ui *ui, const int *xs, const int *ys, int n, Color c, int th)
{
    for (int i = 0; i + 1 < n; i++)
        ui_line(ui, xs[i], ys[i], xs[i + 1], ys[i + 1], c, th);
    for (int i = 0; i < n; i++)
        ui_disc(ui, rect_make(xs[i] - th / 2, ys[i] - th / 2, th, th), c);
}

/* The polyline in px of route edge e on this floor: 2 or 3 points. */
static int edge_points(const Site *s, int floor, const PlanView *v, const RouteEdge *e, int *xs,
                       int *ys)
{
    const Waypoint *a = &s->waypoints[e->from], *b = &s->waypoints[e->to];
    int n = 0;
    xs[n] = px_x(v, a->x);
    ys[n++] = px_y(v, a->y);
    double cx, cy;
    if (route_corner(s, floor, a, b, e->from, e->to, &cx, &cy)) {
        xs[n] = px_x(v, cx);
        ys[n++] = px_y(v, cy);
    }
    xs[n] = px_x(v, b->x);
    ys[n++] = px_y(v, b->y);
    return n;
}

/* The direction (unit, in px) the route leaves waypoint wp on this floor: first=true
 * for the start (the first edge), else the direction it arrives from at the end,
 * reversed (pointing back along the route). 0,0 when it has none here. */
static void route_dir(const Site *s, int floor, const PlanView *v, const Route *route, bool first,
                      double *ux, double *uy)
{
    *ux = *uy = 0;
    if (!route || route->nedges == 0)
        return;
    const RouteEdge *e = route_graph_edge(s->graph, route->edges[first ? 0 : route->nedges - 1]);
    const Waypoint *a = &s->waypoints[e->from], *b = &s->waypoints[e->to];
    if (a->floor != floor || b->floor != floor)
        return;
    int xs[3], ys[3];
    int n = edge_points(s, floor, v, e, xs, ys);
    double dx, dy;
    if (first) {
        dx = xs[1] - xs[0];
        dy = ys[1] - ys[0];
    } else {
        dx = xs[n - 2] - xs[n - 1];
        dy = ys[n - 2] - ys[n - 1];
    }
    double len = sqrt(dx * dx + dy * dy);
    if (len > 0) {
        *ux = dx / len;
        *uy = dy / len;
    }
}

static void draw_route(Ui *ui, const Site *s, int floor, const PlanView *v, const Route *route,
                       int step)
{
    const Theme *t = &ui->theme;
    int th = t->unit + 2;
    Color casing = t->surface;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < route->nedges; i++) {
            const RouteEdge *e = route_graph_edge(s->graph, route->edges[i]);
            if (s->waypoints[e->from].floor != floor || s->waypoints[e->to].floor != floor)
                continue;
            bool sel = step >= 0 && (size_t)step == i;
            if (sel)
                continue; /* on top, below */
            int xs[3], ys[3];
            int n = edge_points(s, floor, v, e, xs, ys);
            /* With a step chosen, the rest of the route is thinner. */
            int w = step >= 0 ? th * 2 / 3 : th;
            if (pass == 0)
                poly(ui, xs, ys, n, casing, w + 4);
            else
                poly(ui, xs, ys, n, t->route, w);
        }
    }
    if (step >= 0 && (size_t)step < route->nedges) {
        const RouteEdge *e = route_graph_edge(s->graph, route->edges[step]);
        const Waypoint *a = &s->waypoints[e->from], *b = &s->waypoints[e->to];
        int xs[3], ys[3], n = 0;
        if (a->floor == floor && b->floor == floor) {
            n = edge_points(s, floor, v, e, xs, ys);
        } else if (a->floor == floor || b->floor == floor) {
            /* A lift or stairs: ring where it is taken on this floor. */
            const Waypoint *w = a->floor == floor ? a : b;
            xs[0] = px_x(v, w->x);
            ys[0] = px_y(v, w->y);
            n = 1;
        }
        if (n > 0) {
            int w = th * 2;
            int x0 = xs[0], y0 = ys[0], x1 = xs[0], y1 = ys[0];
            for (int k = 0; k < n; k++) {
                x0 = xs[k] < x0 ? xs[k] : x0;
                y0 = ys[k] < y0 ? ys[k] : y0;
                x1 = xs[k] > x1 ? xs[k] : x1;
                y1 = ys[k] > y1 ? ys[k] : y1;
            }
            if (n == 1) {
                int d = marker_diameter(t) * 3 / 2;
                ui_disc(ui, rect_make(x0 - d / 2, y0 - d / 2, d, d), t->text);
                ui_disc(ui, rect_make(x0 - d / 2 + w / 2, y0 - d / 2 + w / 2, d - w, d - w),
                        t->route);
            } else {
                poly(ui, xs, ys, n, t->text, w + 6);
                poly(ui, xs, ys, n, t->route, w);
            }
            ui_register(ui, "map-step", "image", e->instruction,
                        rect_make(x0 - w, y0 - w, x1 - x0 + 2 * w, y1 - y0 + 2 * w), false);
        }
    }
}

/* ---- markers beside the route ---- */

static Color ink_on(Color c)
{
    int luma = (c.r * 299 + c.g * 587 + c.b * 114) / 1000;
    return luma > 140 ? color_rgb(0, 0, 0) : color_rgb(255, 255, 255);
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* A marker for point (x, y): a dot on the point, and a disc with pictogram `icon` set
 * off from it on the side away from the route (direction ux, uy is where the route
 * goes from the point), joined to the dot by a leader line, with its label beside the
 * disc. */
static void marker(Ui *ui, Rect clip, int x, int y, double ux, double uy, Color c,
                   const char *icon, const char *id, const char *label)
{
    const Theme *t = &ui->theme;
    int d = marker_diameter(t);
    double ox = -ux, oy = -uy;
    if (ox == 0 && oy == 0)
        oy = -1; /* no route here: above the point */
    int dist = d;
    int mx = x + (int)(ox * dist), my = y + (int)(oy * dist);
    /* Label beside the disc: to the side when the offset is vertical, else above. */
    int lh = ui_line_height(ui, FONT_BODY_BOLD);
    int lw = label ? ui_text_width(ui, FONT_BODY_BOLD, label) + t->unit * 2 : 0;
    int maxw = clip.w - d - t->unit * 4;
    if (lw > maxw)
        lw = maxw > 0 ? maxw : 0;
    mx = clampi(mx, clip.x + d / 2 + MARKER_RING, clip.x + clip.w - d / 2 - MARKER_RING);
    my = clampi(my, clip.y + d / 2 + MARKER_RING, clip.y + clip.h - d / 2 - MARKER_RING);
    int dot = t->unit + 4;
    ui_line(ui, x, y, mx, my, t->text, 3);
    ui_disc(ui, rect_make(x - dot / 2 - 2, y - dot / 2 - 2, dot + 4, dot + 4), t->surface);
    ui_disc(ui, rect_make(x - dot / 2, y - dot / 2, dot, dot), c);
    ui_disc(ui, rect_make(mx - d / 2 - MARKER_RING, my - d / 2 - MARKER_RING,
                          d + 2 * MARKER_RING, d + 2 * MARKER_RING), t->surface);
    ui_disc(ui, rect_make(mx - d / 2, my - d / 2, d, d), c);
    int side = d * 2 / 3;
    ui_image(ui, NULL, rect_make(mx - side / 2, my - side / 2, side, side), icon, ink_on(c), NULL);
    if (!label || lw <= 0)
        return;
    /* A name too long for two lines beside a marker: the marker says what it is, and
     * the name is in the screen's words. */
    if (ui_text_height(ui, FONT_BODY_BOLD, lw - 2 * t->unit, label) > 2 * lh) {
        label = tr(S_MAP_DESTINATION);
        lw = ui_text_width(ui, FONT_BODY_BOLD, label) + t->unit * 2;
        if (lw > maxw)
            lw = maxw;
    }
    Rect box;
    int bh = ui_text_height(ui, FONT_BODY_BOLD, lw - 2 * t->unit, label) + t->unit;
    if (fabs(oy) >= fabs(ox)) {
        /* Offset up or down: the label to the end side of the disc (or the start side
         * when it does not fit), level with it. */
        int bx = mx + d / 2 + t->unit;
        if (bx + lw > clip.x + clip.w)
            bx = mx - d / 2 - t->unit - lw;
        box = rect_make(bx, my - bh / 2, lw, bh);
    } else {
        /* Offset sideways: the label above the disc (below when no room). */
        int by = my - d / 2 - bh - t->unit / 2;
        if (by < clip.y)
            by = my + d / 2 + t->unit / 2;
        box = rect_make(mx - lw / 2, by, lw, bh);
    }
    box.x = clampi(box.x, clip.x, clip.x + clip.w - box.w);
    box.y = clampi(box.y, clip.y, clip.y + clip.h - box.h);
    ui_fill(ui, box, c, t->radius / 2);
    ui_border(ui, box, t->surface, 2, t->radius / 2);
    ui_text(ui, id, rect_make(box.x + t->unit, box.y + t->unit / 2, box.w - 2 * t->unit,
                              bh - t->unit), FONT_BODY_BOLD, ink_on(c), UI_ALIGN_LEFT, label);
}

void plan_draw(Ui *ui, const Site *s, int floor, Rect r, const PlanRoute *pr, PlanKey *key)
{
    const Theme *t = &ui->theme;
    const Floor *f = &s->floors[floor];
    char name[320];
    PlanKey own;
    if (!key)
        key = &own;
    key->n = 0;
    i18n_format(name, sizeof name, S_DEST_PLAN_FLOOR, tr(S_DEST_PLAN), f->name, NULL);
    ui_register(ui, "map", "image", name, r, false);
    if (f->plan_w <= 0 || f->plan_h <= 0) {
        ui_text(ui, "plan-none", rect_inset(r, t->unit * 2), FONT_BODY, t->text_muted,
                UI_ALIGN_CENTER, tr(S_DEST_PLAN));
        return;
    }
    ui_push_clip(ui, r);
    ui_fill(ui, r, t->bg, 0);
    ui_border(ui, r, t->border, 2, 0);
    PlanView v = plan_view(t, f, r);
    char id[96];
    snprintf(id, sizeof id, "plan-%s", f->id);
    ui_register(ui, id, "image", f->name, rect_make(v.ox, v.oy, v.w, v.h), false);
    const Waypoint *kw = &s->waypoints[pr->kiosk_wp], *dw = &s->waypoints[pr->dest_wp];
    int hl = dw->floor == floor && !f->drawing ? dest_shape(s, floor, dw) : -1;
    if (f->drawing) {
        ui_fill(ui, rect_make(v.ox, v.oy, v.w, v.h), color_rgb(255, 255, 255), 0);
        ui_picture(ui, rect_make(v.ox, v.oy, v.w, v.h), f->drawing, f->drawing_len);
    } else {
        draw_shapes(ui, s, floor, &v, hl, key);
    }
    if (pr->route)
        draw_route(ui, s, floor, &v, pr->route, pr->step);
    if (dw->floor == floor) {
        double ux, uy;
        route_dir(s, floor, &v, pr->route, false, &ux, &uy);
        marker(ui, r, px_x(&v, dw->x), px_y(&v, dw->y), ux, uy, t->end_marker, "destination",
               "map-destination", pr->dest_name);
    }
    if (kw->floor == floor) {
        double ux, uy;
        route_dir(s, floor, &v, pr->route, true, &ux, &uy);
        marker(ui, r, px_x(&v, kw->x), px_y(&v, kw->y), ux, uy, t->start_marker, "you-are-here",
               "map-you-are-here", tr(S_DEST_YOU_ARE_HERE));
    }
    ui_pop_clip(ui);
}

/* ---- the key and the legend ---- */

typedef struct LegendItem {
    const char *icon;  /* pictogram, or NULL for the route's line or a number */
    Color ink, disc;   /* disc.a == 0: no disc behind the pictogram */
    bool round;        /* a round disc (markers), else a square (plan shapes) */
    int number;        /* > 0: a numbered room */
    const char *words;
} LegendItem;

enum { LEGEND_MAX = PLAN_KEY_MAX + 8 };

static int legend_items(Ui *ui, const Site *s, const PlanKey *key, LegendItem *it)
{
    const Theme *t = &ui->theme;
    int n = 0;
    Color none = {0, 0, 0, 0};
    if (key) {
        for (int i = 0; i < key->n && n < LEGEND_MAX; i++)
            it[n++] = (LegendItem){NULL, t->plan_text, none, false, i + 1,
                                   s->shapes[key->shape[i]].label};
        return n;
    }
    it[n++] = (LegendItem){"you-are-here", ink_on(t->start_marker), t->start_marker, true, 0,
                           tr(S_DEST_YOU_ARE_HERE)};
    it[n++] = (LegendItem){"destination", ink_on(t->end_marker), t->end_marker, true, 0,
                           tr(S_MAP_DESTINATION)};
    it[n++] = (LegendItem){NULL, t->route, none, false, 0, tr(S_MAP_ROUTE)};
    it[n++] = (LegendItem){"lift", t->plan_text, t->plan_lift, false, 0, tr(S_MAP_LIFT)};
    it[n++] = (LegendItem){"stairs", t->plan_text, t->plan_lift, false, 0, tr(S_MAP_STAIRS)};
    it[n++] = (LegendItem){"toilets", t->plan_text, t->plan_room, false, 0, tr(S_MAP_TOILETS)};
    return n;
}

/* Lays the items out in rows (draw at r when draw), returning the height: symbols side
 * by side, wrapping; numbered rooms one a line. */
static int legend_flow(Ui *ui, const Site *s, const PlanKey *key, Rect r, bool draw)
{
    const Theme *t = &ui->theme;
    LegendItem it[LEGEND_MAX];
    int n = legend_items(ui, s, key, it);
    int lh = ui_line_height(ui, FONT_BODY);
    int icon = lh + t->unit;
    int gap = t->space[SPACE_M];
    int x = 0, y = 0, row_h = icon;
    for (int i = 0; i < n; i++) {
        int avail = r.w - icon - t->unit;
        int tw = ui_text_width(ui, FONT_BODY, it[i].words);
        if (tw > avail)
            tw = avail;
        int th = ui_text_height(ui, FONT_BODY, tw > 0 ? tw : 1, it[i].words);
        int w = icon + t->unit + tw;
        int h = th > icon ? th : icon;
        if (x > 0 && (x + w > r.w || it[i].number > 0)) { /* numbered rooms: one a line */
            x = 0;
            y += row_h + t->unit;
            row_h = icon;
        }
        if (h > row_h)
            row_h = h;
        if (draw) {
            int ix = ui->rtl ? r.x + r.w - x - icon : r.x + x;
            int tx = ui->rtl ? ix - t->unit - tw : ix + icon + t->unit;
            Rect ir = rect_make(ix, r.y + y, icon, icon);
            if (it[i].number > 0) {
                number_badge(ui, ir.x + icon / 2, ir.y + icon / 2, it[i].number);
            } else if (!it[i].icon) {
                ui_line(ui, ir.x + 2, ir.y + icon / 2, ir.x + icon - 2, ir.y + icon / 2,
                        it[i].ink, t->unit + 2);
            } else {
                if (it[i].disc.a)
                    ui_fill(ui, ir, it[i].disc, it[i].round ? icon / 2 : 2);
                int side = icon * 3 / 4;
                ui_image(ui, NULL, rect_make(ir.x + (icon - side) / 2, ir.y + (icon - side) / 2,
                                             side, side), it[i].icon, it[i].ink, NULL);
            }
            char id[32];
            if (it[i].number > 0)
                snprintf(id, sizeof id, "map-key-%d", it[i].number);
            else
                snprintf(id, sizeof id, "map-legend-%d", i + 1);
            int ty = th < icon ? r.y + y + (icon - th) / 2 : r.y + y;
            ui_text(ui, id, rect_make(tx, ty, tw, th), FONT_BODY, t->text, UI_ALIGN_LEFT,
                    it[i].words);
        }
        x += w + gap;
    }
    return y + row_h;
}

int plan_legend_height(Ui *ui, const Site *s, const PlanKey *key, int w)
{
    return legend_flow(ui, s, key, rect_make(0, 0, w, 0), false);
}

void plan_legend(Ui *ui, const Site *s, const PlanKey *key, Rect r)
{
    legend_flow(ui, s, key, r, true);
}
